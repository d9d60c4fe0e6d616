/**
 * What the server makes of a context a browser sent, before it is stored or shown: its times put
 * on the server's clock (./contextTimes.ts), and what of the visitor's identity is verified. The
 * browser's `verified` flags are never trusted: they are recomputed here from the site server's
 * proof, and the proof itself is dropped (agents need the verdict, not the token). Every path a
 * context comes in by (the embedded sockets, the phone code, the Twilio chat and voice routes) goes
 * through here.
 */
import type { ContextSnapshot, IdentityField } from '../../protocol/context';
import { verifyIdentityJwt, verifyIdentitySignature } from '../identity';
import { onServerClock } from './contextTimes';

const JWT_FIELDS = ['name', 'email', 'phone'] as const satisfies readonly IdentityField[];

/**
 * A copy of `snapshot` whose `identity.verified` is the server's verdict and which carries no `proof`:
 * - `id` is verified by `proof.hmac` (HMAC-SHA256 of the id, checked in constant time) or by a valid
 *   HS256 `proof.jwt` whose `sub` equals the id;
 * - `name`, `email`, `phone` only by that JWT, each when its claim equals the identity's value.
 * Anything forged, expired or missing leaves every field false; so does a null secret (a server
 * told there is no identity signing verifies nothing).
 */
export function verifyContext(received: ContextSnapshot, secret: string | null, nowMs: number = Date.now()): ContextSnapshot {
  const snapshot = onServerClock(received, nowMs);
  if (!snapshot.identity) return { ...snapshot, identity: null };
  // `verified` and `proof` from the browser are dropped here, whatever they said.
  const { proof, verified: _claimed, ...identity } = snapshot.identity;
  void _claimed;
  const verified: Record<IdentityField, boolean> = { id: false, name: false, email: false, phone: false };

  if (identity.id !== undefined && secret !== null) {
    if (proof?.hmac !== undefined && verifyIdentitySignature(identity.id, proof.hmac, secret)) verified.id = true;
    if (proof?.jwt !== undefined) {
      const claims = verifyIdentityJwt(proof.jwt, secret, nowMs);
      if (claims && claims.sub === identity.id) {
        verified.id = true;
        for (const field of JWT_FIELDS) {
          const value = identity[field];
          if (value !== undefined && claims[field] === value) verified[field] = true;
        }
      }
    }
  }
  return { ...snapshot, identity: { ...identity, verified } };
}
