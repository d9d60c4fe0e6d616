/** Checks that a webhook request really comes from Twilio (the `X-Twilio-Signature` header). */
import twilio from 'twilio';

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
 * True only when every part is present and the signature matches. Never throws: anything missing,
 * repeated (an array header) or malformed is false.
 */
export function verifyTwilioRequest(request: TwilioRequestToVerify): boolean {
  const { authToken, signature, url, params } = request;
  if (!authToken || typeof signature !== 'string' || !signature || !url || !params || typeof params !== 'object') return false;
  try {
    return twilio.validateRequest(authToken, signature, url, params);
  } catch {
    return false;
  }
}
