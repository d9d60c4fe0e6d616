/**
 * What Twilio (and an unmodified Flex desktop) sees of the visitor's ContextSnapshot:
 * - `preEngagementData`: shaped like Flex webchat's `pre_engagement_data`, so Flex shows the
 *   visitor's name, e-mail and current page with no plugin;
 * - `taskAttributesFor`: a summary for the Flex task, JSON within 4,096 characters;
 * - `conversationAttributes`: the whole snapshot, JSON within Twilio's 16 KB attribute limit.
 * Pass a snapshot whose `identity.verified` is the server's verdict (see session.ts): unverified
 * names and e-mails are passed on, flagged.
 */
import { byteLength, type ContextSnapshot } from '../../protocol/context';

export const TASK_ATTRIBUTES_MAX_CHARS = 4096;
export const CONVERSATION_ATTRIBUTES_MAX_BYTES = 16 * 1024;
const UNVERIFIED = ' (unverified)';

export interface PreEngagementData {
  friendlyName: string;
  email?: string;
  /** The current page URL. */
  location: string;
  question?: string;
  /** Baton's verdict, per field, so a plugin or Studio flow can tell verified from claimed. */
  identityVerified: { id: boolean; name: boolean; email: boolean };
}

const cut = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

/** Flex webchat's `pre_engagement_data`; an unverified name is suffixed " (unverified)". */
export function preEngagementData(snapshot: ContextSnapshot, question?: string): PreEngagementData {
  const identity = snapshot.identity;
  const verified = { id: identity?.verified.id === true, name: identity?.verified.name === true, email: identity?.verified.email === true };
  const name = identity?.name?.trim();
  const friendlyName = name ? cut(name, 200) + (verified.name ? '' : UNVERIFIED) : identity?.id ? `Visitor ${cut(identity.id, 100)}` : 'Website visitor';
  const out: PreEngagementData = { friendlyName, location: cut(snapshot.page.url, 1000), identityVerified: verified };
  if (identity?.email) out.email = cut(identity.email, 320);
  if (question !== undefined && question.trim() !== '') out.question = cut(question.trim(), 1000);
  return out;
}

type Summary = Record<string, unknown> & { journey: unknown[]; signals: unknown[] };

/** Steps that shrink the summary, tried in order until it fits; the last always fits. */
function summaryOf(snapshot: ContextSnapshot): Summary {
  const identity = snapshot.identity;
  return {
    baton: 1,
    at: snapshot.at,
    pre_engagement_data: preEngagementData(snapshot),
    page: { url: cut(snapshot.page.url, 1000), title: cut(snapshot.page.title, 200), referrer: cut(snapshot.page.referrer, 500), timeOnPageMs: snapshot.page.timeOnPageMs },
    identity: identity
      ? { id: identity.id ? cut(identity.id, 200) : undefined, name: identity.name ? cut(identity.name, 200) : undefined, email: identity.email ? cut(identity.email, 320) : undefined, phone: identity.phone ? cut(identity.phone, 40) : undefined, verified: identity.verified }
      : null,
    campaign: snapshot.campaign ? { params: snapshot.campaign.params, landingPath: cut(snapshot.campaign.landingPath, 300) } : null,
    device: { viewport: snapshot.device.viewport, touch: snapshot.device.touch, language: snapshot.device.language, timeZone: snapshot.device.timeZone, webView: snapshot.device.webView },
    location: snapshot.location,
    custom: snapshot.custom,
    signals: snapshot.signals.map((s) => ({ type: s.type, detail: cut(s.detail, 200), path: cut(s.path, 200), count: s.count })),
    journey: snapshot.journey.map((j) => ({ path: cut(j.path, 200), title: cut(j.title, 100), at: j.at, dwellMs: j.dwellMs })),
    journeyTrimmed: snapshot.trimmed,
  };
}

/**
 * The Flex task attributes: a context summary (JSON string) of at most 4,096 characters. To fit,
 * the oldest journey entries go first, then the oldest signals, then custom fields and campaign.
 */
export function taskAttributesFor(snapshot: ContextSnapshot): string {
  const max = TASK_ATTRIBUTES_MAX_CHARS;
  const summary = summaryOf(snapshot);
  let json = JSON.stringify(summary);
  while (json.length > max && summary.journey.length > 0) {
    summary.journey.shift();
    summary.journeyTrimmed = (summary.journeyTrimmed as number) + 1;
    json = JSON.stringify(summary);
  }
  while (json.length > max && summary.signals.length > 0) {
    summary.signals.shift();
    json = JSON.stringify(summary);
  }
  for (const key of ['custom', 'campaign', 'location', 'identity'] as const) {
    if (json.length <= max) break;
    summary[key] = null;
    json = JSON.stringify(summary);
  }
  if (json.length > max) {
    // Only absurdly long page fields can still be too big: keep the essentials, shortened.
    const pre = summary.pre_engagement_data as PreEngagementData;
    json = JSON.stringify({
      baton: 1,
      at: snapshot.at,
      pre_engagement_data: { ...pre, friendlyName: cut(pre.friendlyName, 200), email: pre.email ? cut(pre.email, 200) : undefined, location: cut(pre.location, 500), question: pre.question ? cut(pre.question, 200) : undefined },
      page: { url: cut(snapshot.page.url, 500), title: cut(snapshot.page.title, 100) },
      truncated: true,
    });
    if (json.length > max) json = JSON.stringify({ baton: 1, at: snapshot.at, truncated: true });
  }
  return json;
}

/**
 * The conversation's attributes (JSON string, at most 16 KB of UTF-8): Flex webchat's
 * `pre_engagement_data` plus the full snapshot under `baton`. The identity proof is never included.
 * Oldest journey entries go first (counted in `trimmed`), then signals and custom fields.
 */
export function conversationAttributes(snapshot: ContextSnapshot): string {
  const max = CONVERSATION_ATTRIBUTES_MAX_BYTES;
  const identity = snapshot.identity ? (({ proof: _proof, ...rest }) => rest)(snapshot.identity) : null;
  const copy: ContextSnapshot = { ...snapshot, identity: identity as ContextSnapshot['identity'], journey: [...snapshot.journey], signals: [...snapshot.signals] };
  const pre = preEngagementData(snapshot);
  const encode = () => JSON.stringify({ pre_engagement_data: pre, baton: copy });
  let json = encode();
  while (byteLength(json) > max && copy.journey.length > 0) {
    copy.journey.shift();
    copy.trimmed += 1;
    json = encode();
  }
  while (byteLength(json) > max && copy.signals.length > 0) {
    copy.signals.shift();
    json = encode();
  }
  if (byteLength(json) > max) {
    copy.custom = {};
    if (copy.identity) copy.identity = { ...copy.identity, custom: {} };
    copy.campaign = null;
    json = encode();
  }
  if (byteLength(json) > max) {
    // Absurd page fields: keep only the summary's pre_engagement_data (within 4,096 characters, so < 16 KB).
    const summary = JSON.parse(taskAttributesFor(snapshot)) as { pre_engagement_data?: unknown };
    json = JSON.stringify({ pre_engagement_data: summary.pre_engagement_data ?? null, baton: null, truncated: true });
  }
  return json;
}
