/**
 * Puts a visitor's context on the server's clock. The schema only bounds times absolutely (before
 * 2200); here they are brought within CONTEXT_CLOCK_SKEW_MAX_MS of the server's time:
 * - a snapshot whose `at` is off by more than that came from a browser whose clock is wrong (a
 *   dead CMOS battery, a hand-set date): every time in it is shifted by the same amount, so the
 *   journey keeps its shape and "5 min ago" means five minutes;
 * - any single time still later than now + the allowance is set to now (nobody visits the future),
 *   and none is below 0.
 * Refusing instead would lock such visitors out of the chat; clamping keeps the agent's view sane.
 */
import type { ContextSnapshot } from '../../protocol/context';

/** How far a snapshot's times may stray from the server's clock: one day. */
export const CONTEXT_CLOCK_SKEW_MAX_MS = 24 * 60 * 60 * 1000;

export function onServerClock(snapshot: ContextSnapshot, now: number): ContextSnapshot {
  const skew = Math.abs(snapshot.at - now) > CONTEXT_CLOCK_SKEW_MAX_MS ? now - snapshot.at : 0;
  const latest = now + CONTEXT_CLOCK_SKEW_MAX_MS;
  const fix = (t: number): number => {
    const shifted = t + skew;
    return shifted > latest ? now : Math.max(0, shifted);
  };
  return {
    ...snapshot,
    at: fix(snapshot.at),
    page: { ...snapshot.page, startedAt: fix(snapshot.page.startedAt) },
    journey: snapshot.journey.map((entry) => ({ ...entry, at: fix(entry.at) })),
    campaign: snapshot.campaign ? { ...snapshot.campaign, at: fix(snapshot.campaign.at) } : null,
    signals: snapshot.signals.map((signal) => ({ ...signal, firstAt: fix(signal.firstAt), at: fix(signal.at) })),
    location: snapshot.location ? { ...snapshot.location, at: fix(snapshot.location.at) } : null,
    ...(snapshot.entry && { entry: { ...snapshot.entry, at: fix(snapshot.entry.at) } }),
    ...(snapshot.selfService && { selfService: { articles: snapshot.selfService.articles.map((a) => ({ ...a, at: fix(a.at) })) } }),
  };
}
