// @vitest-environment happy-dom
// The satisfaction survey on Twilio (issue 15): the browser's Twilio chat transport, under a real
// ChatSession, asks it once the agent's desk closed the conversation; the answer goes to the site's
// server half (createTwilioChatHandler over real HTTP, the real `twilio` package) which writes it into
// the conversation's attributes in the fake Twilio cloud (tests/fakes/twilioConversations.ts, checked
// against the SDK's types): once, only by the visitor of that conversation, kept by later contexts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { until } from '../conformance/chatTransport';
import type { FakeTwilioCloud } from '../fakes/twilioConversations';
import { ChatSession } from '../../src/core/chat/session';
import { createTwilioChatTransport } from '../../src/transports/twilio-chat/transport';
import { memoryStore } from '../../src/storage/memoryStore';
import { createTwilioChatHandler, toTwilioIdentity } from '../../src/server/index';
import { TWILIO_CHAT_CONTEXT_PATH, TWILIO_CHAT_RATE_PATH } from '../../src/protocol/twilio';
import { SECRET, makeContext, newClientId, request, serveRoutes } from './helpers';
import { TWILIO_CHAT_CONFIG, fakeTwilioChatCloud } from './twilioChatCloud';

const config = TWILIO_CHAT_CONFIG;
const NOW = 1_765_000_000_000;
let cloud: FakeTwilioCloud;
let url: string;
let closeServer: () => Promise<void>;

