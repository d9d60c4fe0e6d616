// The console's connection layer (src/console/connection.ts) and store (src/console/store.ts) with a
// fake WebSocket and fake timers: backoff, ping, dead sockets, auth loss, resync after welcome,
// gap fill, typing debounce, sending with a clientId.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AgentConnection, PING_EVERY_MS, PONG_TIMEOUT_MS, type ConnectionStatus } from '../../src/console/connection';
import { backoffDelay } from '../../src/protocol/backoff';
import { ConsoleStore, TYPING_IDLE_MS, newClientId } from '../../src/console/store';
import { CLIENT_ID_PATTERN, type AgentFrame, type AgentServerFrame } from '../../src/protocol/chat';
import { detail, message, summary, welcomeFrames } from './console-fixtures';

class FakeSocket {
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: AgentFrame[] = [];
  onopen: ((ev: Event) => unknown) | null = null;
  onclose: ((ev: CloseEvent) => unknown) | null = null;
  onerror: ((ev: Event) => unknown) | null = null;
  onmessage: ((ev: MessageEvent) => unknown) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data) as AgentFrame);
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  receive(frame: AgentServerFrame | string) {
    this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) } as MessageEvent);
  }
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code } as CloseEvent);
  }
}

const last = () => FakeSocket.all[FakeSocket.all.length - 1]!;

beforeEach(() => {
  FakeSocket.all = [];
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** The waits of Baton's one backoff policy (tests/unit/backoff.test.ts), with no jitter (random: () => 0). */
const FIRST_RETRY_MS = backoffDelay(0, () => 0);
const SECOND_RETRY_MS = backoffDelay(1, () => 0);

describe('AgentConnection', () => {
  function connect(extra: Partial<ConstructorParameters<typeof AgentConnection>[0]> = {}) {
    const frames: AgentServerFrame[] = [];
    const statuses: ConnectionStatus[] = [];
    const conn = new AgentConnection({
      url: 'ws://console.test/ws/agent',
      createSocket: (url) => new FakeSocket(url),
      random: () => 0,
      onFrame: (f) => frames.push(f),
      onStatus: (s) => statuses.push(s),
      ...extra,
    });
    conn.start();
    return { conn, frames, statuses };
  }

  it('opens, passes frames on, ignores garbage, and sends only while open', () => {
    const { conn, frames, statuses } = connect();
    expect(conn.send({ type: 'ping' })).toBe(false);
    last().open();
    expect(statuses.map((s) => s.state)).toEqual(['connecting', 'open']);
    last().receive({ type: 'pong' });
    last().receive('not json');
    last().receive('{"no":"type"}');
    expect(frames).toEqual([{ type: 'pong' }]);
    expect(conn.send({ type: 'ping' })).toBe(true);
    expect(last().sent).toEqual([{ type: 'ping' }]);
  });

  it('reconnects with growing delays, and resets them after a successful open', () => {
    const { statuses } = connect();
    last().open();
    last().drop();
    expect(statuses.at(-1)).toMatchObject({ state: 'reconnecting', attempt: 1 });
    vi.advanceTimersByTime(FIRST_RETRY_MS - 1);
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.all).toHaveLength(2);
    last().drop(); // fails before opening
    vi.advanceTimersByTime(SECOND_RETRY_MS - 1);
    expect(FakeSocket.all).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.all).toHaveLength(3);
    last().open();
    last().drop();
    vi.advanceTimersByTime(FIRST_RETRY_MS);
    expect(FakeSocket.all).toHaveLength(4);
  });

  it('"Retry now" skips the wait', () => {
    const { conn } = connect();
    last().open();
    last().drop();
    conn.retryNow();
    expect(FakeSocket.all).toHaveLength(2);
  });

  it('pings every 25 s and drops a socket that stays silent', () => {
    const { statuses } = connect();
    last().open();
    vi.advanceTimersByTime(PING_EVERY_MS);
    expect(last().sent).toEqual([{ type: 'ping' }]);
    last().receive({ type: 'pong' });
    vi.advanceTimersByTime(PONG_TIMEOUT_MS);
    expect(statuses.at(-1)!.state).toBe('open');
    vi.advanceTimersByTime(PING_EVERY_MS - PONG_TIMEOUT_MS); // the next ping, unanswered
    expect(last().sent).toEqual([{ type: 'ping' }, { type: 'ping' }]);
    vi.advanceTimersByTime(PONG_TIMEOUT_MS);
    expect(statuses.at(-1)!.state).toBe('reconnecting');
    vi.advanceTimersByTime(FIRST_RETRY_MS);
    expect(FakeSocket.all).toHaveLength(2);
  });

  it('stops with `unauthorized` when the session is gone', async () => {
    const checkAuth = vi.fn(async () => false);
    const { statuses } = connect({ checkAuth });
    last().drop(); // refused at the upgrade: never opened
    await vi.waitFor(() => expect(statuses.at(-1)!.state).toBe('unauthorized'));
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(1);
  });

  it('keeps reconnecting when the session is still valid', async () => {
    const checkAuth = vi.fn(async () => true);
    connect({ checkAuth });
    last().open();
    last().drop(1008);
    await Promise.resolve();
    expect(checkAuth).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(FIRST_RETRY_MS);
    expect(FakeSocket.all).toHaveLength(2);
  });
});

