// The panel's conversation view (src/ui/panel/chat.tsx) over a real ChatSession and a fake
// transport: what the visitor sees and what their keys and clicks send.
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BatonOptions } from '../../src/api/types';
import { ChatSession } from '../../src/core/chat/session';
import type { ChatTransportEvents, ChatWelcome, PendingMessage } from '../../src/core/chat/transport';
import { OUTBOX_MAX_MESSAGES, withOutbox, type OutboxStore } from '../../src/core/chat/outbox';
import { fakeChatTransport } from '../fakes/chatTransport';
import { contextSnapshot } from '../fixtures/contextSnapshot';
import { fakeBatonSession } from '../fakes/batonSession';
import type { BatonSession } from '../../src/core/session';
import type { AgentPublic, ChatMessage } from '../../src/protocol/chat';
import { parseLinks } from '../../src/view/links';
import { initials } from '../../src/ui/panel/avatar';
import { renderPanel } from '../../src/ui/panel/index';
import { sessionText } from '../../src/ui/locales/catalog';

const SAM: AgentPublic = { id: 'a1', name: 'Sam Lee', color: '#7c3aed' };
const XSS = '<img src=x onerror=alert(1)>';
const NOW = Date.now();

/** The shared fake, its events played inside act() so the panel has rendered when they return. */
function fakeTransport() {
  const f = fakeChatTransport();
  const emit = <E extends keyof ChatTransportEvents>(event: E, payload: ChatTransportEvents[E]) => act(() => f.emit(event, payload));
  return { t: f.t, sent: f.sent, emit };
}

let n = 0;
const msg = (over: Partial<ChatMessage> & { index: number }): ChatMessage => ({
  id: `m${over.index}`,
  conversationId: 'c1',
  clientId: `client-${over.index}-${++n}`,
  sender: 'agent',
  text: `message ${over.index}`,
  at: NOW,
  ...(over.sender === 'visitor' ? {} : { agent: SAM }),
  ...over,
});
const welcome = (conv: Partial<NonNullable<ChatWelcome['conversation']>> | null = {}, agentsOnline = 1): ChatWelcome => ({
  conversation: conv === null ? null : { id: 'c1', status: 'active', agent: SAM, position: null, messages: [], readIndex: 0, ...conv },
  agentsOnline,
  unread: 0,
});

function setup(options: BatonOptions = {}, snap = contextSnapshot({ at: NOW })) {
  const f = fakeTransport();
  const onStart = vi.fn();
  const chat = new ChatSession(f.t, { onStart });
  const { session } = fakeBatonSession(options, { snapshot: snap, open: true, chat: async () => chat });
  /** The visitor closes or reopens the panel. */
  const setOpenState = (o: boolean) => act(() => session.setOpen(o));
  return { ...f, chat, session, setOpenState, onStart };
}

let cleanup: (() => void) | null = null;
afterEach(() => {
  if (cleanup) act(() => cleanup!());
  cleanup = null;
  document.body.replaceChildren();
});

/**
 * Renders the panel, which opens on its home, then goes to the conversation through the bottom
 * bar's "Messages" (which focuses the conversation's heading: nothing connects before the composer
 * is used), unless `home` says to stay.
 */
async function mount(session: BatonSession, { home = false } = {}) {
  const host = document.createElement('div');
  document.body.append(host);
  const shadow = host.attachShadow({ mode: 'open' });
  const container = document.createElement('div');
  shadow.append(container);
  const t = await sessionText(session);
  act(() => {
    cleanup = renderPanel(container, session, vi.fn(), t);
  });
  await act(async () => {
    await Promise.resolve();
    await Promise.resolve();
  });
  if (!home) {
    act(() => container.querySelector<HTMLButtonElement>('[data-tab=chat]')!.click());
    expect(shadow.activeElement?.id).toBe('baton-title');
  }
  return { container, shadow };
}

