/**
 * The console's "Make a QR label" (issue 19): an admin asks Baton's server, which holds the site's
 * identity secret, for a signed entry link and its QR code (src/protocol/entry.ts). Admins only: a
 * signed label is the company's word (an order's label shows the order verified to every agent).
 *
 *   POST HTTP_AGENT_ENTRY_LABEL_PATH  EntryLabelRequest  -> EntryLabelResponse (400 names the field)
 */
import type { EntryKind } from './entry';

export const HTTP_AGENT_ENTRY_LABEL_PATH = '/api/agent/entry-label';
/** Labels expire after at most 10 years (none: never). */
export const ENTRY_LABEL_DAYS_MAX = 3650;

export interface EntryLabelRequest {
  /** The page the code opens: one of the server's allowed origins (the site's pages). */
  url: string;
  kind: EntryKind;
  label?: string;
  fields?: Record<string, string>;
  /** Verified for this many days (1..ENTRY_LABEL_DAYS_MAX); absent: no expiry. */
  expiresInDays?: number;
}

export interface EntryLabelResponse {
  url: string;
  /** The QR code, a standalone SVG document. */
  svg: string;
  expiresAt: number | null;
}
