// Token buckets when the wall clock steps back (NTP, or the server's `clock` option beside
// Date.now): no time passed, never a debt of the whole step. Before, a bucket last used one day
// ahead refused everyone for a day (tests/browser/preferences.test.ts met it: the fake clock of
// the callback routes and Date.now of the sockets counted new visitors in the same bucket).
import { describe, expect, it } from 'vitest';
import { KeyedTokenBuckets, TokenBucket } from '../../src/server/embedded/rateLimits';

const DAY = 86_400_000;

describe('token buckets and a clock that steps back', () => {
  it('KeyedTokenBuckets: a take one day earlier than the last still finds the tokens left', () => {
    const b = new KeyedTokenBuckets(60, 3, 10);
    const t = 1_000_000_000_000;
    expect(b.take('a', t + DAY)).toBe(0);
    expect(b.take('a', t)).toBe(0);
    expect(b.take('a', t)).toBe(0);
    // The burst is spent: refused for about a second (60 a minute), not for a day.
    const wait = b.take('a', t);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(1000);
  });

  it('TokenBucket: the same', () => {
    const t = 1_000_000_000_000;
    const b = new TokenBucket(1, 2, t + DAY);
    expect(b.take(t)).toBe(true);
    expect(b.take(t)).toBe(true);
    expect(b.take(t)).toBe(false);
    expect(b.retryAfterMs()).toBeLessThanOrEqual(1000);
  });
});
