/**
 * The rate limiters: a token bucket (per socket: frames per second), token buckets per key (per
 * address, per visitor: KeyedTokenBuckets), and a sliding window of attempts per key (logins,
 * phone codes: AttemptLimiter).
 */
import type { ErrorFrame } from '../../protocol/chat';

/** Sustained `perSecond` with bursts up to `burst`. One per socket, so no map and no cleanup. */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    now: number = Date.now(),
  ) {
    this.tokens = burst;
    this.updatedAt = now;
  }

  /** Takes one token; false when the bucket is empty (the caller refuses the frame). */
  take(now: number = Date.now()): boolean {
    // The wall clock can step back (NTP, or a server `clock` beside Date.now): no time passed then,
    // rather than a debt of the whole step (hours of refusals).
    this.tokens = Math.min(this.burst, this.tokens + (Math.max(0, now - this.updatedAt) / 1000) * this.perSecond);
    this.updatedAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until a token is there again (0 when one is). */
  retryAfterMs(): number {
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.perSecond) * 1000);
  }
}

/**
 * One token bucket per key (an address, a visitor): `perMinute` sustained, bursts up to `burst`.
 * Memory is bounded: beyond `maxKeys` the least recently used key is forgotten (a full bucket and
 * a forgotten one behave the same, so only a flood of distinct keys can reset anyone's count).
 */
export class KeyedTokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;

  constructor(
    perMinute: number,
    private readonly burst: number,
    private readonly maxKeys: number,
  ) {
    this.perMs = perMinute / 60_000;
  }

  /** Takes one token for `key`: 0 when taken, else the milliseconds until one is there (nothing taken). */
  take(key: string, now: number = Date.now()): number {
    const bucket = this.buckets.get(key);
    // A clock stepping back counts as no time passed (see TokenBucket.take).
    let tokens = bucket ? Math.min(this.burst, bucket.tokens + Math.max(0, now - bucket.at) * this.perMs) : this.burst;
    if (tokens < 1) {
      if (bucket) {
        bucket.tokens = tokens;
        bucket.at = now;
      }
      return Math.max(1, Math.ceil((1 - tokens) / this.perMs));
    }
    tokens -= 1;
    this.buckets.delete(key); // re-inserted last: Map order is least recently used first
    this.buckets.set(key, { tokens, at: now });
    while (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
    return 0;
  }
}

/**
 * Counts attempts per key over a sliding window. An attempt is recorded before the (slow) password
 * check, so a burst of parallel guesses cannot all slip in before the first failure is counted;
 * a success then forgives it.
 */
export class AttemptLimiter {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly maxKeys: number,
  ) {}

  /** Milliseconds until `key` may try again; 0 when it may now. */
  retryAfterMs(key: string, now: number = Date.now()): number {
    const times = this.prune(key, now);
    if (times.length < this.max) return 0;
    return times[times.length - this.max]! + this.windowMs - now;
  }

  record(key: string, now: number = Date.now()): void {
    const times = this.prune(key, now);
    times.push(now);
    // Map keeps insertion order: re-inserting moves the key to the end, so the first key is the stalest.
    this.attempts.delete(key);
    this.attempts.set(key, times);
    while (this.attempts.size > this.maxKeys) this.attempts.delete(this.attempts.keys().next().value!);
  }

  /** Attempts recorded for `key` within the window. */
  count(key: string, now: number = Date.now()): number {
    return this.prune(key, now).length;
  }

  /** Removes the latest attempt (it succeeded). */
  forgiveLast(key: string): void {
    this.attempts.get(key)?.pop();
  }

  reset(key: string): void {
    this.attempts.delete(key);
  }

  private prune(key: string, now: number): number[] {
    const times = this.attempts.get(key);
    if (!times) return [];
    const fresh = times.filter((t) => t > now - this.windowMs);
    if (fresh.length === 0) this.attempts.delete(key);
    else if (fresh.length !== times.length) this.attempts.set(key, fresh);
    return fresh;
  }
}

/**
 * The refusal for a frame over a rate, with how long to wait, and its clientId when one can be read
 * without parsing the frame (a frame refused by the socket's bucket is not parsed at all).
 */
export function rateLimitedError(raw: string, retryAfterMs?: number, message = 'Too many frames; slow down'): ErrorFrame {
  const match = /"clientId"\s*:\s*"([A-Za-z0-9_-]{1,64})"/.exec(raw.slice(0, 4096));
  const error: ErrorFrame = { type: 'error', code: 'rate_limited', message };
  if (retryAfterMs !== undefined) error.retryAfterMs = Math.max(1, Math.ceil(retryAfterMs));
  if (match) error.clientId = match[1]!;
  return error;
}
