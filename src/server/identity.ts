/**
 * Identity verification helpers for the site's server.
 *
 * The site signs the visitor's id with a secret it shares with Baton's server and passes the
 * signature to `Baton('identify', { id, signature })`; Baton's server checks it before showing
 * the identity to agents as verified.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

/** Hex HMAC-SHA256 of `userId` keyed with `secret`: the `signature` to pass to `identify()`. */
export function signIdentity(userId: string, secret: string): string {
  return createHmac('sha256', secret).update(userId, 'utf8').digest('hex');
}

/**
 * True when `signature` is `signIdentity(userId, secret)` (hex, any case).
 * Compares in constant time; returns false (never throws) on malformed or wrongly sized input.
 */
export function verifyIdentitySignature(userId: string, signature: string, secret: string): boolean {
  try {
    if (typeof userId !== 'string' || typeof signature !== 'string' || typeof secret !== 'string') return false;
    if (!HEX_SHA256.test(signature)) return false;
    const expected = Buffer.from(signIdentity(userId, secret), 'hex');
    const given = Buffer.from(signature, 'hex');
    if (given.length !== expected.length) return false;
    return timingSafeEqual(given, expected);
  } catch {
    return false;
  }
}

/** Claims Baton reads from an identity JWT. `sub` is the visitor's id; the others verify those fields. */
export interface IdentityJwtClaims {
  sub: string;
  name?: string;
  email?: string;
  phone?: string;
}

/** Verified claims: the identity fields plus the times the token carried. */
export interface VerifiedIdentityJwt extends IdentityJwtClaims {
  exp: number;
  iat?: number;
}

const JWT_HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' }), 'utf8').toString('base64url');
const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** Tokens longer than this are refused unread (the browser side caps `jwt` at 4,096 characters too). */
const JWT_MAX_CHARS = 4096;

/**
 * A compact HS256 JWT for `identify({ ..., jwt })`: `sub` (the id) and whichever of name, email and
 * phone you pass, with `iat` and `exp` (now + `ttlSeconds`). Baton's server marks the id verified
 * when `sub` equals it, and each other field whose claim equals the identity's value.
 */
export function signIdentityJwt(claims: { sub: string; name?: string; email?: string; phone?: string }, secret: string, ttlSeconds = 3600): string {
  if (typeof claims?.sub !== 'string' || claims.sub === '') throw new TypeError('signIdentityJwt: claims.sub (the visitor id) is required');
  if (!Number.isFinite(ttlSeconds) || ttlSeconds <= 0) throw new RangeError('signIdentityJwt: ttlSeconds must be a positive number');
  const iat = Math.floor(Date.now() / 1000);
  const payload: VerifiedIdentityJwt = { sub: claims.sub, iat, exp: iat + Math.ceil(ttlSeconds) };
  for (const field of ['name', 'email', 'phone'] as const) {
    const value = claims[field];
    if (typeof value === 'string') payload[field] = value;
  }
  const body = `${JWT_HEADER}.${Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url')}`;
  return `${body}.${createHmac('sha256', secret).update(body, 'utf8').digest('base64url')}`;
}

/**
 * The claims of an HS256 JWT signed with `secret`, or null. Only `alg: HS256` is accepted (never
 * `none`, never another algorithm named by the token); the signature is compared in constant time;
 * `exp` is required and must be in the future, `nbf` (if any) in the past; `sub` must be a string.
 * Never throws.
 */
export function verifyIdentityJwt(token: string, secret: string, nowMs: number = Date.now()): VerifiedIdentityJwt | null {
  try {
    if (typeof token !== 'string' || typeof secret !== 'string' || token.length > JWT_MAX_CHARS) return null;
    const parts = token.split('.');
    if (parts.length !== 3) return null;
    const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
    if (!BASE64URL.test(headerPart) || !BASE64URL.test(payloadPart) || !BASE64URL.test(signaturePart)) return null;

    const expected = Buffer.from(createHmac('sha256', secret).update(`${headerPart}.${payloadPart}`, 'utf8').digest('base64url'), 'utf8');
    const given = Buffer.from(signaturePart, 'utf8');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;

    const header: unknown = JSON.parse(Buffer.from(headerPart, 'base64url').toString('utf8'));
    if (!isRecord(header) || header.alg !== 'HS256' || ('crit' in header)) return null;
    const payload: unknown = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8'));
    if (!isRecord(payload)) return null;

    const nowSeconds = nowMs / 1000;
    if (typeof payload.exp !== 'number' || !Number.isFinite(payload.exp) || payload.exp <= nowSeconds) return null;
    if (payload.nbf !== undefined && (typeof payload.nbf !== 'number' || payload.nbf > nowSeconds)) return null;
    if (typeof payload.sub !== 'string' || payload.sub === '') return null;

    const out: VerifiedIdentityJwt = { sub: payload.sub, exp: payload.exp };
    if (typeof payload.iat === 'number') out.iat = payload.iat;
    for (const field of ['name', 'email', 'phone'] as const) {
      const value = payload[field];
      if (typeof value === 'string') out[field] = value;
    }
    return out;
  } catch {
    return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
