/**
 * The fake Twilio cloud (tests/fakes/twilioConversations.ts) seen from a real Chromium page: the
 * widget's own build runs unchanged (its Twilio chat transport, outbox, panel), and only the
 * `@twilio/conversations` chunk it imports on the visitor's intent is answered, at the network edge,
 * by a small module whose `Client` forwards every call to a FakeClient of `cloud` in Node
 * (page.exposeFunction) and replays that client's events in the page, in order (page.evaluate).
 * So the browser and the server half (the real `twilio` package against the same fake's REST API)
 * share one cloud, as they share Twilio in production. The stand-in runs where the widget puts the
 * SDK: in its worker (the demo's CSP allows `worker-src blob:`), relaying through the page, or on
 * the page's thread (`sdk: 'page'`: the worker refused, the widget's fallback).
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { FakeClient, FakeConversation, FakeTwilioCloud } from '../fakes/twilioConversations';
import type { SdkMessage, SdkParticipant } from '../../src/transports/twilio-chat/sdk';

const CHUNKS = new URL('../../dist/chunks/', import.meta.url);

/** The name under which the built SDK chunk exports the module (rollup's, e.g. `b`): read from the real chunk. */
function sdkExportName(): string {
  const file = readdirSync(CHUNKS).find((f) => /^twilio-conversations-.*\.js$/.test(f));
  if (!file) throw new Error('no dist/chunks/twilio-conversations-*.js: run npm run build first');
  const m = /export\s*\{\s*\w+\s+as\s+(\w+)\s*\}\s*;?\s*$/.exec(readFileSync(new URL(file, CHUNKS), 'utf8'));
  if (!m) throw new Error(`cannot read the export of ${file}`);
  return m[1]!;
}

/** The page's side: an SDK-shaped Client over the two bridges. Plain JavaScript, served as the chunk. */
const PAGE_MODULE = `
// On the page (the SDK on the page's thread) the bridge's functions are at hand; in the SDK's worker
// (src/transports/twilio-chat/startSdk.ts) they are not: calls, results and events go through the
// page over a BroadcastChannel (RELAY below), as plain data.
const inWorker = typeof window === 'undefined';
let call;
if (!inWorker) call = (op, ...args) => window.__batonTwilio(op, ...args);
else {
  const bc = new BroadcastChannel('baton-twilio-bridge');
  const waiting = new Map();
  let last = 0;
  call = (op, ...args) => new Promise((resolve, reject) => {
    const id = ++last;
    waiting.set(id, { resolve, reject });
    bc.postMessage({ t: 'call', id, op, args });
  });
  bc.onmessage = ({ data }) => {
    if (data.t === 'event') return self.__batonTwilioEvent(...data.args);
    const w = waiting.get(data.id);
    waiting.delete(data.id);
    if (data.ok) w.resolve(data.value);
    else w.reject(new Error(data.message));
  };
}
const clients = new Map();
class Emitter {
  constructor() { this.listeners = new Map(); }
  on(event, fn) { if (!this.listeners.has(event)) this.listeners.set(event, new Set()); this.listeners.get(event).add(fn); return this; }
  removeAllListeners() { this.listeners.clear(); return this; }
  emit(event, ...args) { for (const fn of [...(this.listeners.get(event) || [])]) fn(...args); }
}
const message = (m) => ({ ...m, dateCreated: new Date(m.dateCreated), attachedMedia: null });
const page = (items) => ({ items, hasNextPage: false, hasPrevPage: false, nextPage: async () => page([]), prevPage: async () => page([]) });
class Conversation extends Emitter {
  constructor(client, sid) { super(); this.client = client; this.sid = sid; this.d = { attributes: {}, state: 'active', lastReadMessageIndex: null }; }
  get attributes() { return this.d.attributes; }
  get state() { return { current: this.d.state, dateUpdated: new Date() }; }
  get lastReadMessageIndex() { return this.d.lastReadMessageIndex; }
  sendMessage(body, attributes) { return call('send', this.client.id, this.sid, body, attributes); }
  typing() { return call('typing', this.client.id, this.sid); }
  advanceLastReadMessageIndex(index) { return call('read', this.client.id, this.sid, index); }
  async getMessages(pageSize = 30, anchor, direction = 'backwards') { return page((await call('messages', this.client.id, this.sid, pageSize, anchor ?? null, direction)).map(message)); }
  getParticipants() { return call('participants', this.client.id, this.sid); }
}
class Client extends Emitter {
  constructor(token) {
    super();
    this.connectionState = 'connecting';
    this.conversations = new Map();
    this.id = Math.random().toString(36).slice(2);
    clients.set(this.id, this);
    this.ready = call('create', this.id, token, inWorker ? 'worker' : 'page');
  }
  async getConversationBySid(sid) {
    await this.ready;
    let c = this.conversations.get(sid);
    if (!c) this.conversations.set(sid, (c = new Conversation(this, sid)));
    c.d = await call('conversation', this.id, sid);
    return c;
  }
  async updateToken(token) { await this.ready; await call('updateToken', this.id, token); return this; }
  async shutdown() { clients.delete(this.id); this.removeAllListeners(); await this.ready; await call('shutdown', this.id); }
}
globalThis.__batonTwilioEvent = (id, sid, event, payload, data) => {
  const client = clients.get(id);
  if (!client) return;
  if (sid === null) {
    if (event === 'connectionStateChanged') client.connectionState = payload[0];
    return client.emit(event, ...payload);
  }
  const c = client.conversations.get(sid);
  if (!c) return;
  if (data) c.d = data;
  if (event === 'messageAdded') return c.emit(event, message(payload[0]));
  if (event === 'updated') return c.emit(event, { conversation: c, updateReasons: payload[0] });
  if (event === 'participantUpdated') return c.emit(event, { participant: payload[0], updateReasons: payload[1] });
  c.emit(event, ...payload);
};
`;

