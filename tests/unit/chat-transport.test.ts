// The local transport (src/transports/local/transport.ts) against a minimal in-test WebSocket:
// hello, credential storage and consent, backoff with jitter, reconnect triggers, ping and the
// dead-link timeout, and the sync that fills the gap after a reconnection.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatTransportEvents, ConnectionState, StoredVisitor } from '../../src/core/chat/transport';
import type { KeyValueStore } from '../../src/core/ports';
import type { ChatMessage, VisitorServerFrame } from '../../src/protocol/chat';
import type { ContextSnapshot } from '../../src/protocol/context';
import { memoryStore } from '../../src/storage/memoryStore';
import { DEAD_LINK_MS, PING_INTERVAL_MS, createLocalTransport, visitorSocketUrl } from '../../src/transports/local/transport';
import { helped, presence, unread, visitorStatus } from '../../src/transports/local/status';
import { FakeSocket, lastSocket } from '../fakes/visitorSocket';

const last = lastSocket;

const ctx = { v: 1, at: 1, consent: 'granted' } as unknown as ContextSnapshot;
const agent = { id: 'a1', name: 'Sam', color: '#7c3aed' };
const m = (index: number): ChatMessage => ({ id: `m${index}`, conversationId: 'c1', index, clientId: `client-${index}-xxxx`, sender: 'agent', text: `t${index}`, at: index, agent });
const welcome = (messages: ChatMessage[] = [], credential = 'cred-1'): VisitorServerFrame => ({
  type: 'welcome',
  visitorId: 'v1',
  credential,
  conversation: { id: 'c1', status: 'active', agent, position: null, messages, readIndex: 0 },
  agentsOnline: 1,
  unread: 0,
});

/** A store that records every call (to check nothing touches it without consent). */
function spyStore(initial?: StoredVisitor): KeyValueStore & { calls: string[] } {
  const inner = memoryStore();
  if (initial) void inner.set('visitor', initial);
  const calls: string[] = [];
  return {
    kind: 'memory',
    calls,
    get: (k) => (calls.push(`get ${k}`), inner.get(k)),
    set: (k, v) => (calls.push(`set ${k}`), inner.set(k, v)),
    del: (k) => (calls.push(`del ${k}`), inner.del(k)),
    clear: () => (calls.push('clear'), inner.clear()),
  } as KeyValueStore & { calls: string[] };
}

function make(opts: { consent?: boolean; store?: KeyValueStore; random?: () => number } = {}) {
  let consent = opts.consent ?? true;
  const store = opts.store ?? spyStore();
  const t = createLocalTransport({
    server: 'https://baton.example/',
    store,
    consentGranted: () => consent,
    WebSocket: FakeSocket,
    random: opts.random ?? (() => 0),
  });
  const states: ConnectionState[] = [];
  const events: { type: keyof ChatTransportEvents; payload: unknown }[] = [];
  t.on('state', (s) => states.push(s));
  for (const type of ['welcome', 'ack', 'message', 'history', 'status', 'typing', 'presence', 'error'] as const) {
    t.on(type, (payload: unknown) => events.push({ type, payload }));
  }
  return { t, store, states, events, setConsent: (c: boolean) => (consent = c) };
}

/** Lets the transport read the store (a promise) and open its socket. */
const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

