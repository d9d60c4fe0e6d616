import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContextEngine, type ContextEngineDeps } from '../../src/core/context/engine';
import { buildSnapshot, settle } from '../../src/core/context/snapshot';
import type { KeyValueStore, NavigationSource } from '../../src/core/ports';
import { validateContextSnapshot } from '../../src/protocol/contextSchema';
import { memoryStore } from '../../src/storage/memoryStore';
import { browserNavigation } from '../../src/platform/navigation';
import { browserPage } from '../../src/platform/page';
import { browserSignals } from '../../src/platform/signals';
import { readDevice } from '../../src/platform/device';

/** The snapshot getContext() would build now, with this (happy-dom) browser's device. */
const snapshotOf = (engine: ContextEngine) => buildSnapshot(engine.raw(), readDevice(undefined));

const setURL = (url: string) => (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL(url);

/** A store that records writes, so tests can see exactly what Baton persisted. */
function recordingStore(): KeyValueStore & { writes: string[]; data: Map<string, unknown> } {
  const inner = memoryStore();
  const writes: string[] = [];
  const data = new Map<string, unknown>();
  return {
    kind: 'memory',
    writes,
    data,
    get: (k) => inner.get(k),
    set: async (k, v) => {
      writes.push(`set ${k}`);
      data.set(k, v);
      await inner.set(k, v);
    },
    del: async (k) => {
      writes.push(`del ${k}`);
      data.delete(k);
      await inner.del(k);
    },
    clear: async () => {
      writes.push('clear');
      data.clear();
      await inner.clear();
    },
  };
}

function setup(over: Partial<ContextEngineDeps> = {}, store = recordingStore(), start = 1_700_000_000_000) {
  let t = start;
  let routeChange: (replace: boolean) => void = () => {};
  let hidden = () => {};
  const navigation: NavigationSource = {
    loadKind: () => 'load',
    watch: (fn) => ((routeChange = fn), () => {}),
    // The real title watcher (a MutationObserver), on happy-dom's document.
    watchTitle: browserNavigation.watchTitle,
  };
  let opened = 0;
  const engine = new ContextEngine({
    options: {},
    store: () => (opened++, store),
    navigation,
    lifecycle: { onHidden: (fn) => ((hidden = fn), () => {}) },
    // The browser's own page and signal sources, on happy-dom's document.
    page: browserPage,
    signals: browserSignals,
    now: () => t,
    ...over,
  });
  return {
    engine,
    store,
    opened: () => opened,
    advance: (ms: number) => (t += ms),
    /** A router that changes the URL, then the title (React Router, Vue Router...). */
    route: async (url: string, title: string) => {
      setURL(url);
      routeChange(false);
      document.title = title;
      await new Promise((r) => setTimeout(r, 0));
    },
    /** A router's redirect: the URL replaced (replaceState), the title not set yet. */
    replace: async (url: string) => {
      setURL(url);
      routeChange(true);
      await new Promise((r) => setTimeout(r, 0));
    },
    /** The page's title changes (a route rendered). */
    retitle: async (title: string) => {
      document.title = title;
      await new Promise((r) => setTimeout(r, 0));
    },
    /** A router that sets the title first, then pushes the URL. */
    routeTitleFirst: async (url: string, title: string) => {
      document.title = title;
      setURL(url);
      routeChange(false);
      await new Promise((r) => setTimeout(r, 0));
    },
    hide: () => hidden(),
  };
}

beforeEach(() => {
  setURL('https://shop.test/product/trail-runner?utm_source=newsletter&utm_campaign=winter&token=s3cret');
  document.title = 'Trail Runner — Demo Shop';
  document.documentElement.lang = 'en';
});
afterEach(() => vi.useRealTimers());

describe('ContextEngine', () => {
  it('builds a valid v1 snapshot of the page, with redaction and campaign', async () => {
    const { engine } = setup();
    await engine.ready;
    const s = snapshotOf(engine);
    expect(validateContextSnapshot(s)).toEqual({ ok: true, value: s });
    expect(s.page.title).toBe('Trail Runner — Demo Shop');
    expect(s.page.url).toContain('token=[redacted]');
    expect(s.page.url).not.toContain('s3cret');
    expect(s.campaign?.params).toEqual({ utm_source: 'newsletter', utm_campaign: 'winter' });
    expect(s.journey).toHaveLength(1);
    expect(s.journey[0]).toMatchObject({ kind: 'load', title: 'Trail Runner — Demo Shop' });
    expect(s.consent).toBe('granted');
    expect(s.identity).toBeNull();
    engine.stop();
  });

  it('records SPA routes with their own titles, whether the router sets the title after or before the URL, and dwell times', async () => {
    const h = setup();
    await h.engine.ready;
    h.advance(5000);
    await h.route('https://shop.test/app/orders', 'Orders');
    h.advance(2000);
    await h.route('https://shop.test/app/orders', 'Orders'); // same path: not a new entry
    await h.route('https://shop.test/app/orders/42', 'Order 42');
    h.advance(1000);
    await h.routeTitleFirst('https://shop.test/app/settings', 'Settings');
    h.advance(500);
    await h.routeTitleFirst('https://shop.test/app/orders', 'Orders');
    const j = snapshotOf(h.engine).journey;
    expect(j.map((e) => [e.path, e.title, e.dwellMs, e.kind])).toEqual([
      ['/product/trail-runner?utm_source=newsletter&utm_campaign=winter&token=[redacted]', 'Trail Runner — Demo Shop', 5000, 'load'],
      ['/app/orders', 'Orders', 2000, 'route'],
      ['/app/orders/42', 'Order 42', 1000, 'route'],
      ['/app/settings', 'Settings', 500, 'route'],
      ['/app/orders', 'Orders', 0, 'route'],
    ]);
    expect(snapshotOf(h.engine).page.timeOnPageMs).toBe(0);
    h.engine.stop();
  });

  it('restores the journey from storage on the next page load, and persists on hide', async () => {
    const first = setup();
    await first.engine.ready;
    first.advance(3000);
    first.hide();
    await vi.waitFor(() => expect(first.store.data.get('context')).toBeDefined());
    first.engine.stop();

    setURL('https://shop.test/cart');
    document.title = 'Cart';
    const second = setup({}, first.store, 1_700_000_003_500); // the next page starts 0.5 s after hide
    await second.engine.ready;
    const j = snapshotOf(second.engine).journey;
    expect(j.map((e) => e.title)).toEqual(['Trail Runner — Demo Shop', 'Cart']);
    // Until the next page began: the 0.5 s of loading belong to the visitor's time on the first page.
    expect(j[0]!.dwellMs).toBe(3500);
    // The landing campaign outlives the landing page.
    expect(snapshotOf(second.engine).campaign?.params.utm_source).toBe('newsletter');
    second.engine.stop();
  });

  it("with consent 'required', touches no storage and records no journey until granted; denying erases", async () => {
    const h = setup({ options: { consent: 'required' } });
    await h.engine.ready;
    await h.route('https://shop.test/app/orders', 'Orders');
    h.hide();
    // The engine writes in a 0 ms timer after a change: timers run in order, so by the time this
    // one runs, any write it scheduled has started.
    await new Promise((r) => setTimeout(r, 0));
    expect(h.opened()).toBe(0);
    expect(h.store.writes).toEqual([]);
    expect(snapshotOf(h.engine).journey).toEqual([]);
    expect(snapshotOf(h.engine).consent).toBe('pending');

    await h.engine.setConsent('granted');
    expect(snapshotOf(h.engine).journey.map((e) => e.path)).toEqual(['/app/orders']);
    h.hide();
    await vi.waitFor(() => expect(h.store.writes).toContain('set context'));

    await h.engine.setConsent('denied');
    expect(h.store.writes.at(-1)).toBe('clear');
    expect(h.store.data.size).toBe(0);
    await h.route('https://shop.test/app/settings', 'Settings');
    expect(snapshotOf(h.engine).journey).toEqual([]);
    expect(snapshotOf(h.engine).consent).toBe('denied');
    h.engine.stop();
  });

  it('never overwrites the stored journey with this page alone while it is still being read', async () => {
    const store = recordingStore();
    const old = [{ path: '/earlier', title: 'Earlier', at: 1_699_999_000_000, dwellMs: 4000, kind: 'load' }];
    await store.set('context', { journey: old });
    store.writes.length = 0;
    const waiting: (() => void)[] = [];
    const release = () => waiting.splice(0).forEach((r) => r());
    const slow = { ...store, get: async <T,>(k: string) => (await new Promise<void>((r) => waiting.push(r)), store.get<T>(k)) };
    const h = setup({}, slow as typeof store);
    h.hide(); // pagehide before the stored record arrived
    // Only this landing page's campaign was written (on its own key), not the record.
    expect(store.writes).toEqual(['set campaign']);
    release();
    await h.engine.ready;
    expect(snapshotOf(h.engine).journey.map((e) => e.path)).toEqual(['/earlier', '/product/trail-runner?utm_source=newsletter&utm_campaign=winter&token=[redacted]']);
    h.hide();
    expect(store.writes).toEqual(['set campaign', 'set context']);
    h.engine.stop();
  });

  it("keeps the landing page's campaign when the visitor leaves before the stored record was read", async () => {
    const store = recordingStore();
    await store.set('context', { journey: [], campaign: { params: { utm_source: 'old_ad' }, landingPath: '/old', referrer: '', at: 1_699_000_000_000 } });
    // The landing page: its stored record never arrives (the visitor left within milliseconds).
    const never = { ...store, get: () => new Promise<never>(() => {}) };
    const landing = setup({}, never as unknown as typeof store);
    landing.hide();
    landing.engine.stop();
    // The next page, without campaign parameters, 0.1 s later.
    setURL('https://shop.test/category/trail-shoes');
    document.title = 'Trail shoes';
    const next = setup({}, store, 1_700_000_000_100);
    await next.engine.ready;
    const campaign = snapshotOf(next.engine).campaign;
    expect(campaign?.params).toEqual({ utm_source: 'newsletter', utm_campaign: 'winter' });
    expect(campaign?.landingPath).toBe('/product/trail-runner?utm_source=newsletter&utm_campaign=winter&token=[redacted]');
    // A later landing from another campaign replaces it (the newest wins), in the record too.
    setURL('https://shop.test/?utm_source=spring_ad');
    const later = setup({}, store, 1_700_000_060_000);
    await later.engine.ready;
    expect(snapshotOf(later.engine).campaign?.params).toEqual({ utm_source: 'spring_ad' });
    later.hide();
    setURL('https://shop.test/cart');
    const after = setup({}, store, 1_700_000_070_000);
    await after.engine.ready;
    expect(snapshotOf(after.engine).campaign?.params).toEqual({ utm_source: 'spring_ad' });
    for (const e of [next, later, after]) e.engine.stop();
  });

  it("counts a router's redirect right after load as the same entry, with the title that follows (vue-router hash mode)", async () => {
    setURL('https://shop.test/app');
    document.title = 'Loading…';
    const h = setup();
    await h.engine.ready;
    h.advance(40);
    await h.replace('https://shop.test/app#/'); // the router's initial '/' -> '/#/'
    await h.retitle('Home · Shop');
    h.advance(3000);
    await h.route('https://shop.test/app#/orders', 'Orders · Shop');
    expect(snapshotOf(h.engine).journey.map((e) => [e.path, e.title, e.kind])).toEqual([
      ['/app#/', 'Home · Shop', 'load'],
      ['/app#/orders', 'Orders · Shop', 'route'],
    ]);
    h.engine.stop();
  });

  it('keeps a replace as a new entry once the route rendered (its title changed) or after a while', async () => {
    setURL('https://shop.test/app/login');
    document.title = 'Sign in';
    const h = setup();
    await h.engine.ready;
    await h.retitle('Sign in · Shop'); // the route rendered
    h.advance(500);
    await h.replace('https://shop.test/app/account'); // signed in: the app replaces /login
    h.advance(5000); // an app that never sets titles
    await h.replace('https://shop.test/app/account?tab=orders'); // long after: a move of its own
    expect(snapshotOf(h.engine).journey.map((e) => [e.path, e.title])).toEqual([
      ['/app/login', 'Sign in · Shop'],
      ['/app/account', 'Sign in · Shop'],
      ['/app/account?tab=orders', 'Sign in · Shop'],
    ]);
    h.engine.stop();
  });

  it('keeps working in memory when storage throws', async () => {
    const broken: KeyValueStore = {
      kind: 'indexeddb',
      get: () => Promise.reject(new Error('QuotaExceededError')),
      set: () => Promise.reject(new Error('QuotaExceededError')),
      del: () => Promise.reject(new Error('QuotaExceededError')),
      clear: () => Promise.reject(new Error('QuotaExceededError')),
    };
    const h = setup({}, broken as ReturnType<typeof recordingStore>);
    await h.engine.ready;
    await h.route('https://shop.test/cart', 'Cart');
    h.hide();
    expect(snapshotOf(h.engine).journey.map((e) => e.path)).toEqual([
      '/product/trail-runner?utm_source=newsletter&utm_campaign=winter&token=[redacted]',
      '/cart',
    ]);
    h.engine.stop();
  });

  it('shares location only through shareLocation(), rounded to about 1 km, and withdraws it', async () => {
    const h = setup({ location: { current: async () => ({ latitude: 51.507351, longitude: -0.127758, accuracy: 12 }) } });
    await h.engine.ready;
    expect(snapshotOf(h.engine).location).toBeNull();
    expect(await h.engine.shareLocation()).toBe(true);
    expect(snapshotOf(h.engine).location).toMatchObject({ latitude: 51.51, longitude: -0.13, accuracyM: 1000 });
    h.engine.setPart('location', null);
    expect(snapshotOf(h.engine).location).toBeNull();
    const refused = setup({ location: { current: () => Promise.reject(new Error('denied')) } });
    expect(await refused.engine.shareLocation()).toBe(false);
    h.engine.stop();
    refused.engine.stop();
  });

  it('applies the redact hook last, and survives a hook that throws', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const h = setup({ options: { redact: { hook: (s) => ({ ...s, page: { ...s.page, title: 'hidden' } }) } } });
    expect(snapshotOf(h.engine).page.title).toBe('hidden');
    const bad = setup({ options: { redact: { hook: () => { throw new Error('oops'); } } } });
    expect(snapshotOf(bad.engine).page.title).toBe('Trail Runner — Demo Shop');
    expect(errors).toHaveBeenCalled();
    errors.mockRestore();
    h.engine.stop();
    bad.engine.stop();
  });

  it('notifies changes at most once per task', async () => {
    const h = setup();
    const seen = vi.fn();
    h.engine.onChange(seen);
    await h.engine.ready;
    await Promise.resolve();
    seen.mockClear();
    h.engine.setCustom({ plan: 'pro' });
    h.engine.setCustom({ cartValue: 10 });
    h.engine.identify({ id: 'u1' });
    await Promise.resolve();
    expect(seen).toHaveBeenCalledTimes(1);
    expect(settle(h.engine)).toEqual([]);
    expect(snapshotOf(h.engine).custom).toEqual({ plan: 'pro', cartValue: 10 });
    expect(snapshotOf(h.engine).identity?.id).toBe('u1');
    h.engine.stop();
  });

  it("validates identify() and context() arguments when a snapshot is next built, in the site's order", async () => {
    const h = setup();
    await h.engine.ready;
    h.engine.setCustom({ plan: 'pro', 'bad key': 1 });
    h.engine.setCustom({ cartValue: 10, plan: null });
    h.engine.setCustom('plan=team');
    h.engine.identify({ id: 'u1', email: 'nope' });
    h.engine.identify({ id: 'u2', name: 'Ada' });
    expect(settle(h.engine)).toEqual([
      'identify(): email: not an e-mail address',
      'context(): "bad key": name must be 1-40 of A-Za-z0-9_.-',
      'context(): expected an object, e.g. { plan: "pro" }',
    ]);
    const s = snapshotOf(h.engine);
    expect(s.custom).toEqual({ cartValue: 10 });
    expect(s.identity).toMatchObject({ id: 'u2', name: 'Ada' });
    expect(settle(h.engine)).toEqual([]); // reported once
    h.engine.stop();
  });

  it("shows proactive rules the site's context() values before any snapshot, and a snapshot only validated ones", async () => {
    const h = setup();
    await h.engine.ready;
    h.engine.setCustom({ cartItems: 2, plan: 'pro' });
    h.engine.setCustom({ cartItems: 0, 'bad key': 1 });
    // The page's rules read them without the builder's chunk (src/ui/proactive.ts: session.raw()).
    expect(h.engine.raw().custom).toMatchObject({ cartItems: 0, plan: 'pro' });
    expect(settle(h.engine)).toEqual(['context(): "bad key": name must be 1-40 of A-Za-z0-9_.-']);
    expect(snapshotOf(h.engine).custom).toEqual({ cartItems: 0, plan: 'pro' });
    expect(h.engine.raw().custom).toEqual({ cartItems: 0, plan: 'pro' });
    h.engine.stop();
  });
});
