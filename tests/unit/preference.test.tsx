// The visitor's preferred channel (issue 15, src/ui/panel/preference.ts): which way counts as the one
// used, what goes into the context, what is remembered on the device (only with consent), and how
// the next visit's Home orders its ways.
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BatonOptions } from '../../src/api/types';
import type { Consent } from '../../src/protocol/context';
import { validateContextSnapshot } from '../../src/protocol/contextSchema';
import { sessionText } from '../../src/ui/locales/catalog';
import { renderPanel } from '../../src/ui/panel/index';
import { PREFERENCE_KEY, createPreference, firstWay, remembered } from '../../src/ui/panel/preference';
import { validContextSnapshot } from '../fixtures/contextSnapshot';
import { fakeBatonSession } from '../fakes/batonSession';

beforeEach(() => localStorage.clear());

describe('recording the way used', () => {
  const recorder = (consent: Consent, at = 1_000) => {
    const setPart = vi.fn();
    let c = consent;
    const prefer = createPreference({ setPart }, () => c, () => at);
    return { setPart, prefer, grant: () => (c = 'granted') };
  };

  it('puts the channel in the context and, with consent granted, on the device', () => {
    const { setPart, prefer } = recorder('granted');
    prefer('callback');
    expect(setPart).toHaveBeenLastCalledWith('preferences', { channel: 'callback', at: 1_000 });
    expect(JSON.parse(localStorage.getItem(PREFERENCE_KEY)!)).toEqual({ channel: 'callback', at: 1_000 });
    expect(remembered('granted')).toEqual({ channel: 'callback', at: 1_000 });
  });

  it('a chat never replaces another way used on the page; another way replaces a chat', () => {
    const { setPart, prefer } = recorder('granted');
    prefer('chat');
    prefer('call');
    prefer('chat');
    expect(setPart).toHaveBeenCalledTimes(2);
    expect(setPart).toHaveBeenLastCalledWith('preferences', { channel: 'call', at: 1_000 });
    prefer('email');
    expect(remembered('granted')?.channel).toBe('email');
  });

  it('a callback being booked is said in the context at once, remembered only once booked', () => {
    const { setPart, prefer } = recorder('granted');
    prefer('callback', true);
    expect(setPart).toHaveBeenLastCalledWith('preferences', { channel: 'callback', at: 1_000 });
    expect(localStorage.getItem(PREFERENCE_KEY)).toBeNull();
    prefer('chat'); // the number refused, the visitor writes instead: the callback asked for stays
    expect(setPart).toHaveBeenCalledTimes(1);
    prefer('callback');
    expect(setPart).toHaveBeenCalledTimes(1);
    expect(remembered('granted')).toEqual({ channel: 'callback', at: 1_000 });
  });

  it('without consent (pending or denied) the context says it, the device keeps nothing', () => {
    for (const c of ['pending', 'denied'] as const) {
      const { setPart, prefer } = recorder(c);
      prefer('phone');
      expect(setPart).toHaveBeenLastCalledWith('preferences', { channel: 'phone', at: 1_000 });
      expect(localStorage.getItem(PREFERENCE_KEY)).toBeNull();
    }
  });

  it('reads back only with consent granted; a refusal erases it; anything malformed is ignored', () => {
    localStorage.setItem(PREFERENCE_KEY, JSON.stringify({ channel: 'call', at: 5 }));
    expect(remembered('pending')).toBeNull();
    expect(localStorage.getItem(PREFERENCE_KEY)).not.toBeNull(); // not yet answered: kept, unread
    expect(remembered('granted')).toEqual({ channel: 'call', at: 5 });
    expect(remembered('denied')).toBeNull();
    expect(localStorage.getItem(PREFERENCE_KEY)).toBeNull();
    for (const bad of ['{', '"call"', JSON.stringify({ channel: 'fax', at: 5 }), JSON.stringify({ channel: 'chat', at: -1 }), JSON.stringify({ channel: 'chat', at: 1e17 })]) {
      localStorage.setItem(PREFERENCE_KEY, bad);
      expect(remembered('granted')).toBeNull();
    }
  });

  it('what is recorded passes the server schema', () => {
    for (const channel of ['chat', 'call', 'callback', 'phone', 'email'] as const) {
      expect(validateContextSnapshot({ ...validContextSnapshot(), preferences: { channel, at: Date.now() } }).ok).toBe(true);
    }
    expect(validateContextSnapshot({ ...validContextSnapshot(), preferences: { channel: 'fax', at: 1 } }).ok).toBe(false);
    expect(validateContextSnapshot({ ...validContextSnapshot(), preferences: { channel: 'chat', at: 1, extra: 1 } }).ok).toBe(false);
  });
});