beforeEach(() => {
  FakeSocket.all = [];
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('server URL', () => {
  it('turns http into ws and https into wss, on /ws/visitor', () => {
    expect(visitorSocketUrl('http://127.0.0.1:8787')).toBe('ws://127.0.0.1:8787/ws/visitor');
    expect(visitorSocketUrl('https://baton.example/')).toBe('wss://baton.example/ws/visitor');
    expect(visitorSocketUrl('HTTPS://baton.example/sub/')).toBe('wss://baton.example/sub/ws/visitor');
  });
});

describe('the local transport', () => {
  it('says hello with the stored credential and the context, and is online once welcomed', async () => {
    const { t, states, events } = make({ store: spyStore({ credential: 'cred-stored', open: true }) });
    t.connect(ctx);
    await settle();
    const s = last();
    expect(s.url).toBe('wss://baton.example/ws/visitor');
    expect(t.send({ clientId: 'abcdefgh', text: 'too early' })).toBe(false);
    s.open();
    expect(s.sent).toEqual([{ type: 'hello', v: 1, credential: 'cred-stored', context: ctx }]);
    expect(states).toEqual([]); // 'connecting' is where every transport starts
    s.frame(welcome([m(1)]));
    expect(states).toEqual(['online']);
    expect(events[0]).toMatchObject({ type: 'welcome', payload: { agentsOnline: 1, unread: 0, conversation: { id: 'c1' } } });
    expect(events[0]!.payload).not.toHaveProperty('credential');
    expect(t.send({ clientId: 'abcdefgh', text: 'hi' })).toBe(true);
    t.typing(true);
    t.context(ctx);
    t.read(1);
    expect(s.sent.slice(1)).toEqual([
      { type: 'send', clientId: 'abcdefgh', text: 'hi' },
      { type: 'typing', on: true },
      { type: 'context', context: ctx },
      { type: 'read', index: 1 },
    ]);
    t.disconnect();
  });

  it('stores the credential only with consent; in memory otherwise, and stored once consent comes', async () => {
    const store = spyStore();
    const { t, setConsent } = make({ consent: false, store });
    t.connect(null);
    await settle();
    last().open();
    expect(last().sent[0]).toEqual({ type: 'hello', v: 1 });
    last().frame(welcome([], 'cred-new'));
    await settle();
    expect(store.calls).toEqual([]); // not even read: reading would create the database

    // Reconnecting (still no consent) uses the credential kept in memory.
    last().drop();
    vi.advanceTimersByTime(1000);
    await settle();
    last().open();
    expect(last().sent[0]).toEqual({ type: 'hello', v: 1, credential: 'cred-new' });
    expect(store.calls).toEqual([]);

    setConsent(true);
    t.setConsent!(true);
    await settle();
    expect(store.calls).toEqual(['set visitor']);
    expect(await store.get('visitor')).toEqual({ credential: 'cred-new', open: true });
    t.disconnect();
  });

  it('with consent, keeps { credential, open } up to date as the conversation opens and closes', async () => {
    const store = spyStore();
    const { t } = make({ store });
    t.connect(null);
    await settle();
    last().open();
    last().frame({ ...welcome(), conversation: null } as VisitorServerFrame);
    await settle();
    expect(await store.get('visitor')).toEqual({ credential: 'cred-1', open: false });
    last().frame({ type: 'ack', clientId: 'abcdefgh', message: { ...m(1), sender: 'visitor', clientId: 'abcdefgh' } });
    await settle();
    expect(await store.get('visitor')).toEqual({ credential: 'cred-1', open: true });
    last().frame({ type: 'status', conversationId: 'c1', status: 'closed', agent, position: null, agentsOnline: 1 });
    await settle();
    expect(await store.get('visitor')).toEqual({ credential: 'cred-1', open: false });
    expect(store.calls.filter((c) => c === 'set visitor')).toHaveLength(3);
    t.disconnect();
  });

  it('reconnects with backoff after a drop, and syncs from the highest index it has seen', async () => {
    const { t, states, events } = make({ random: () => 0.5 });
    t.connect(ctx);
    await settle();
    last().open();
    last().frame(welcome([m(1), m(2), m(3)]));
    last().frame({ type: 'message', message: m(4) });
    expect(FakeSocket.all).toHaveLength(1);

    last().drop();
    expect(states.at(-1)).toBe('reconnecting');
    // Attempt 0: 1 s minus 20% (random 0.5 of 40%) = 800 ms.
    vi.advanceTimersByTime(799);
    await settle();
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(1);
    await settle();
    expect(FakeSocket.all).toHaveLength(2);
    // This one fails too: attempt 1 waits 2 s minus 20%.
    last().drop();
    vi.advanceTimersByTime(1599);
    await settle();
    expect(FakeSocket.all).toHaveLength(2);
    vi.advanceTimersByTime(1);
    await settle();
    expect(FakeSocket.all).toHaveLength(3);

    const s = last();
    s.open();
    expect(s.sent[0]).toMatchObject({ type: 'hello', credential: 'cred-1', context: ctx });
    // The server's welcome carries its latest messages; message 5 came while we were away.
    s.frame(welcome([m(1), m(2), m(3), m(4), m(5)]));
    expect(states.at(-1)).toBe('online');
    expect(s.sent.slice(1)).toEqual([{ type: 'sync', conversationId: 'c1', afterIndex: 4 }]);
    s.frame({ type: 'history', conversationId: 'c1', messages: [m(5)] });
    expect(events.at(-1)).toEqual({ type: 'history', payload: { conversationId: 'c1', messages: [m(5)] } });

    // After a successful welcome the backoff starts over.
    s.drop();
    vi.advanceTimersByTime(800);
    await settle();
    expect(FakeSocket.all).toHaveLength(4);
    t.disconnect();
  });

  it('re-sends the read index after a reconnection when the server is behind', async () => {
    const { t } = make();
    t.connect(null);
    await settle();
    last().open();
    last().frame(welcome([m(1), m(2)]));
    last().drop();
    t.read(2); // read while disconnected: kept
    vi.advanceTimersByTime(1000);
    await settle();
    last().open();
    last().frame(welcome([m(1), m(2)]));
    expect(last().sent.map((f) => f.type)).toEqual(['hello', 'sync', 'read']);
    expect(last().sent[2]).toEqual({ type: 'read', index: 2 });
    t.disconnect();
  });

  it('pings every 25 s, and reconnects when no frame came for 30 s', async () => {
    const { t, states } = make();
    t.connect(null);
    await settle();
    const s = last();
    s.open();
    s.frame(welcome());
    vi.advanceTimersByTime(PING_INTERVAL_MS);
    expect(s.types()).toEqual(['hello', 'ping']);
    s.frame({ type: 'pong' }); // alive
    vi.advanceTimersByTime(PING_INTERVAL_MS);
    expect(s.types()).toEqual(['hello', 'ping', 'ping']);
    // No pong this time: 30 s after the last frame the link is declared dead.
    vi.advanceTimersByTime(DEAD_LINK_MS - PING_INTERVAL_MS - 1);
    expect(s.closed).toBe(false);
    vi.advanceTimersByTime(1);
    expect(s.closed).toBe(true);
    expect(states.at(-1)).toBe('reconnecting');
    vi.advanceTimersByTime(1000);
    await settle();
    expect(FakeSocket.all).toHaveLength(2);
    t.disconnect();
  });

  it('reconnects at once when the browser is back online or the page becomes visible', async () => {
    const { t } = make();
    t.connect(null);
    await settle();
    last().open();
    last().frame(welcome());
    last().drop();
    expect(FakeSocket.all).toHaveLength(1);
    window.dispatchEvent(new Event('online'));
    await settle();
    expect(FakeSocket.all).toHaveLength(2);

    last().drop();
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    await settle();
    expect(FakeSocket.all).toHaveLength(3);
    t.disconnect();
  });

  it('goes offline with the browser, and disconnect() stops everything', async () => {
    const { t, states } = make();
    t.connect(null);
    await settle();
    last().open();
    last().frame(welcome());
    vi.stubGlobal('navigator', { ...navigator, onLine: false });
    window.dispatchEvent(new Event('offline'));
    expect(states.at(-1)).toBe('offline');
    expect(FakeSocket.all[0]!.closed).toBe(true);
    // While the browser says offline, only a slow retry (20 s), in case it is wrong; still 'offline'.
    vi.advanceTimersByTime(19_999);
    await settle();
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(1);
    await settle();
    expect(FakeSocket.all).toHaveLength(2);
    expect(states.at(-1)).toBe('offline');
    // Back online while that attempt is still connecting: a fresh socket at once; the old one is
    // closed only once open (closing a connecting socket makes browsers log a warning).
    vi.unstubAllGlobals();
    const connecting = last();
    window.dispatchEvent(new Event('online'));
    await settle();
    expect(FakeSocket.all).toHaveLength(3);
    expect(connecting.closed).toBe(false);
    connecting.open();
    expect(connecting.closed).toBe(true);
    expect(connecting.sent).toEqual([]);

    t.disconnect();
    vi.advanceTimersByTime(60_000);
    window.dispatchEvent(new Event('online'));
    await settle();
    expect(FakeSocket.all).toHaveLength(3);
    expect(states.at(-1)).toBe('offline');
  });

  it('reports frames as typed events, ignores junk, and passes error clientIds and retryAfterMs through', async () => {
    const { t, events } = make();
    t.connect(null);
    await settle();
    const s = last();
    s.open();
    s.frame(welcome());
    s.onmessage!({ data: 'not json' });
    s.onmessage!({ data: '42' });
    s.frame({ type: 'typing', on: true });
    s.frame({ type: 'presence', agentsOnline: 0 });
    s.frame({ type: 'error', code: 'rate_limited', message: 'slow', clientId: 'abcdefgh' });
    s.frame({ type: 'error', code: 'rate_limited', message: 'slower', clientId: 'ijklmnop', retryAfterMs: 2500 });
    s.frame({ type: 'whatever' } as unknown as VisitorServerFrame);
    expect(events.slice(1)).toEqual([
      { type: 'typing', payload: true },
      { type: 'presence', payload: 0 },
      { type: 'error', payload: { code: 'rate_limited', message: 'slow', clientId: 'abcdefgh' } },
      { type: 'error', payload: { code: 'rate_limited', message: 'slower', clientId: 'ijklmnop', retryAfterMs: 2500 } },
    ]);
    t.disconnect();
  });
});

describe('the status chunk', () => {
  it('POSTs the credential as JSON and returns { unread, agentsOnline }; null on any failure', async () => {
    vi.useRealTimers();
    const fetch = vi.fn(async (_url: string, _init: RequestInit) => new Response(JSON.stringify({ unread: 2, agentsOnline: 1 }), { status: 200 }));
    vi.stubGlobal('fetch', fetch);
    expect(await visitorStatus('https://baton.example/', 'cred-1')).toEqual({ unread: 2, agentsOnline: 1, team: [] });
    expect(fetch.mock.calls[0]![0]).toBe('https://baton.example/api/visitor/status');
    expect(fetch.mock.calls[0]![1]).toMatchObject({ method: 'POST', body: '{"credential":"cred-1"}', headers: { 'content-type': 'application/json' } });

    fetch.mockResolvedValueOnce(new Response('{"error":{}}', { status: 404 }));
    expect(await visitorStatus('https://baton.example', 'x')).toBeNull();
    fetch.mockRejectedValueOnce(new TypeError('offline'));
    expect(await visitorStatus('https://baton.example', 'x')).toBeNull();
  });

  it("presence(): who is online for the panel's home, asked without a credential; only names and #rgb colours come through", async () => {
    vi.useRealTimers();
    const team = [
      { name: 'Sam Rivera', color: '#7c3aed' },
      { name: 'Eve', color: 'url(javascript:alert(1))' },
      { name: 'x'.repeat(200), color: '#abc' },
      { name: 'Fourth', color: '#123456' },
      { name: '', color: '#123456' },
    ];
    const fetch = vi.fn(async (_url: string, _init: RequestInit) => new Response(JSON.stringify({ unread: 0, agentsOnline: 4, team })));
    vi.stubGlobal('fetch', fetch);
    const p = await presence('https://baton.example');
    expect(fetch.mock.calls[0]![1]).toMatchObject({ method: 'POST', body: '{}', credentials: 'omit' });
    expect(p).toEqual({
      agentsOnline: 4,
      team: [
        { name: 'Sam Rivera', color: '#7c3aed' },
        { name: 'Eve', color: '#3b4a6b' },
        { name: 'x'.repeat(80), color: '#abc' },
      ],
      availability: null,
    });
    fetch.mockRejectedValueOnce(new TypeError('offline'));
    expect(await presence('https://baton.example')).toBeNull();
  });

  it('presence(): the availability (issue 15) comes through checked field by field; a malformed one is dropped', async () => {
    vi.useRealTimers();
    const answer = (availability: unknown) => new Response(JSON.stringify({ unread: 0, agentsOnline: 0, team: [], availability }));
    const fetch = vi.fn(async (_url: string, _init: RequestInit) => answer({ open: false, nextOpen: 1796978400000, replyMinutes: 3, waiting: 2 }));
    vi.stubGlobal('fetch', fetch);
    expect((await presence('https://baton.example'))?.availability).toEqual({ open: false, nextOpen: 1796978400000, replyMinutes: 3, waiting: 2 });
    fetch.mockResolvedValueOnce(answer({ open: 'no', nextOpen: 1, replyMinutes: 3, waiting: 0 }));
    expect((await presence('https://baton.example'))?.availability).toBeNull();
    // A field out of range is dropped on its own: no reply time of -1 or 2.5 minutes is ever shown.
    fetch.mockResolvedValueOnce(answer({ open: true, nextOpen: 'soon', replyMinutes: 2.5, waiting: 1 }));
    expect((await presence('https://baton.example'))?.availability).toEqual({ open: true, nextOpen: null, replyMinutes: null, waiting: 1 });
  });

  it('helped(): "That helped" is one POST to the self-service route; a failure stays quiet', async () => {
    vi.useRealTimers();
    const fetch = vi.fn(async (_url: string, _init: RequestInit) => new Response('{"ok":true}'));
    vi.stubGlobal('fetch', fetch);
    await helped('https://baton.example/', { sid: 'abcdefghijklmnopqrstuv', article: { id: 'returns-refunds', title: 'Returns and refunds' } });
    expect(fetch.mock.calls[0]![0]).toBe('https://baton.example/api/visitor/self-service');
    expect(JSON.parse(String(fetch.mock.calls[0]![1].body))).toEqual({ sid: 'abcdefghijklmnopqrstuv', article: { id: 'returns-refunds', title: 'Returns and refunds' } });
    fetch.mockRejectedValueOnce(new TypeError('offline'));
    await expect(helped('https://baton.example', { sid: 'abcdefghijklmnopqrstuv', article: { id: 'a', title: 'A' } })).resolves.toBeUndefined();
  });

  it('unread(): the unread count for a stored credential, without a socket; null when unknown', async () => {
    vi.useRealTimers();
    const fetch = vi.fn(async () => new Response(JSON.stringify({ unread: 3, agentsOnline: 0 })));
    vi.stubGlobal('fetch', fetch);
    expect(await unread('http://127.0.0.1:1', { credential: 'cred-1' })).toBe(3);
    expect(await unread('http://127.0.0.1:1', {} as StoredVisitor)).toBeNull();
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});
