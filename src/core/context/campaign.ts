import { URL_MAX_LENGTH, type CampaignContext } from '../../protocol/context';
import { clip } from './clip';
import type { Redactor } from './redaction/redactor';

/** Campaign parameters worth keeping: UTM tags and the ad networks' click ids. */
export const CAMPAIGN_PARAMS = [
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'utm_content',
  'utm_id',
  'gclid',
  'gbraid',
  'wbraid',
  'dclid',
  'fbclid',
  'msclkid',
  'ttclid',
  'twclid',
  'li_fat_id',
  'yclid',
];

/** The campaign a landing URL carries, or null when it carries none. */
export function readCampaign(href: string, referrer: string, redact: Redactor, now: number): CampaignContext | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  const params: Record<string, string> = {};
  for (const name of CAMPAIGN_PARAMS) {
    const value = url.searchParams.get(name);
    if (value) params[name] = clip(redact.text(value), 200);
  }
  if (!Object.keys(params).length) return null;
  return {
    params,
    landingPath: clip(redact.path(href), URL_MAX_LENGTH),
    referrer: referrer ? clip(redact.url(referrer), URL_MAX_LENGTH) : '',
    at: now,
  };
}
