/**
 * Redaction at record time: the value checks are a lazy chunk, so until it arrives the engine
 * records any text that might hold a value redacted whole, then records this page again. Nothing
 * it stores or builds ever holds the raw value.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContextEngine } from '../../../src/core/context/engine';
import { buildSnapshot, settle } from '../../../src/core/context/snapshot';
import type { KeyValueStore, NavigationSource } from '../../../src/core/ports';
import { createRedactor } from '../../../src/core/context/redaction/redactor';
import { valueChecks } from '../../../src/core/context/redaction/values';
import { memoryStore } from '../../../src/storage/memoryStore';
import { readDevice } from '../../../src/platform/device';
import { browserPage } from '../../../src/platform/page';
import { browserSignals } from '../../../src/platform/signals';

const setURL = (url: string) => (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL(url);

/** Every record the engine wrote, serialized at the time. */
function recordingStore(): KeyValueStore & { written: string[] } {
  const inner = memoryStore();
  const written: string[] = [];
  return {
    kind: 'memory',
    written,
    get: (k) => inner.get(k),
    set: (k, v) => (written.push(JSON.stringify(v)), inner.set(k, v)),
    del: (k) => inner.del(k),
    clear: () => inner.clear(),
  };
}

function start(store: KeyValueStore) {
  let hidden = () => {};
  const navigation: NavigationSource = { loadKind: () => 'load', watch: () => () => {}, watchTitle: () => () => {} };
  const engine = new ContextEngine({
    options: {},
    store: () => store,
    navigation,
    page: browserPage,
    signals: browserSignals,
    lifecycle: { onHidden: (fn) => ((hidden = fn), () => {}) },
  });
  return { engine, hide: () => hidden() };
}

const IBAN = 'CZ65 0800 0000 1920 0014 5399';
const RAW = ['jane', '0800', '5399', '736028', 'eyJhbGci'];

afterEach(() => vi.restoreAllMocks());

describe('recording before the value checks have loaded', () => {
  it('stores this page redacted whole, then refined once the checks arrive; never the values', async () => {
    setURL(`https://shop.test/account/jane%40example.com?utm_source=mail&rc=736028%2F5163&order=20241103&t=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln`);
    document.title = `Payment to ${IBAN} — Shop`;
    const store = recordingStore();
    const { engine, hide } = start(store);
    // At once: what might hold a value is redacted whole, the rest is as it will stay.
    const first = engine.raw().journey[0]!;
    expect(first.path).toBe('/account/[redacted]?utm_source=mail&rc=[redacted]&order=[redacted]&t=[redacted]');
    expect(first.title).toBe('[redacted]');
    await engine.ready;
    hide(); // the page hides early: whatever is stored now, before or after the chunk, holds no value
    await vi.waitFor(() => expect(engine.raw().journey[0]!.title).toBe('Payment to [iban] — Shop'));
    expect(engine.raw().journey[0]!.path).toBe('/account/[email]?utm_source=mail&rc=[id]&order=20241103&t=[token]');
    expect(engine.raw().campaign?.landingPath).toBe('/account/[email]?utm_source=mail&rc=[id]&order=20241103&t=[token]');
    await vi.waitFor(() => expect(store.written.at(-1)).toContain('order=20241103'));
    expect(store.written.length).toBeGreaterThanOrEqual(2);
    for (const record of store.written) for (const raw of RAW) expect(record).not.toContain(raw);
    engine.stop();
  });

  it('a snapshot built before the chunk arrives already uses the checks (the builder hands them over)', async () => {
    setURL('https://shop.test/pay?note=' + encodeURIComponent(IBAN) + '&order=20241103');
    document.title = 'Pay';
    const { engine } = start(recordingStore());
    settle(engine);
    const s = buildSnapshot(engine.raw(), readDevice(undefined));
    expect(s.page.url).toBe('https://shop.test/pay?note=[iban]&order=20241103');
    expect(s.journey[0]!.path).toBe('/pay?note=[iban]&order=20241103');
    engine.stop();
  });

  it('asks for the checks only when it has to; other pages are final at once', () => {
    const pending = vi.fn();
    const light = createRedactor({ allowParams: ['color'] }, pending);
    const harmless = ['https://shop.test/p/trail-runner#reviews', 'https://shop.test/?utm_source=news&utm_campaign=winter&gclid=Cj0&color=red'];
    for (const href of harmless) expect(light.url(href)).toBe(href);
    expect(light.text('Trail Runner — Shop')).toBe('Trail Runner — Shop');
    expect(pending).not.toHaveBeenCalled();
    // Which names are sensitive is for the checks to say: until then every other value goes.
    expect(light.url('https://shop.test/s?q=red+shoes&page=2')).toBe('https://shop.test/s?q=[redacted]&page=[redacted]');
    expect(pending).toHaveBeenCalledTimes(2);
    expect(light.url('https://shop.test/orders/12345678')).toBe('https://shop.test/orders/[redacted]');
    expect(light.url('https://shop.test/reset/a1b2c3d4e5f6a7b8c9d0')).toBe('https://shop.test/reset/[redacted]');
    expect(light.useValues(valueChecks)).toBe(true);
    expect(light.url('https://shop.test/s?q=red+shoes&page=2')).toBe('https://shop.test/s?q=red+shoes&page=2');
    expect(light.url('https://shop.test/orders/12345678')).toBe('https://shop.test/orders/12345678');
    expect(light.url('https://shop.test/reset/a1b2c3d4e5f6a7b8c9d0')).toBe('https://shop.test/reset/[redacted]');
    expect(light.useValues(valueChecks)).toBe(false);
  });
});