/** Started (as by focusing the composer), connected, welcomed, rendered. */
async function connected(w: ChatWelcome = welcome(), options: BatonOptions = {}) {
  const s = setup(options);
  const m = await mount(s.session);
  act(() => s.chat.start());
  s.emit('state', 'online');
  s.emit('welcome', w);
  return { ...s, ...m };
}

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const items = (root: ParentNode) => [...root.querySelectorAll<HTMLElement>('ol.msgs > li')];
const input = (root: ParentNode) => root.querySelector<HTMLTextAreaElement>('#baton-input')!;
const sendButton = (root: ParentNode) => root.querySelector<HTMLButtonElement>('button[aria-label="Send"]')!;
const type = (el: HTMLTextAreaElement | HTMLInputElement, value: string) =>
  act(() => {
    el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
const key = (el: Element, k: string, init: KeyboardEventInit = {}) =>
  act(() => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...init }));
  });
const click = (el: Element | null | undefined) => {
  expect(el).toBeTruthy();
  act(() => (el as HTMLElement).click());
};
const byText = (root: ParentNode, selector: string, t: string | RegExp) =>
  [...root.querySelectorAll<HTMLElement>(selector)].find((e) => (typeof t === 'string' ? text(e) === t : t.test(text(e))));

describe('links in the panel (src/view/links.ts, shared with the console)', () => {
  it('links http and https URLs only, leaving sentence punctuation out', () => {
    const link = (href: string) => ({ kind: 'link', href, text: href });
    const txt = (text: string) => ({ kind: 'text', text });
    expect(parseLinks('See https://shop.example/p/1?x=1. Thanks')).toEqual([txt('See '), link('https://shop.example/p/1?x=1'), txt('. Thanks')]);
    expect(parseLinks('(docs: http://a.example/wiki/Foo_(bar))')).toEqual([txt('(docs: '), link('http://a.example/wiki/Foo_(bar)'), txt(')')]);
    expect(parseLinks('javascript:alert(1) ftp://x.example www.x.example data:text/html,hi')).toEqual([txt('javascript:alert(1) ftp://x.example www.x.example data:text/html,hi')]);
    expect(parseLinks('no links')).toEqual([txt('no links')]);
  });

  it('makes initials from names', () => {
    expect(initials('Sam Lee')).toBe('SL');
    expect(initials('sam')).toBe('S');
    expect(initials('  Ana María  de la Cruz ')).toBe('AC');
    expect(initials('Sam (Demo agent)')).toBe('S');
    expect(initials('Élodie O’Brien')).toBe('ÉO');
    expect(initials('  ')).toBe('?');
  });
});

describe("the site's bot (issue 14)", () => {
  const BOT = { name: 'Fernwood assistant' };
  const botSaid = (index: number, text: string): ChatMessage => ({ id: `m${index}`, index, conversationId: 'c1', clientId: `b${index}`, sender: 'bot', text, at: NOW, bot: BOT });

  it('labels its messages with its name and "Bot"; "Talk to a person" while it answers, gone after the handover', async () => {
    const { container, t, emit } = await connected(
      welcome({ status: 'waiting', agent: null, bot: 'answering', messages: [msg({ index: 1, sender: 'visitor', text: 'refund?' }), botSaid(2, 'This article should help.')] }),
    );
    const bot = container.querySelector<HTMLElement>('li[data-sender=bot]')!;
    expect(text(bot.querySelector('.who'))).toBe('Fernwood assistantBot');
    expect(text(bot.querySelector('.bub'))).toBe('Fernwood assistant (Bot): This article should help.');
    // No queue line while the bot answers: nobody is awaited yet.
    expect(byText(container, '.cst', /Waiting for an agent/)).toBeUndefined();
    const button = container.querySelector<HTMLButtonElement>('[data-testid=talk-to-person]')!;
    expect(text(button)).toBe('Talk to a person');
    click(button);
    expect(t.handover).toHaveBeenCalledTimes(1);
    expect(text(button)).toBe('Getting a person…');
    emit('status', { conversationId: 'c1', status: 'waiting', agent: null, position: 1, agentsOnline: 1, bot: 'handed_over' });
    expect(container.querySelector('[data-testid=talk-to-person]')).toBeNull();
    expect(byText(container, '.cst', /number 1 in line/)).toBeTruthy();
  });

  it('"Talk to a person" pressed while the connection is down goes once it is back', async () => {
    const { container, t, emit } = await connected(welcome({ status: 'waiting', agent: null, bot: 'answering', messages: [botSaid(1, 'Hi! What can I help you with?')] }));
    emit('state', 'reconnecting');
    click(container.querySelector('[data-testid=talk-to-person]'));
    expect(t.handover).not.toHaveBeenCalled();
    emit('state', 'online');
    expect(t.handover).toHaveBeenCalledTimes(1);
  });
});

