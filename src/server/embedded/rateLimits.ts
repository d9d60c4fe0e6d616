/**
 * The two rate limiters: a token bucket per socket (frames per second), and a sliding window of
 * failures per key for logins (per IP and per e-mail).
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
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.perSecond);
    this.updatedAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
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

/** The refusal for a frame over the rate, with its clientId when one can be read without parsing the frame. */
export function rateLimitedError(raw: string): ErrorFrame {
  const match = /"clientId"\s*:\s*"([A-Za-z0-9_-]{1,64})"/.exec(raw.slice(0, 4096));
  const error: ErrorFrame = { type: 'error', code: 'rate_limited', message: 'Too many frames; slow down' };
  if (match) error.clientId = match[1]!;
  return error;
}
