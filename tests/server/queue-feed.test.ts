// QueueFeed (src/server/embedded/queueFeed.ts): the mirror of the queue the agents were told, the
// bounded frames of its changes, and at most one `updated` per conversation a second. KeyedThrottle
// (keyedThrottle.ts): a visitor's context pushed at most once an interval, the latest at its end
// (fake timers: counted, never timed).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { QUEUE_FRAME_MAX_BYTES, type ConversationSummary } from '../../src/protocol/chat';
import type { QueueEntry } from '../../src/server/embedded/chatStore';
import { KeyedThrottle } from '../../src/server/embedded/keyedThrottle';
import { QueueFeed } from '../../src/server/embedded/queueFeed';

const T0 = 1_800_000_000_000;
const summary = (i: number, over: Partial<ConversationSummary> = {}): ConversationSummary => ({
  id: `c_${String(i).padStart(5, '0')}`,
  status: 'waiting',
  createdAt: T0 + i,
  waitingSince: T0 + i,
  visitor: { name: null, email: null, verified: { id: false, name: false, email: false } },
  lastMessage: { text: 'x'.repeat(200), at: T0 + i, sender: 'visitor' },
  page: { title: 'Checkout — Payment'.padEnd(120, '.'), path: `/checkout/${i}` },
  agent: null,
  email: null,
  ...over,
});
const entry = (s: ConversationSummary): QueueEntry => ({ visitorId: `v_${s.id}`, summary: s });
const parse = (frames: string[]) => frames.map((f) => JSON.parse(f) as { added: ConversationSummary[]; updated: ConversationSummary[]; removed: string[] });

describe('QueueFeed', () => {
  it('splits a burst of 3,000 arrivals into frames within QUEUE_FRAME_MAX_BYTES, oldest first, and pages the snapshot the same way', () => {
    const feed = new QueueFeed(1000);
    // Newest first, as a flush may list them: the feed keeps the queue's order anyway.
    const arrivals = new Map<string, QueueEntry>();
    for (let i = 2999; i >= 0; i--) arrivals.set(summary(i).id, entry(summary(i)));
    const delta = feed.apply(arrivals, T0, () => {});
    expect(delta.added).toBe(3000);
    expect(delta.frames.length).toBeGreaterThan(20);
    for (const f of delta.frames) expect(Buffer.byteLength(f)).toBeLessThanOrEqual(QUEUE_FRAME_MAX_BYTES);
    expect(parse(delta.frames).flatMap((f) => f.added.map((c) => c.id)).sort()).toEqual([...arrivals.keys()].sort());

    const pages = feed.snapshotFrames().map((p) => JSON.parse(p) as { conversations: ConversationSummary[]; last: boolean });
    for (const p of feed.snapshotFrames()) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(QUEUE_FRAME_MAX_BYTES);
    expect(pages.flatMap((p) => p.conversations.map((c) => c.id))).toEqual(Array.from({ length: 3000 }, (_, i) => summary(i).id));
    expect(feed.visitorsInOrder()[0]).toEqual({ conversationId: summary(0).id, visitorId: `v_${summary(0).id}`, status: 'waiting' });
  });

  it('sends a conversation as `updated` at most once a second, its latest state; arrivals and removals at once', () => {
    const feed = new QueueFeed(1000);
    const deferred: Array<[string, number]> = [];
    const apply = (e: QueueEntry | null, id: string, now: number) => parse(feed.apply(new Map([[id, e]]), now, (i, at) => deferred.push([i, at])).frames);
    const id = summary(1).id;
    expect(apply(entry(summary(1)), id, T0)[0]!.added).toHaveLength(1);
    expect(apply(entry(summary(1, { page: { title: 'A', path: '/a' } })), id, T0 + 100)[0]!.updated[0]!.page?.path).toBe('/a');
    // Within the second: nothing sent, the caller is told when it may go.
    expect(apply(entry(summary(1, { page: { title: 'B', path: '/b' } })), id, T0 + 400)).toEqual([]);
    expect(deferred).toEqual([[id, T0 + 1100]]);
    // Unchanged: nothing at all.
    expect(apply(entry(summary(1, { page: { title: 'A', path: '/a' } })), id, T0 + 1200)).toEqual([]);
    expect(apply(entry(summary(1, { page: { title: 'C', path: '/c' } })), id, T0 + 1200)[0]!.updated[0]!.page?.path).toBe('/c');
    // Leaving the queue is never held back.
    expect(apply(null, id, T0 + 1300)).toEqual([{ type: 'queue_changes', added: [], updated: [], removed: [id] }]);
    expect(feed.size).toBe(0);
  });
});

describe('KeyedThrottle', () => {
  afterEach(() => vi.useRealTimers());

  it('runs the first value at once, then at most one per interval per key: the latest, at the end of the interval', () => {
    vi.useFakeTimers();
    const runs: string[] = [];
    const t = new KeyedThrottle<string>(1000, (key, value) => runs.push(`${key}=${value}`));
    // A storm of 60 a second for 3 s from one key (180 values), 1 a second from another.
    let clock = 0;
    for (let i = 0; i < 180; i++) {
      const at = Math.round((i * 1000) / 60);
      vi.advanceTimersByTime(at - clock);
      clock = at;
      t.push('storm', `p${at}`);
      if (i % 60 === 0) t.push('calm', `q${at}`);
    }
    vi.advanceTimersByTime(1000);
    const storm = runs.filter((r) => r.startsWith('storm='));
    // At 0 (the first), then at the end of each of the 3 intervals: the latest pushed by then.
    expect(storm).toHaveLength(4);
    expect(storm[0]).toBe('storm=p0');
    expect(storm.at(-1)).toBe(`storm=p${Math.round((179 * 1000) / 60)}`);
    // The other key is not held back by the storm: each of its values runs.
    expect(runs.filter((r) => r.startsWith('calm='))).toEqual(['calm=q0', 'calm=q1000', 'calm=q2000']);
    // A quiet interval ends the key's window (nothing kept): the next value runs at once.
    vi.advanceTimersByTime(1000);
    t.push('storm', 'again');
    expect(runs.at(-1)).toBe('storm=again');
    t.stop();
  });

  it('flush runs the waiting value now and starts a new interval; stop drops what waits', () => {
    vi.useFakeTimers();
    const runs: string[] = [];
    const t = new KeyedThrottle<number>(1000, (_key, value) => runs.push(String(value)));
    t.push('k', 1);
    t.push('k', 2);
    t.flush('k');
    expect(runs).toEqual(['1', '2']);
    t.flush('k'); // nothing waits
    t.push('k', 3);
    vi.advanceTimersByTime(999);
    expect(runs).toEqual(['1', '2']);
    vi.advanceTimersByTime(1);
    expect(runs).toEqual(['1', '2', '3']);
    t.push('k', 4);
    t.stop();
    vi.advanceTimersByTime(5000);
    expect(runs).toEqual(['1', '2', '3']);
  });
});
