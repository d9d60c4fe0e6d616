/**
 * The script-tag entry (dist/baton.js). It replays what the snippet queued (in the order of
 * api/queue.ts), then replaces the global queue with the live API: `Baton('open')` from then on
 * runs at once and returns the method's result (e.g. `Baton('getContext')`). Everything optional
 * (the panel UI, transports, vendor SDKs) is reached through import() chunks.
 */
import { createBatonApi } from './api/createBaton';
import { orderQueue, type QueuedCall } from './api/queue';
import { idbStore } from './storage/idbStore';
import { mountUi } from './ui/launcher';

type LiveGlobal = ((method: string, ...args: unknown[]) => unknown) & { q?: unknown; __live?: boolean };

const w = window as unknown as { Baton?: LiveGlobal };

// Loaded twice (two script tags, or the snippet plus an npm build on the same page): keep the first.
if (!w.Baton?.__live) {
  const queued: ArrayLike<unknown>[] = Array.isArray(w.Baton?.q) ? (w.Baton!.q as ArrayLike<unknown>[]) : [];
  const { call } = createBatonApi({ store: idbStore, ui: mountUi });
  const live: LiveGlobal = (method, ...args) => call(method, args);
  live.__live = true;
  // Snippets that kept a reference to the queue still reach Baton through push().
  live.q = {
    push: (args: ArrayLike<unknown>) => {
      const [method, ...rest] = Array.from(args);
      return call(String(method), rest);
    },
  };
  w.Baton = live;
  for (const [method, ...args] of orderQueue(queued.map((a) => Array.from(a) as QueuedCall))) call(method, args);
}
