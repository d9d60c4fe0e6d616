/**
 * QR entry points (issue 19): a link printed on a product label, an invoice, a parcel, a shelf or a
 * device's sticker says what was scanned. The site's server makes it (`signEntryLink` in
 * `baton-sdk/server`): the page's URL with `#baton-entry=<token>`, a fragment like the handoff's,
 * so it never reaches a server log or a Referer, and the widget takes it out of the address bar at
 * boot. The token is `<payload>.<signature>`: the payload is base64url JSON (`EntryPayload`), the
 * signature base64url of the first 16 bytes of HMAC-SHA256, keyed with the site's identity secret,
 * of `baton-entry.<payload>` (the prefix keeps it from ever being mistaken for an identity
 * signature). A token without a signature, an expired one or a tampered one still opens the chat:
 * the agent sees the entry marked unverified. Only Baton's server decides `verified`.
 *
 * Limits and the payload's check live here, shared by the widget's entry chunk and the server.
 * A file of its own: nothing of it is on the page-load path.
 */

/** The fragment parameter the widget looks for at boot. */
export const ENTRY_PARAM = 'baton-entry';
/** What a token may be made of (base64url and one dot): the boot's pattern, `[\w.-]`. */
export const ENTRY_TOKEN_PATTERN = /^[A-Za-z0-9_-]{2,1200}(\.[A-Za-z0-9_-]{22})?$/;
/** A token is at most this long: a QR code stays scannable from a printed label. */
export const ENTRY_TOKEN_MAX_CHARS = 1223;
/** The signature's prefix (domain separation from identity signatures, which sign the bare id). */
export const ENTRY_SIGNING_PREFIX = 'baton-entry.';
/** HMAC-SHA256 cut to 16 bytes (128 bits: NIST SP 800-107 allows it) so the code stays small. */
export const ENTRY_SIGNATURE_BYTES = 16;

export const ENTRY_KINDS = ['product', 'order', 'parcel', 'store', 'device', 'free'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** At most 8 fields, keys of 1..32 characters of [A-Za-z0-9_.-], values of 1..128 characters. */
export const ENTRY_FIELDS_MAX = 8;
export const ENTRY_FIELD_KEY_PATTERN = /^[A-Za-z0-9_.-]{1,32}$/;
export const ENTRY_FIELD_VALUE_MAX = 128;
/** The label people read ("Stormline 3L Shell"): 1..80 characters. */
export const ENTRY_LABEL_MAX = 80;

/** What the token carries (short keys: it is printed). */
export interface EntryPayload {
  /** The kind of touchpoint. */
  k: EntryKind;
  /** Free fields: `{ sku: 'SL-3L-M' }`, `{ order: '10423' }`. */
  f: Record<string, string>;
  /** The label people read. */
  l?: string;
  /** Expiry, seconds since the epoch. */
  e?: number;
}

/** Why the server did not verify an entry. */
export type EntryUnverified = 'unsigned' | 'expired' | 'invalid';

/** The entry as the context carries it (`ContextSnapshot.entry`). */
export interface EntryContext {
  kind: EntryKind;
  label?: string;
  fields: Record<string, string>;
  /** When the signed link stops being verified, ms since the epoch. */
  expiresAt?: number;
  /** When the visitor opened the link, ms since the epoch. */
  at: number;
  /** Checked by Baton's server from `token` (the browser always sends false). */
  verified: boolean;
  /** The server's reason when not verified. */
  unverified?: EntryUnverified;
  /** The token as scanned, for the server to check; the server drops it. */
  token?: string;
}

/** The payload's check, shared by the widget (what it shows) and the server (what it signs and reads): the payload, or why not. */
export function checkEntryPayload(p: unknown): EntryPayload | string {
  if (typeof p !== 'object' || p === null || Array.isArray(p)) return 'the payload must be an object';
  const { k, f, l, e, ...rest } = p as Record<string, unknown>;
  if (Object.keys(rest).length) return `unknown payload keys: ${Object.keys(rest).join(', ')}`;
  if (!ENTRY_KINDS.includes(k as EntryKind)) return `kind must be one of ${ENTRY_KINDS.join(', ')}`;
  if (typeof f !== 'object' || f === null || Array.isArray(f)) return 'fields must be an object';
  const keys = Object.keys(f);
  if (keys.length > ENTRY_FIELDS_MAX) return `at most ${ENTRY_FIELDS_MAX} fields`;
  for (const key of keys) {
    const value = (f as Record<string, unknown>)[key];
    if (!ENTRY_FIELD_KEY_PATTERN.test(key)) return `field names are 1..32 characters of [A-Za-z0-9_.-]: ${JSON.stringify(key.slice(0, 40))}`;
    if (typeof value !== 'string' || !value || value.length > ENTRY_FIELD_VALUE_MAX) return `field ${key}: a string of 1..${ENTRY_FIELD_VALUE_MAX} characters`;
  }
  if (l !== undefined && (typeof l !== 'string' || !l || l.length > ENTRY_LABEL_MAX)) return `label: 1..${ENTRY_LABEL_MAX} characters`;
  if (e !== undefined && (typeof e !== 'number' || !Number.isInteger(e) || e <= 0 || e > 7_258_118_400)) return 'expiry: whole seconds since the epoch, before 2200';
  if (l === undefined && !keys.length) return 'a label or at least one field';
  const out: EntryPayload = { k: k as EntryKind, f: { ...(f as Record<string, string>) } };
  if (l !== undefined) out.l = l as string;
  if (e !== undefined) out.e = e as number;
  return out;
}

/** The entry a payload describes, as the browser sends it (not verified; the server decides). */
export function entryOf(p: EntryPayload, at: number, token: string): EntryContext {
  const entry: EntryContext = { kind: p.k, fields: p.f, at, verified: false, token };
  if (p.l !== undefined) entry.label = p.l;
  if (p.e !== undefined) entry.expiresAt = p.e * 1000;
  return entry;
}

/** The token as the boot found it (`#baton-entry=<token>`), before the snapshot builder reads it (and dates it). */
export type EntryLink = string;

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * The entry a token describes, as the widget sends it (not verified), or why it cannot be read.
 * Plain JavaScript (no atob, no TextDecoder): it runs in core's snapshot builder, which uses no
 * global of its host.
 */
export function readEntryToken(token: string, at: number): EntryContext | string {
  if (!ENTRY_TOKEN_PATTERN.test(token)) return 'not a token';
  let bits = 0;
  let acc = 0;
  let utf8 = '';
  for (const c of token.split('.')[0]!) {
    acc = ((acc << 6) | BASE64URL.indexOf(c)) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      utf8 += `%${((acc >> bits) & 255).toString(16).padStart(2, '0')}`;
    }
  }
  try {
    const payload = checkEntryPayload(JSON.parse(decodeURIComponent(utf8)));
    return typeof payload === 'string' ? payload : entryOf(payload, at, token);
  } catch {
    return 'not base64url JSON';
  }
}
