/**
 * How every client of Baton's servers waits before trying again: the widget's socket reconnecting,
 * its outbox resending a message the server could not store (`unavailable`), the Twilio chat
 * transport asking the site's server for a session again, the agent console reconnecting and
 * resending. One policy, stated once: 1 s, doubling, at most 20 s, with up to 40% taken off at
 * random so that clients who lost the server together (a restart) do not all come back in the
 * same tick.
 *
 * In src/protocol because it is part of the contract with the server, and the one place both
 * browser apps (the widget and the agent console) share: the server keeps a dropped visitor's call
 * for `callResumeMs` (10 s) counting on the first reconnection coming within about a second, and
 * its rate limits count on clients that back off.
 */
export const BACKOFF_BASE_MS = 1000;
export const BACKOFF_FACTOR = 2;
export const BACKOFF_MAX_MS = 20_000;
/** Up to this fraction of the delay is taken off at random. */
export const BACKOFF_JITTER = 0.4;

/**
 * The wait before try number `attempt` (0 for the first retry): d = min(1 s * 2^attempt, 20 s),
 * minus up to 40% of d: a whole number of ms in [0.6 d, d]. `random` is in [0, 1) (tests pass
 * their own).
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  // The exponent is bounded so a long outage cannot overflow to Infinity before the cap applies.
  const d = Math.min(BACKOFF_BASE_MS * BACKOFF_FACTOR ** Math.min(Math.max(attempt, 0), 30), BACKOFF_MAX_MS);
  return Math.round(d * (1 - BACKOFF_JITTER * random()));
}