describe('ordering', () => {
  const all = { call: true, phone: true, callback: true };
  it('the remembered way first when offered; an e-mail reply is the chat card', () => {
    expect(firstWay(null, all)).toBeNull();
    expect(firstWay({ channel: 'callback', at: 1 }, all)).toBe('callback');
    expect(firstWay({ channel: 'email', at: 1 }, all)).toBe('chat');
    expect(firstWay({ channel: 'chat', at: 1 }, all)).toBe('chat');
    expect(firstWay({ channel: 'phone', at: 1 }, { ...all, phone: false })).toBeNull();
    expect(firstWay({ channel: 'callback', at: 1 }, { ...all, callback: false })).toBeNull();
  });
});

describe('Home with a remembered way', () => {
  let cleanup: (() => void) | null = null;
  afterEach(() => {
    if (cleanup) act(() => cleanup!());
    cleanup = null;
    document.body.replaceChildren();
  });

  async function mount(options: BatonOptions, consent: Consent) {
    const f = fakeBatonSession(options, { snapshot: validContextSnapshot({ consent }), open: true });
    const host = document.createElement('div');
    document.body.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    const container = document.createElement('div');
    shadow.append(container);
    const t = await sessionText(f.session);
    act(() => {
      cleanup = renderPanel(container, f.session, () => {}, t);
    });
    await act(async () => {
      await Promise.resolve();
    });
    return { shadow, session: f.session };
  }
  /** The Home's ways in the order shown, by their data-nav names. */
  const order = (shadow: ShadowRoot) => [...shadow.querySelectorAll('.cards [data-nav]')].map((b) => b.getAttribute('data-nav'));

  it('consent granted: the phone line, used last time, comes before the chat, marked last used, and is in the context', async () => {
    localStorage.setItem(PREFERENCE_KEY, JSON.stringify({ channel: 'phone', at: 42 }));
    const { shadow, session } = await mount({ phone: '+33 1 23 45 67 89' }, 'granted');
    expect(order(shadow).slice(0, 2)).toEqual(['phone', 'start']);
    expect(shadow.querySelector('#baton-phone [data-testid="last-used"]')?.textContent).toBe('Last used');
    expect(shadow.querySelectorAll('[data-testid="last-used"]')).toHaveLength(1);
    expect(session.setPart).toHaveBeenCalledWith('preferences', { channel: 'phone', at: 42 });
  });

  it('consent not given: the usual order, nothing marked, nothing in the context', async () => {
    localStorage.setItem(PREFERENCE_KEY, JSON.stringify({ channel: 'phone', at: 42 }));
    const { shadow, session } = await mount({ phone: '+33 1 23 45 67 89', consent: 'required' }, 'pending');
    expect(order(shadow).slice(0, 2)).toEqual(['start', 'phone']);
    expect(shadow.querySelector('[data-testid="last-used"]')).toBeNull();
    expect(session.setPart).not.toHaveBeenCalledWith('preferences', expect.anything());
  });

  it('a callback used last time: Home offers booking one first where the server takes them', async () => {
    localStorage.setItem(PREFERENCE_KEY, JSON.stringify({ channel: 'callback', at: 42 }));
    const { shadow } = await mount({}, 'granted');
    expect(order(shadow)).toEqual(expect.arrayContaining(['start'])); // no `callbacks`: nothing to offer first
    expect(shadow.querySelector('#baton-callback')).toBeNull();
    act(() => cleanup!());
    cleanup = null;
    document.body.replaceChildren();
    const f = fakeBatonSession({}, { snapshot: validContextSnapshot({ consent: 'granted' }), open: true });
    const session = { ...f.session, callbacks: async () => ({}) as never };
    const host = document.createElement('div');
    document.body.append(host);
    const shadow2 = host.attachShadow({ mode: 'open' });
    const container = document.createElement('div');
    shadow2.append(container);
    const t = await sessionText(session);
    act(() => {
      cleanup = renderPanel(container, session, () => {}, t);
    });
    await act(async () => {
      await Promise.resolve();
    });
    expect(order(shadow2)[0]).toBe('callback');
    expect(shadow2.querySelector('#baton-callback')?.textContent).toContain('Last used');
  });
});