describe('ConsoleStore', () => {
  function store() {
    let socket!: FakeSocket;
    const st = new ConsoleStore({
      connect: (h) =>
        new AgentConnection({ ...h, url: 'ws://console.test/ws/agent', random: () => 0, createSocket: (u) => (socket = new FakeSocket(u)) }),
    });
    st.start();
    return { st, socket: () => socket };
  }

  it('clientIds match the protocol pattern', () => {
    for (let i = 0; i < 20; i++) expect(newClientId()).toMatch(CLIENT_ID_PATTERN);
  });

  it('sends with a fresh clientId; while offline the message waits and goes out after welcome', () => {
    const { st, socket } = store();
    socket().open();
    for (const f of welcomeFrames({ queue: [], mine: [detail('c1')] })) socket().receive(f);
    expect(st.sendMessage('c1', '  Hi Ada  ')).toBe(true);
    const sent = socket().sent.filter((f): f is Extract<AgentFrame, { type: 'send' }> => f.type === 'send');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ conversationId: 'c1', text: 'Hi Ada' });
    const clientId = sent[0]!.clientId;
    expect(clientId).toMatch(CLIENT_ID_PATTERN);

    socket().drop();
    expect(st.sendMessage('c1', 'while offline')).toBe(true);
    expect(st.state.conversations.c1!.pending.map((p) => p.status)).toEqual(['sending', 'sending']);
    vi.advanceTimersByTime(FIRST_RETRY_MS);
    socket().open();
    for (const f of welcomeFrames({ queue: [], mine: [detail('c1')] })) socket().receive(f);
    expect(socket().sent).toEqual([
      { type: 'sync', conversationId: 'c1', afterIndex: 2 },
      { type: 'send', conversationId: 'c1', clientId, text: 'Hi Ada' },
      expect.objectContaining({ type: 'send', conversationId: 'c1', text: 'while offline' }),
    ]);
  });

  it('refuses empty and over-long messages', () => {
    const { st, socket } = store();
    socket().open();
    for (const f of welcomeFrames({ queue: [], mine: [detail('c1')] })) socket().receive(f);
    expect(st.sendMessage('c1', '   ')).toBe(false);
    expect(st.sendMessage('c1', 'x'.repeat(4001))).toBe(false);
    expect(st.sendMessage('c1', 'x'.repeat(4000))).toBe(true);
  });

  it('asks for missing messages when an index is skipped', () => {
    const { st, socket } = store();
    socket().open();
    for (const f of welcomeFrames({ queue: [], mine: [detail('c1')] })) socket().receive(f);
    socket().receive({ type: 'history', conversationId: 'c1', messages: [] });
    socket().sent = [];
    socket().receive({ type: 'message', message: message('c1', 5) });
    socket().receive({ type: 'message', message: message('c1', 6) });
    expect(socket().sent).toEqual([{ type: 'sync', conversationId: 'c1', afterIndex: 2 }]);
    socket().receive({ type: 'history', conversationId: 'c1', messages: [message('c1', 3), message('c1', 4)] });
    expect(st.state.conversations.c1!.messages.map((m) => m.index)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(socket().sent).toHaveLength(1);
  });

  it('typing: on at the first keystroke, off after 2 s idle or on send', () => {
    const { st, socket } = store();
    socket().open();
    for (const f of welcomeFrames({ queue: [], mine: [detail('c1')] })) socket().receive(f);
    socket().sent = [];
    st.typed('c1');
    st.typed('c1');
    vi.advanceTimersByTime(TYPING_IDLE_MS - 1);
    st.typed('c1');
    expect(socket().sent).toEqual([{ type: 'typing', conversationId: 'c1', on: true }]);
    vi.advanceTimersByTime(TYPING_IDLE_MS);
    expect(socket().sent.at(-1)).toEqual({ type: 'typing', conversationId: 'c1', on: false });
    socket().sent = [];
    st.typed('c1');
    st.sendMessage('c1', 'done');
    expect(socket().sent.map((f) => (f.type === 'typing' ? `typing ${f.on}` : f.type))).toEqual(['typing true', 'typing false', 'send']);
  });

  it('opens a queued conversation when selected, and claims it', () => {
    const { st, socket } = store();
    socket().open();
    for (const f of welcomeFrames({ queue: [summary('q1')], mine: [] })) socket().receive(f);
    st.select('q1');
    st.claim('q1');
    expect(socket().sent).toEqual([
      { type: 'open', conversationId: 'q1' },
      // The person's other conversations, asked for whenever one is shown (issue 17).
      { type: 'visitor_conversations', conversationId: 'q1' },
      { type: 'claim', conversationId: 'q1' },
    ]);
    expect(st.state.claiming).toBe('q1');
  });

  it('announces new visitor messages of my conversations for screen readers', () => {
    const { st, socket } = store();
    socket().open();
    for (const f of welcomeFrames({ queue: [], mine: [detail('c1')] })) socket().receive(f);
    socket().receive({ type: 'message', message: message('c1', 3, 'visitor', { text: 'Are you there?' }) });
    expect(st.announcement.text).toBe('New message from Ada Lovelace: Are you there?');
  });
});
