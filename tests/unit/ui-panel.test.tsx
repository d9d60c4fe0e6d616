// The lazy Preact panel (src/ui/panel/index.tsx) rendered against a fake BatonSession holding a
// real, schema-valid snapshot: what a visitor sees and what their clicks ask of the session.
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BatonOptions } from '../../src/api/types';
import type { BatonSession } from '../../src/core/session';
import type { ContextSnapshot } from '../../src/protocol/context';
import { renderPanel } from '../../src/ui/panel/index';
import { sessionText } from '../../src/ui/locales/catalog';
import { duration } from '../../src/view/duration';
import { validContextSnapshot, type ContextSnapshotOverrides } from '../fixtures/contextSnapshot';
import { fakeBatonSession } from '../fakes/batonSession';

const NOW = Date.now();
const XSS = '<img src=x onerror=alert(1)>';

/** A returning, unverified visitor on a product page, on a phone. */
function snapshot(over: ContextSnapshotOverrides = {}): ContextSnapshot {
  return validContextSnapshot({
    at: NOW,
    page: {
      url: 'https://shop.example/p/1?color=blue',
      path: '/p/1?color=blue',
      title: 'Blue shoes',
      referrer: 'https://search.example/',
      startedAt: NOW - 35_000,
      timeOnPageMs: 35_000,
    },
    identity: {
      name: 'Ana Lopez',
      email: 'ana@example.com',
      custom: { plan: 'pro' },
      verified: { id: false, name: false, email: false, phone: false },
    },
    journey: [
      { path: '/', title: 'Home', at: NOW - 155_000, dwellMs: 120_000, kind: 'load' },
      { path: '/p/1?color=blue', title: 'Blue shoes', at: NOW - 35_000, dwellMs: 35_000, kind: 'route' },
    ],
    campaign: { params: { utm_source: 'newsletter' }, landingPath: '/?utm_source=newsletter', referrer: '', at: NOW - 155_000 },
    device: { viewport: { width: 390, height: 844 }, screen: { width: 390, height: 844 }, pixelRatio: 3, touch: true, language: 'en-GB', languages: ['en-GB', 'fr'], timeZone: 'Europe/London' },
    signals: [{ type: 'rage_click', detail: 'button.buy', path: '/p/1', firstAt: NOW - 5000, at: NOW - 1000, count: 4 }],
    custom: { cartValue: 129.9, vip: true },
    ...over,
  });
}

function fakeSession(options: BatonOptions = {}, snap = snapshot()) {
  const f = fakeBatonSession(options, { snapshot: snap, open: true });
  /** What the real session does: a new snapshot, then a 'context' event. */
  const update = (next: ContextSnapshot) => act(() => f.emit('context', next));
  return { session: f.session, update, count: f.count };
}

let cleanup: (() => void) | null = null;
afterEach(() => {
  if (cleanup) act(() => cleanup!());
  cleanup = null;
  document.body.replaceChildren();
});

/** Renders the panel in a shadow root, as the launcher does. */
/** Renders, then lets the first snapshot (a promise, as from the real session) arrive. */
async function mount(session: BatonSession, onClose = vi.fn()) {
  const host = document.createElement('div');
  document.body.append(host);
  const shadow = host.attachShadow({ mode: 'open' });
  const container = document.createElement('div');
  shadow.append(container);
  const t = await sessionText(session);
  act(() => {
    cleanup = renderPanel(container, session, onClose, t);
  });
  await act(async () => {
    await Promise.resolve();
  });
  return { container, shadow, onClose };
}

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const byText = (root: ParentNode, selector: string, t: string | RegExp) =>
  [...root.querySelectorAll<HTMLElement>(selector)].find((e) => (typeof t === 'string' ? text(e) === t : t.test(text(e))));
const click = (el: HTMLElement | undefined) => {
  expect(el).toBeTruthy();
  act(() => el!.click());
};
/** The row (dt + dd) whose label is `label`. */
const row = (root: ParentNode, label: string) => byText(root, 'dt', label)?.parentElement;
/** From the home: "What the agent sees" (the button's text also explains it), a chunk of its own: waits for it. */
const openContext = async (root: ParentNode) => {
  click(root.querySelector<HTMLElement>('#baton-show')!);
  await vi.waitFor(() => expect(root.querySelector('[data-field=title]')).toBeTruthy());
  await act(async () => {});
};
/** The view's heading: the header's h2. */
const heading = (root: ParentNode) => text(root.querySelector('.h h2'));

