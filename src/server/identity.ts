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
