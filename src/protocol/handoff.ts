/**
 * "Continue on your phone" (issue 16): the desktop panel asks Baton's server for a link, shows it
 * as a QR code, and the phone that opens it resumes the same conversation. The link is the page
 * the visitor is on with `#baton-handoff=<token>`: a fragment, so it never reaches the site's
 * server logs or a Referer. The token is a handoff id and the server's HMAC of it, never a
 * credential: the phone gets its own credential when it redeems the token, once.
 */

/**
 * POST `{ credential?, context? }` -> HandoffIssued. Like the phone code: without a credential (the
 * visitor never chatted) a visitor is created, its credential returned; a conversation is opened
 * when none is.
 */
export const HTTP_HANDOFF_PATH = '/api/visitor/handoff';
/** POST `{ token }` (the phone, no credential) -> HandoffRedeemed, or 410 with `error.code` HandoffRefusal. */
export const HTTP_HANDOFF_REDEEM_PATH = '/api/visitor/handoff/redeem';
/** POST `{ credential, id }` (the desktop, while its QR code shows) -> HandoffState. */
export const HTTP_HANDOFF_STATE_PATH = '/api/visitor/handoff/state';

/** The fragment parameter the phone's widget looks for at boot. */
export const HANDOFF_PARAM = 'baton-handoff';
/** `h_` + 16 id characters, `.`, 43 characters of base64url HMAC-SHA256. */
export const HANDOFF_TOKEN_PATTERN = /^h_[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{43}$/;
export const HANDOFF_ID_PATTERN = /^h_[A-Za-z0-9_-]{16}$/;
/** A link works once, for 10 minutes. */
export const HANDOFF_TTL_MS = 10 * 60 * 1000;
/** How often the desktop's QR view asks whether its link was used (only while it shows). */
export const HANDOFF_POLL_MS = 2000;

export interface HandoffIssued {
  id: string;
  token: string;
  expiresAt: number;
  /** Only when the request came without one (a new visitor). */
  credential?: string;
}

export interface HandoffRedeemed {
  /** The phone's own credential for the same visitor (kept like the chat's). */
  credential: string;
  conversationId: string;
  /** "Mac Chrome": where the conversation came from. */
  from: string;
}

export type HandoffRefusal = 'handoff_used' | 'handoff_expired' | 'handoff_invalid';

export interface HandoffState {
  /** `used`: a phone opened the link (`to` names it); `expired`: nobody did in time. */
  state: 'waiting' | 'used' | 'expired';
  to?: string;
}
