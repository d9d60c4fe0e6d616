// The one description of a snapshot both the widget and the console render (src/view/contextFields.ts),
// its URL wrapping (src/view/UrlText.tsx), and the builder's bounds on the site's field labels.
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { buildSnapshot } from '../../src/core/context/snapshot';
import type { RawContext } from '../../src/core/context/engine';
import { validateContextSnapshot } from '../../src/protocol/contextSchema';
import fr from '../../src/ui/locales/fr';
import { contextSections, humanizeKey, originOf } from '../../src/view/contextFields';
import { UrlText } from '../../src/view/UrlText';
import { validContextSnapshot } from '../fixtures/contextSnapshot';

const NOW = Date.UTC(2026, 11, 3, 14, 0, 0);
const rows = (s: ReturnType<typeof contextSections>) => Object.fromEntries(s.flatMap((x) => x.rows.map((r) => [r.key, r])));

describe('contextSections', () => {
  const snap = validContextSnapshot({
    at: NOW,
    page: { url: 'https://shop.example/checkout?step=payment&coupon=WINTER', path: '/checkout?step=payment&coupon=WINTER', title: 'Checkout', referrer: 'https://www.google.com/search?q=rain+jacket', startedAt: NOW - 90_000, timeOnPageMs: 90_000 },
    custom: { lastViewedProduct: 'Stormline shell', customer_since: '2021', cartValue: 184.5, vip: true },
    labels: { lastViewedProduct: 'Last product seen' },
    routing: { path: ['Billing', 'Invoices'], skill: 'billing' },
    device: { viewport: { width: 1280, height: 800 }, screen: { width: 1920, height: 1080 }, pixelRatio: 2, touch: false, language: 'en-GB', languages: [], timeZone: 'Europe/Paris', browser: 'Chrome 131', os: 'macOS' },
  });

  it('labels custom fields with the site’s label, else the key made readable', () => {
    const r = rows(contextSections(snap, { now: NOW, elapsed: 0 }));
    expect(r['custom.lastViewedProduct']).toMatchObject({ label: 'Last product seen', value: 'Stormline shell' });
    expect(r['custom.customer_since']).toMatchObject({ label: 'Customer since', value: '2021' });
    expect(r['custom.cartValue']).toMatchObject({ label: 'Cart value', value: '184.5' });
    expect(r['custom.vip']).toMatchObject({ label: 'Vip', value: 'Yes' });
    expect(rows(contextSections(snap, { labels: fr.context, locale: 'fr', now: NOW, elapsed: 0 }))['custom.vip']!.value).toBe('Oui');
  });

  it('shows where the visitor came from as its origin, the whole URL on hover', () => {
    const r = rows(contextSections(snap, { now: NOW, elapsed: 0 }));
    expect(r.cameFrom).toMatchObject({ label: 'Came from', value: 'www.google.com', full: 'https://www.google.com/search?q=rain+jacket', url: true });
    expect(r.address).toMatchObject({ value: '/checkout?step=payment&coupon=WINTER', full: 'https://shop.example/checkout?step=payment&coupon=WINTER' });
  });

  it('keeps the topic first, and shows browser, OS, screen, touch and local time', () => {
    const s = contextSections(snap, { now: NOW, elapsed: 30_000 });
    expect(s[0]).toMatchObject({ id: 'topic', top: true });
    const r = rows(s);
    expect(r.topic!.value).toBe('Billing › Invoices');
    expect(r.skill!.value).toBe('billing');
    expect(r.browser!.value).toBe('Chrome 131');
    expect(r.os!.value).toBe('macOS');
    expect(r.screen!.value).toBe('1920 × 1080 @2x');
    expect(r.touch!.value).toBe('No');
    expect(r.localTime).toMatchObject({ value: '15:00', live: true });
    expect(r.timeOnPage).toMatchObject({ value: '2 min', live: true }); // 90 s + 30 s since the snapshot
  });

  it('says the server reads browser and OS when the snapshot has none (the visitor’s own view)', () => {
    const { browser: _b, os: _o, ...device } = snap.device;
    const r = rows(contextSections({ ...snap, device }, { now: NOW, elapsed: 0 }));
    expect(r.browser).toMatchObject({ server: true, value: 'Read by our server from your browser' });
  });

  it('humanises keys and reads origins', () => {
    expect(humanizeKey('lastViewedProduct')).toBe('Last viewed product');
    expect(humanizeKey('plan.tier')).toBe('Plan tier');
    expect(humanizeKey('orderID')).toBe('Order ID');
    expect(humanizeKey('x')).toBe('X');
    expect(originOf('https://news.example.org/a/b?c=d')).toBe('news.example.org');
    expect(originOf('not a url')).toBe('not a url');
  });
});

