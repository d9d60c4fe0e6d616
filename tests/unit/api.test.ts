import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBatonApi, type BatonParts } from '../../src/api/createBaton';
import type { Baton, BatonError, BatonOptions, BatonTransport, ChatState } from '../../src/api/types';
import type { ChatTransportDeps, StoredVisitor } from '../../src/core/chat/transport';
import type { KeyValueStore } from '../../src/core/ports';
import type { BatonSession } from '../../src/core/session';
import type { ChatMessage } from '../../src/protocol/chat';
import { memoryStore } from '../../src/storage/memoryStore';
import { fakeChatTransport } from '../fakes/chatTransport';
import { createBaton as createHeadless } from '../../src/headless';

const apis: Baton[] = [];
function make(ui?: Parameters<typeof createBatonApi>[0]['ui']) {
  const r = createBatonApi({ store: () => memoryStore(), ui });
  apis.push(r.api);
  return r;
}
afterEach(() => {
  apis.splice(0).forEach((a) => a.shutdown());
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('the public API', () => {
  it('buffers calls made before boot and replays them in the documented order', async () => {
    const { api } = make();
    const seen: string[] = [];
    api.open();
    api.context({ cartValue: 42 });
    api.identify({ id: 'u1', name: 'Ada' });
    api.on('open', () => void api.getContext().then((s) => seen.push(`open with ${s.identity?.name} and cart ${s.custom.cartValue}`)));
    api.boot({});
    await vi.waitFor(() => expect(seen).toEqual(['open with Ada and cart 42']));
  });

  it('on() returns an unsubscribe function', () => {
    const { api } = make();
    api.boot({});
    const fn = vi.fn();
    const off = api.on('close', fn);
    api.open();
    api.close();
    off();
    api.open();
    api.close();
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it("a site's listener that throws never breaks Baton or the other listeners", async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { api } = make();
    api.boot({});
    const after = vi.fn();
    const errors = vi.fn();
    api.on('error', errors);
    api.on('open', () => {
      throw new Error('site bug');
    });
    api.on('open', after);
    expect(() => api.open()).not.toThrow();
    expect(after).toHaveBeenCalledTimes(1);
    expect(errors).toHaveBeenCalledWith({ code: 'listener_failed', message: expect.stringContaining('site bug') });
    // Still fully working afterwards.
    api.context({ plan: 'pro' });
    expect((await api.getContext()).custom).toEqual({ plan: 'pro' });
  });

  it("'ready' fires once Baton is ready, and also for listeners added later", async () => {
    const { api } = make();
    const early = vi.fn();
    api.on('ready', early);
    api.boot({});
    await vi.waitFor(() => expect(early).toHaveBeenCalledTimes(1));
    const late = vi.fn();
    api.on('ready', late);
    await vi.waitFor(() => expect(late).toHaveBeenCalledTimes(1));
    expect(early).toHaveBeenCalledTimes(1);
  });

  it('booting twice with the same options is harmless and silent; other options are refused with a message', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { api } = make();
    api.boot({ locale: 'fr' });
    api.boot({ locale: 'fr' });
    expect(warn).not.toHaveBeenCalled();
    api.boot({ locale: 'en' });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('shutdown() first'));
  });

  it('rejects unknown commands, bad events and bad consent values with clear errors, without throwing', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { api, call } = make();
    api.boot({});
    expect(() => call('explode', [])).not.toThrow();
    api.on('nope' as 'open', () => {});
    api.consent('yes' as 'granted');
    expect(warn.mock.calls.map((c) => c[0])).toEqual([
      '[Baton] unknown command "explode"',
      '[Baton] on() takes one of ready,open,close,context,consent,error,message,unread,call and a function',
      `[Baton] consent() takes 'granted' or 'denied', not "yes"`,
    ]);
  });

  it("emits 'context' with the new snapshot after changes, and 'consent' when it changes", async () => {
    const { api } = make();
    api.boot({ consent: 'required' });
    const contexts: unknown[] = [];
    const consents: string[] = [];
    api.on('context', (s) => contexts.push(s.custom));
    api.on('consent', (c) => consents.push(c));
    api.context({ plan: 'pro' });
    await vi.waitFor(() => expect(contexts).toEqual([{ plan: 'pro' }]));
    api.consent('granted');
    api.consent('granted');
    expect(consents).toEqual(['granted']);
    expect((await api.getContext()).consent).toBe('granted');
  });

  it('drives the UI it was given, and headless open()/close() only emit events', () => {
    const ui = { open: vi.fn(), close: vi.fn(), destroy: vi.fn() };
    const withUi = make(() => ui).api;
    withUi.boot({});
    withUi.open();
    expect(ui.open).toHaveBeenCalled();
    withUi.shutdown();
    expect(ui.destroy).toHaveBeenCalled();

    const headless = make().api;
    headless.boot({});
    const opened = vi.fn();
    headless.on('open', opened);
    headless.open();
    headless.open();
    expect(opened).toHaveBeenCalledTimes(1);
  });

  it('reports refused identify() and context() arguments, once, when the context is next built', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { api } = make();
    api.boot({});
    const errors = vi.fn();
    api.on('error', errors);
    api.identify({ id: 'u1', email: 'not-an-email' });
    api.context({ 'bad key': 1, plan: 'pro' });
    const s = await api.getContext();
    expect(s.identity?.id).toBe('u1');
    expect(s.identity?.email).toBeUndefined();
    expect(s.custom).toEqual({ plan: 'pro' });
    expect(errors.mock.calls.map((c) => c[0])).toEqual([
      { code: 'invalid_argument', message: 'identify(): email: not an e-mail address' },
      { code: 'invalid_argument', message: 'context(): "bad key": name must be 1-40 of A-Za-z0-9_.-' },
    ]);
    await api.getContext();
    expect(errors).toHaveBeenCalledTimes(2);
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it('getContext() before boot explains what to do', async () => {
    await expect(make().api.getContext()).rejects.toThrow(/boot\(\) first/);
  });
});

/** Resolves in the page's next idle moment, after every idle callback scheduled before (the API's own `idle`). */
const afterIdle = () =>
  new Promise<void>((r) => {
    const ric = (window as { requestIdleCallback?: (fn: () => void, o: { timeout: number }) => void }).requestIdleCallback;
    if (ric) ric(() => r(), { timeout: 1000 });
    else setTimeout(r, 1);
  });

// ---- chat wiring ----

const fakeTransport = fakeChatTransport;

/** A Baton with a UI that only keeps the session it gets, a fake transport and a status chunk. */
function withChat(store: KeyValueStore = memoryStore(), server = 'http://127.0.0.1:9') {
  const f = fakeTransport();
  let session: BatonSession | null = null;
  const deps: ChatTransportDeps[] = [];
  /** The status chunk's answer: 3 unread messages. */
  const unread = vi.fn(async (_server: string, _stored: StoredVisitor) => 3);
  const status = vi.fn(async () => ({ unread }));
  const parts: BatonParts = {
    store: () => store,
    ui: (s) => {
      session = s;
      return { open: vi.fn(), close: vi.fn(), destroy: vi.fn() };
    },
    server,
    transports: [
      {
        name: 'fake',
        chat: async () => ({ createTransport: (d: ChatTransportDeps) => (deps.push(d), f.t) }),
        status,
      },
    ],
  };
  const r = createBatonApi(parts);
  apis.push(r.api);
  return { ...r, ...f, deps, unread, status, session: () => session! };
}

const agentMessage = (index: number, text: string): ChatMessage => ({
  id: `m${index}`,
  conversationId: 'c1',
  index,
  clientId: `agent-client-${index}`,
  sender: 'agent',
  text,
  at: 1_700_000_000_000,
  agent: { id: 'a1', name: 'Sam', color: '#7c3aed' },
});

describe('the chat behind the API', () => {
  it('session.chat() loads the transport once, connects with the snapshot once started, and feeds the message and unread events', async () => {
    const { api, t, emit, deps, session } = withChat();
    api.boot({ locale: 'en' });
    api.open(); // mounts the UI now
    const messages = vi.fn();
    const unread = vi.fn();
    api.on('message', messages);
    api.on('unread', unread);
    const [a, b] = await Promise.all([session().chat(), session().chat()]);
    expect(a).toBe(b);
    expect(deps).toHaveLength(1);
    expect(deps[0]).toMatchObject({ server: 'http://127.0.0.1:9' });
    expect(deps[0]!.consentGranted()).toBe(true);
    // Opening the panel sends nothing: the visitor's intent (start()) connects. The connection is
    // recorded in order with the start, so a connect before it would show up first.
    const order: string[] = [];
    t.connect.mockImplementation(() => void order.push('connect'));
    order.push('start');
    a.start();
    a.start();
    await vi.waitFor(() => expect(t.connect).toHaveBeenCalledTimes(1));
    expect(order).toEqual(['start', 'connect']);
    expect(t.connect.mock.calls[0]![0]).toMatchObject({ v: 1, consent: 'granted' });

    emit('state', 'online');
    emit('welcome', { conversation: { id: 'c1', status: 'active', agent: null, position: null, messages: [], readIndex: 0 }, agentsOnline: 1, unread: 0 });
    emit('message', agentMessage(1, 'Hello from Sam'));
    expect(messages).toHaveBeenCalledWith({ text: 'Hello from Sam', at: 1_700_000_000_000, agentName: 'Sam' });
    expect(unread.mock.calls).toEqual([[0], [1]]);
    a.markRead();
    expect(unread.mock.calls.at(-1)).toEqual([0]);

    api.shutdown();
    await vi.waitFor(() => expect(t.disconnect).toHaveBeenCalled());
  });

  /** A booted Baton whose chat has started, on fake timers (the caller restores real ones). */
  async function chatOnFakeTimers(contextIntervalMs?: number) {
    vi.useFakeTimers();
    const c = withChat();
    if (contextIntervalMs !== undefined) Object.assign(c.t, { contextIntervalMs });
    c.api.boot({});
    c.api.open();
    const chatReady = c.session().chat();
    await vi.runAllTimersAsync();
    await chatReady;
    return c;
  }

  it('sends the new context when it changes, at most once a second (the latest one)', async () => {
    try {
      const { api, t } = await chatOnFakeTimers();
      api.context({ step: 1 });
      await vi.advanceTimersByTimeAsync(0);
      expect(t.context.mock.calls.map((c) => c[0].custom)).toEqual([{ step: 1 }]);
      api.context({ step: 2 });
      await vi.advanceTimersByTimeAsync(0);
      api.context({ step: 3 });
      await vi.advanceTimersByTimeAsync(500);
      expect(t.context).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(600);
      expect(t.context.mock.calls.map((c) => c[0].custom)).toEqual([{ step: 1 }, { step: 3 }]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("follows the transport's own interval when it asks for a longer one (one throttle, not two)", async () => {
    try {
      const { api, t } = await chatOnFakeTimers(5000);
      api.context({ step: 1 });
      await vi.advanceTimersByTimeAsync(0);
      api.context({ step: 2 });
      await vi.advanceTimersByTimeAsync(4900);
      expect(t.context.mock.calls.map((c) => c[0].custom)).toEqual([{ step: 1 }]);
      await vi.advanceTimersByTimeAsync(200);
      expect(t.context.mock.calls.map((c) => c[0].custom)).toEqual([{ step: 1 }, { step: 2 }]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a returning visitor (a stored credential) is connected as soon as the chat starts', async () => {
    const store = memoryStore();
    await store.set('visitor', { credential: 'cred-1', open: false });
    const { api, t, session } = withChat(store);
    api.boot({});
    api.open();
    await session().chat();
    await vi.waitFor(() => expect(t.connect).toHaveBeenCalledTimes(1));
  });

  it('the server option wins over the default, and a bad one is refused with a clear message', async () => {
    const good = withChat();
    good.api.boot({ server: 'https://baton.example.com/' });
    good.api.open();
    await good.session().chat();
    expect(good.deps[0]!.server).toBe('https://baton.example.com');

    const bad = withChat();
    bad.api.boot({ server: 'javascript:alert(1)' });
    bad.api.open();
    await expect(bad.session().chat()).rejects.toThrow(/server must be an http\(s\) URL/);
    expect(bad.deps).toHaveLength(0);
  });

  it('without chat parts (headless), chat() rejects', async () => {
    let session: BatonSession | null = null;
    const { api } = make((s) => ((session = s), { open() {}, close() {}, destroy() {} }));
    api.boot({});
    api.open();
    await expect(session!.chat()).rejects.toThrow(/this build has no chat transport/);
  });

  it('on a later page with a stored credential, asks the status chunk for the unread count (when idle) and reports it', async () => {
    const store = memoryStore();
    await store.set('visitor', { credential: 'cred-1', open: false });
    const { api, unread, t } = withChat(store);
    const counts: number[] = [];
    api.on('unread', (n) => counts.push(n));
    api.boot({});
    await vi.waitFor(() => expect(counts).toEqual([3]));
    expect(unread.mock.calls).toEqual([['http://127.0.0.1:9', { credential: 'cred-1', open: false }]]);
    expect(t.connect).not.toHaveBeenCalled();
  });

  it('on a later page with an open conversation, starts the chat (no status chunk)', async () => {
    const store = memoryStore();
    await store.set('visitor', { credential: 'cred-1', open: true });
    const { api, status, t } = withChat(store);
    api.boot({});
    await vi.waitFor(() => expect(t.connect).toHaveBeenCalledTimes(1));
    expect(status).not.toHaveBeenCalled();
  });

  it('without a stored credential, or before consent, the status chunk is never loaded and storage never touched', async () => {
    const calls: string[] = [];
    const inner = memoryStore();
    const spy: KeyValueStore = { kind: 'memory', get: (k) => (calls.push(`get ${k}`), inner.get(k)), set: (k, v) => (calls.push(`set ${k}`), inner.set(k, v)), del: inner.del, clear: inner.clear };
    await inner.set('visitor', { credential: 'cred-1' });
    const required = withChat(spy);
    await new Promise<void>((r) => {
      required.api.on('ready', () => r());
      required.api.boot({ consent: 'required' });
    });
    // Anything the boot or 'ready' left for an idle moment has run by the time ours does.
    await afterIdle();
    expect(calls).toEqual([]);
    expect(required.status).not.toHaveBeenCalled();
    expect(required.unread).not.toHaveBeenCalled();
    // Consent given later on the page: now it looks.
    required.api.consent('granted');
    await vi.waitFor(() => expect(required.unread).toHaveBeenCalledTimes(1));

    // With consent but no stored credential: the status chunk is not loaded once the store answered.
    const freshStore = memoryStore();
    const looked = vi.spyOn(freshStore, 'get');
    const fresh = withChat(freshStore);
    fresh.api.boot({});
    await vi.waitFor(() => expect(looked).toHaveBeenCalledWith('visitor'));
    await looked.mock.results.find((_, i) => looked.mock.calls[i]![0] === 'visitor')!.value;
    expect(fresh.status).not.toHaveBeenCalled();
    expect(fresh.unread).not.toHaveBeenCalled();
  });
});

describe('transports as registered parts', () => {
  /** An entry registering two transports, each recording which of its chunks were loaded. */
  function registry() {
    const loaded: string[] = [];
    const part = (name: string): BatonTransport => ({
      name,
      chat: async () => ({ createTransport: () => (loaded.push(`${name} chat`), fakeChatTransport().t) }),
      call: async () => (loaded.push(`${name} call`), { createCallTransport: () => ({ on: () => () => {}, start() {}, hangup() {}, setMuted() {}, setInputDevice: async () => {}, destroy() {} }) as never }),
    });
    let session: BatonSession | null = null;
    const boot = (options: BatonOptions, transports = [part('first'), part('second')]) => {
      const r = createBatonApi({ store: () => memoryStore(), ui: (s) => ((session = s), { open() {}, close() {}, destroy() {} }), server: 'http://127.0.0.1:9', transports });
      apis.push(r.api);
      const errors: string[] = [];
      r.api.on('error', (e) => errors.push(e.message));
      r.api.boot(options);
      r.api.open();
      return { errors, session: () => session!, api: r.api };
    };
    return { loaded, part, boot };
  }

  it('the first registered transport carries the chat by default; the boot option picks another by name', async () => {
    const a = registry();
    await a.boot({}).session().chat();
    expect(a.loaded).toEqual(['first chat']);
    const b = registry();
    await b.boot({ transport: 'second' }).session().chat();
    expect(b.loaded).toEqual(['second chat']);
  });

  it('a transport passed in by the site (npm: transport: twilio) is used without being registered', async () => {
    const r = registry();
    const mine = r.part('mine');
    const { errors, session } = r.boot({ transport: mine });
    await session().chat();
    expect(r.loaded).toEqual(['mine chat']);
    expect(errors).toEqual([]);
  });

  it('a name this build does not have: the chat refuses to start, saying how to get it (error event)', async () => {
    const r = registry();
    const { errors, session } = r.boot({ transport: 'twilio' }, [r.part('local')]);
    await expect(session().chat()).rejects.toThrow(/no transport "twilio" in this build/);
    expect(errors).toEqual([expect.stringMatching(/no transport "twilio" in this build.*baton-sdk\/twilio.*boot\(\{ transport \}\)/)]);
    expect(r.loaded).toEqual([]);
  });

  it("the chosen transport's call chunk is the one a call loads", async () => {
    const r = registry();
    // A browser that can call (happy-dom has no WebRTC nor microphone).
    vi.stubGlobal('RTCPeerConnection', function () {});
    vi.stubGlobal('navigator', { mediaDevices: { getUserMedia: async () => ({ getTracks: () => [] }) } });
    const { session } = r.boot({ transport: 'second' });
    const calls = await session().call!();
    calls.start();
    await vi.waitFor(() => expect(r.loaded).toContain('second call'));
    expect(r.loaded).not.toContain('first call');
  });
});

describe('both doors behave the same', () => {
  it("call() asks for the microphone within the click itself (no await before it), and the call starts with that stream", async () => {
    vi.stubGlobal('RTCPeerConnection', function () {});
    const getUserMedia = vi.fn(async () => ({ getTracks: () => [] }));
    vi.stubGlobal('navigator', { mediaDevices: { getUserMedia } });
    const starts: { microphone?: Promise<unknown> }[] = [];
    const callTransport = { on: () => () => {}, start: (o: { microphone?: Promise<unknown> }) => void starts.push(o), hangup() {}, setMuted() {}, setInputDevice: async () => {}, destroy() {} };
    const r = createBatonApi({
      store: () => memoryStore(),
      ui: () => ({ open() {}, close() {}, destroy() {} }),
      transports: [{ name: 't', chat: async () => ({ createTransport: () => fakeChatTransport().t }), call: async () => ({ createCallTransport: () => callTransport as never }) }],
    });
    apis.push(r.api);
    r.api.boot({});
    r.api.call();
    // Synchronously, before call() returned: the browser ties the prompt to this gesture.
    expect(getUserMedia).toHaveBeenCalledTimes(1);
    expect(getUserMedia).toHaveBeenCalledWith({ audio: true });
    // The call gets that pending stream instead of asking again.
    await vi.waitFor(() => expect(starts).toHaveLength(1));
    expect(starts[0]!.microphone).toBe(getUserMedia.mock.results[0]!.value);
    expect(getUserMedia).toHaveBeenCalledTimes(1);
  });

  it('headless call() reports a clear error and asks for nothing', () => {
    const getUserMedia = vi.fn();
    vi.stubGlobal('navigator', { mediaDevices: { getUserMedia } });
    vi.stubGlobal('RTCPeerConnection', function () {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const errors: BatonError[] = [];
    // Called before boot too: buffered like any call, then reported.
    const api = createHeadless({ consent: 'required' });
    apis.push(api);
    api.on('error', (e) => errors.push(e));
    api.call();
    expect(errors).toEqual([{ code: 'unsupported', message: expect.stringMatching(/call\(\) needs Baton's widget: baton-sdk\/headless has no calls yet/) }]);
    expect(getUserMedia).not.toHaveBeenCalled();
  });

  it("only 'ready' is sticky: a listener added after any other event fired hears nothing of it", async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { api } = make();
    api.on('context', () => {});
    api.boot({});
    await new Promise<void>((r) => api.on('ready', () => r()));
    api.open();
    api.close();
    api.consent('denied');
    api.consent('granted');
    api.context({ a: 1 });
    api.on('nope' as never, () => {}); // an 'error'
    await api.getContext();
    await new Promise((r) => setTimeout(r, 0));
    const late = Object.fromEntries((['ready', 'open', 'close', 'consent', 'context', 'error', 'message', 'unread'] as const).map((e) => [e, vi.fn()]));
    for (const [e, fn] of Object.entries(late)) api.on(e as never, fn);
    await new Promise((r) => setTimeout(r, 0));
    expect(Object.entries(late).filter(([, fn]) => fn.mock.calls.length).map(([e]) => e)).toEqual(['ready']);
  });

  it("a late 'ready' listener that throws is isolated and reported like any other", async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { api } = make();
    api.boot({});
    await new Promise<void>((r) => api.on('ready', () => r()));
    const errors: BatonError[] = [];
    api.on('error', (e) => errors.push(e));
    api.on('ready', () => {
      throw new Error('late bug');
    });
    const other = vi.fn();
    api.on('ready', other);
    await vi.waitFor(() => expect(other).toHaveBeenCalledTimes(1));
    expect(errors).toEqual([{ code: 'listener_failed', message: expect.stringContaining('late bug') }]);
  });
});

describe('baton-sdk/headless: the chat for a custom UI', () => {
  it('chat() gives the public chat (state, subscribe, send, typing, read), over the chosen transport, the same one each time', async () => {
    const f = fakeChatTransport();
    const part: BatonTransport = { name: 'fake', chat: async () => ({ createTransport: () => f.t }) };
    const baton = createHeadless({ transport: part, server: 'http://127.0.0.1:9' });
    apis.push(baton);
    const [chat, again] = await Promise.all([baton.chat(), baton.chat()]);
    expect(chat).toBe(again);
    // Only the documented intents: no transport, no destroy(), no internals.
    expect(Object.keys(chat).sort()).toEqual(['getState', 'handover', 'leaveMessage', 'markRead', 'rate', 'retry', 'send', 'setEmail', 'start', 'startNew', 'subscribe', 'transcript', 'typing']);
    const states: ChatState[] = [];
    const off = chat.subscribe((s) => states.push(s));
    expect(states[0]).toMatchObject({ started: false, messages: [] });
    // Nothing connects until the visitor's intent.
    await new Promise((r) => setTimeout(r, 0));
    expect(f.t.connect).not.toHaveBeenCalled();
    chat.start();
    await vi.waitFor(() => expect(f.t.connect).toHaveBeenCalledTimes(1));
    f.emit('state', 'online');
    f.emit('welcome', { conversation: null, agentsOnline: 1, unread: 0 });
    const r = chat.send('  Hello from my own UI  ');
    expect(r).toMatchObject({ ok: true });
    expect(f.sent.map((m) => m.text)).toEqual(['Hello from my own UI']);
    expect(chat.getState().messages).toMatchObject([{ sender: 'visitor', text: 'Hello from my own UI', status: 'sending' }]);
    expect(chat.send(' ')).toEqual({ ok: false, reason: 'empty' });
    chat.typing(true);
    expect(f.t.typing).toHaveBeenCalledWith(true);
    const unread: number[] = [];
    baton.on('unread', (n) => unread.push(n));
    f.emit('message', { ...agentMessage(1, 'Hi, Sam here'), conversationId: 'c1' });
    // Committed messages in index order first, then the visitor's own still sending.
    expect(chat.getState().messages).toMatchObject([
      { sender: 'agent', text: 'Hi, Sam here', agent: { name: 'Sam' }, index: 1 },
      { sender: 'visitor', text: 'Hello from my own UI', status: 'sending' },
    ]);
    chat.markRead();
    expect(f.t.read).toHaveBeenCalledWith(1);
    expect(unread.at(-1)).toBe(0);
    off();
  });

  it('chat() after shutdown() rejects with the reason', async () => {
    const baton = createHeadless({ consent: 'required' });
    baton.shutdown();
    await expect(baton.chat()).rejects.toThrow(/needs a booted Baton/);
  });
});
