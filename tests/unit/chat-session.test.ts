// ChatSession (src/core/chat/session.ts) over a fake ChatTransport: what the visitor sees of their
// own messages (sending, sent, failed, retry), dedupe and order, unread, typing, leave-a-message.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChatSession, TYPING_IDLE_MS, checkText, newClientId } from '../../src/core/chat/session';
import type { ChatWelcome } from '../../src/core/chat/transport';
import { fakeChatTransport } from '../fakes/chatTransport';
import { CLIENT_ID_PATTERN, MESSAGE_MAX_CHARS, type AgentPublic, type ChatMessage } from '../../src/protocol/chat';

const SAM: AgentPublic = { id: 'a1', name: 'Sam Lee', color: '#7c3aed' };

const fakeTransport = fakeChatTransport;

let n = 0;
const msg = (over: Partial<ChatMessage> & { index: number }): ChatMessage => ({
  id: `m${over.index}`,
  conversationId: 'c1',
  clientId: `client-${over.index}-${++n}`,
  sender: 'agent',
  text: `message ${over.index}`,
  at: 1_700_000_000_000 + over.index * 1000,
  ...(over.sender === 'visitor' ? {} : { agent: SAM }),
  ...over,
});

const welcome = (over: Partial<ChatWelcome> = {}, conv: Partial<NonNullable<ChatWelcome['conversation']>> | null = {}): ChatWelcome => ({
  conversation:
    conv === null
      ? null
      : { id: 'c1', status: 'active', agent: SAM, position: null, messages: [], readIndex: 0, ...conv },
  agentsOnline: 1,
  unread: 0,
  ...over,
});

/** A session that is connected and welcomed. */
function online(w: ChatWelcome = welcome(), opts: ConstructorParameters<typeof ChatSession>[1] = {}) {
  const f = fakeTransport();
  const chat = new ChatSession(f.t, opts);
  f.emit('state', 'online');
  f.emit('welcome', w);
  return { ...f, chat };
}

const texts = (chat: ChatSession) => chat.getState().messages.map((m) => `${m.index ?? '-'}:${m.sender}:${m.text}:${m.status}`);

afterEach(() => {
  vi.useRealTimers();
});

describe('client ids and text', () => {
  it('makes 22-character url-safe ids from crypto.getRandomValues, never the same twice', () => {
    const spy = vi.spyOn(crypto, 'getRandomValues');
    const ids = new Set(Array.from({ length: 500 }, newClientId));
    expect(spy).toHaveBeenCalled();
    expect(ids.size).toBe(500);
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(id).toMatch(CLIENT_ID_PATTERN);
    }
    spy.mockRestore();
  });

  it('trims, refuses empty text and text over 4,000 characters, never truncates', () => {
    expect(checkText('  hi  ')).toEqual({ ok: true, text: 'hi' });
    expect(checkText('   \n ')).toEqual({ ok: false, reason: 'empty' });
    expect(checkText('x'.repeat(MESSAGE_MAX_CHARS))).toEqual({ ok: true, text: 'x'.repeat(MESSAGE_MAX_CHARS) });
    expect(checkText('x'.repeat(MESSAGE_MAX_CHARS + 1))).toEqual({ ok: false, reason: 'too_long', length: 4001, max: 4000 });
  });
});