describe('UrlText', () => {
  it('offers a break after / ? & = #, and keeps the text whole', () => {
    const el = document.createElement('p');
    render(<UrlText text="/checkout?step=payment&coupon=WINTER#top" />, el);
    expect(el.textContent).toBe('/checkout?step=payment&coupon=WINTER#top');
    expect(el.querySelectorAll('wbr')).toHaveLength(6);
    expect(el.innerHTML.startsWith('/<wbr>checkout?<wbr>step=<wbr>payment&amp;<wbr>coupon=<wbr>WINTER#<wbr>top')).toBe(true);
  });
});

describe('fieldLabels (boot option) in the snapshot', () => {
  const raw = (fieldLabels: Record<string, string> | undefined): RawContext =>
    ({
      now: NOW,
      consent: 'granted',
      page: { href: () => 'https://shop.example/', title: () => 'Home', referrer: () => '', language: () => 'en', loadedAt: () => NOW },
      redact: { url: (u: string) => u, path: () => '/', text: (t: string) => t },
      pageStartedAt: NOW,
      identity: { custom: { plan: 'pro' }, verified: { id: false, name: false, email: false, phone: false } },
      journey: [],
      campaign: null,
      signals: [],
      custom: { lastViewedProduct: 'Shell' },
      location: null,
      parts: {},
      options: fieldLabels ? { fieldLabels } : {},
    }) as unknown as RawContext;
  const device = validContextSnapshot().device;

  it('carries labels only for keys the snapshot has, trimmed and bounded, and the server accepts them', () => {
    const s = buildSnapshot(raw({ lastViewedProduct: '  Last viewed product ', plan: 'P'.repeat(90), unknownKey: 'Nope', empty: ' ' }), device);
    expect(s.labels).toEqual({ plan: 'P'.repeat(60), lastViewedProduct: 'Last viewed product' });
    expect(validateContextSnapshot(s).ok).toBe(true);
    expect(buildSnapshot(raw(undefined), device).labels).toBeUndefined();
    expect(validateContextSnapshot({ ...s, labels: { plan: 'x'.repeat(61) } }).ok).toBe(false);
  });
});

describe('browser and OS from the User-Agent (the server, src/server/embedded/userAgent.ts)', () => {
  it('names them with major versions, none for macOS and Windows, and replaces what the browser sent', async () => {
    const { browserAndOs, withUserAgent } = await import('../../src/server/embedded/userAgent');
    expect(browserAndOs('Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.85 Mobile Safari/537.36')).toEqual({ browser: 'Chrome 131', os: 'Android 14' });
    expect(browserAndOs('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15')).toEqual({ browser: 'Safari 18', os: 'macOS' });
    expect(browserAndOs('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0')).toEqual({ browser: 'Microsoft Edge 131', os: 'Windows' });
    expect(browserAndOs(undefined)).toEqual({});
    const forged = validContextSnapshot({ device: { browser: 'Forged 1', os: 'Forged OS' } });
    expect(withUserAgent(forged, undefined).device).not.toHaveProperty('browser');
    expect(withUserAgent(forged, 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1').device).toMatchObject({ browser: 'Safari 17', os: 'iOS 17.5' });
  });
});
