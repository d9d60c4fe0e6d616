import type { NavigationSource, PageSource, SignalSink, SignalSource } from '../core/ports';

/**
 * Most events kept before the context engine is up. The engine starts when the page is idle, at
 * most about a second after load (src/cdn.ts); a page's first second holds far fewer route
 * changes and friction events than this. Further ones are dropped.
 */
export const EARLY_EVENTS_MAX = 256;

/** The page's sources, as the context engine (src/core/context/engine.ts) takes them, plus the clock it reads them by. */
export interface EarlyCapture {
  navigation: NavigationSource;
  signals: SignalSource;
  page: PageSource;
  now: () => number;
}

type Kind = 'route' | 'title' | keyof SignalSink;

/**
 * The script-tag build's page-load half (issue 22): the context engine, its redaction and storage
 * load when the page is idle (src/compose/cdnStart.ts), but route changes and friction signals
 * happen from the first moment. This listens from page load and keeps each event with the time,
 * URL and title it happened at. The engine gets these sources instead of the browser's: when it
 * subscribes, it first sees the page as it was when Baton loaded (its journey begins there), then,
 * a microtask later, every kept event in order, each with its own time and URL, and from then on
 * the live page. Nothing is redacted, stored or sent here: the kept events are raw, in memory, for
 * about a second, and go only to the engine, which redacts them as it records them.
 */
export function captureEarly(navigation: NavigationSource, signals: SignalSource, page: PageSource): EarlyCapture {
  // The page as the engine sees it: as it was when this ran, as each kept event had it, then live.
  let at = Date.now();
  let href = page.href();
  let title = page.title();
  let live = false;
  let replaying = false;
  const kept: [Kind, unknown[], number, string, string][] = [];
  let onRoute: ((replace?: boolean) => void) | undefined;
  let onTitle: (() => void) | undefined;
  let sink: SignalSink | undefined;
  const deliver = (kind: Kind, args: unknown[]) =>
    kind == 'route' ? onRoute?.(args[0] as boolean | undefined) : kind == 'title' ? onTitle?.() : (sink?.[kind] as ((...a: unknown[]) => void) | undefined)?.apply(sink, args);
  const on = (kind: Kind) => (...args: unknown[]) => {
    if (live) deliver(kind, args);
    else if (kept.length < EARLY_EVENTS_MAX) kept.push([kind, args, Date.now(), page.href(), page.title()]);
  };
  navigation.watch(on('route'));
  navigation.watchTitle(on('title'));
  signals.watch({ click: on('click'), error: on('error'), rejection: on('rejection'), invalid: on('invalid') });

  /** Once the engine has subscribed (in its constructor): the kept events, in order, then live. */
  const replay = () => {
    if (replaying) return;
    replaying = true;
    queueMicrotask(() => {
      for (const [kind, args, a, h, t] of kept.splice(0)) {
        at = a;
        href = h;
        title = t;
        deliver(kind, args);
      }
      live = true;
    });
  };

  return {
    now: () => (live ? Date.now() : at),
    page: { ...page, href: () => (live ? page.href() : href), title: () => (live ? page.title() : title) },
    navigation: {
      loadKind: navigation.loadKind,
      watch(fn) {
        onRoute = fn;
        replay();
        return () => void (onRoute = undefined);
      },
      watchTitle(fn) {
        onTitle = fn;
        return () => void (onTitle = undefined);
      },
    },
    signals: {
      watch(s) {
        sink = s;
        return () => void (sink = undefined);
      },
    },
  };
}
