/**
 * The identity secret: what the site's server signs visitors' identities with and Baton's server
 * verifies them with. Fail closed: a server never runs with a secret anyone could know. Either the
 * caller gives one (at least IDENTITY_SECRET_MIN_CHARS, never a published one), or says explicitly
 * that there is no identity signing (`null`: then nothing a browser sends is ever marked verified).
 * `npm start` keeps a random one beside its database (identitySecretBeside).
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Shorter secrets are refused: an HMAC key anyone can guess signs anyone. 16 characters is a floor
 * for hand-made secrets; the generated ones are 32 random bytes (43 characters).
 */
export const IDENTITY_SECRET_MIN_CHARS = 16;

/** Secrets that were published (in Baton's own demo before issue 13): refused whatever their length. */
const PUBLISHED_SECRETS: ReadonlySet<string> = new Set(['baton-demo-identity-secret']);

/** The file, beside the SQLite database, that keeps a generated secret (mode 0600). */
export const IDENTITY_SECRET_FILE = 'identity-secret';

/**
 * The secret to verify identities with, or null for "no identity signing". Throws a TypeError that
 * says what to do for anything else (missing, empty, short, published).
 */
export function checkIdentitySecret(value: unknown): string | null {
  if (value === null) return null;
  if (typeof value !== 'string' || value === '') {
    throw new TypeError(
      'createEmbeddedServer: identitySecret is required (the secret your site signs identities with, at least ' +
        `${IDENTITY_SECRET_MIN_CHARS} characters); pass identitySecret: null only if no identity is ever signed (nothing is then verified)`,
    );
  }
  if (value.length < IDENTITY_SECRET_MIN_CHARS) throw new TypeError(`createEmbeddedServer: identitySecret must be at least ${IDENTITY_SECRET_MIN_CHARS} characters`);
  if (PUBLISHED_SECRETS.has(value)) throw new TypeError('createEmbeddedServer: identitySecret is a published example secret; generate your own (e.g. 32 random bytes)');
  return value;
}

/** A new random secret: 32 bytes, base64url. */
export function newIdentitySecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The secret kept beside `dbPath` (in IDENTITY_SECRET_FILE), made on first use with mode 0600. A file
 * others can read is narrowed to 0600 (`narrowed` says so, to warn). A `:memory:` database gets a
 * fresh secret kept nowhere.
 */
export function identitySecretBeside(dbPath: string): { secret: string; path: string | null; created: boolean; narrowed: boolean } {
  if (dbPath === ':memory:') return { secret: newIdentitySecret(), path: null, created: true, narrowed: false };
  const dir = dirname(dbPath);
  const path = join(dir, IDENTITY_SECRET_FILE);
  mkdirSync(dir, { recursive: true });
  const secret = newIdentitySecret();
  try {
    // 'wx': never overwrite one that exists (two first runs at once: the second reads the first's).
    writeFileSync(path, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return { secret, path, created: true, narrowed: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  let narrowed = false;
  if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) {
    chmodSync(path, 0o600);
    narrowed = true;
  }
  const kept = readFileSync(path, 'utf8').trim();
  if (kept.length < IDENTITY_SECRET_MIN_CHARS) throw new Error(`${path} holds no usable identity secret (under ${IDENTITY_SECRET_MIN_CHARS} characters); delete it and a new one is made`);
  return { secret: kept, path, created: false, narrowed };
}
