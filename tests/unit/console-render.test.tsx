// The agent console's views rendered in happy-dom: verified badges per identity field, message text
// that looks like HTML stays text, links are http(s) only with a safe rel, the queue, the thread's
// statuses and the composer's limits.
import type { AgentCallFrame } from '../../src/protocol/call';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseLinks } from '../../src/view/links';
import { MessageText } from '../../src/view/MessageText';
import { initialState, reduce, type ConsoleEvent } from '../../src/console/state';
import { ConsoleStore } from '../../src/console/store';
import { ContextPanel } from '../../src/console/ui/ContextPanel';
import { Login } from '../../src/console/ui/Login';
import { Sidebar, matchesFilter } from '../../src/console/ui/Sidebar';
import { Thread } from '../../src/console/ui/Thread';
import type { AgentFrame } from '../../src/protocol/chat';
import { NOW, context, detail, message, summary, welcomeFrames } from './console-fixtures';

const NONE_VERIFIED = { id: false, name: false, email: false };

const XSS = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
let host: HTMLElement | null = null;

function mount(node: preact.ComponentChild): HTMLElement {
  host = document.createElement('div');
  document.body.append(host);
  act(() => render(node, host!));
  return host;
}

afterEach(() => {
  if (host) act(() => render(null, host!));
  host?.remove();
  host = null;
  vi.restoreAllMocks();
});

/** A store fed with frames, its socket replaced by a recorder. */
function storeWith(events: ConsoleEvent[]) {
  const sent: (AgentFrame | AgentCallFrame)[] = [];
  const store = new ConsoleStore({
    connect: () => ({ start() {}, stop() {}, retryNow() {}, send: (f) => (sent.push(f), true) }),
  });
  store.state = events.reduce((s, e) => reduce(s, e, NOW), initialState());
  return { store, sent };
}

