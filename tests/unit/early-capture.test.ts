// src/platform/earlyCapture.ts: the page's events before the context engine is up, kept with
// their time, URL and title, given to the engine in order once it subscribes, then live.
import { describe, expect, it, vi } from 'vitest';
import { EARLY_EVENTS_MAX, captureEarly } from '../../src/platform/earlyCapture';
import type { NavigationSource, PageSource, SignalSink, SignalSource } from '../../src/core/ports';

function fakePage() {
  const state = { href: 'https://shop.example/a', title: 'A' };
  let route: (replace?: boolean) => void = () => {};
  let title: () => void = () => {};
  let sink: SignalSink | undefined;
  const navigation: NavigationSource = {
    loadKind: () => 'reload',
    watch: (fn) => ((route = fn), () => {}),
    watchTitle: (fn) => ((title = fn), () => {}),
  };
  const signals: SignalSource = { watch: (s) => ((sink = s), () => {}) };
  const page: PageSource = { href: () => state.href, title: () => state.title, referrer: () => '', language: () => 'en', loadedAt: () => 1 };
  return {
    navigation, signals, page,
    go(href: string, replace?: boolean) { state.href = href; route(replace); },
    retitle(t: string) { state.title = t; title(); },
    click: (x: number) => sink!.click(x, 0, () => 'button#pay'),
    error: (m: string) => sink!.error(m),
  };
}

describe('captureEarly', () => {
  it('shows the engine the page as it was, then each kept event with its own time, URL and title, in order, then the live page', async () => {
    vi.useFakeTimers({ now: 1000, toFake: ['Date'] });
    const p = fakePage();
    const c = captureEarly(p.navigation, p.signals, p.page);
    vi.setSystemTime(1100);
    p.go('https://shop.example/b', true);
    p.retitle('B');
    vi.setSystemTime(1200);
    p.click(5);
    p.error('boom');
    vi.setSystemTime(5000);
    p.go('https://shop.example/c');

    // The engine arrives: until it has subscribed, the page as it was when Baton loaded.
    expect([c.now(), c.page.href(), c.page.title(), c.navigation.loadKind()]).toEqual([1000, 'https://shop.example/a', 'A', 'reload']);
    const seen: unknown[] = [];
    const sink: SignalSink = {
      click: (x, _y, describe) => seen.push(['click', x, describe(), c.now(), c.page.href()]),
      error: (m) => seen.push(['error', m, c.now(), c.page.href()]),
      rejection: () => {},
      invalid: () => {},
    };
    c.signals.watch(sink);
    c.navigation.watch((replace) => seen.push(['route', replace, c.now(), c.page.href(), c.page.title()]));
    c.navigation.watchTitle(() => seen.push(['title', c.now(), c.page.title()]));
    // Delivered a microtask after the subscription (the engine's constructor finishes first).
    expect(seen).toEqual([]);
    await Promise.resolve();
    expect(seen).toEqual([
      ['route', true, 1100, 'https://shop.example/b', 'A'],
      ['title', 1100, 'B'],
      ['click', 5, 'button#pay', 1200, 'https://shop.example/b'],
      ['error', 'boom', 1200, 'https://shop.example/b'],
      ['route', undefined, 5000, 'https://shop.example/c', 'B'],
    ]);
    // Live from then on.
    vi.setSystemTime(6000);
    p.go('https://shop.example/d');
    expect(seen.at(-1)).toEqual(['route', undefined, 6000, 'https://shop.example/d', 'B']);
    expect(c.now()).toBe(6000);
    vi.useRealTimers();
  });

  it(`keeps at most ${EARLY_EVENTS_MAX} events, the first ones`, async () => {
    const p = fakePage();
    const c = captureEarly(p.navigation, p.signals, p.page);
    for (let i = 0; i < EARLY_EVENTS_MAX + 50; i++) p.error(`e${i}`);
    const errors: string[] = [];
    c.signals.watch({ click() {}, error: (m) => errors.push(m), rejection() {}, invalid() {} });
    c.navigation.watch(() => {});
    await Promise.resolve();
    expect(errors).toHaveLength(EARLY_EVENTS_MAX);
    expect(errors[0]).toBe('e0');
  });

  it('calls a sink as a method (the engine passes its Signals instance) and stops delivering after stop', async () => {
    const p = fakePage();
    const c = captureEarly(p.navigation, p.signals, p.page);
    const sink = { list: [] as string[], click() {}, error(m: string) { this.list.push(m); }, rejection() {}, invalid() {} };
    const stop = c.signals.watch(sink);
    c.navigation.watch(() => {});
    await Promise.resolve();
    p.error('one');
    stop();
    p.error('two');
    expect(sink.list).toEqual(['one']);
  });
});
