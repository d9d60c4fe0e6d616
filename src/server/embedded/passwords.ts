/**
 * Agent passwords: scrypt with a per-agent random salt, stored as
 * `scrypt$<log2 N>$<r>$<p>$<salt base64url>$<hash base64url>` so the cost can be raised later
 * without breaking existing hashes.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * N = 2^15, r = 8, p = 3: one of OWASP's equivalent scrypt settings (about 200 ms and 32 MiB per
 * hash on a small server). Run on libuv's thread pool, so logins never block the event loop.
 */
const COST_LOG2 = 15;
const BLOCK_SIZE = 8;
const PARALLELISM = 3;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
/** 128 * N * r bytes are needed; Node's default cap (32 MiB) is exactly that, so leave headroom. */
const MAX_MEMORY = 64 * 1024 * 1024;

function derive(password: string, salt: Buffer, options: ScryptOptions, keyBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyBytes, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, { N: 2 ** COST_LOG2, r: BLOCK_SIZE, p: PARALLELISM, maxmem: MAX_MEMORY }, KEY_BYTES);
  return ['scrypt', COST_LOG2, BLOCK_SIZE, PARALLELISM, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** True when `password` matches `stored`. Constant-time comparison; false (never throws) on a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, logN, r, p, saltText, keyText] = parts.map((x) => x ?? '') as [string, string, string, string, string, string];
  const cost = Number(logN);
  const block = Number(r);
  const parallel = Number(p);
  // Bounds keep a tampered row from turning a login into a denial of service.
  if (![cost, block, parallel].every(Number.isInteger) || cost < 10 || cost > 20 || block < 1 || block > 32 || parallel < 1 || parallel > 16) {
    return false;
  }
  const salt = Buffer.from(saltText, 'base64url');
  const expected = Buffer.from(keyText, 'base64url');
  if (salt.length === 0 || expected.length < 16) return false;
  try {
    const key = await derive(password, salt, { N: 2 ** cost, r: block, p: parallel, maxmem: 256 * block * 2 ** cost }, expected.length);
    return timingSafeEqual(key, expected);
  } catch {
    return false;
  }
}