describe('MessageText', () => {
  it('renders text that looks like HTML as text', () => {
    const el = mount(<p>{<MessageText text={`Hi ${XSS} <b>bold</b>`} />}</p>);
    expect(el.querySelector('img, script, b')).toBeNull();
    expect(el.textContent).toBe(`Hi ${XSS} <b>bold</b>`);
  });

  it('makes http(s) links clickable with rel="noopener noreferrer nofollow" and target="_blank"', () => {
    const el = mount(<p>{<MessageText text="See https://shop.example/p/1?x=1&y=2. Or (http://a.test/wiki_(x)) now" />}</p>);
    const links = [...el.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://shop.example/p/1?x=1&y=2', 'http://a.test/wiki_(x)']);
    for (const a of links) {
      expect(a.getAttribute('rel')).toBe('noopener noreferrer nofollow');
      expect(a.getAttribute('target')).toBe('_blank');
    }
    expect(el.textContent).toBe('See https://shop.example/p/1?x=1&y=2. Or (http://a.test/wiki_(x)) now');
  });

  it('never links other schemes', () => {
    const el = mount(<p>{<MessageText text="javascript:alert(1) data:text/html,<x> ftp://files.test/a mailto:a@b.test" />}</p>);
    expect(el.querySelectorAll('a')).toHaveLength(0);
    expect(parseLinks('xhttps://evil.test').filter((p) => p.kind === 'link')).toHaveLength(0);
    expect(parseLinks('http://"onmouseover=alert(1)"')).toEqual([{ kind: 'text', text: 'http://"onmouseover=alert(1)"' }]);
  });
});

describe('ContextPanel', () => {
  /** A row of the shared description (src/view/contextFields.ts), as the console shows it. */
  const value = (el: Element, key: string) => el.querySelector(`[data-testid=ctx-row][data-field="${key}"] [data-testid=ctx-value]`)?.textContent;
  const conversation = (ctx = context()) =>
    reduce(initialState(), { type: 'conversation', conversation: detail('c1', { context: ctx }) }, NOW).conversations.c1!;

  it('labels every identity field Verified or Unverified, as the server decided', () => {
    const el = mount(<ContextPanel c={conversation()} now={NOW} />);
    const badges = [...el.querySelectorAll<HTMLElement>('[data-testid=verified-badge]')].map((b) => [b.dataset.field, b.textContent]);
    expect(badges).toEqual([
      ['name', 'Unverified'],
      ['email', 'Verified'],
      ['id', 'Verified'],
    ]);
    expect(value(el, 'email')).toBe('ada@example.com');
  });

  it('shows the page, journey latest first, campaign, device, friction, custom fields, location and consent', () => {
    const el = mount(<ContextPanel c={conversation()} now={NOW + 10_000} />);
    expect(value(el, 'title')).toBe('Checkout — Payment');
    expect(value(el, 'address')).toBe('/checkout?step=payment');
    expect(value(el, 'timeOnPage')).toBe('3 min');
    const journey = [...el.querySelectorAll('[data-testid=journey-entry] .tl-title')].map((e) => e.textContent);
    expect(journey).toEqual(['Checkout — Payment', 'Cart', 'Home']);
    expect([...el.querySelectorAll<HTMLElement>('[data-testid=ctx-row][data-field^="utm."]')].map((e) => e.dataset.field)).toEqual(['utm.utm_source', 'utm.utm_medium']);
    expect(value(el, 'viewport')).toBe('390 × 664');
    expect(value(el, 'touch')).toBe('Yes');
    expect(value(el, 'timeZone')).toBe('Europe/Paris');
    const signal = el.querySelector('[data-testid=signal]')!;
    expect(signal.textContent).toContain('Rage clicks');
    expect(signal.textContent).toContain('4 times');
    expect(signal.textContent).toContain('/checkout?step=payment');
    expect(value(el, 'custom.cartValue')).toBe('184.5');
    expect(el.querySelector('[data-testid=ctx-row][data-field="custom.cartValue"] dt')!.textContent).toBe('Cart value');
    expect(el.querySelector('[data-testid=location]')!.textContent).toContain('45.76, 4.84');
    expect(el.querySelector<HTMLElement>('[data-testid=consent]')!.dataset.consent).toBe('granted');
  });

  it('renders context strings as text, and links only http(s) page URLs', () => {
    const ctx = context({
      page: { ...context().page, title: XSS, url: 'javascript:alert(1)' },
      custom: { note: XSS },
    });
    const el = mount(<ContextPanel c={conversation(ctx)} now={NOW} />);
    expect(el.querySelector('img, script')).toBeNull();
    expect(value(el, 'title')).toBe(XSS);
    expect(el.querySelector('[data-field=address] a')).toBeNull();
  });

  it('renders a context whose times no Date can hold (1e16, stored before the server bounded them) without breaking', () => {
    const bad = { ...context(), at: 1e16, journey: context().journey.map((e) => ({ ...e, at: 1e16 })), page: { ...context().page, startedAt: 1e16 } };
    const el = mount(<ContextPanel c={conversation(bad)} now={NOW} />);
    expect(value(el, 'title')).toBe('Checkout — Payment');
    expect(el.querySelectorAll('[data-testid=journey-entry]')).toHaveLength(3);
  });

  it('says so when the visitor is anonymous', () => {
    const el = mount(<ContextPanel c={conversation(context({ identity: null }))} now={NOW} />);
    expect(el.querySelectorAll('[data-testid=verified-badge]')).toHaveLength(0);
    expect(el.querySelector('[data-testid=ctx-identity]')!.textContent).toContain('Not signed in');
  });
});

describe('check marks (issue 13: a signed id does not verify the name beside it)', () => {
  const ID_ONLY = { id: true, name: false, email: false };
  const ALL = { id: true, name: true, email: true };
  const idOnlyContext = context({ identity: { id: 'user_mallory', name: 'The CEO', email: 'ceo@shop.example', custom: {}, verified: { id: true, name: false, email: false, phone: false } } });
  const jwtContext = context({ identity: { id: 'user_ada', name: 'Ada Lovelace', email: 'ada@example.com', custom: {}, verified: { id: true, name: true, email: true, phone: false } } });
  const claimed = (verified: typeof ID_ONLY, ctx: ReturnType<typeof context>) => ({
    type: 'conversation' as const,
    conversation: detail('c9', { visitor: { name: ctx.identity!.name!, email: ctx.identity!.email!, verified }, context: ctx }),
  });
  const checks = (el: Element) => [...el.querySelectorAll<HTMLElement>('.check')].map((c) => c.dataset.verifiedField);

  it('shows no check beside a name and e-mail whose id alone is signed: queue row, my conversations, thread header, context panel', () => {
    const { store } = storeWith([
      ...welcomeFrames({ queue: [summary('q1', { visitor: { name: 'The CEO', email: 'ceo@shop.example', verified: ID_ONLY } })] }),
      claimed(ID_ONLY, idOnlyContext),
    ]);
    store.state = { ...store.state, selectedId: 'c9' };
    const side = mount(<Sidebar store={store} now={NOW} />);
    expect(side.querySelector('[data-testid=queue-item]')!.textContent).toContain('The CEO');
    expect(checks(side)).toEqual([]);
    const thread = mount(<Thread store={store} now={NOW} />);
    expect(thread.querySelector('#thread-title')!.textContent).toContain('The CEO');
    expect(thread.querySelector('[data-testid=thread-email]')!.textContent).toBe('ceo@shop.example');
    expect(checks(thread)).toEqual([]);
    const panel = mount(<ContextPanel c={store.state.conversations.c9} now={NOW} />);
    expect(checks(panel.querySelector('.ctx-head')!)).toEqual([]);
    // The per-field badges say the same: the id is verified, the name and e-mail are not.
    const badges = Object.fromEntries([...panel.querySelectorAll<HTMLElement>('[data-testid=verified-badge]')].map((b) => [b.dataset.field, b.dataset.verified]));
    expect(badges).toEqual({ id: 'true', name: 'false', email: 'false' });
  });

  it('shows a check beside each field the JWT covered, everywhere', () => {
    const { store } = storeWith([
      ...welcomeFrames({ queue: [summary('q1', { visitor: { name: 'Ada Lovelace', email: 'ada@example.com', verified: ALL } })] }),
      claimed(ALL, jwtContext),
    ]);
    store.state = { ...store.state, selectedId: 'c9' };
    const side = mount(<Sidebar store={store} now={NOW} />);
    expect(checks(side.querySelector('[data-testid=queue-item]')!)).toEqual(['name']);
    expect(checks(side.querySelector('[data-testid=my-conversation]')!)).toEqual(['name']);
    expect(checks(mount(<Thread store={store} now={NOW} />))).toEqual(['name', 'email']);
    expect(checks(mount(<ContextPanel c={store.state.conversations.c9} now={NOW} />).querySelector('.ctx-head')!)).toEqual(['name', 'email']);
  });

  it('the phone-code lookup says verified only for a name the JWT covered', async () => {
    const { PhoneLookup } = await import('../../src/console/ui/PhoneLookup');
    for (const [verified, ctx, expected] of [
      [ID_ONLY, idOnlyContext, 'The CEO (unverified)'],
      [ALL, jwtContext, 'Ada Lovelace (verified)'],
    ] as const) {
      const found = { conversation: summary('q1', { visitor: { name: ctx.identity!.name!, email: ctx.identity!.email!, verified } }), context: ctx };
      vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(JSON.stringify(found), { status: 200, headers: { 'content-type': 'application/json' } }));
      const { store } = storeWith(welcomeFrames());
      const el = mount(<PhoneLookup store={store} />);
      const input = el.querySelector<HTMLInputElement>('input')!;
      act(() => {
        input.value = '123456';
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
      await act(async () => {
        el.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
      });
      await vi.waitFor(() => expect(el.querySelector('[data-testid=phone-caller]')?.textContent).toBe(expected));
      act(() => render(null, host!));
      host!.remove();
      host = null;
      vi.restoreAllMocks();
    }
  });
});

describe('Sidebar', () => {
  it('lists the queue oldest first with wait times, verified checks, offline e-mails and Claim', () => {
    const { store, sent } = storeWith([
      ...welcomeFrames({ queue: [
          summary('q_new', { waitingSince: NOW - 30_000, visitor: { name: null, email: null, verified: NONE_VERIFIED } }),
          summary('q_old', { waitingSince: NOW - 125_000, status: 'offline', email: 'marco@example.it', visitor: { name: 'Marco', email: null, verified: NONE_VERIFIED } }),
        ],
        mine: [detail('c1', { messages: [message('c1', 1), message('c1', 2, 'agent'), message('c1', 3)] })] }),
    ]);
    const el = mount(<Sidebar store={store} now={NOW} />);
    const items = [...el.querySelectorAll<HTMLElement>('[data-testid=queue-item]')];
    expect(items.map((i) => i.dataset.conversationId)).toEqual(['q_old', 'q_new']);
    expect(items[0]!.textContent).toContain('waiting 2 min');
    expect(items[0]!.textContent).toContain('Left a message · marco@example.it');
    expect(items[1]!.textContent).toContain('Visitor');
    expect(items[1]!.querySelector('.check')).toBeNull();
    const mine = el.querySelector('[data-testid=my-conversation]')!;
    // Ada's id is signed, her name is not: no check beside the name.
    expect(mine.querySelector('.check')).toBeNull();
    expect(mine.querySelector('[data-testid=unread]')!.textContent).toBe('1 unread');
    act(() => items[1]!.querySelector<HTMLButtonElement>('[data-testid=claim]')!.click());
    expect(sent).toEqual([{ type: 'claim', conversationId: 'q_new' }]);
  });

  it('filters by name, e-mail, page or message', () => {
    const q = summary('q', { visitor: { name: 'Ada', email: 'ada@example.com', verified: NONE_VERIFIED } });
    expect(matchesFilter(q, 'ADA@')).toBe(true);
    expect(matchesFilter(q, 'checkout')).toBe(true);
    expect(matchesFilter(q, 'hello')).toBe(true);
    expect(matchesFilter(q, 'refund')).toBe(false);
  });
});

describe('Thread', () => {
  it('shows visitor, agent and system messages, sending and failed ones with Retry', () => {
    const { store, sent } = storeWith([
      ...welcomeFrames({ queue: [],
        mine: [detail('c1', { messages: [message('c1', 1, 'system', { text: 'Started' }), message('c1', 2, 'visitor', { text: XSS }), message('c1', 3, 'agent')] })] }),
      { type: '@select', conversationId: 'c1' },
      { type: '@send', conversationId: 'c1', clientId: 'client_sending', text: 'on its way' },
      { type: '@send', conversationId: 'c1', clientId: 'client_failed', text: 'refused' },
      { type: 'error', code: 'rate_limited', message: '', clientId: 'client_failed' },
      { type: 'typing', conversationId: 'c1', on: true },
    ]);
    const el = mount(<Thread store={store} now={NOW} />);
    const rows = [...el.querySelectorAll<HTMLElement>('[data-testid=message]')].map((m) => `${m.dataset.sender}:${m.dataset.status}`);
    expect(rows).toEqual(['system:sent', 'visitor:sent', 'agent:sent', 'agent:sending', 'agent:failed']);
    expect(el.querySelector('[data-testid=messages] img, [data-testid=messages] script')).toBeNull();
    expect(el.querySelector('[data-testid=message-sending]')).not.toBeNull();
    expect(el.querySelector('[data-testid=typing]')!.textContent).toContain('Ada Lovelace is typing');
    act(() => el.querySelector<HTMLButtonElement>('[data-testid=retry]')!.click());
    expect(sent).toEqual([{ type: 'send', conversationId: 'c1', clientId: 'client_failed', text: 'refused' }]);
  });

  it('composer: Enter sends, Shift+Enter does not, the counter appears near the limit', () => {
    const { store, sent } = storeWith([
      ...welcomeFrames({ queue: [], mine: [detail('c1')] }),
      { type: '@select', conversationId: 'c1' },
    ]);
    const el = mount(<Thread store={store} now={NOW} />);
    const ta = el.querySelector<HTMLTextAreaElement>('[data-testid=composer]')!;
    expect(el.querySelector('label[for=composer]')!.textContent).toBe('Message');
    const type = (v: string) =>
      act(() => {
        ta.value = v;
        ta.dispatchEvent(new Event('input', { bubbles: true }));
      });
    type('Hello');
    act(() => void ta.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', shiftKey: true, bubbles: true, cancelable: true })));
    expect(sent.filter((f) => f.type === 'send')).toHaveLength(0);
    act(() => void ta.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true })));
    expect(sent.filter((f) => f.type === 'send')).toMatchObject([{ type: 'send', conversationId: 'c1', text: 'Hello' }]);
    expect(sent.filter((f) => f.type === 'typing').map((f) => f.type === 'typing' && f.on)).toEqual([true, false]);
    expect(ta.value).toBe('');

    expect(el.querySelector('[data-testid=composer-count]')!.textContent).toBe('');
    type('x'.repeat(3600));
    expect(el.querySelector('[data-testid=composer-count]')!.textContent).toBe('3,600 / 4,000');
    type('x'.repeat(4010));
    expect(el.querySelector('[data-testid=composer-count]')!.textContent).toBe('10 characters too long');
    expect(el.querySelector<HTMLButtonElement>('[data-testid=send]')!.disabled).toBe(true);
  });

  it('closes with an optional note from a labelled dialog', () => {
    const { store, sent } = storeWith([
      ...welcomeFrames({ queue: [], mine: [detail('c1')] }),
      { type: '@select', conversationId: 'c1' },
    ]);
    const el = mount(<Thread store={store} now={NOW} />);
    act(() => el.querySelector<HTMLButtonElement>('[data-testid=close-conversation]')!.click());
    const dialog = el.querySelector<HTMLDialogElement>('[data-testid=close-dialog]')!;
    expect(dialog.getAttribute('aria-labelledby')).toBe('close-title');
    expect(el.querySelector('label[for=close-note]')!.textContent).toBe('Note for your team (optional)');
    const note = el.querySelector<HTMLTextAreaElement>('[data-testid=close-note]')!;
    act(() => {
      note.value = '  Refund issued  ';
      note.dispatchEvent(new Event('input', { bubbles: true }));
    });
    act(() => void dialog.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
    expect(sent).toEqual([{ type: 'close', conversationId: 'c1', note: 'Refund issued' }]);
    expect(el.querySelector('[data-testid=close-dialog]')).toBeNull();
  });

  it('a queued conversation is a preview with Claim, no composer; a closed one shows its note', () => {
    const { store, sent } = storeWith([
      ...welcomeFrames({ queue: [summary('q1')], mine: [detail('c1')] }),
      { type: '@select', conversationId: 'q1' },
      { type: 'conversation', conversation: detail('q1', { status: 'waiting', agent: null }) },
    ]);
    let el = mount(<Thread store={store} now={NOW} />);
    expect(el.querySelector('[data-testid=composer]')).toBeNull();
    act(() => el.querySelector<HTMLButtonElement>('[data-testid=claim-thread]')!.click());
    expect(sent).toEqual([{ type: 'claim', conversationId: 'q1' }]);
    act(() => render(null, host!));

    store.state = [
      { type: '@select', conversationId: 'c1' },
      { type: 'closed', conversationId: 'c1', note: 'Refund <b>issued</b>' },
    ].reduce((s, e) => reduce(s, e as ConsoleEvent, NOW), store.state);
    el = mount(<Thread store={store} now={NOW} />);
    expect(el.querySelector('[data-testid=thread-status]')!.textContent).toBe('Closed');
    expect(el.querySelector('[data-testid=closed-notice]')!.textContent).toContain('Refund <b>issued</b>');
    expect(el.querySelector('[data-testid=composer]')).toBeNull();
    expect(el.querySelector('[data-testid=close-conversation]')).toBeNull();
  });
});

describe('Login', () => {
  it('has labelled fields and says when the credentials are wrong or the server rate-limits', async () => {
    const fetchMock = vi
      .spyOn(globalThis, 'fetch')
      .mockResolvedValueOnce(new Response('{}', { status: 401 }))
      .mockResolvedValueOnce(new Response('{}', { status: 429, headers: { 'Retry-After': '42' } }));
    const onSignedIn = vi.fn();
    const el = mount(<Login onSignedIn={onSignedIn} />);
    const email = el.querySelector<HTMLInputElement>('#login-email')!;
    const password = el.querySelector<HTMLInputElement>('#login-password')!;
    expect(el.querySelector('label[for=login-email]')!.textContent).toBe('E-mail');
    expect(el.querySelector('label[for=login-password]')!.textContent).toBe('Password');
    const fill = (input: HTMLInputElement, v: string) =>
      act(() => {
        input.value = v;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
    const submit = async () => {
      await act(async () => {
        el.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
        await new Promise((r) => setTimeout(r, 0));
      });
    };
    fill(email, 'sam@example.com');
    fill(password, 'nope');
    await submit();
    expect(el.querySelector('[data-testid=login-error]')!.textContent).toBe('Wrong e-mail or password.');
    fill(password, 'again');
    await submit();
    const limited = el.querySelector('[data-testid=login-error]')!;
    expect(limited.querySelector('span[aria-hidden=true]')!.textContent).toBe('Try again in 42 s.');
    expect(limited.querySelector('.sr-only')!.textContent).toBe('Try again in 42 s.');
    expect(limited.textContent).toContain('Too many attempts.');
    expect(el.querySelector<HTMLButtonElement>('button[type=submit]')!.disabled).toBe(true);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(onSignedIn).not.toHaveBeenCalled();
  });
});
