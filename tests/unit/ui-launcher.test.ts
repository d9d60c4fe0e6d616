// The launcher facade (src/ui/launcher.ts) as a visitor meets it: a button in Baton's shadow root,
// a panel that says "Connecting…" at once and then shows the real panel, Escape, focus, errors.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BatonOptions } from '../../src/api/types';
import type { BatonSession } from '../../src/core/session';
import type { ContextSnapshot } from '../../src/protocol/context';
import { validContextSnapshot, type ContextSnapshotOverrides } from '../fixtures/contextSnapshot';
import { fakeBatonSession } from '../fakes/batonSession';
import { mountUi, type PanelModule, type UiController } from '../../src/ui/launcher';
import { until } from '../until';

/** A visitor on a product page, on a desktop. */
function snapshot(over: ContextSnapshotOverrides = {}): ContextSnapshot {
  const now = Date.now();
  return validContextSnapshot({
    at: now,
    page: { url: 'https://shop.example/p/1', path: '/p/1', title: 'Blue shoes', startedAt: now - 35_000, timeOnPageMs: 35_000 },
    journey: [{ path: '/p/1', title: 'Blue shoes', at: now - 35_000, dwellMs: 35_000, kind: 'load' }],
    device: { screen: { width: 1920, height: 1080 }, language: 'en-US', languages: ['en-US'], timeZone: 'Europe/Paris' },
    ...over,
  });
}

const fakeSession = (options: BatonOptions = {}) => fakeBatonSession(options, { snapshot: snapshot() });

/** A loader the test resolves or rejects when it wants, with the real panel module. */
function deferredLoader() {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const loader = vi.fn(
    () =>
      new Promise<PanelModule>((res, rej) => {
        resolve = () => void import('../../src/ui/panel/index').then(res);
        reject = rej;
      }),
  );
  return { loader, resolve: () => resolve(), reject: (e: Error) => reject(e) };
}

const realPanel = () => import('../../src/ui/panel/index');
const flush = () => new Promise((r) => setTimeout(r, 0));

const root = () => document.getElementById('baton-root')!.shadowRoot!;
const launcher = () => root().querySelector<HTMLButtonElement>('#baton-launcher');
const panel = () => root().querySelector<HTMLElement>('#baton-panel')!;
const text = (el: Element | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const escape = (target: Element) =>
  target.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));

let ui: UiController | null = null;
afterEach(() => {
  ui?.destroy();
  ui = null;
  document.documentElement.lang = '';
  document.body.replaceChildren();
  vi.unstubAllGlobals();
});

