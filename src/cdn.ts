/**
 * The script-tag entry (dist/baton.js), the only part of Baton a page runs while it loads: the
 * command queue and the early capture of route changes and friction signals
 * (src/platform/earlyCapture.ts). The rest (the API, the context engine, storage, the launcher)
 * is src/compose/cdnStart.ts, imported when the page is idle (within a second), or at once when the
 * site asks for something (open, call, getContext). It replays what was queued, then the global
 * becomes the live API: `Baton('open')` from then on runs at once and returns the method's result.
 * Everything optional (the panel UI, the chat and its transport, vendor SDKs) is further import()
 * chunks.
 */
import type { QueuedCall } from './api/queue';
import { captureEarly } from './platform/earlyCapture';
import { whenIdle } from './platform/idle';
import { browserNavigation } from './platform/navigation';
import { browserPage } from './platform/page';
import { browserSignals } from './platform/signals';

type LiveGlobal = ((method: string, ...args: unknown[]) => unknown) & { q?: unknown; __live?: boolean };
type Call = (method: string, args: unknown[]) => unknown;

const w = window as unknown as { Baton?: LiveGlobal };

// Loaded twice (two script tags, or the snippet plus an npm build on the same page): keep the first.
if (!w.Baton?.__live) {
  const queued: QueuedCall[] = (Array.isArray(w.Baton?.q) ? (w.Baton!.q as ArrayLike<unknown>[]) : []).map((a) => Array.from(a) as QueuedCall);
  const sources = captureEarly(browserNavigation, browserSignals, browserPage);
  // Baton's server is the one that served this script, unless boot({ server }) says otherwise.
  const server = new URL(import.meta.url).origin;
  let call: Call | null = null;
  let loading: Promise<Call> | null = null;
  let failures = 0;
  const start = (): Promise<Call> =>
    (loading ||= import('./compose/cdnStart').then(
      (m) => (call = m.startBaton(server, sources, queued.splice(0))),
      (e: unknown) => {
        // Offline, say: tried again in 10 s (at most 5 times), or at the site's next open(); nothing queued is lost.
        loading = null;
        if (++failures < 6) setTimeout(idleStart, 1e4);
        throw e;
      },
    ));
  const idleStart = () => whenIdle(() => void start().catch(() => undefined));
  // Until the rest has loaded, calls join the queue, so everything keeps its order; they answer as
  // the API does: on() its unsubscribe, getContext() a promise of the snapshot.
  const dispatch = (args: unknown[]): unknown => {
    const [method, ...rest] = args;
    if (call) return call(String(method), rest);
    if (method === 'getContext') return start().then((c) => c('getContext', rest));
    queued.push(args as QueuedCall);
    // The site asked for the widget: no waiting for idle.
    if (method === 'open' || method === 'call') start().catch(() => undefined);
    if (method === 'on') return () => dispatch(['off', ...rest]);
  };
  const live: LiveGlobal = (...args) => dispatch(args);
  live.__live = true;
  // Snippets that kept a reference to the queue still reach Baton through push().
  live.q = { push: (args: ArrayLike<unknown>) => dispatch(Array.from(args)) };
  w.Baton = live;
  idleStart();
}