/** The page's relay for a stand-in in the worker (an init script: before the widget loads). */
const RELAY = `(() => {
  const bc = new BroadcastChannel('baton-twilio-bridge');
  bc.onmessage = ({ data }) => {
    if (data.t !== 'call') return;
    window.__batonTwilio(data.op, ...data.args).then(
      (value) => bc.postMessage({ t: 'result', id: data.id, ok: true, value }),
      (e) => bc.postMessage({ t: 'result', id: data.id, ok: false, message: String(e && e.message || e) }),
    );
  };
  // Replaced by the stand-in when it runs on the page itself.
  window.__batonTwilioEvent = (...args) => bc.postMessage({ t: 'event', args });
})();`;

const plainMessage = (m: SdkMessage) => ({ sid: m.sid, index: m.index, author: m.author, body: m.body, attributes: m.attributes, dateCreated: m.dateCreated?.getTime() ?? Date.now(), type: m.type });
const plainParticipant = (p: SdkParticipant) => ({ sid: p.sid, identity: p.identity, attributes: p.attributes, lastReadMessageIndex: p.lastReadMessageIndex, type: p.type });
const plainConversation = (c: FakeConversation) => ({ attributes: c.attributes, state: c.state.current, lastReadMessageIndex: c.lastReadMessageIndex });

/**
 * Answers `page`'s import of the SDK chunk with the bridge and connects it to `cloud`. Call before
 * the page loads the widget. Every page of `context` gets the route; each page needs its own call
 * (its own functions and events).
 */
