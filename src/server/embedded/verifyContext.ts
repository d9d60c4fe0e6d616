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
import { verifyEntryToken } from '../entryLinks';
import type { EntryContext } from '../../protocol/entry';

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
  if (snapshot.entry) snapshot.entry = verifyEntry(snapshot.entry, secret, nowMs);
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

/**
 * A scanned entry (src/protocol/entry.ts) as the agent sees it: verified only when its token is
 * signed with `secret` and not expired, and then with the token's own kind, label and fields (the
 * browser's copy is replaced, so nothing it edits shows as verified); otherwise the browser's copy,
 * marked unverified with the reason. The token itself is dropped.
 */
function verifyEntry(received: EntryContext, secret: string | null, nowMs: number): EntryContext {
  const { token, verified: _claimed, unverified: _reason, ...entry } = received;
  void _claimed;
  void _reason;
  const check = token === undefined ? null : verifyEntryToken(token, secret, nowMs);
  if (!check?.ok) return { ...entry, verified: false, unverified: check?.reason ?? 'unsigned' };
  const out: EntryContext = { kind: check.payload.k, fields: check.payload.f, at: entry.at, verified: true };
  if (check.payload.l !== undefined) out.label = check.payload.l;
  if (check.payload.e !== undefined) out.expiresAt = check.payload.e * 1000;
  return out;
}
