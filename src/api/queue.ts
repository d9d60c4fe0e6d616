/**
 * The order queued commands replay in, whether they were queued by the script-tag snippet before
 * the bundle arrived or called on `createBaton()` before `boot`:
 *   1. boot (configuration)   2. consent   3. identify   4. context   5. on / off (listeners)
 *   6. everything else (open, close, getContext, shutdown) in the order it was called.
 * Within a group the call order is kept. So a listener added after `open()` in the page's code
 * still hears 'open', and `open()` never runs before the identity it should carry.
 */
const RANK: Record<string, number> = { boot: 0, consent: 1, identify: 2, context: 3, on: 4, off: 4 };

export type QueuedCall = [method: string, ...args: unknown[]];

export function orderQueue(calls: readonly QueuedCall[]): QueuedCall[] {
  return calls
    .map((call, i) => ({ call, i, rank: RANK[call[0]] ?? 5 }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map((x) => x.call);
}