describe('ChatSession', () => {
  it('shows a sent message as "sending" at once, then "sent" in its index place on ack', () => {
    const { chat, emit, sent } = online();
    const r = chat.send('  Hello there  ');
    expect(r.ok).toBe(true);
    const clientId = (r as { clientId: string }).clientId;
    expect(sent).toEqual([{ clientId, text: 'Hello there' }]);
    expect(texts(chat)).toEqual(['-:visitor:Hello there:sending']);

    emit('ack', { clientId, message: msg({ index: 1, clientId, sender: 'visitor', text: 'Hello there' }) });
    expect(texts(chat)).toEqual(['1:visitor:Hello there:sent']);
    expect(chat.getState().messages[0]!.key).toBe(clientId);
  });

  it('an error frame with its clientId marks the message failed; retry resends the SAME clientId, stored once', () => {
    const { chat, emit, sent } = online();
    const { clientId } = chat.send('Where is my order?') as { clientId: string };
    emit('error', { code: 'rate_limited', message: 'slow down', clientId });
    expect(chat.getState().messages[0]).toMatchObject({ status: 'failed', error: 'rate_limited' });
    // An error about something else changes nothing.
    emit('error', { code: 'bad_frame', message: 'x' });
    expect(chat.getState().messages[0]!.status).toBe('failed');

    expect(chat.retry(clientId)).toBe(true);
    expect(sent.map((m) => m.clientId)).toEqual([clientId, clientId]);
    expect(chat.getState().messages[0]!.status).toBe('sending');
    emit('ack', { clientId, message: msg({ index: 1, clientId, sender: 'visitor', text: 'Where is my order?' }) });
    // The visitor's other tabs get the same message as 'message': still shown once.
    emit('message', msg({ index: 1, clientId, sender: 'visitor', text: 'Where is my order?' }));
    expect(texts(chat)).toEqual(['1:visitor:Where is my order?:sent']);
    expect(chat.retry(clientId)).toBe(false); // only failed messages
    expect(chat.retry('nope')).toBe(false);
  });

  it('marks unacknowledged messages failed when the connection drops, and retries them after reconnecting', () => {
    const { chat, emit, sent } = online();
    const a = chat.send('one') as { clientId: string };
    emit('ack', { clientId: a.clientId, message: msg({ index: 1, clientId: a.clientId, sender: 'visitor', text: 'one' }) });
    const b = chat.send('two') as { clientId: string };
    emit('state', 'reconnecting');
    expect(texts(chat)).toEqual(['1:visitor:one:sent', '-:visitor:two:failed']);
    expect(chat.getState().messages[1]!.error).toBe('connection');
    // While not online, sending fails at once (the transport is not even asked).
    const c = chat.send('three') as { clientId: string };
    expect(sent.map((m) => m.text)).toEqual(['one', 'two']);
    expect(chat.getState().messages.find((m) => m.clientId === c.clientId)!.status).toBe('failed');

    emit('state', 'online');
    chat.retry(b.clientId);
    expect(sent.at(-1)).toEqual({ clientId: b.clientId, text: 'two' });
    // The server had stored it after all: the welcome's history has it under the same clientId.
    emit('welcome', welcome({}, { messages: [msg({ index: 1, clientId: a.clientId, sender: 'visitor', text: 'one' }), msg({ index: 2, clientId: b.clientId, sender: 'visitor', text: 'two' })] }));
    emit('ack', { clientId: b.clientId, message: msg({ index: 2, clientId: b.clientId, sender: 'visitor', text: 'two' }) });
    expect(texts(chat)).toEqual(['1:visitor:one:sent', '2:visitor:two:sent', '-:visitor:three:failed']);
  });

  it('connects on start() (once); messages sent during the first connection wait, then go out', () => {
    const f = fakeTransport();
    const onStart = vi.fn();
    const chat = new ChatSession(f.t, { onStart });
    expect(chat.getState()).toMatchObject({ started: false, connection: 'connecting', ready: false });
    const r = chat.send('Hello') as { clientId: string };
    expect(onStart).toHaveBeenCalledTimes(1);
    chat.start();
    chat.typing(true);
    expect(onStart).toHaveBeenCalledTimes(1);
    expect(chat.getState().started).toBe(true);
    expect(f.sent).toEqual([]);
    expect(chat.getState().messages[0]!.status).toBe('sending');
    f.emit('state', 'online');
    expect(f.sent).toEqual([{ clientId: r.clientId, text: 'Hello' }]);

    // If that first connection fails instead, waiting messages are marked failed.
    const g = fakeTransport();
    const other = new ChatSession(g.t);
    other.send('Anyone?');
    g.emit('state', 'reconnecting');
    expect(other.getState().messages[0]).toMatchObject({ status: 'failed', error: 'connection' });
    g.emit('state', 'online');
    expect(g.sent).toEqual([]);
  });

  it('never shows a message twice (welcome, live message, gap fill) and keeps index order', () => {
    const m1 = msg({ index: 1 });
    const m2 = msg({ index: 2 });
    const m4 = msg({ index: 4 });
    const { chat, emit } = online(welcome({}, { messages: [m1, m2] }));
    emit('message', m4);
    emit('message', m2); // again
    emit('history', { conversationId: 'c1', messages: [m2, msg({ index: 3 }), m4] }); // the gap, and repeats
    emit('history', { conversationId: 'other', messages: [msg({ index: 9, conversationId: 'other' })] }); // not ours
    expect(chat.getState().messages.map((m) => m.index)).toEqual([1, 2, 3, 4]);
    // The same index under another clientId (a replay) is not a new message either.
    emit('message', { ...msg({ index: 3 }), clientId: 'another-client-id' });
    expect(chat.getState().messages.map((m) => m.index)).toEqual([1, 2, 3, 4]);
  });

  it('orders committed messages by index, with the visitor’s pending ones after them in the order sent', () => {
    const { chat, emit } = online();
    emit('history', { conversationId: 'c1', messages: [msg({ index: 3 }), msg({ index: 1 })] });
    chat.send('first pending');
    chat.send('second pending');
    emit('message', msg({ index: 2 }));
    expect(texts(chat)).toEqual([
      '1:agent:message 1:sent',
      '2:agent:message 2:sent',
      '3:agent:message 3:sent',
      '-:visitor:first pending:sending',
      '-:visitor:second pending:sending',
    ]);
  });

  it('counts unread agent messages after the read index; markRead sends the highest index once', () => {
    const unread = vi.fn();
    const { chat, emit, t } = online(
      welcome({ unread: 1 }, { messages: [msg({ index: 1 }), msg({ index: 2, sender: 'visitor', clientId: 'v-2' }), msg({ index: 3 })], readIndex: 1 }),
      { onUnread: unread },
    );
    expect(chat.getState().unread).toBe(1);
    expect(unread.mock.calls).toEqual([[1]]);
    emit('message', msg({ index: 4 }));
    expect(chat.getState().unread).toBe(2);
    chat.markRead();
    expect(t.read).toHaveBeenCalledWith(4);
    expect(chat.getState()).toMatchObject({ unread: 0, readIndex: 4 });
    chat.markRead();
    expect(t.read).toHaveBeenCalledTimes(1);
    // The visitor's own messages never count.
    emit('message', msg({ index: 5, sender: 'visitor', clientId: 'v-5' }));
    expect(chat.getState().unread).toBe(0);
    expect(unread.mock.calls).toEqual([[1], [2], [0]]);
  });

  it('reports new agent messages, but not the history of the first welcome', () => {
    const onAgentMessage = vi.fn();
    const { emit } = online(welcome({}, { messages: [msg({ index: 1 })] }), { onAgentMessage });
    expect(onAgentMessage).not.toHaveBeenCalled();
    emit('message', msg({ index: 2, text: 'Hi! I’m Sam.' }));
    emit('message', msg({ index: 2, text: 'Hi! I’m Sam.' }));
    // Missed while reconnecting: new to the visitor too.
    emit('welcome', welcome({}, { messages: [msg({ index: 1 }), msg({ index: 2 }), msg({ index: 3, text: 'Still there?' })] }));
    expect(onAgentMessage.mock.calls.map((c) => c[0].text)).toEqual(['Hi! I’m Sam.', 'Still there?']);
  });

  it('typing: "on" at the first keystroke, "off" after 2 s idle, or at once on send', () => {
    vi.useFakeTimers();
    const { chat, t } = online();
    chat.typing(true);
    chat.typing(true);
    vi.advanceTimersByTime(TYPING_IDLE_MS - 100);
    chat.typing(true);
    expect(t.typing.mock.calls).toEqual([[true]]);
    vi.advanceTimersByTime(TYPING_IDLE_MS - 100);
    expect(t.typing.mock.calls).toEqual([[true]]);
    vi.advanceTimersByTime(200);
    expect(t.typing.mock.calls).toEqual([[true], [false]]);

    chat.typing(true);
    chat.send('done');
    expect(t.typing.mock.calls).toEqual([[true], [false], [true], [false]]);
    vi.advanceTimersByTime(5000);
    expect(t.typing).toHaveBeenCalledTimes(4);
    // Explicit stop (the visitor emptied the box).
    chat.typing(true);
    chat.typing(false);
    expect(t.typing.mock.calls.slice(4)).toEqual([[true], [false]]);
  });

  it('follows the agent’s typing until their message arrives', () => {
    const { chat, emit } = online();
    emit('typing', true);
    expect(chat.getState().agentTyping).toBe(true);
    emit('message', msg({ index: 1 }));
    expect(chat.getState().agentTyping).toBe(false);
    emit('typing', true);
    emit('state', 'reconnecting');
    expect(chat.getState().agentTyping).toBe(false);
  });

  it('refuses text over the limit with the reason, sending nothing', () => {
    const { chat, sent } = online();
    const long = 'a'.repeat(MESSAGE_MAX_CHARS + 12);
    expect(chat.send(long)).toEqual({ ok: false, reason: 'too_long', length: 4012, max: 4000 });
    expect(chat.send('   ')).toEqual({ ok: false, reason: 'empty' });
    expect(sent).toEqual([]);
    expect(chat.getState().messages).toEqual([]);
  });

  it('leave a message: sends the text with the e-mail, and confirms once the server has it', () => {
    const { chat, emit, sent } = online(welcome({ agentsOnline: 0 }, null));
    expect(chat.getState()).toMatchObject({ ready: true, agentsOnline: 0, conversation: null });
    expect(chat.leaveMessage('Do you ship to Norway?', 'not-an-email')).toEqual({ ok: false, reason: 'bad_email' });
    expect(chat.leaveMessage('x'.repeat(4001), 'ada@example.com')).toMatchObject({ ok: false, reason: 'too_long' });
    const r = chat.leaveMessage(' Do you ship to Norway? ', ' ada@example.com ') as { clientId: string };
    expect(sent).toEqual([{ clientId: r.clientId, text: 'Do you ship to Norway?', email: 'ada@example.com' }]);
    expect(chat.getState().leftMessage).toBe(false);
    emit('ack', { clientId: r.clientId, message: msg({ index: 1, clientId: r.clientId, sender: 'visitor', conversationId: 'c9', text: 'Do you ship to Norway?' }) });
    emit('status', { conversationId: 'c9', status: 'offline', agent: null, position: 1, agentsOnline: 0 });
    expect(chat.getState()).toMatchObject({ leftMessage: true, conversation: { id: 'c9', status: 'offline' } });
    // Without an e-mail is fine too.
    const again = chat.leaveMessage('One more thing');
    expect(sent.at(-1)).toEqual({ clientId: (again as { clientId: string }).clientId, text: 'One more thing' });
  });

  it('follows status: waiting with a place in line, claimed by an agent, closed; startNew clears it', () => {
    const { chat, emit, sent } = online(welcome({}, null));
    const a = chat.send('Hello?') as { clientId: string };
    emit('ack', { clientId: a.clientId, message: msg({ index: 1, clientId: a.clientId, sender: 'visitor', conversationId: 'c2' }) });
    emit('status', { conversationId: 'c2', status: 'waiting', agent: null, position: 2, agentsOnline: 3 });
    expect(chat.getState().conversation).toEqual({ id: 'c2', status: 'waiting', agent: null, position: 2 });
    emit('status', { conversationId: 'c2', status: 'active', agent: SAM, position: null, agentsOnline: 3 });
    expect(chat.getState().conversation).toMatchObject({ status: 'active', agent: SAM });
    emit('status', { conversationId: 'c2', status: 'closed', agent: SAM, position: null, agentsOnline: 3 });
    expect(chat.getState().conversation!.status).toBe('closed');
    expect(chat.getState().messages).toHaveLength(1);

    chat.startNew();
    expect(chat.getState()).toMatchObject({ conversation: null, messages: [] });
    // A late status about the dismissed conversation does not bring it back.
    emit('status', { conversationId: 'c2', status: 'closed', agent: SAM, position: null, agentsOnline: 3 });
    expect(chat.getState().conversation).toBeNull();
    const b = chat.send('New question') as { clientId: string };
    expect(sent.at(-1)!.clientId).toBe(b.clientId);
    emit('ack', { clientId: b.clientId, message: msg({ index: 1, clientId: b.clientId, sender: 'visitor', conversationId: 'c3', text: 'New question' }) });
    expect(chat.getState().conversation).toMatchObject({ id: 'c3', status: 'waiting' });
    expect(texts(chat)).toEqual(['1:visitor:New question:sent']);
  });

  it('presence updates agentsOnline; subscribe gets the state at once and after each change', () => {
    const { chat, emit } = online(welcome({ agentsOnline: 2 }, null));
    const seen: number[] = [];
    const off = chat.subscribe((s) => seen.push(s.agentsOnline));
    emit('presence', 0);
    off();
    emit('presence', 5);
    expect(seen).toEqual([2, 0]);
    expect(chat.getState().agentsOnline).toBe(5);
  });

  it('destroy() unsubscribes from the transport and disconnects it', () => {
    const f = fakeTransport();
    const chat = new ChatSession(f.t);
    expect(f.listenerCount()).toBeGreaterThan(0);
    chat.destroy();
    expect(f.listenerCount()).toBe(0);
    expect(f.t.disconnect).toHaveBeenCalledTimes(1);
  });
});