/** fetch over node:http (happy-dom's fetch applies page CORS rules; the page's origin is not the point here). */
const nodeFetch = ((target: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) =>
  new Promise((resolve, reject) => {
    const req = http.request(target, { method: init.method ?? 'GET', headers: init.headers }, (res) => {
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

beforeAll(async () => {
  const fake = fakeTwilioChatCloud(config);
  cloud = fake.cloud;
  ({ url, close: closeServer } = await serveRoutes(createTwilioChatHandler({ config, client: fake.client, identitySecret: SECRET, now: () => NOW })));
});
afterAll(() => closeServer());

const post = (path: string, body: unknown) => request(url + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

/** A visitor on Twilio with the widget's own chat session, who wrote once and was answered. */
async function visitorWithAClosedChat() {
  const visitorId = newClientId() + newClientId();
  const store = memoryStore();
  await store.set('visitor', { credential: visitorId });
  const transport = createTwilioChatTransport({ server: url, store, consentGranted: () => true, createClient: cloud.createClient, fetch: nodeFetch });
  const session = new ChatSession(transport, { onStart: () => transport.connect(makeContext(null, '/orders/42')) });
  session.start();
  await until(() => session.getState().connection === 'online', 'online');
  session.send('Where is my order?');
  const identity = toTwilioIdentity(`visitor_${visitorId}`);
  await until(() => !!cloud.conversation(identity)?.messages.length, 'stored');
  cloud.agentJoin(identity, 'agent_5fsam', 'Sam');
  cloud.agentSend(identity, 'agent_5fsam', 'It ships today.');
  await until(() => session.getState().messages.length === 2, 'answered');
  expect(session.getState().conversation?.survey).toBeUndefined(); // not before the end
  cloud.close(identity);
  await until(() => session.getState().conversation?.survey === 'due', 'the survey asked once closed');
  const conversationSid = cloud.conversation(identity)!.sid;
  const attributes = () => JSON.parse(cloud.conversation(identity)!.attributes) as { csat?: unknown; baton?: { page?: { path?: string } } };
  return { visitorId, identity, conversationSid, session, transport, attributes };
}

describe('the satisfaction survey on Twilio', () => {
  it("is asked once the desk closed the conversation; the answer lands in the conversation's attributes, once", async () => {
    const v = await visitorWithAClosedChat();
    expect(v.session.rate(4, '  Quick and kind  ')).toEqual({ ok: true });
    await until(() => v.session.getState().conversation?.survey === 'done', 'done');
    const a = v.attributes();
    expect(a.csat).toEqual({ score: 4, comment: 'Quick and kind', at: NOW });
    expect(a.baton?.page?.path).toBe('/orders/42'); // the context the agent reads stays beside it

    // Asked again (another tab's answer, a replay): refused, the first answer stays.
    const again = await post(TWILIO_CHAT_RATE_PATH, { visitorId: v.visitorId, conversationSid: v.conversationSid, score: 1 });
    expect(again.status).toBe(409);
    expect(v.attributes().csat).toEqual({ score: 4, comment: 'Quick and kind', at: NOW });

    // A later page's context does not rewrite a closed conversation's attributes (nor drop the answer).
    const ctx = await post(TWILIO_CHAT_CONTEXT_PATH, { visitorId: v.visitorId, context: makeContext(null, '/elsewhere') });
    expect(ctx.status).toBe(204);
    expect(v.attributes().csat).toEqual({ score: 4, comment: 'Quick and kind', at: NOW });
    expect(v.attributes().baton?.page?.path).toBe('/orders/42');
    v.transport.disconnect();
  });

  it('a reload after answering: a new conversation, nothing asked again; the closed one keeps its answer', async () => {
    const v = await visitorWithAClosedChat();
    expect(v.session.rate(5)).toEqual({ ok: true });
    await until(() => v.session.getState().conversation?.survey === 'done', 'done');
    v.transport.disconnect();
    const store = memoryStore();
    await store.set('visitor', { credential: v.visitorId });
    const t2 = createTwilioChatTransport({ server: url, store, consentGranted: () => true, createClient: cloud.createClient, fetch: nodeFetch });
    const reloaded = new ChatSession(t2, { onStart: () => t2.connect(makeContext()) });
    reloaded.start();
    await until(() => reloaded.getState().connection === 'online', 'online after a reload');
    // The site's server renamed the closed conversation and gave the visitor a new, empty one.
    expect(reloaded.getState().conversation).toBeNull();
    const closed = cloud.conversation(v.conversationSid)!;
    expect(closed.uniqueName).toBe(`closed_${v.conversationSid}`);
    expect((JSON.parse(closed.attributes) as { csat?: unknown }).csat).toEqual({ score: 5, at: NOW });
    t2.disconnect();
  });

  it('only the visitor of that conversation may answer, only once it is closed, only 1..5 and 1,000 characters', async () => {
    const v = await visitorWithAClosedChat();
    const stranger = await post(TWILIO_CHAT_RATE_PATH, { visitorId: newClientId() + newClientId(), conversationSid: v.conversationSid, score: 1 });
    expect(stranger.status).toBe(404);
    for (const [body, pattern] of [
      [{ visitorId: v.visitorId, conversationSid: v.conversationSid, score: 6 }, /score is 1 to 5/],
      [{ visitorId: v.visitorId, conversationSid: v.conversationSid, score: 2.5 }, /whole number/],
      [{ visitorId: v.visitorId, conversationSid: v.conversationSid, score: 3, comment: 'x'.repeat(1001) }, /over 1000 characters/],
      [{ visitorId: v.visitorId, conversationSid: 'CH123', score: 3 }, /conversationSid/],
    ] as const) {
      const r = await post(TWILIO_CHAT_RATE_PATH, body);
      expect(r.status).toBe(400);
      expect(r.json.error.message).toMatch(pattern);
    }
    expect(v.attributes().csat).toBeUndefined();

    // An open conversation: nothing to rate yet.
    const open = await visitorWithOpenChat();
    const early = await post(TWILIO_CHAT_RATE_PATH, { visitorId: open.visitorId, conversationSid: open.conversationSid, score: 5 });
    expect(early.status).toBe(409);
    expect(open.session.rate(5)).toEqual({ ok: false, reason: 'offline' });
    open.transport.disconnect();
    v.transport.disconnect();
  });
});

async function visitorWithOpenChat() {
  const visitorId = newClientId() + newClientId();
  const store = memoryStore();
  await store.set('visitor', { credential: visitorId });
  const transport = createTwilioChatTransport({ server: url, store, consentGranted: () => true, createClient: cloud.createClient, fetch: nodeFetch });
  const session = new ChatSession(transport, { onStart: () => transport.connect(makeContext()) });
  session.start();
  await until(() => session.getState().connection === 'online', 'online');
  session.send('Hello?');
  const identity = toTwilioIdentity(`visitor_${visitorId}`);
  await until(() => !!cloud.conversation(identity)?.messages.length, 'stored');
  return { visitorId, conversationSid: cloud.conversation(identity)!.sid, session, transport };
}
