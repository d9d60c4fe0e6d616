// @vitest-environment happy-dom
// The chat transport conformance suite against the Twilio transport: the browser half
// (src/transports/twilio-chat) with a fake of Twilio's cloud (tests/fakes/twilioConversations.ts,
// checked against the SDK's types), and the server half for real (createTwilioChatHandler over
// real HTTP, the real `twilio` package talking to the same fake cloud's REST API).
import http from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/protocol/backoff';
import { chatTransportConformance, until, type AgentSide } from '../conformance/chatTransport';
import type { FakeTwilioCloud } from '../fakes/twilioConversations';
import { createTwilioChatTransport } from '../../src/transports/twilio-chat/transport';
import { memoryStore } from '../../src/storage/memoryStore';
import { withOutbox } from '../../src/core/chat/outbox';
import { createOutboxStore } from '../../src/storage/outboxStore';
import { ChatSession } from '../../src/core/chat/session';
import { articleBot, createTwilioChatHandler, toTwilioIdentity } from '../../src/server/index';
import type { ChatMessage } from '../../src/protocol/chat';
import { SECRET, makeContext, newClientId, serveRoutes } from './helpers';
import { TWILIO_CHAT_CONFIG, fakeTwilioChatCloud } from './twilioChatCloud';
import { sdkOverPorts } from '../fakes/sdkOverPorts';
import type { CreateSdkClient } from '../../src/transports/twilio-chat/sdk';

const config = TWILIO_CHAT_CONFIG;
const AGENT = 'agent_5fsam';

/** fetch over node:http (happy-dom's fetch applies page CORS rules; the page's origin is not the point here). */
export const nodeFetch = ((url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) =>
  new Promise((resolve, reject) => {
    const req = http.request(url, { method: init.method ?? 'GET', headers: init.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const status = res.statusCode ?? 0;
        resolve({ ok: status >= 200 && status < 300, status, json: async () => JSON.parse(text), text: async () => text });
      });
    });
    req.on('error', reject);
    req.end(init.body);
  })) as unknown as typeof fetch;

let cloud: FakeTwilioCloud;
let url: string;
let closeServer: () => Promise<void>;

async function setup(): Promise<void> {
  const fake = fakeTwilioChatCloud(config);
  cloud = fake.cloud;
  ({ url, close: closeServer } = await serveRoutes(createTwilioChatHandler({ config, client: fake.client, identitySecret: SECRET })));
}
const teardown = () => closeServer();

/**
 * Where the SDK runs: on the page's thread (the transport holds the SDK's objects), or in the
 * SDK worker (src/transports/twilio-chat/startSdk.ts), whose proxies and host speak the protocol of
 * src/transports/twilio-chat/worker/protocol.ts over a MessageChannel here: everything below runs
 * both ways, so the proxy is held to what the SDK itself does.
 */
const PLACEMENTS: { name: string; client(create: CreateSdkClient): CreateSdkClient }[] = [
  { name: 'on the page', client: (create) => create },
  { name: 'behind the worker protocol', client: (create) => sdkOverPorts(create) },
];