export async function bridgeTwilioCloud(page: Page, cloud: FakeTwilioCloud, opts: { sdk?: 'worker' | 'page' } = {}): Promise<{ sdkThread(): 'worker' | 'page' | null }> {
  const exportName = sdkExportName();
  let sdkThread: 'worker' | 'page' | null = null;
  await page.addInitScript({ content: RELAY });
  // The SDK on the page's thread: the worker's module fails to evaluate, so the widget falls back
  // (as where a CSP refuses the worker), with nothing on the network or the console to show for it.
  if (opts.sdk === 'page') {
    await page.route('**/baton/chunks/twilio-sdk-worker-*.js', (route) =>
      route.fulfill({ status: 200, contentType: 'text/javascript', body: "throw new Error('the SDK worker is turned off by this test');\n" }),
    );
  }
  const clients = new Map<string, FakeClient>();
  const conversations = new Map<string, FakeConversation>();
  // Events go to the page one after the other, in the order the cloud fired them.
  let queue = Promise.resolve();
  const push = (id: string, sid: string | null, event: string, payload: unknown[], data?: unknown) => {
    queue = queue
      .then(() => page.evaluate(([i, s, e, p, d]) => (window as unknown as { __batonTwilioEvent(...a: unknown[]): void }).__batonTwilioEvent(i, s, e, p, d), [id, sid, event, payload, data] as const))
      .catch(() => undefined); // the page went away
  };
  const client = (id: string) => {
    const c = clients.get(id);
    if (!c) throw new Error(`no client ${id}`);
    return c;
  };
  const conversation = (id: string, sid: string) => {
    const c = conversations.get(`${id} ${sid}`);
    if (!c) throw new Error(`no conversation ${sid} for ${id}`);
    return c;
  };
  await page.exposeFunction('__batonTwilio', async (op: string, id: string, ...a: unknown[]) => {
    switch (op) {
      case 'create': {
        sdkThread = a[1] as 'worker' | 'page';
        const c = cloud.createClient(a[0] as string);
        clients.set(id, c);
        c.on('connectionStateChanged', (s: string) => push(id, null, 'connectionStateChanged', [s]));
        for (const e of ['tokenAboutToExpire', 'tokenExpired', 'initFailed'] as const) c.on(e, (...args: unknown[]) => push(id, null, e, args));
        return null;
      }
      case 'conversation': {
        const sid = a[0] as string;
        const conv = await client(id).getConversationBySid(sid);
        if (!conversations.has(`${id} ${sid}`)) {
          conversations.set(`${id} ${sid}`, conv);
          conv.on('messageAdded', (m: SdkMessage) => push(id, sid, 'messageAdded', [plainMessage(m)]));
          for (const e of ['typingStarted', 'typingEnded', 'participantJoined', 'participantLeft'] as const) conv.on(e, (p: SdkParticipant) => push(id, sid, e, [plainParticipant(p)]));
          conv.on('participantUpdated', ({ participant, updateReasons }: { participant: SdkParticipant; updateReasons: string[] }) => push(id, sid, 'participantUpdated', [plainParticipant(participant), updateReasons]));
          conv.on('updated', ({ updateReasons }: { updateReasons: string[] }) => push(id, sid, 'updated', [updateReasons], plainConversation(conv)));
        }
        return plainConversation(conv);
      }
      case 'send':
        return conversation(id, a[0] as string).sendMessage(a[1] as string, a[2] as never);
      case 'typing':
        return conversation(id, a[0] as string).typing();
      case 'read':
        return conversation(id, a[0] as string).advanceLastReadMessageIndex(a[1] as number);
      case 'messages': {
        const [sid, size, anchor, direction] = a as [string, number, number | null, 'backwards' | 'forward'];
        let p = await conversation(id, sid).getMessages(size, anchor ?? undefined, direction);
        const items = [...p.items];
        // Forward reads (gap fills) come back whole: the page's paginator has no further pages.
        while (direction === 'forward' && p.hasNextPage) items.push(...(p = await p.nextPage()).items);
        return items.map(plainMessage);
      }
      case 'participants':
        return (await conversation(id, a[0] as string).getParticipants()).map(plainParticipant);
      case 'updateToken':
        await client(id).updateToken(a[0] as string);
        return null;
      case 'shutdown':
        await clients.get(id)?.shutdown();
        clients.delete(id);
        return null;
      default:
        throw new Error(`unknown bridge call ${op}`);
    }
  });
  await page.route('**/baton/chunks/twilio-conversations-*.js', (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript', body: `${PAGE_MODULE}\nconst sdk = { Client };\nexport { sdk as ${exportName} };\n` }),
  );
  return { sdkThread: () => sdkThread };
}