describe('launcher', () => {
  it('puts a labelled launcher button in an open shadow root on document.body', () => {
    const { session } = fakeSession();
    ui = mountUi(session, realPanel);
    const host = document.getElementById('baton-root')!;
    expect(host.parentNode).toBe(document.body);
    expect(host.shadowRoot).toBeTruthy();
    const btn = launcher()!;
    expect(btn.tagName).toBe('BUTTON');
    expect(btn.getAttribute('aria-label')).toBe('Chat');
    expect(btn.getAttribute('aria-expanded')).toBe('false');
    expect(btn.getAttribute('aria-controls')).toBe('baton-panel');
    expect(btn.querySelector('svg path')).toBeTruthy();
    // Nothing of Baton's is in the page's own DOM besides the host.
    expect(document.body.children.length).toBe(1);
    expect(panel().hidden).toBe(true);
  });

  it('uses launcher.label and colour (its position: tests/browser/widget.test.ts)', () => {
    const { session } = fakeSession({ launcher: { label: 'Help', position: 'left', color: '#c00' } });
    ui = mountUi(session, realPanel);
    expect(launcher()!.getAttribute('aria-label')).toBe('Help');
    expect(document.getElementById('baton-root')!.style.getPropertyValue('--b')).toBe('#c00');
  });

  it('click shows "Connecting…" at once, then the panel heading, with focus inside', async () => {
    const { session } = fakeSession();
    const d = deferredLoader();
    ui = mountUi(session, d.loader);
    launcher()!.click();

    expect(panel().hidden).toBe(false);
    expect(launcher()!.getAttribute('aria-expanded')).toBe('true');
    expect(session.setOpen).toHaveBeenCalledWith(true);
    const status = panel().querySelector('[role="status"]');
    expect(text(status)).toBe('Connecting…');
    // Focus is already in the panel (its close button) while the chunk loads.
    expect(root().activeElement?.getAttribute('aria-label')).toBe('Close');

    d.resolve();
    await until(() => panel().querySelector('h2'));
    expect(text(panel().querySelector('h2'))).toBe('Hi there'); // the home's greeting
    expect(panel().querySelector('[role="dialog"]')?.getAttribute('aria-label')).toBe('Chat with us');
    expect(panel().textContent).not.toContain('Connecting…');
    expect(root().activeElement).toBe(panel().querySelector('h2'));
    expect(d.loader).toHaveBeenCalledTimes(1);
  });

  it('Escape closes the panel and returns focus to the launcher', async () => {
    const { session } = fakeSession();
    ui = mountUi(session, realPanel);
    launcher()!.click();
    await until(() => panel().querySelector('h2'));
    escape(root().activeElement!);
    expect(panel().hidden).toBe(true);
    expect(launcher()!.getAttribute('aria-expanded')).toBe('false');
    expect(session.setOpen).toHaveBeenLastCalledWith(false);
    expect(root().activeElement).toBe(launcher());
  });

  it('the close button closes; open() again shows the same panel without loading again', async () => {
    const { session } = fakeSession();
    const load = vi.fn(realPanel);
    ui = mountUi(session, load);
    ui.open();
    await until(() => panel().querySelector('h2'));
    panel().querySelector<HTMLButtonElement>('button[aria-label="Close"]')!.click();
    expect(panel().hidden).toBe(true);
    expect(root().activeElement).toBe(launcher());
    ui.open();
    expect(panel().hidden).toBe(false);
    expect(root().activeElement).toBe(panel().querySelector('h2'));
    expect(load).toHaveBeenCalledTimes(1);
    ui.close();
    expect(panel().hidden).toBe(true);
    expect(session.setOpen.mock.calls.map((c) => c[0])).toEqual([true, false, true, false]);
  });

  it('hover and focus warm the panel chunk once; a click after that does not load again', async () => {
    const { session } = fakeSession();
    const load = vi.fn(realPanel);
    ui = mountUi(session, load);
    expect(load).not.toHaveBeenCalled();
    launcher()!.dispatchEvent(new Event('pointerenter'));
    launcher()!.dispatchEvent(new Event('pointerenter'));
    launcher()!.dispatchEvent(new Event('focus'));
    expect(load).toHaveBeenCalledTimes(1);
    await flush();
    launcher()!.click();
    await until(() => panel().querySelector('h2'));
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('shows an error with Retry and reports ui_failed when the chunk fails to load', async () => {
    const { session } = fakeSession();
    const d = deferredLoader();
    ui = mountUi(session, d.loader);
    ui.open();
    d.reject(new Error('network down'));
    await until(() => panel().querySelector('[role="alert"]'));
    expect(text(panel().querySelector('[role="alert"]'))).toMatch(/couldn.t load the chat/i);
    expect(session.reportError).toHaveBeenCalledWith({ code: 'ui_failed', message: 'network down' });

    const retry = [...panel().querySelectorAll('button')].find((b) => text(b) === 'Retry')!;
    expect(retry).toBeTruthy();
    retry.click();
    expect(text(panel().querySelector('[role="status"]'))).toBe('Connecting…');
    expect(d.loader).toHaveBeenCalledTimes(2);
    d.resolve();
    await until(() => panel().querySelector('h2'));
    expect(panel().querySelector('[role="alert"]')).toBeNull();
  });

  it('with launcher: false there is no button, and open() still opens the panel', async () => {
    const { session } = fakeSession({ launcher: false });
    ui = mountUi(session, realPanel);
    expect(launcher()).toBeNull();
    const siteButton = document.createElement('button');
    document.body.append(siteButton);
    siteButton.focus();
    ui.open();
    await until(() => panel().querySelector('h2'));
    expect(panel().hidden).toBe(false);
    expect(session.setOpen).toHaveBeenCalledWith(true);
    escape(root().activeElement!);
    expect(panel().hidden).toBe(true);
    expect(document.activeElement).toBe(siteButton);
  });

  it('re-attaches the host when a SPA replaces document.body (on context events and on open)', () => {
    const { session, emit } = fakeSession();
    ui = mountUi(session, realPanel);
    const host = document.getElementById('baton-root')!;

    document.documentElement.replaceChild(document.createElement('body'), document.body);
    expect(host.isConnected).toBe(false);
    emit('context', snapshot({ page: { ...snapshot().page, path: '/next' } }));
    expect(host.parentNode).toBe(document.body);

    document.body.replaceChildren();
    expect(host.isConnected).toBe(false);
    ui.open();
    expect(host.parentNode).toBe(document.body);
  });

  it('destroy() removes everything and unsubscribes', async () => {
    const { session, count } = fakeSession();
    ui = mountUi(session, realPanel);
    ui.open();
    await until(() => panel().querySelector('h2'));
    // The launcher's re-attach check (cheap change notifications) and the panel's live snapshot.
    expect([count('change'), count('context')]).toEqual([1, 1]);
    ui.destroy();
    expect(document.getElementById('baton-root')).toBeNull();
    expect([count('change'), count('context')]).toEqual([0, 0]);
    expect(session.setOpen).toHaveBeenLastCalledWith(false);
    ui.open(); // a no-op after destroy
    expect(document.getElementById('baton-root')).toBeNull();
  });

  it('speaks French with locale "fr", and follows <html lang>, then the browser\'s languages, without it', async () => {
    const fr = fakeSession({ locale: 'fr' });
    // A panel chunk still loading: the loading state says so in French once the language's chunk is in.
    ui = mountUi(fr.session, () => new Promise<PanelModule>(() => {}));
    expect(launcher()!.getAttribute('aria-label')).toBe('Discuter');
    ui.open();
    await until(() => text(panel().querySelector('[role="status"]')) === 'Connexion…');
    expect(panel().querySelector('button')!.getAttribute('aria-label')).toBe('Fermer');
    ui.destroy();

    // Arabic mirrors: dir="rtl" on the host, the launcher on the left.
    ui = mountUi(fakeSession({ locale: 'ar-EG' }).session, realPanel);
    expect(launcher()!.getAttribute('aria-label')).toBe('دردشة');
    expect(document.getElementById('baton-root')!.dir).toBe('rtl');
    expect(launcher()!.classList.contains('l')).toBe(true);
    ui.destroy();

    const languages = vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['it-IT', 'zh-TW', 'en']);
    ui = mountUi(fakeSession().session, realPanel);
    expect(launcher()!.getAttribute('aria-label')).toBe('聊天');
    languages.mockRestore();
    ui.destroy();

    document.documentElement.lang = 'fr-CA';
    ui = mountUi(fakeSession().session, realPanel);
    expect(launcher()!.getAttribute('aria-label')).toBe('Discuter');
    ui.destroy();

    document.documentElement.lang = 'pl';
    ui = mountUi(fakeSession({ locale: 'en' }).session, realPanel);
    expect(launcher()!.getAttribute('aria-label')).toBe('Chat');
    ui.destroy();
    ui = mountUi(fakeSession().session, realPanel);
    expect(launcher()!.getAttribute('aria-label')).toBe('Czat');
  });

  it('shows the unread count on the launcher and in its name; hides it at 0', async () => {
    const { session, emit } = fakeSession();
    ui = mountUi(session, realPanel);
    const btn = launcher()!;
    expect(btn.querySelector('.u')).toBeNull(); // the badge chunk is not even loaded yet
    emit('unread', 1);
    await until(() => btn.querySelector('.u'));
    const badge = btn.querySelector<HTMLElement>('.u')!;
    expect(badge.textContent).toBe('1');
    expect(badge.getAttribute('aria-hidden')).toBe('true');
    expect(btn.getAttribute('aria-label')).toBe('Chat, 1 unread message');
    emit('unread', 3);
    await until(() => badge.textContent === '3');
    expect(btn.getAttribute('aria-label')).toBe('Chat, 3 unread messages');
    emit('unread', 120);
    await until(() => badge.textContent === '99+');
    emit('unread', 0);
    await until(() => badge.hidden);
    expect(btn.getAttribute('aria-label')).toBe('Chat');
    expect(btn.title).toBe('Chat');
  });

  it('labels the badge in French, after a custom label', async () => {
    const { session, emit } = fakeSession({ locale: 'fr', launcher: { label: 'Aide' } });
    ui = mountUi(session, realPanel);
    emit('unread', 2);
    await until(() => launcher()!.querySelector('.u'));
    expect(launcher()!.getAttribute('aria-label')).toBe('Aide, 2 messages non lus');
    emit('unread', 1);
    await until(() => launcher()!.getAttribute('aria-label') === 'Aide, 1 message non lu');
  });

  it('falls back to a <style> element carrying the nonce without constructable stylesheets', () => {
    vi.stubGlobal(
      'CSSStyleSheet',
      class {
        constructor() {
          throw new TypeError('Illegal constructor');
        }
      },
    );
    ui = mountUi(fakeSession({ nonce: 'abc123' }).session, realPanel);
    const style = root().querySelector('style')!;
    expect(style).toBeTruthy();
    expect(style.getAttribute('nonce')).toBe('abc123');
    expect(style.textContent).toContain(':host{all:initial');
    // No inline style attribute is ever written as HTML.
    expect(root().querySelector('[style]')).toBeNull();
  });

  it('with launcher.call, a "Call us" button (its own chunk) opens the panel, starts a call, and hides while the panel is open', async () => {
    const { session } = fakeSession({ launcher: { call: true, position: 'left' } });
    const withCall = {
      ...session,
      call: vi.fn(async () => ({}) as unknown as Awaited<ReturnType<NonNullable<BatonSession['call']>>>),
      startCall: vi.fn(),
    } satisfies BatonSession;
    // The panel chunk stays loading: this test is about the button, not the panel's call UI.
    ui = mountUi(withCall, () => new Promise<never>(() => {}));
    await until(() => root().querySelector('#baton-launcher-call'));
    const call = root().querySelector<HTMLButtonElement>('#baton-launcher-call')!;
    expect(call.getAttribute('aria-label')).toBe('Call us');
    expect(call.hidden).toBe(false);
    expect(call.nextElementSibling).toBe(launcher());

    call.click();
    expect(withCall.setOpen).toHaveBeenCalledWith(true);
    expect(panel().hidden).toBe(false);
    // Within the click itself (the microphone prompt belongs to it): no await before the start.
    expect(withCall.startCall).toHaveBeenCalledTimes(1);
    expect(call.hidden).toBe(true);

    escape(panel());
    expect(panel().hidden).toBe(true);
    expect(call.hidden).toBe(false);

    ui.destroy();
    ui = null;
    expect(document.getElementById('baton-root')).toBeNull();
  });

  it('without launcher.call there is no call button, and the chunk is never loaded', async () => {
    ui = mountUi(fakeSession().session, realPanel);
    await flush();
    await flush();
    expect(root().querySelector('#baton-launcher-call')).toBeNull();
  });
});
