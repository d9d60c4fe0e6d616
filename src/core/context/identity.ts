import type { IdentityContext } from '../../protocol/context';
import { mergeCustom } from './custom';

const LIMITS = { id: 256, name: 256, email: 320, phone: 64 } as const;
/** HMAC-SHA256 hex is 64 characters; 512 leaves room for other encodings without accepting junk. */
const HMAC_MAX = 512;
const JWT_MAX = 4096;

/**
 * Turns what the site passed to `identify()` into the identity part of the snapshot.
 * The browser never marks a field verified: it only carries the site server's proof
 * (HMAC of the id, or a JWT) to Baton's server, which decides.
 */
export function normalizeIdentity(input: unknown): { value: IdentityContext | null; errors: string[] } {
  if (input === null || input === undefined) return { value: null, errors: [] };
  if (typeof input !== 'object' || Array.isArray(input)) {
    return { value: null, errors: ['expected an object such as { id, name, email }, or null'] };
  }
  const src = input as Record<string, unknown>;
  const errors: string[] = [];
  const out: IdentityContext = {
    custom: {},
    verified: { id: false, name: false, email: false, phone: false },
  };
  for (const field of ['id', 'name', 'email', 'phone'] as const) {
    let raw = src[field];
    if (raw === undefined || raw === null || raw === '') continue;
    if (field === 'id' && typeof raw === 'number' && Number.isFinite(raw)) raw = String(raw);
    if (typeof raw !== 'string') {
      errors.push(`${field}: not a string`);
      continue;
    }
    if (raw.length > LIMITS[field]) {
      errors.push(`${field}: over ${LIMITS[field]} characters`);
      continue;
    }
    if (field === 'email' && !/^[^\s@]+@[^\s@]+$/.test(raw)) {
      errors.push('email: not an e-mail address');
      continue;
    }
    out[field] = raw;
  }
  if (src.custom !== undefined) {
    const merged = mergeCustom({}, src.custom);
    out.custom = merged.value;
    errors.push(...merged.errors.map((e) => `custom ${e}`));
  }
  const proof: NonNullable<IdentityContext['proof']> = {};
  if (typeof src.signature === 'string' && src.signature) {
    if (src.signature.length <= HMAC_MAX) proof.hmac = src.signature;
    else errors.push(`signature: over ${HMAC_MAX} characters`);
  }
  if (typeof src.jwt === 'string' && src.jwt) {
    if (src.jwt.length <= JWT_MAX) proof.jwt = src.jwt;
    else errors.push(`jwt: over ${JWT_MAX} characters`);
  }
  if (proof.hmac !== undefined || proof.jwt !== undefined) {
    if (out.id === undefined && proof.hmac !== undefined) errors.push('signature: signs the id, so pass the id too');
    out.proof = proof;
  }
  return { value: out, errors };
}
