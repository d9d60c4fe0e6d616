/**
 * QR entry points (issue 19), the site server's half: signed links that say what was scanned (a
 * product label, an invoice, a parcel, a shelf, a device's sticker), their QR code as SVG, and the
 * check Baton's server runs on the token a visitor's widget sends back. Format and limits:
 * src/protocol/entry.ts. Signed with the same secret as identities (`BATON_IDENTITY_SECRET`), on
 * the site's server only: never in a browser.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { encode } from 'uqr';
import {
  ENTRY_PARAM,
  ENTRY_SIGNATURE_BYTES,
  ENTRY_SIGNING_PREFIX,
  ENTRY_TOKEN_MAX_CHARS,
  ENTRY_TOKEN_PATTERN,
  checkEntryPayload,
  type EntryKind,
  type EntryPayload,
  type EntryUnverified,
} from '../protocol/entry';

export interface EntryLinkOptions {
  /** The page the code opens (absolute http(s) URL; its own fragment is replaced). */
  url: string;
  kind: EntryKind;
  /** What people read: "Stormline 3L Shell", "Order 10423". */
  label?: string;
  /** `{ sku: 'SL-3L-M' }`, `{ order: '10423' }`: at most 8, names of [A-Za-z0-9_.-], values up to 128 characters. */
  fields?: Record<string, string>;
  /** When the link stops being verified: a Date or ms since the epoch. */
  expiresAt?: Date | number;
}

function payloadOf(options: EntryLinkOptions): EntryPayload {
  const raw: Record<string, unknown> = { k: options.kind, f: options.fields ?? {} };
  if (options.label !== undefined) raw.l = options.label;
  if (options.expiresAt !== undefined) raw.e = Math.ceil(+options.expiresAt / 1000);
  const checked = checkEntryPayload(raw);
  if (typeof checked === 'string') throw new TypeError(`entry link: ${checked}`);
  return checked;
}

function linkOf(url: string, token: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new TypeError(`entry link: url must be an absolute URL, not ${JSON.stringify(String(url).slice(0, 80))}`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new TypeError('entry link: url must be http(s)');
  u.hash = `${ENTRY_PARAM}=${token}`;
  return u.href;
}

function signature(payloadPart: string, secret: string): string {
  return createHmac('sha256', secret).update(ENTRY_SIGNING_PREFIX + payloadPart, 'utf8').digest().subarray(0, ENTRY_SIGNATURE_BYTES).toString('base64url');
}

/** The token of a signed entry: `<payload>.<signature>` (src/protocol/entry.ts). */
export function signEntryToken(options: Omit<EntryLinkOptions, 'url'>, secret: string): string {
  if (typeof secret !== 'string' || secret.length < 16) throw new TypeError('entry link: the secret (your BATON_IDENTITY_SECRET) must be at least 16 characters');
  const payloadPart = Buffer.from(JSON.stringify(payloadOf({ ...options, url: '' })), 'utf8').toString('base64url');
  const token = `${payloadPart}.${signature(payloadPart, secret)}`;
  if (token.length > ENTRY_TOKEN_MAX_CHARS) throw new RangeError(`entry link: the token is ${token.length} characters, over ${ENTRY_TOKEN_MAX_CHARS}: shorten the label or fields`);
  return token;
}

/**
 * `https://shop.example/p/stormline#baton-entry=<payload>.<signature>`: opening it on a phone opens
 * the page with Baton's panel about it, and the agent sees the entry verified (until `expiresAt`).
 */
export function signEntryLink(options: EntryLinkOptions, secret: string): string {
  return linkOf(options.url, signEntryToken(options, secret));
}

/**
 * The same link unsigned (anyone could make it, so the agent sees it unverified): for codes whose
 * content is no secret and needs no proof, a store's shelf say.
 */
export function unsignedEntryLink(options: EntryLinkOptions): string {
  const token = Buffer.from(JSON.stringify(payloadOf(options)), 'utf8').toString('base64url');
  if (token.length > ENTRY_TOKEN_MAX_CHARS) throw new RangeError(`entry link: the token is over ${ENTRY_TOKEN_MAX_CHARS} characters`);
  return linkOf(options.url, token);
}

export type EntryCheck = { ok: true; payload: EntryPayload } | { ok: false; reason: EntryUnverified; payload: EntryPayload | null };

/**
 * Baton's server's check of a token: signed with `secret` (compared in constant time) and not
 * expired. Never throws; a malformed token is `invalid` with no payload.
 */
export function verifyEntryToken(token: string, secret: string | null, nowMs: number = Date.now()): EntryCheck {
  if (typeof token !== 'string' || !ENTRY_TOKEN_PATTERN.test(token)) return { ok: false, reason: 'invalid', payload: null };
  const [payloadPart, sig] = token.split('.') as [string, string | undefined];
  let payload: EntryPayload | null = null;
  try {
    const checked = checkEntryPayload(JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8')));
    if (typeof checked !== 'string') payload = checked;
  } catch {
    // not JSON
  }
  if (!payload) return { ok: false, reason: 'invalid', payload: null };
  if (sig === undefined) return { ok: false, reason: 'unsigned', payload };
  if (secret === null) return { ok: false, reason: 'invalid', payload };
  const expected = Buffer.from(signature(payloadPart, secret), 'utf8');
  const given = Buffer.from(sig, 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid', payload };
  if (payload.e !== undefined && payload.e * 1000 <= nowMs) return { ok: false, reason: 'expired', payload };
  return { ok: true, payload };
}

export interface EntryQrOptions {
  /** The SVG's width and height in CSS pixels (default 256); the code scales, its modules stay square. */
  size?: number;
  /** Error correction (default 'M': 15% of the code may be scratched or covered). */
  ecc?: 'L' | 'M' | 'Q' | 'H';
  /** Dark modules' colour (default '#000'); the background is white (scanners need contrast). */
  color?: string;
  /** The SVG's accessible name (default: the link). */
  title?: string;
}

const COLOR = /^(#[0-9a-fA-F]{3,8}|[a-z]{3,20})$/;
const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A QR code of `text` (a link from signEntryLink) as a standalone SVG: one path, a 4-module quiet
 * zone (the standard's), `shape-rendering="crispEdges"`. Encoded by uqr (unjs, MIT, no dependencies,
 * bundled into dist/server: nothing to install).
 */
export function entryQrSvg(text: string, options: EntryQrOptions = {}): string {
  const size = options.size ?? 256;
  if (!Number.isFinite(size) || size <= 0 || size > 10_000) throw new RangeError('entryQrSvg: size must be 1..10000');
  const color = options.color ?? '#000';
  if (!COLOR.test(color)) throw new TypeError('entryQrSvg: color must be a hex colour or a colour name');
  const qr = encode(text, { ecc: options.ecc ?? 'M', border: 4 });
  let d = '';
  qr.data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) d += `M${x} ${y}h1v1h-1z`;
    }),
  );
  const n = qr.size;
  const title = escapeXml(options.title ?? text);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${n} ${n}" width="${size}" height="${size}" role="img" shape-rendering="crispEdges">` +
    `<title>${title}</title><rect width="${n}" height="${n}" fill="#fff"/><path fill="${color}" d="${d}"/></svg>`
  );
}

/** A label's link and its QR code together (`entryQrSvg(signEntryLink(options, secret), qr)`). */
export function makeEntryLabel(options: EntryLinkOptions, secret: string, qr: EntryQrOptions = {}): { url: string; svg: string } {
  const url = signEntryLink(options, secret);
  return { url, svg: entryQrSvg(url, { title: options.label ?? url, ...qr }) };
}