describe('panel', () => {
  it('is a labelled, non-modal dialog opening on its home: a greeting, a way to start, "What the agent sees", a close button', async () => {
    const { session } = fakeSession();
    const { container, onClose } = await mount(session);
    const dialog = container.querySelector('[role="dialog"]')!;
    expect(dialog.getAttribute('aria-modal')).toBe('false');
    expect(dialog.getAttribute('aria-label')).toBe('Chat with us');
    const title = container.querySelector('#baton-title')!;
    expect(title.tagName).toBe('H2');
    expect(text(title)).toBe('Hi \u2068Ana\u2069'); // the visitor's first name, from identify()
    expect(text(container.querySelector('.hero2'))).toBe('How can we help?');
    expect(text(container.querySelector('[data-nav=start]'))).toBe('Send us a message');
    // Nothing is claimed that the server has not said (no "we reply in a few minutes").
    expect(container.querySelector('[data-testid=reply-time]')).toBeNull();
    expect(text(container.querySelector('#baton-show'))).toBe('What the agent sees Exactly what our team sees about you, and your choices');
    expect(container.querySelector('#baton-input')).toBeNull();
    expect([...container.querySelectorAll('nav button')].map(text)).toEqual(['Home', 'Messages']);
    click(container.querySelector<HTMLElement>('button[aria-label="Close"]')!);
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('every button has an accessible name', async () => {
    const { session } = fakeSession({ location: true }, snapshot({ consent: 'pending' }));
    const { container } = await mount(session);
    /** Every button's accessible name: none may be empty, and the list proves the view rendered. */
    const names = () => [...container.querySelectorAll('button')].map((b) => text(b) || b.getAttribute('aria-label') || `(unnamed) ${b.outerHTML}`);
    const home = names();
    expect(home).toEqual(expect.arrayContaining(['Close']));
    expect(home.filter((n) => n.startsWith('(unnamed)'))).toEqual([]);
    await openContext(container);
    const context = names();
    expect(context.length).toBeGreaterThan(1);
    expect(context).not.toEqual(home);
    expect(context.filter((n) => n.startsWith('(unnamed)'))).toEqual([]);
  });

  it('home: the consent prompt asks, and Allow calls session.consent("granted")', async () => {
    const { session, update } = fakeSession({}, snapshot({ consent: 'pending' }));
    const { container, shadow } = await mount(session);
    const prompt = byText(container, 'p', 'Allow us to remember the pages you visit so our team can help faster?');
    expect(prompt).toBeTruthy();
    click(byText(container, 'button', 'Allow'));
    expect(session.consent).toHaveBeenCalledWith('granted');
    expect(text(container)).toContain('Thanks! We will remember the pages you visit.');
    expect(byText(container, 'button', 'Allow')).toBeUndefined();
    // Focus stays on the answer rather than being lost with the removed buttons.
    expect(shadow.activeElement?.textContent).toContain('Thanks!');
    update(snapshot({ consent: 'granted' }));
    expect(byText(container, 'button', 'No thanks')).toBeUndefined();
  });

  it('home: No thanks calls session.consent("denied"); no prompt when consent is not pending', async () => {
    const { session } = fakeSession({}, snapshot({ consent: 'pending' }));
    const { container } = await mount(session);
    click(byText(container, 'button', 'No thanks'));
    expect(session.consent).toHaveBeenCalledWith('denied');
    act(() => cleanup!());
    container.replaceChildren();

    const granted = fakeSession({}, snapshot({ consent: 'granted' }));
    const m = await mount(granted.session);
    expect(text(m.container)).not.toContain('Allow us to remember');
  });

  it('context view: "Share my location" only on click, then "Location shared"', async () => {
    const { session } = fakeSession({ location: true });
    const { container } = await mount(session);
    expect(byText(container, 'button', 'Share my location')).toBeUndefined(); // not on the home
    await openContext(container);
    expect(session.shareLocation).not.toHaveBeenCalled();
    click(byText(container, 'button', 'Share my location'));
    expect(session.shareLocation).toHaveBeenCalledTimes(1);
    await act(async () => {});
    expect(text(container.querySelector('[role="status"]'))).toBe('Location shared');
    expect(byText(container, 'button', 'Share my location')).toBeUndefined();
  });

  it('context view: a refused location says so and keeps the button', async () => {
    const { session } = fakeSession({ location: true });
    session.shareLocation.mockResolvedValueOnce(false);
    const { container } = await mount(session);
    await openContext(container);
    click(byText(container, 'button', 'Share my location'));
    await act(async () => {});
    expect(text(container.querySelector('[role="status"]'))).toBe('Couldn’t get your location');
    expect(byText(container, 'button', 'Share my location')).toBeTruthy();
  });

  it('context view: no location button unless options.location, nor once a location is shared', async () => {
    const a = await mount(fakeSession().session);
    await openContext(a.container);
    expect(text(a.container)).toContain('Not shared.');
    expect(text(a.container)).not.toContain('Share my location');
    act(() => cleanup!());
    const shared = snapshot({ location: { latitude: 48.86, longitude: 2.35, accuracyM: 1000, at: NOW } });
    const b = await mount(fakeSession({ location: true }, shared).session);
    await openContext(b.container);
    expect(text(b.container)).toContain('48.86, 2.35');
    expect(text(b.container)).not.toContain('Share my location');
  });

  it('context view: page, identity, journey, campaign, device, signals, custom fields, consent', async () => {
    const { session } = fakeSession();
    const { container, shadow } = await mount(session);
    await openContext(container);
    expect(heading(container)).toBe('What the agent sees');
    expect(shadow.activeElement).toBe(container.querySelector('.h h2'));

    expect(text(row(container, 'Title')?.querySelector('dd'))).toBe('Blue shoes');
    expect(text(row(container, 'Address')?.querySelector('dd'))).toBe('/p/1?color=blue');
    expect(text(row(container, 'Time on page')?.querySelector('dd'))).toMatch(/^3\d s$/);

    const items = [...container.querySelectorAll('ol li')].map(text);
    expect(items).toHaveLength(2);
    expect(items[0]).toContain('Blue shoes'); // latest first
    expect(items[1]).toContain('Home');
    expect(items[1]).toContain('2 min');
    expect(items[1]).toContain('/');

    expect(text(row(container, 'utm_source')?.querySelector('dd'))).toBe('newsletter');
    expect(text(row(container, 'Window')?.querySelector('dd'))).toBe('390 × 844');
    expect(text(row(container, 'Time zone')?.querySelector('dd'))).toBe('Europe/London');
    expect(text(row(container, 'Language')?.querySelector('dd'))).toBe('en-GB, fr');
    expect(text(row(container, 'Connection')?.querySelector('dd'))).toBe('Online');
    expect(text(row(container, 'In an app (web view)')?.querySelector('dd'))).toBe('No');

    const signal = text(container.querySelector('ul li'));
    expect(signal).toContain('Repeated clicks');
    expect(signal).toContain('button.buy');
    expect(signal).toContain('4 times');

    expect(text(row(container, 'Cart value')?.querySelector('dd'))).toBe('129.9'); // the key made readable
    expect(text(row(container, 'Vip')?.querySelector('dd'))).toBe('Yes');
    expect(text(container)).toContain('Remembering your pages');
    expect(text(container)).toContain('Allowed');
  });

  it('context view: "Unverified" next to an unverified email, not next to a verified one', async () => {
    const unverified = fakeSession();
    const a = await mount(unverified.session);
    await openContext(a.container);
    expect(text(row(a.container, 'E-mail')?.querySelector('dd'))).toBe('ana@example.com Unverified');
    expect(text(row(a.container, 'Name')?.querySelector('dd'))).toContain('Unverified');
    act(() => cleanup!());

    const base = snapshot();
    const verified = fakeSession(
      {},
      snapshot({ identity: { ...base.identity!, verified: { id: false, name: false, email: true, phone: false } } }),
    );
    const b = await mount(verified.session);
    await openContext(b.container);
    const email = text(row(b.container, 'E-mail')?.querySelector('dd'));
    expect(email).toContain('ana@example.com');
    expect(email).not.toContain('Unverified');
    expect(text(row(b.container, 'Name')?.querySelector('dd'))).toContain('Unverified');
  });

  it('context view follows the live snapshot', async () => {
    const { session, update } = fakeSession();
    const { container } = await mount(session);
    await openContext(container);
    const s = snapshot();
    update({ ...s, page: { ...s.page, title: 'Checkout', path: '/checkout' } });
    expect(text(row(container, 'Title')?.querySelector('dd'))).toBe('Checkout');
    expect(text(row(container, 'Address')?.querySelector('dd'))).toBe('/checkout');
  });

  it('context view: Stop sharing withdraws the location; the consent button changes consent', async () => {
    const loc = { latitude: 48.8566, longitude: 2.3522, accuracyM: 812.4, at: NOW };
    const { session } = fakeSession({ location: true }, snapshot({ location: loc }));
    const { container } = await mount(session);
    await openContext(container);
    expect(text(container)).toContain('48.86, 2.35');
    click(byText(container, 'button', 'Stop sharing'));
    expect(session.setPart).toHaveBeenCalledWith('location', null);
    click(byText(container, 'button', 'Stop remembering'));
    expect(session.consent).toHaveBeenCalledWith('denied');
  });

  it('Back returns to the home view and puts focus on the button that left it', async () => {
    const { session } = fakeSession();
    const { container, shadow } = await mount(session);
    await openContext(container);
    click(container.querySelector<HTMLElement>('.h button[aria-label="Back"]')!);
    expect(heading(container)).toBe('Hi \u2068Ana\u2069'); // the home's heading is its greeting
    expect(shadow.activeElement).toBe(container.querySelector('#baton-show'));
  });

  it('speaks French with locale "fr"', async () => {
    const { session } = fakeSession({ locale: 'fr' }, snapshot({ consent: 'pending' }));
    const { container } = await mount(session);
    expect(text(container.querySelector('h2'))).toBe('Bonjour \u2068Ana\u2069');
    expect(text(container)).toContain('Comment pouvons-nous vous aider');
    expect(text(container)).toContain('Envoyez-nous un message');
    expect(container.querySelector('button[aria-label="Fermer"]')).toBeTruthy();
    click(byText(container, 'button', 'Autoriser'));
    expect(session.consent).toHaveBeenCalledWith('granted');
    expect(text(container)).not.toContain('What the agent sees');
    await openContext(container);
    expect(heading(container)).toBe('Ce que voit le conseiller');
    expect(text(row(container, 'E-mail')?.querySelector('dd'))).toBe('ana@example.com Non vérifié');
    expect(container.querySelector('button[aria-label="Retour"]')).toBeTruthy();
  });

  it('renders text that looks like HTML as text: no element is created from it', async () => {
    const s = snapshot();
    const evil = snapshot({
      page: { ...s.page, title: XSS, path: `/search?q=${XSS}` },
      journey: [{ ...s.journey[0]!, title: XSS }],
      identity: { ...s.identity!, name: XSS },
      custom: { note: XSS },
      signals: [{ ...s.signals[0]!, type: 'error', detail: XSS }],
    });
    const { session } = fakeSession({}, evil);
    const { container } = await mount(session);
    await openContext(container);
    expect(container.querySelector('img')).toBeNull();
    expect(text(row(container, 'Title')?.querySelector('dd'))).toBe(XSS);
    expect(text(container.querySelector('ol li'))).toContain(XSS);
    expect(text(container)).toContain(`/search?q=${XSS}`);
  });

  it('unmount removes the panel and its subscription', async () => {
    const { session, count } = fakeSession();
    const { container } = await mount(session);
    expect(count('context')).toBe(1);
    act(() => cleanup!());
    cleanup = null;
    expect(container.childNodes.length).toBe(0);
    expect(count('context')).toBe(0);
  });

  it('on a phone, keeps the panel as tall as the visual viewport (on-screen keyboard)', async () => {
    const vv = Object.assign(new EventTarget(), { height: 844, offsetTop: 0, width: 390 });
    vi.stubGlobal('visualViewport', vv);
    vi.stubGlobal('innerWidth', 390);
    try {
      const { container } = await mount(fakeSession().session);
      expect(container.style.height).toBe('844px');
      vv.height = 500; // the keyboard opened
      vv.offsetTop = 120;
      vv.dispatchEvent(new Event('resize'));
      expect(container.style.height).toBe('500px');
      expect(container.style.top).toBe('120px');
      act(() => cleanup!());
      cleanup = null;
      expect(container.style.height).toBe('');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('on a desktop, leaves the size to the stylesheet', async () => {
    vi.stubGlobal('visualViewport', Object.assign(new EventTarget(), { height: 800, offsetTop: 0, width: 1280 }));
    vi.stubGlobal('innerWidth', 1280);
    try {
      const { container } = await mount(fakeSession().session);
      expect(container.style.height).toBe('');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('formats durations as "35 s", "2 min", "1 h 5 min"', async () => {
    expect(duration(35_000)).toBe('35 s');
    expect(duration(120_000)).toBe('2 min');
    expect(duration(179_000)).toBe('2 min');
    expect(duration(65 * 60_000)).toBe('1 h 5 min');
  });
});