describe('the transcript by e-mail', () => {
  it('goes only once the conversation ended, with an address; sending, then failed (ask again) or sent', () => {
    const { t, emit, chat } = online(welcome({}, { status: 'active' }));
    expect(chat.getState().canTranscript).toBe(true);
    expect(chat.transcript('ada@example.com')).toEqual({ ok: false, reason: 'offline' }); // not ended yet
    emit('status', { conversationId: 'c1', status: 'closed', agent: SAM, position: null, agentsOnline: 1 });
    expect(chat.transcript()).toEqual({ ok: false, reason: 'bad_email' }); // no address known
    expect(chat.transcript('not an address')).toEqual({ ok: false, reason: 'bad_email' });
    expect(chat.transcript(' ada@example.com ')).toEqual({ ok: true });
    expect(t.transcript).toHaveBeenLastCalledWith('ada@example.com');
    expect(chat.getState().conversation?.transcript).toBe('sending');
    // A status while it is asked (say, an agent's name change) keeps it asked.
    emit('status', { conversationId: 'c1', status: 'closed', agent: SAM, position: null, agentsOnline: 2 });
    expect(chat.getState().conversation?.transcript).toBe('sending');
    emit('error', { code: 'rate_limited', message: 'Too many transcripts asked for; try again later', retryAfterMs: 1000 });
    expect(chat.getState().conversation?.transcript).toBe('failed');
    expect(chat.transcript('ada@example.com')).toEqual({ ok: true });
    emit('status', { conversationId: 'c1', status: 'closed', agent: SAM, position: null, agentsOnline: 1, email: 'ada@example.com', transcript: 'sent' });
    expect(chat.getState().conversation).toMatchObject({ transcript: 'sent', email: 'ada@example.com' });
    expect(chat.transcript()).toEqual({ ok: false, reason: 'offline' }); // once per conversation
  });
});
