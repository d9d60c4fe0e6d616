/**
 * Random ids, bearer secrets and their hashes. Secrets (visitor credentials, session tokens) are
 * stored only as SHA-256: a leaked database does not let anyone act as a visitor or an agent.
 * A plain hash (no salt, no slow KDF) is enough because the secrets are 256 random bits, not passwords.
 */
import { createHash, randomBytes } from 'node:crypto';

/**
 * A random id such as `c_3kVq...`: the prefix says what it names (v visitor, c conversation,
 * m message, a agent, f attached file, b a bot message's client id, h handoff link, e e-mail,
 * cb callback, n internal note, r canned reply).
 */
export function newId(prefix: 'v' | 'c' | 'm' | 'a' | 'f' | 'b' | 'h' | 'e' | 'cb' | 'n' | 'r'): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}

/** 32 random bytes, base64url (43 characters): visitor credentials and agent session tokens. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Hex SHA-256: what the database keeps of a secret. */
export function sha256Hex(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