for (const placement of PLACEMENTS) {
  chatTransportConformance({
    name: `twilio (fake Conversations cloud, real server half), the SDK ${placement.name}`,
    setup,
    teardown,
    context: (path) => makeContext(null, path),
    async newVisitor() {
      const visitorId = newClientId() + newClientId();
      const store = memoryStore();
      await store.set('visitor', { credential: visitorId });
      const transport = createTwilioChatTransport({ server: url, store, consentGranted: () => true, createClient: placement.client(cloud.createClient), fetch: nodeFetch });
      const identity = toTwilioIdentity(`visitor_${visitorId}`);
      const conv = () => {
        const c = cloud.conversation(identity);
        if (!c) throw new Error('no conversation for the visitor yet');
        return c;
      };
      const agent: AgentSide = {
        async join() {
          if (!conv().participants.has(AGENT)) cloud.agentJoin(identity, AGENT, 'Sam');
        },
        async send(text) {
          cloud.agentSend(identity, AGENT, text);
        },
        async typing(on) {
          cloud.agentTyping(identity, AGENT, on);
        },
        async stored() {
          return conv().messages.map((m) => ({
            text: m.body,
            clientId: ((m.attributes as { clientId?: string }) ?? {}).clientId ?? m.sid,
            sender: m.author === identity ? ('visitor' as const) : ('agent' as const),
          }));
        },
        async sawVisitorTyping() {
          return cloud.typingLog.includes(identity);
        },
        async contextPath() {
          return (JSON.parse(conv().attributes) as { baton?: { page?: { path?: string } } }).baton?.page?.path ?? null;
        },
        async close() {
          cloud.close(identity);
        },
        async storedMedia() {
          return conv().messages.map((m) => m.media.map((x) => ({ contentType: x.contentType, size: x.size })));
        },
        async visitorReadIndex() {
          return (conv().participants.get(identity)?.lastRead ?? -1) + 1;
        },
      };
      return {
        transport,
        agent,
        faults: {
          drop: () => cloud.drop(),
          restore: () => cloud.restore(),
          refuseNextSend: () => cloud.refuseNextSend(),
          async credentialAboutToExpire() {
            const before = cloud.tokenUpdates;
            cloud.tokenAboutToExpire();
            return { refreshed: () => cloud.tokenUpdates > before };
          },
          expireCredential: () => cloud.expireTokens(),
        },
        async close() {
          transport.disconnect();
        },
      };
    },
  });

  // What only the Twilio transport does, beyond the shared suite: how it uses the SDK.
  describe(`the Twilio transport and the SDK ${placement.name}`, () => {
    beforeAll(setup);
    afterAll(teardown);
    const start = async () => {
      const visitorId = newClientId() + newClientId();
      const store = memoryStore();
      await store.set('visitor', { credential: visitorId });
      const t = createTwilioChatTransport({ server: url, store, consentGranted: () => true, createClient: placement.client(cloud.createClient), fetch: nodeFetch });
      const states: string[] = [];
      const seen: string[] = [];
      t.on('state', (s) => states.push(s));
      t.on('message', (m) => seen.push(m.text));
      t.on('history', (h) => seen.push(...h.messages.map((m) => m.text)));
      t.on('ack', (a) => seen.push(a.message.text));
      t.connect(makeContext(null, '/twilio'));
      await until(() => states.at(-1) === 'online', 'online');
      return { t, states, seen, identity: toTwilioIdentity(`visitor_${visitorId}`) };
    };

    it('fetches the messages missed while disconnected by index, forward from the highest it saw', async () => {
      const v = await start();
      v.t.send({ clientId: 'twilio-by-index-1', text: 'first' });
      await until(() => v.seen.includes('first'), 'ack');
      cloud.agentJoin(v.identity, AGENT, 'Sam');
      cloud.agentSend(v.identity, AGENT, 'live');
      await until(() => v.seen.includes('live'), 'live message');
      cloud.reads.length = 0;
      cloud.drop();
      await until(() => v.states.at(-1) === 'reconnecting', 'reconnecting');
      cloud.agentSend(v.identity, AGENT, 'missed');
      cloud.restore();
      await until(() => v.seen.includes('missed'), 'the missed message');
      // Twilio indexes 0 ('first') and 1 ('live') were seen: the gap fill reads from index 2 on.
      expect(cloud.reads.filter((r) => r.identity === v.identity)).toEqual([{ identity: v.identity, pageSize: 100, anchor: 2, direction: 'forward' }]);
      expect(v.seen).toEqual(['first', 'live', 'missed']);
      v.t.disconnect();
    });

    it('backs off when every token is refused (a server with a wrong API secret), without a request loop', async () => {
      const badClient = twilio(config.apiKey, config.apiSecret, { accountSid: config.accountSid, httpClient: cloud.httpClient as unknown as twilio.RequestClient });
      const bad = createTwilioChatHandler({ config: { ...config, apiSecret: 'wrongsecretwrongsecretwrongsecret' }, client: badClient, identitySecret: SECRET });
      const sessions: number[] = [];
      const badServer = http.createServer((req, res) => {
        if (req.url === '/twilio/chat/session') sessions.push(performance.now());
        if (!bad(req, res)) res.end();
      });
      await new Promise<void>((r) => badServer.listen(0, '127.0.0.1', r));
      const store = memoryStore();
      const t = createTwilioChatTransport({ server: `http://127.0.0.1:${(badServer.address() as AddressInfo).port}`, store, consentGranted: () => false, createClient: placement.client(cloud.createClient), fetch: nodeFetch });
      const states: string[] = [];
      t.on('state', (s) => states.push(s));
      t.connect(makeContext(null, '/bad'));
      // Attempts at 0 s, ~0 s (the refusal after a first session counts like an expiry), then after
      // Baton's backoff: 1 s, then 2 s, each with up to 40% taken off (src/protocol/backoff.ts).
      await until(() => sessions.length >= 4, 'four attempts', 15_000);
      const gaps = sessions.slice(1, 4).map((t, i) => t - sessions[i]!);
      const least = (attempt: number) => backoffDelay(attempt, () => 0.999_999) - 20; // timers are not to the ms
      expect(gaps[1]).toBeGreaterThanOrEqual(least(0));
      expect(gaps[2]).toBeGreaterThanOrEqual(least(1));
      expect(states).not.toContain('online');
      t.disconnect();
      await new Promise<void>((r) => badServer.close(() => r()));
    });

    it('sends a photo through ChatSession and the outbox the entries use: sending with progress, then sent with its media', async () => {
      const visitorId = newClientId() + newClientId();
      const store = memoryStore();
      await store.set('visitor', { credential: visitorId });
      const deps = { server: url, store, consentGranted: () => true, createClient: placement.client(cloud.createClient), fetch: nodeFetch };
      const transport = withOutbox(createTwilioChatTransport(deps), createOutboxStore({ consentGranted: () => false, onFallback: () => undefined }));
      const chat = new ChatSession(transport, { onStart: () => transport.connect(makeContext(null, '/photo')) });
      const seen: { status: string; progress?: number }[] = [];
      chat.subscribe((s) => {
        const photo = s.messages.find((m) => m.media);
        if (photo) seen.push({ status: photo.status, ...(photo.progress !== undefined ? { progress: photo.progress } : {}) });
      });
      chat.start();
      await until(() => chat.getState().connection === 'online', 'online');
      expect(chat.getState().canSendPhotos).toBe(true);
      expect(chat.sendPhoto(new Blob(['%PDF'], { type: 'application/pdf' }))).toMatchObject({ ok: false, reason: 'bad_type' });
      const sent = chat.sendPhoto(new Blob([new Uint8Array(4096)], { type: 'image/jpeg' }), 'receipt.jpg');
      expect(sent.ok).toBe(true);
      await until(() => chat.getState().messages.find((m) => m.media)?.status === 'sent', 'the photo sent');
      const item = chat.getState().messages.find((m) => m.media)!;
      expect(item.media).toEqual([{ id: expect.stringMatching(/^ME/), contentType: 'image/jpeg', filename: 'receipt.jpg', size: 4096 }]);
      expect(seen[0]).toEqual({ status: 'sending', progress: 0 });
      expect(await chat.mediaUrl(item.media![0]!.id)).toMatch(/^https:\/\//);
      const stored = cloud.conversation(toTwilioIdentity(`visitor_${visitorId}`))!.messages;
      expect(stored.map((m) => m.media.map((x) => x.contentType))).toEqual([['image/jpeg']]);
      chat.destroy();
    });

    it('answers a denied connection (a revoked token) with a fresh token on a new client', async () => {
      const v = await start();
      const before = cloud.clients.size;
      const old = [...cloud.clients].at(-1)!;
      old.setConnection('denied');
      await until(() => v.states.at(-1) === 'online' && v.states.includes('reconnecting'), 'online again after reconnecting');
      expect(old.shutDown).toBe(true);
      expect(cloud.clients.size).toBe(before);
      v.t.send({ clientId: 'twilio-after-deny', text: 'still here' });
      await until(() => v.seen.includes('still here'), 'a message on the new client');
      v.t.disconnect();
    });
  });
}

// The site's bot through the browser half (issue 14): its messages come as the bot's, its state as
// the conversation's `bot`, and "Talk to a person" (handover()) reaches the server half.
describe('the Twilio transport and the site\'s bot', () => {
  let botUrl: string;
  let closeBot: () => Promise<void>;
  beforeAll(async () => {
    const fake = fakeTwilioChatCloud(config);
    cloud = fake.cloud;
    // happy-dom's URL is not node's: the file by its path from the repository root (vitest's cwd).
    const articles = JSON.parse(readFileSync('demo/articles.json', 'utf8'));
    ({ url: botUrl, close: closeBot } = await serveRoutes(createTwilioChatHandler({ config, client: fake.client, identitySecret: SECRET, publicUrl: 'https://baton.shop.example', bot: articleBot({ articles }), botName: 'Fernwood assistant' })));
  });
  afterAll(() => closeBot());

  it('shows the bot answering, its message labelled, and hands over on handover()', async () => {
    const visitorId = newClientId() + newClientId();
    const store = memoryStore();
    await store.set('visitor', { credential: visitorId });
    const t = createTwilioChatTransport({ server: botUrl, store, consentGranted: () => true, createClient: cloud.createClient, fetch: nodeFetch });
    const states: string[] = [];
    const messages: ChatMessage[] = [];
    const bots: (string | undefined)[] = [];
    t.on('state', (s) => states.push(s));
    t.on('message', (m) => messages.push(m));
    t.on('status', (s) => bots.push(s.bot));
    t.connect(makeContext(null, '/help'));
    await until(() => states.at(-1) === 'online', 'online');
    expect(t.handover!()).toBe(false); // no bot answering yet
    const acked: ChatMessage[] = [];
    t.on('ack', (a) => acked.push(a.message));
    t.send({ clientId: 'twilio-bot-question', text: 'How do I get a refund?' });
    await until(() => acked.length === 1, 'ack');
    // Twilio's webhook for that message (the fake cloud does not call webhooks by itself).
    const identity = toTwilioIdentity(`visitor_${visitorId}`);
    const c = cloud.conversation(identity)!;
    const form = { EventType: 'onMessageAdded', AccountSid: config.accountSid, ConversationSid: c.sid, MessageSid: c.messages[0]!.sid, Index: '0', Author: identity, Body: 'How do I get a refund?', Attributes: '{}' };
    const signature = twilio.getExpectedTwilioSignature(config.authToken!, `https://baton.shop.example/twilio/chat/webhook`, form);
    await nodeFetch(`${botUrl}/twilio/chat/webhook`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature }, body: new URLSearchParams(form).toString() });
    await until(() => messages.some((m) => m.sender === 'bot'), 'the bot answers');
    expect(messages.find((m) => m.sender === 'bot')).toMatchObject({ bot: { name: 'Fernwood assistant' } });
    expect(messages.find((m) => m.sender === 'bot')!.agent).toBeUndefined();
    await until(() => bots.at(-1) === 'answering', 'bot answering');
    expect(t.handover!()).toBe(true);
    await until(() => bots.at(-1) === 'handed_over', 'handed over');
    await until(() => messages.some((m) => m.sender === 'bot' && /getting a person/.test(m.text)), 'the bot says a person is coming');
    t.disconnect();
  });
});
