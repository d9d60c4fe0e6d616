/**
 * The script-tag entry (dist/baton.js). It replays what the snippet queued (in the order of
 * api/queue.ts), then replaces the global queue with the live API: `Baton('open')` from then on
 * runs at once and returns the method's result (e.g. `Baton('getContext')`). Everything optional
 * (the panel UI, the chat and its transport, vendor SDKs) is reached through import() chunks.
 */
import { orderQueue, type QueuedCall } from './api/queue';
import { composeBaton } from './compose/entry';
import { local } from './compose/transports';
import { twilio } from './compose/twilio';
import { mountUi } from './ui/launcher';

type LiveGlobal = ((method: string, ...args: unknown[]) => unknown) & { q?: unknown; __live?: boolean };

const w = window as unknown as { Baton?: LiveGlobal };

// Loaded twice (two script tags, or the snippet plus an npm build on the same page): keep the first.
if (!w.Baton?.__live) {
  const queued: unknown[][] = (Array.isArray(w.Baton?.q) ? (w.Baton!.q as ArrayLike<unknown>[]) : []).map((a) => Array.from(a));
  const { call } = composeBaton({
    ui: mountUi,
    // Baton's server is the one that served this script, unless boot({ server }) says otherwise.
    server: new URL(import.meta.url).origin,
    // The script tag chooses by itself: boot({ transport: 'twilio' }) needs no import of the site.
    transports: [local, twilio],
  });
  let replayed = false;
  // Until the queue has been replayed, new calls join it, so everything keeps its order; they
  // answer as the API does: on() its unsubscribe, getContext() a promise of the snapshot (asked
  // for a task later, after the replay's task: timers run in order).
  const dispatch = (args: unknown[]): unknown => {
    const [method, ...rest] = args;
    if (replayed) return call(String(method), rest);
    if (method === 'getContext') return new Promise((resolve) => setTimeout(() => resolve(dispatch(args))));
    queued.push(args);
    if (method === 'on') return () => dispatch(['off', ...rest]);
  };
  const live: LiveGlobal = (...args) => dispatch(args);
  live.__live = true;
  // Snippets that kept a reference to the queue still reach Baton through push().
  live.q = { push: (args: ArrayLike<unknown>) => dispatch(Array.from(args)) };
  w.Baton = live;
  // Booting runs in a task of its own, after this module's evaluation: two short tasks on the
  // host page instead of one longer one.
  setTimeout(() => {
    replayed = true;
    for (const [method, ...args] of orderQueue(queued as QueuedCall[])) call(method, args);
  }, 0);
}