describe('the conversation view', () => {
  it('opens on the conversation: agent name and initials in the header, "joined" line, who wrote each message', async () => {
    const { container } = await connected(
      welcome({ messages: [msg({ index: 1, sender: 'visitor', text: 'Hi, where is my order?' }), msg({ index: 2, text: 'Let me check.' })] }),
    );
    expect(text(container.querySelector('h2'))).toBe('Sam Lee');
    expect(text(container.querySelector('.av'))).toBe('SL');
    expect(container.querySelector('.av')!.getAttribute('aria-hidden')).toBe('true');
    const li = items(container);
    expect(li.map((l) => `${l.dataset.sender}:${l.dataset.index ?? ''}`)).toEqual(['visitor:1', 'system:', 'agent:2']);
    expect(text(li[1])).toBe('\u2068Sam Lee\u2069 joined the conversation');
    expect(text(li[2]!.querySelector('.bub'))).toBe('Sam Lee: Let me check.'); // "Sam Lee: " is for screen readers
    expect(li[0]!.dataset.status).toBe('sent');
    expect(li[0]!.querySelector('time')!.getAttribute('datetime')).toBe(new Date(NOW).toISOString());
  });

  it('renders links with rel and target, and HTML-looking text as text', async () => {
    const { container } = await connected(
      welcome({ messages: [msg({ index: 1, text: `Track it at https://shop.example/track?id=7 or ${XSS} javascript:alert(1)` })] }),
    );
    const a = container.querySelectorAll('.bub a');
    expect(a).toHaveLength(1);
    expect(a[0]!.getAttribute('href')).toBe('https://shop.example/track?id=7');
    expect(a[0]!.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    expect(a[0]!.getAttribute('target')).toBe('_blank');
    expect(container.querySelector('img')).toBeNull();
    expect(text(container.querySelector('.bub'))).toContain(XSS);
    expect(text(container.querySelector('.bub'))).toContain('javascript:alert(1)');
  });

  it('opening the panel connects nothing; focusing the composer starts the chat', async () => {
    const s = setup();
    const { onStart } = s;
    const { container } = await mount(s.session);
    expect(s.chat.getState().started).toBe(false);
    expect(text(container.querySelector('#baton-note'))).toBe('');
    act(() => input(container).focus());
    expect(onStart).toHaveBeenCalledTimes(1);
    expect(text(container.querySelector('#baton-note'))).toBe('Connecting to the chat…');
    // A message written while connecting waits, then goes out once connected.
    type(input(container), 'Hello');
    key(input(container), 'Enter');
    expect(items(container).map((l) => l.dataset.status)).toEqual(['sending']);
    expect(s.sent).toEqual([]);
    s.emit('state', 'online');
    expect(s.sent).toEqual([{ clientId: expect.any(String), text: 'Hello' }]);
  });

  it('a message written before the chat has loaded (slow network) goes as soon as it has', async () => {
    const s = setup();
    let resolve!: (c: ChatSession) => void;
    s.session.chat.mockImplementationOnce(() => new Promise<ChatSession>((r) => (resolve = r)));
    const { container } = await mount(s.session);
    act(() => input(container).focus());
    type(input(container), 'Quick question');
    expect(sendButton(container).getAttribute('aria-disabled')).toBe('false');
    key(input(container), 'Enter');
    expect(s.onStart).not.toHaveBeenCalled();
    await act(async () => resolve(s.chat));
    expect(s.onStart).toHaveBeenCalledTimes(1);
    expect(input(container).value).toBe('');
    expect(items(container).map((l) => `${l.dataset.sender}:${l.dataset.status}`)).toEqual(['visitor:sending']);
    s.emit('state', 'online');
    expect(s.sent).toEqual([{ clientId: expect.any(String), text: 'Quick question' }]);
  });

  it('keeps the composer, its text and its focus when nobody turns out to be online', async () => {
    const s = setup();
    const { container, shadow } = await mount(s.session);
    act(() => input(container).focus());
    type(input(container), 'Do you ship to Norway?');
    act(() => s.chat.start());
    s.emit('state', 'online');
    s.emit('welcome', welcome(null, 0));
    expect(input(container).value).toBe('Do you ship to Norway?');
    expect(shadow.activeElement).toBe(input(container));
  });

  it('Enter sends, Shift+Enter does not; the message shows "Sending…", then sent', async () => {
    const { container, sent, emit } = await connected(welcome({ messages: [] }));
    const box = input(container);
    expect(container.querySelector(`label[for="baton-input"]`)!.textContent).toBe('Message');
    type(box, 'Hello');
    key(box, 'Enter', { shiftKey: true });
    expect(sent).toEqual([]);
    key(box, 'Enter');
    expect(sent).toEqual([{ clientId: expect.any(String), text: 'Hello' }]);
    expect(box.value).toBe('');
    const li = items(container).at(-1)!;
    expect(li.dataset.status).toBe('sending');
    expect(text(li.querySelector('.meta'))).toContain('Sending…');
    emit('ack', { clientId: sent[0]!.clientId, message: msg({ index: 1, sender: 'visitor', clientId: sent[0]!.clientId, text: 'Hello' }) });
    expect(items(container).at(-1)!.dataset.status).toBe('sent');
    // The send button works too.
    type(box, 'And another');
    click(sendButton(container));
    expect(sent.at(-1)!.text).toBe('And another');
  });

  it('a failed message shows "Failed" and Retry, which resends the same clientId', async () => {
    const { container, sent, emit } = await connected(welcome({ messages: [] }));
    type(input(container), 'Is this in stock?');
    click(sendButton(container));
    const clientId = sent[0]!.clientId;
    emit('error', { code: 'rate_limited', message: 'slow down', clientId });
    const li = items(container).at(-1)!;
    expect(li.dataset.status).toBe('failed');
    expect(text(li.querySelector('.meta'))).toMatch(/Failed\s*Retry$/);
    click(byText(li, 'button', 'Retry'));
    expect(sent.map((m) => m.clientId)).toEqual([clientId, clientId]);
    expect(items(container).at(-1)!.dataset.status).toBe('sending');
  });

  it('counts near the limit, refuses over it with the reason, and never cuts the text', async () => {
    const { container, sent } = await connected();
    const box = input(container);
    type(box, 'a'.repeat(3600));
    expect(text(container.querySelector('#baton-count'))).toBe('3,600 / 4,000');
    expect(text(container.querySelector('#baton-note'))).toBe('');
    expect(input(container).getAttribute('aria-describedby')).toBe('baton-note baton-count');
    type(box, 'a'.repeat(4012));
    expect(box.value).toHaveLength(4012);
    expect(text(container.querySelector('#baton-note'))).toBe('Too long: 4,012 characters, the limit is 4,000. Shorten it to send.');
    expect(text(container.querySelector('#baton-count'))).toBe('');
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(sendButton(container).getAttribute('aria-disabled')).toBe('true');
    key(box, 'Enter');
    click(sendButton(container));
    expect(sent).toEqual([]);
    expect(box.value).toHaveLength(4012);
  });

  it('while offline or reconnecting, says why sending is disabled', async () => {
    const { container, sent, emit } = await connected();
    emit('state', 'reconnecting');
    expect(text(container.querySelector('#baton-note'))).toMatch(/Reconnecting/);
    expect(sendButton(container).getAttribute('aria-disabled')).toBe('true');
    type(input(container), 'hello?');
    key(input(container), 'Enter');
    expect(sent).toEqual([]);
    emit('state', 'offline');
    expect(text(container.querySelector('#baton-note'))).toMatch(/You’re offline/);
    emit('state', 'online');
    expect(text(container.querySelector('#baton-note'))).toBe('');
    expect(sendButton(container).getAttribute('aria-disabled')).toBe('false');
  });

  it('waiting: "you’re number 2 in line"; the agent’s typing; new agent messages announced politely', async () => {
    const { container, emit } = await connected(welcome({ status: 'waiting', agent: null, position: 2, messages: [msg({ index: 1, sender: 'visitor' })] }));
    expect(text(container)).toContain('Waiting for an agent — you’re number 2 in line');
    expect(text(container.querySelector('h2'))).toBe('Chat with us');
    emit('status', { conversationId: 'c1', status: 'active', agent: SAM, position: null, agentsOnline: 1 });
    expect(text(container)).not.toContain('Waiting for an agent');
    expect(text(container.querySelector('h2'))).toBe('Sam Lee');
    const live = container.querySelector('[aria-live="polite"].sr')!;
    expect(text(live)).toBe('\u2068Sam Lee\u2069 joined the conversation');
    emit('typing', true);
    expect(text(container.querySelector('.ty'))).toBe('\u2068Sam Lee\u2069 is typing…');
    emit('message', msg({ index: 2, text: 'Hi! I’m Sam.' }));
    expect(container.querySelector('.ty')).toBeNull();
    expect(text(live)).toBe('\u2068Sam Lee\u2069: \u2068Hi! I’m Sam.\u2069');
    // The "joined" line stays where the agent joined, whatever comes after.
    emit('message', msg({ index: 3, sender: 'visitor', text: 'Thanks' }));
    expect(items(container).map((l) => `${l.dataset.sender}:${l.dataset.index ?? ''}`)).toEqual(['visitor:1', 'system:', 'agent:2', 'visitor:3']);
  });

  it('the "joined" line marks when the agent joined, even before they write', async () => {
    const { container, emit } = await connected(welcome({ status: 'waiting', agent: null, position: 1, messages: [msg({ index: 1, sender: 'visitor' })] }));
    emit('status', { conversationId: 'c1', status: 'active', agent: SAM, position: null, agentsOnline: 1 });
    emit('message', msg({ index: 2, sender: 'visitor', text: 'Hello?' }));
    expect(items(container).map((l) => `${l.dataset.sender}:${l.dataset.index ?? ''}`)).toEqual(['visitor:1', 'system:', 'visitor:2']);
  });

  it('marks messages read while the panel shows them, and again when it is opened', async () => {
    const { container, emit, t, setOpenState } = await connected(welcome({ messages: [msg({ index: 1 })], readIndex: 0 }));
    expect(container.querySelector('h2')).toBeTruthy();
    expect(t.read).toHaveBeenLastCalledWith(1);
    setOpenState(false);
    emit('message', msg({ index: 2 }));
    expect(t.read).toHaveBeenCalledTimes(1);
    setOpenState(true);
    expect(t.read).toHaveBeenLastCalledWith(2);
  });

  it('a conversation ended by the agent offers a new one', async () => {
    const { container, chat, emit } = await connected(welcome({ messages: [msg({ index: 1 })] }));
    emit('status', { conversationId: 'c1', status: 'closed', agent: SAM, position: null, agentsOnline: 1 });
    expect(text(container)).toContain('This conversation has ended.');
    expect(input(container)).toBeNull();
    click(byText(container, 'button', 'Start a new conversation'));
    expect(chat.getState().conversation).toBeNull();
    expect(items(container)).toHaveLength(0);
    expect(input(container)).toBeTruthy();
  });

  it('nobody online: one composer; the e-mail is asked in the thread after the message, then one line says where the reply goes', async () => {
    const { container, sent, emit, t, shadow } = await connected(welcome(null, 0));
    const box = input(container);
    act(() => box.focus());
    type(box, 'Do you ship to Norway?');
    key(box, 'Enter');
    expect(sent).toEqual([{ clientId: expect.any(String), text: 'Do you ship to Norway?' }]);
    emit('ack', { clientId: sent[0]!.clientId, message: msg({ index: 1, sender: 'visitor', clientId: sent[0]!.clientId, conversationId: 'c5', text: 'Do you ship to Norway?' }) });
    emit('status', { conversationId: 'c5', status: 'offline', agent: null, position: 1, agentsOnline: 0 });
    // The ask is the thread's next item, the composer keeps focus, nothing is pinned under the thread.
    expect(items(container).map((l) => l.dataset.testid ?? l.dataset.sender)).toEqual(['visitor', 'email-ask']);
    expect(shadow.activeElement).toBe(input(container));
    const ask = container.querySelector<HTMLFormElement>('[data-testid=email-ask] form')!;
    expect(text(ask.querySelector('p'))).toContain('Leave your e-mail');
    const email = ask.querySelector<HTMLInputElement>('#baton-ask-email')!;
    expect(email.type).toBe('email');
    expect(text(ask.querySelector('label[for="baton-ask-email"]'))).toBe('Your e-mail');
    type(email, 'ada@');
    act(() => void ask.dispatchEvent(new Event('submit', { cancelable: true })));
    expect(text(ask)).toContain('This e-mail address doesn’t look complete.');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(t.setEmail).not.toHaveBeenCalled();
    type(email, 'ada@example.com');
    act(() => void ask.dispatchEvent(new Event('submit', { cancelable: true })));
    expect(t.setEmail).toHaveBeenCalledWith('ada@example.com');
    emit('status', { conversationId: 'c5', status: 'offline', agent: null, position: 1, agentsOnline: 0, email: 'ada@example.com' });
    expect(container.querySelector('[data-testid=email-ask]')).toBeNull();
    expect(text(container.querySelector('[data-testid=email-saved]'))).toBe('Got it: we’ll e-mail \u2068ada@example.com\u2069 when someone replies.');
    // Sam answers later: the line stays where it was; the join and the reply come after it.
    type(input(container), 'Also: is it waterproof?');
    key(input(container), 'Enter');
    emit('ack', { clientId: sent[1]!.clientId, message: msg({ index: 2, sender: 'visitor', clientId: sent[1]!.clientId, conversationId: 'c5', text: 'Also: is it waterproof?' }) });
    emit('status', { conversationId: 'c5', status: 'active', agent: SAM, position: null, agentsOnline: 1, email: 'ada@example.com' });
    emit('message', msg({ index: 3, conversationId: 'c5', text: 'Yes to both!' }));
    expect(items(container).map((l) => l.dataset.testid ?? `${l.dataset.sender}`)).toEqual(['visitor', 'visitor', 'email-saved', 'system', 'agent']);
    expect(text(container)).not.toContain('We’ll answer here as soon as we’re back');
  });

  it('the survey: last in the thread once the chat closed, 1 to 5 and a comment, then thanks in its place', async () => {
    const { container, emit, t, shadow } = await connected(welcome({ messages: [msg({ index: 1 })] }));
    emit('status', { conversationId: 'c1', status: 'closed', agent: SAM, position: null, agentsOnline: 1, survey: 'due' });
    const survey = container.querySelector<HTMLElement>('[data-testid=survey]')!;
    expect(items(container).at(-1)).toBe(survey);
    expect(shadow.activeElement?.id).not.toMatch(/csat/);
    expect(text(survey.querySelector('legend'))).toBe('How was this conversation?');
    const radios = [...survey.querySelectorAll<HTMLInputElement>('input[type=radio]')];
    expect(radios.map((r) => text(r.closest('label')!.querySelector('.sr')))).toEqual(['1 out of 5, poor', '2 out of 5', '3 out of 5', '4 out of 5', '5 out of 5, great']);
    const form = survey.querySelector('form')!;
    act(() => void form.dispatchEvent(new Event('submit', { cancelable: true })));
    expect(text(survey)).toContain('Choose a score from 1 to 5.');
    expect(t.rate).not.toHaveBeenCalled();
    act(() => {
      radios[3]!.checked = true;
      radios[3]!.dispatchEvent(new Event('change', { bubbles: true }));
    });
    type(survey.querySelector<HTMLTextAreaElement>('#baton-csat-comment')!, 'Very helpful');
    act(() => void form.dispatchEvent(new Event('submit', { cancelable: true })));
    expect(t.rate).toHaveBeenCalledWith(4, 'Very helpful');
    emit('status', { conversationId: 'c1', status: 'closed', agent: SAM, position: null, agentsOnline: 1, survey: 'done' });
    expect(container.querySelector('[data-testid=survey]')).toBeNull();
    expect(text(container.querySelector('[data-testid=survey-done]'))).toBe('Thanks for your feedback.');
  });

  it('nobody online and nobody gave an e-mail: the ask goes once someone answers', async () => {
    const { container, sent, emit } = await connected(welcome(null, 0));
    type(input(container), 'Hello?');
    key(input(container), 'Enter');
    emit('ack', { clientId: sent[0]!.clientId, message: msg({ index: 1, sender: 'visitor', clientId: sent[0]!.clientId, conversationId: 'c6', text: 'Hello?' }) });
    emit('status', { conversationId: 'c6', status: 'offline', agent: null, position: 1, agentsOnline: 0 });
    expect(container.querySelector('[data-testid=email-ask]')).toBeTruthy();
    emit('status', { conversationId: 'c6', status: 'active', agent: SAM, position: null, agentsOnline: 1 });
    expect(container.querySelector('[data-testid=email-ask]')).toBeNull();
  });

  it('the conversation has no eye icon; its Back goes home, where "What the agent sees" is, and Back returns focus to each control', async () => {
    const { container, shadow } = await connected(welcome({ messages: [msg({ index: 1 })] }));
    expect(container.querySelector('#baton-info')).toBeNull();
    // The header: Back, the agent, their name in full, call, close: nothing else.
    expect([...container.querySelectorAll('.h button')].map((b) => b.getAttribute('aria-label'))).toEqual(['Back', 'Close']);
    click(container.querySelector('[data-testid=back]'));
    expect(input(container)).toBeNull();
    const show = container.querySelector<HTMLButtonElement>('#baton-show')!;
    expect(text(show)).toContain('What the agent sees');
    click(show);
    expect(text(container.querySelector('h2'))).toBe('What the agent sees');
    expect(shadow.activeElement?.id).toBe('baton-title');
    click(container.querySelector('[data-testid=back]'));
    expect(shadow.activeElement?.id).toBe('baton-show');
    click(container.querySelector('[data-nav=continue]'));
    expect(input(container)).toBeTruthy();
    expect(shadow.activeElement).toBe(input(container));
    click(container.querySelector('[data-testid=back]'));
    expect((shadow.activeElement as HTMLElement | null)?.dataset.nav).toBe('continue');
  });

  it('keeps the draft while the visitor looks at the context view', async () => {
    const { container } = await connected();
    type(input(container), 'half a thought');
    click(container.querySelector('[data-testid=back]'));
    click(container.querySelector('#baton-show'));
    click(container.querySelector('[data-testid=back]'));
    click(container.querySelector('[data-go=chat]'));
    expect(input(container).value).toBe('half a thought');
  });

  it('shows "Couldn’t connect" with Retry when the chat cannot start', async () => {
    const s = setup();
    s.session.chat.mockRejectedValueOnce(new Error('chunk failed'));
    const { container } = await mount(s.session);
    await act(async () => {});
    expect(text(container.querySelector('[role="alert"]'))).toBe('Couldn’t connect to the chat.');
    expect(s.session.reportError).toHaveBeenCalledWith({ code: 'ui_failed', message: expect.stringContaining('chunk failed') });
    click(byText(container, 'button', 'Retry'));
    await act(async () => {});
    expect(s.session.chat).toHaveBeenCalledTimes(2);
    expect(container.querySelector('[role="alert"]')).toBeNull();
    expect(input(container)).toBeTruthy();
  });

  it('every control has an accessible name', async () => {
    const { container, sent, emit } = await connected(welcome({ messages: [msg({ index: 1 })] }));
    type(input(container), 'x');
    click(sendButton(container));
    emit('error', { code: 'bad_frame', message: 'x', clientId: sent[0]!.clientId });
    // Named from what rendered: the loops below cannot pass on an empty view.
    const buttons = [...container.querySelectorAll('button')].map((b) => text(b) || b.getAttribute('aria-label') || `(unnamed) ${b.outerHTML}`);
    expect(buttons).toEqual(expect.arrayContaining(['Send', 'Retry']));
    expect(buttons.filter((n) => n.startsWith('(unnamed)'))).toEqual([]);
    const fields = [...container.querySelectorAll<HTMLElement>('textarea, input')];
    expect(fields.map((f) => f.id)).toContain('baton-input');
    for (const f of fields) expect(container.querySelector(`label[for="${f.id}"]`), f.outerHTML).toBeTruthy();
  });

  it('speaks French', async () => {
    const { container, emit } = await connected(welcome({ status: 'waiting', agent: null, position: 3, messages: [] }), { locale: 'fr' });
    expect(text(container)).toContain('En attente d’un conseiller — vous êtes n° 3 dans la file');
    expect(input(container).placeholder).toBe('Écrivez un message…');
    expect(sendButton(container)).toBeNull();
    expect(container.querySelector('button[aria-label="Envoyer"]')).toBeTruthy();
    emit('status', { conversationId: 'c1', status: 'active', agent: SAM, position: null, agentsOnline: 1 });
    emit('typing', true);
    expect(text(container.querySelector('.ty'))).toBe('\u2068Sam Lee\u2069 écrit…');
    type(input(container), 'a'.repeat(3600));
    expect(container.querySelector('#baton-count')!.textContent).toBe('3\u202f600 / 4\u202f000');
  });
});

describe('panel over the outbox (withOutbox)', () => {
  it('keeps the composer usable while reconnecting, says messages will go, and shows a full outbox as not sent with the reason', async () => {
    const s = setup();
    const kept = new Map<string, PendingMessage>();
    const store: OutboxStore = {
      kind: 'memory',
      load: async () => [...kept.values()],
      put: async (m) => void kept.set(m.clientId, m),
      del: async (id) => void kept.delete(id),
    };
    const chat = new ChatSession(withOutbox(s.t, store));
    s.session.chat.mockImplementation(async () => chat);
    const { container } = await mount(s.session);
    act(() => chat.start());
    s.emit('state', 'online');
    s.emit('welcome', welcome());
    s.emit('state', 'reconnecting');
    expect(text(container)).toContain('Connection lost. Reconnecting… Your messages will be sent when it’s back.');
    type(input(container), 'Typed in the tunnel');
    expect(sendButton(container).disabled).toBe(false);
    click(sendButton(container));
    expect(items(container).at(-1)!.dataset.status).toBe('sending');

    await act(async () => {
      for (let i = 1; i < OUTBOX_MAX_MESSAGES; i++) chat.send(`queued ${i}`);
      chat.send('one too many');
      for (let i = 0; i < 5; i++) await Promise.resolve();
    });
    const li = items(container).at(-1)!;
    expect(li.dataset.status).toBe('failed');
    expect(text(li.querySelector('.meta'))).toContain('Not sent: too many messages are waiting (100 at most).');
    expect(items(container).filter((x) => x.dataset.status === 'sending')).toHaveLength(OUTBOX_MAX_MESSAGES);
  });
});
