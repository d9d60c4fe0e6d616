/** Checks that a webhook request really comes from Twilio (the `X-Twilio-Signature` header). */
import type twilio from 'twilio';
import { peer } from '../peers';

/** The twilio package, loaded on first use (an optional peer: src/server/peers.ts). */
const sdk = () => peer<typeof twilio>('twilio');

export interface TwilioRequestToVerify {
  /** The account's auth token (not an API secret: Twilio signs webhooks with the auth token). */
  authToken: string | undefined;
  /** The `X-Twilio-Signature` header as received (Node gives string | string[] | undefined). */
  signature: string | string[] | undefined;
  /** The full public URL Twilio called, exactly as configured (scheme, host, path, query). */
  url: string | undefined;
  /** The POSTed form fields (application/x-www-form-urlencoded), or {} for a GET. */
  params: Record<string, string> | undefined;
}

/**
 * True only when every part is present and the signature matches. Never throws on the request:
 * anything missing, repeated (an array header) or malformed is false. Throws only when the
 * twilio package is not installed (a deployment mistake, named: src/server/peers.ts).
 */
export function verifyTwilioRequest(request: TwilioRequestToVerify): boolean {
  const twilioSdk = sdk();
  const { authToken, signature, url, params } = request;
  if (!authToken || typeof signature !== 'string' || !signature || !url || !params || typeof params !== 'object') return false;
  try {
    return twilioSdk.validateRequest(authToken, signature, url, params);
  } catch {
    return false;
  }
}
