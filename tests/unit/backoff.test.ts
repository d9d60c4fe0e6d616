// The one backoff policy (src/protocol/backoff.ts) every client of Baton's servers follows: the
// widget's socket and outbox, the Twilio chat session, the agent console.
import { describe, expect, it } from 'vitest';
import { BACKOFF_MAX_MS, backoffDelay } from '../../src/protocol/backoff';

describe('backoffDelay', () => {
  it('doubles from 1 s, caps at 20 s, and takes off up to 40% at random', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10].map((a) => backoffDelay(a, () => 0))).toEqual([1000, 2000, 4000, 8000, 16000, 20000, 20000, 20000]);
    expect([0, 1, 2, 3, 4, 5].map((a) => backoffDelay(a, () => 0.999999))).toEqual([600, 1200, 2400, 4800, 9600, 12000]);
    for (let attempt = 0; attempt < 12; attempt++) {
      const full = Math.min(1000 * 2 ** attempt, BACKOFF_MAX_MS);
      for (let i = 0; i < 50; i++) {
        const d = backoffDelay(attempt);
        expect(d).toBeGreaterThanOrEqual(Math.floor(full * 0.6));
        expect(d).toBeLessThanOrEqual(full);
      }
    }
  });

  it('stays at the cap after a very long outage', () => {
    expect(backoffDelay(5000, () => 0)).toBe(BACKOFF_MAX_MS);
    expect(backoffDelay(-1, () => 0)).toBe(1000);
  });
});
