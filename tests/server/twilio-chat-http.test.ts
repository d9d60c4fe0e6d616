/**
 * createTwilioChatHandler over real HTTP, with the real `twilio` package talking to the fake
 * Twilio cloud's REST API (every request recorded): the endpoints and parameters used, tokens
 * decoded and verified, webhook signatures valid and forged, identity forged or missing staying
 * unverified, and every bad input refused with a clear error before anything reaches Twilio.
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeTwilioCloud } from '../fakes/twilioConversations';
import { createTwilioChatHandler, createWebhookEventLog, describeConfigProblem, readTwilioConfig, signIdentity, signIdentityJwt, type TwilioChatWebhookEvent } from '../../src/server/index';
import { TWILIO_CHAT_CONTEXT_PATH, TWILIO_CHAT_SESSION_PATH, TWILIO_CHAT_WEBHOOK_PATH } from '../../src/protocol/twilio';
import { NEW_VISITORS_PER_ADDRESS_BURST } from '../../src/server/embedded/limits';
import { SECRET, identity, makeContext, request, serveRoutes } from './helpers';
import { HEX32, TWILIO_CHAT_CONFIG, fakeTwilioChatCloud } from './twilioChatCloud';

const config = TWILIO_CHAT_CONFIG;
const SITE = 'https://shop.example';

let cloud: FakeTwilioCloud;
let url: string;
let closeServer: () => Promise<void>;
const events: TwilioChatWebhookEvent[] = [];
let now = 1_000_000;
let chatHandler: ReturnType<typeof createTwilioChatHandler>;

beforeAll(async () => {
  const fake = fakeTwilioChatCloud(config);
  cloud = fake.cloud;
  const client = fake.client;
  const flex = { workspaceSid: `WS${HEX32}`, workflowSid: `WW${HEX32}` };
  const handler = (chatHandler = createTwilioChatHandler({ config, client, identitySecret: SECRET, ttlSeconds: 900, publicUrl: 'https://baton.shop.example', allowedOrigins: [SITE], onEvent: (e) => void events.push(e), now: () => now, flex }));
  ({ url, close: closeServer } = await serveRoutes(handler));
});
afterAll(() => closeServer());

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  request(url + path, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
const decode = (token: string) => {
  const [h, p, s] = token.split('.') as [string, string, string];
  return { header: JSON.parse(Buffer.from(h, 'base64url').toString()), payload: JSON.parse(Buffer.from(p, 'base64url').toString()), valid: createHmac('sha256', config.apiSecret).update(`${h}.${p}`).digest('base64url') === s };
};
const base = `https://conversations.twilio.com/v1/Services/${config.conversationsServiceSid}/Conversations`;

describe('POST /twilio/chat/session', () => {
  it('verifies the identity, creates the conversation, adds the participant and returns a verifiable token', async () => {
    cloud.requests.length = 0;
    const context = makeContext(identity({ id: 'u-42', name: 'Ada', email: 'ada@shop.test' }, { jwt: signIdentityJwt({ sub: 'u-42', name: 'Ada', email: 'ada@shop.test' }, SECRET) }));
    const res = await post(TWILIO_CHAT_SESSION_PATH, { visitorId: 'visitor-0000000001', context }, { Origin: SITE });
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe(SITE);
    expect(res.json).toMatchObject({ identity: 'visitor_5fvisitor_2d0000000001', verified: true, ttlSeconds: 900 });
    const token = decode(res.json.token);
    expect(token.valid).toBe(true);
    expect(token.header).toMatchObject({ alg: 'HS256', cty: 'twilio-fpa;v=1' });
    expect(token.payload).toMatchObject({ iss: config.apiKey, sub: config.accountSid, grants: { identity: res.json.identity, chat: { service_sid: config.conversationsServiceSid } } });
    expect(token.payload.exp - token.payload.iat).toBe(900);
    expect(cloud.requests.map((r) => `${r.method} ${r.uri.replace(base, '')}`)).toEqual([
      `GET /${res.json.identity}`,
      'POST ',
      `POST /${res.json.conversationSid}/Participants`,
    ]);
    const created = cloud.requests[1]!.data!;
    expect(created).toMatchObject({ UniqueName: res.json.identity, FriendlyName: 'Ada' });
    const attributes = JSON.parse(String(created.Attributes));
    expect(attributes.pre_engagement_data).toMatchObject({ friendlyName: 'Ada', email: 'ada@shop.test', location: 'http://shop.test/product/stormline', identityVerified: { id: true, name: true, email: true } });
    expect(attributes.baton.identity.proof).toBeUndefined();
  });

  it('keeps a forged or missing identity proof unverified, whatever the browser claims', async () => {
    const forged = makeContext(identity({ id: 'u-1', name: 'Mallory' }, { hmac: signIdentity('u-1', 'not the secret') }, true));
    const a = await post(TWILIO_CHAT_SESSION_PATH, { visitorId: 'visitor-forged-0001', context: forged });
    expect(a.status).toBe(200);
    expect(a.json.verified).toBe(false);
    expect(JSON.parse(cloud.conversation(a.json.identity)!.attributes).pre_engagement_data).toMatchObject({ friendlyName: 'Mallory (unverified)', identityVerified: { id: false, name: false, email: false } });
    const missing = await post(TWILIO_CHAT_SESSION_PATH, { visitorId: 'visitor-noproof-01', context: makeContext(identity({ id: 'u-1', email: 'm@x.test' }, undefined, true)) });
    expect(missing.json.verified).toBe(false);
  });

  it('refuses bad input with a clear error and calls Twilio for none of it', async () => {
    cloud.requests.length = 0;
    const context = makeContext();
    const cases: [unknown, number, RegExp, Record<string, string>?][] = [
      [{ visitorId: 'short', context }, 400, /visitorId must be 16 to 64 characters/],
      [{ visitorId: 'visitor-0000000001', context: { ...context, v: 2 } }, 400, /context/],
      [{ visitorId: 'visitor-0000000001', context, extra: 1 }, 400, /extra/],
      ['{not json', 400, /not valid JSON/],
      [{ visitorId: 'visitor-0000000001', context }, 415, /must be JSON/, { 'Content-Type': 'text/plain' }],
      [{ visitorId: 'visitor-0000000001', context: { ...context, custom: { x: 'y'.repeat(20_000) } } }, 413, /over 16384 bytes/],
      [{ visitorId: 'visitor-0000000001', context }, 403, /Origin https:\/\/evil\.example may not/, { Origin: 'https://evil.example' }],
    ];
    for (const [body, status, message, headers] of cases) {
      const res = await post(TWILIO_CHAT_SESSION_PATH, body, headers);
      expect(res.status, JSON.stringify(res.json)).toBe(status);
      expect(res.json.error.message).toMatch(message);
    }
    expect((await request(url + TWILIO_CHAT_SESSION_PATH)).status).toBe(405);
    expect(cloud.requests).toEqual([]);
  });

  it('answers a CORS preflight only for allowed origins, and leaves other paths to the site', async () => {
    const ok = await request(url + TWILIO_CHAT_SESSION_PATH, { method: 'OPTIONS', headers: { Origin: SITE } });
    expect(ok.status).toBe(204);
    expect(ok.headers['access-control-allow-methods']).toBe('POST');
    expect((await request(url + TWILIO_CHAT_SESSION_PATH, { method: 'OPTIONS', headers: { Origin: 'https://evil.example' } })).status).toBe(403);
    expect((await request(`${url}/twilio/chat/other`)).text).toBe('not mine');
  });
});

describe('new conversations per address (issue 13)', () => {
  it(`creates at most ${NEW_VISITORS_PER_ADDRESS_BURST} at once from one address (429 + Retry-After), never refuses a returning visitor, and counts each address on its own`, async () => {
    const fake = fakeTwilioChatCloud(config);
    const at = 5_000_000;
    const served = await serveRoutes(createTwilioChatHandler({ config, client: fake.client, identitySecret: SECRET, now: () => at }));
    const open = (visitorId: string, localAddress: string, headers: Record<string, string> = {}) =>
      request(served.url + TWILIO_CHAT_SESSION_PATH, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ visitorId, context: makeContext() }), localAddress });
    try {
      for (let i = 0; i < NEW_VISITORS_PER_ADDRESS_BURST; i++) expect((await open(`crowd-visitor-${String(i).padStart(6, '0')}`, '127.0.0.21')).status).toBe(200);
      const refused = await open('crowd-visitor-extra00', '127.0.0.21');
      expect(refused.status).toBe(429);
      expect(refused.json.error.code).toBe('rate_limited');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      // Nothing was created for the refused one; a returning visitor still gets their session.
      expect(fake.cloud.requests.filter((r) => r.method === 'POST' && r.uri === base)).toHaveLength(NEW_VISITORS_PER_ADDRESS_BURST);
      expect((await open('crowd-visitor-000000', '127.0.0.21')).status).toBe(200);
      // Another address has its own count; a forged X-Forwarded-For buys nothing (no trustProxy).
      expect((await open('crowd-visitor-extra00', '127.0.0.22')).status).toBe(200);
      expect((await open('crowd-visitor-forged0', '127.0.0.21', { 'X-Forwarded-For': '198.51.100.1' })).status).toBe(429);
    } finally {
      await served.close();
    }
  });

  it('behind trusted proxies (trustProxy) counts the client the nearest proxy saw', async () => {
    const fake = fakeTwilioChatCloud(config);
    const served = await serveRoutes(createTwilioChatHandler({ config, client: fake.client, identitySecret: SECRET, trustProxy: 1, now: () => 5_000_000 }));
    const open = (visitorId: string, forwardedFor: string) =>
      request(served.url + TWILIO_CHAT_SESSION_PATH, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': forwardedFor }, body: JSON.stringify({ visitorId, context: makeContext() }) });
    try {
      for (let i = 0; i < NEW_VISITORS_PER_ADDRESS_BURST; i++) expect((await open(`proxied-visitor-${String(i).padStart(6, '0')}`, '203.0.113.1')).status).toBe(200);
      expect((await open('proxied-visitor-extra0', '203.0.113.1')).status).toBe(429);
      expect((await open('proxied-visitor-extra0', '203.0.113.2')).status).toBe(200);
      expect(() => createTwilioChatHandler({ config, client: fake.client, identitySecret: SECRET, trustProxy: 99 })).toThrow(/createTwilioChatHandler: trustProxy/);
    } finally {
      await served.close();
    }
  });
});

describe('Flex routing configuration', () => {
  it('needs the workspace and the workflow together, well-formed', () => {
    const env = { TWILIO_ACCOUNT_SID: config.accountSid, TWILIO_API_KEY: config.apiKey, TWILIO_API_SECRET: config.apiSecret, TWILIO_CONVERSATIONS_SERVICE_SID: config.conversationsServiceSid };
    expect(readTwilioConfig({ ...env, TWILIO_FLEX_WORKSPACE_SID: `WS${HEX32}`, TWILIO_FLEX_WORKFLOW_SID: `WW${HEX32}` })).toMatchObject({ ok: true, config: { flexWorkspaceSid: `WS${HEX32}`, flexWorkflowSid: `WW${HEX32}` } });
    const half = readTwilioConfig({ ...env, TWILIO_FLEX_WORKSPACE_SID: `WS${HEX32}` });
    expect(half).toEqual({ ok: false, missing: ['TWILIO_FLEX_WORKFLOW_SID'], invalid: [] });
    expect(describeConfigProblem(half)).toContain('TWILIO_FLEX_WORKFLOW_SID is missing');
    expect(readTwilioConfig({ ...env, TWILIO_FLEX_WORKSPACE_SID: 'WSnope', TWILIO_FLEX_WORKFLOW_SID: `WW${HEX32}` })).toMatchObject({ ok: false, invalid: ['TWILIO_FLEX_WORKSPACE_SID'] });
  });
});

describe('POST /twilio/chat/context', () => {
  it('rewrites the conversation attributes with the verified context, at a bounded rate', async () => {
    const visitorId = 'visitor-context-01';
    expect((await post(TWILIO_CHAT_CONTEXT_PATH, { visitorId, context: makeContext() })).status).toBe(404);
    now += 10_000;
    const s = await post(TWILIO_CHAT_SESSION_PATH, { visitorId, context: makeContext() });
    cloud.requests.length = 0;
    const res = await post(TWILIO_CHAT_CONTEXT_PATH, { visitorId, context: makeContext(null, '/checkout') });
    expect(res.status).toBe(204);
    // Fetched first: a closed conversation is left as it ended (its survey answer with it: twilio-csat.test.ts).
    expect(cloud.requests.map((r) => `${r.method} ${r.uri.replace(base, '')}`)).toEqual([`GET /${s.json.identity}`, `POST /${s.json.identity}`]);
    expect(JSON.parse(cloud.conversation(s.json.identity)!.attributes).baton.page.path).toBe('/checkout');
    const soon = await post(TWILIO_CHAT_CONTEXT_PATH, { visitorId, context: makeContext(null, '/cart') });
    expect(soon.status).toBe(429);
    expect(soon.json.error.code).toBe('rate_limited');
    now += 2_000;
    expect((await post(TWILIO_CHAT_CONTEXT_PATH, { visitorId, context: makeContext(null, '/cart') })).status).toBe(204);
    expect(JSON.parse(cloud.conversation(s.json.identity)!.attributes).baton.page.path).toBe('/cart');
  });
});

describe('conversationOf (binding a Twilio Voice call to the caller\'s chat)', () => {
  it('finds the conversation of the visitor holding the credential, and none for a stranger', async () => {
    const s = await post(TWILIO_CHAT_SESSION_PATH, { visitorId: 'visitor-bound-00001', context: makeContext() });
    expect(s.status).toBe(200);
    expect(await chatHandler.conversationOf('visitor-bound-00001')).toBe(s.json.conversationSid);
    expect(await chatHandler.conversationOf('visitor-never-chatted')).toBeNull();
  });
});

describe('POST /twilio/chat/webhook', () => {
  const params = { EventType: 'onMessageAdded', AccountSid: config.accountSid, ConversationSid: `CH${HEX32}`, MessageSid: `IM${HEX32}`, Index: '3', Author: 'agent_5fsam', Body: 'Hello', Attributes: '{}', ChatServiceSid: config.conversationsServiceSid };
  const form = (p: Record<string, string>) => new URLSearchParams(p).toString();
  const hook = (p: Record<string, string>, signature?: string, type = 'application/x-www-form-urlencoded') =>
    request(url + TWILIO_CHAT_WEBHOOK_PATH, { method: 'POST', headers: { 'Content-Type': type, ...(signature ? { 'X-Twilio-Signature': signature } : {}) }, body: form(p) });
  const sign = (p: Record<string, string>, token = config.authToken!) => twilio.getExpectedTwilioSignature(token, `https://baton.shop.example${TWILIO_CHAT_WEBHOOK_PATH}`, p);

  it('hands a signed onMessageAdded to onEvent', async () => {
    events.length = 0;
    const res = await hook(params, sign(params));
    expect(res.status).toBe(200);
    expect(events).toEqual([{ type: 'onMessageAdded', accountSid: config.accountSid, conversationSid: params.ConversationSid, messageSid: params.MessageSid, index: 3, author: 'agent_5fsam', body: 'Hello', attributes: '{}' }]);
  });

  it("routes the visitor's first message to Flex: an interaction bound to the conversation, with Baton's task summary", async () => {
    const s = await post(TWILIO_CHAT_SESSION_PATH, { visitorId: 'visitor-flex-00001', context: makeContext(identity({ id: 'u-5', name: 'Ada', email: 'ada@shop.test' }, { hmac: signIdentity('u-5', SECRET) })) });
    const first = { ...params, ConversationSid: s.json.conversationSid, Author: s.json.identity, Index: '0', Body: 'Hi' };
    cloud.interactions.length = 0;
    expect((await hook(first, sign(first))).status).toBe(200);
    expect(cloud.interactions).toHaveLength(1);
    const { channel, routing } = cloud.interactions[0] as { channel: Record<string, any>; routing: { properties: Record<string, any> } };
    expect(channel).toEqual({ type: 'web', initiated_by: 'customer', properties: { media_channel_sid: s.json.conversationSid } });
    expect(routing.properties).toMatchObject({ workspace_sid: `WS${HEX32}`, workflow_sid: `WW${HEX32}`, task_channel_unique_name: 'chat' });
    const attributes = routing.properties.attributes;
    expect(attributes).toMatchObject({ customerName: 'Ada (unverified)', channel: 'chat', conversationId: s.json.conversationSid, pre_engagement_data: { email: 'ada@shop.test', location: 'http://shop.test/product/stormline' } });
    expect(JSON.stringify(attributes).length).toBeLessThanOrEqual(4096 + 100);
    // Later messages, and the agent's, make no other task.
    const second = { ...first, Index: '1' };
    const agentFirst = { ...first, Author: 'agent_5fsam' };
    await hook(second, sign(second));
    await hook(agentFirst, sign(agentFirst));
    // Twilio retrying the first message's webhook makes no second task either.
    expect((await hook(first, sign(first))).status).toBe(200);
    expect(cloud.interactions).toHaveLength(1);
  });

  it('refuses forged, missing or replayed-with-changes signatures, and malformed events', async () => {
    events.length = 0;
    expect((await hook(params)).status).toBe(403);
    expect((await hook(params, sign(params, '0'.repeat(32)))).status).toBe(403);
    expect((await hook({ ...params, Body: 'tampered' }, sign(params))).status).toBe(403);
    const bad = { ...params, EventType: 'onSomethingElse' };
    const res = await hook(bad, sign(bad));
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(/EventType must be one of/);
    expect((await hook(params, sign(params), 'application/json')).status).toBe(415);
    expect(events).toEqual([]);
  });

  it('handles each event once: an exact replay of a signed webhook, even after a restart (SQLite), changes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-chat-events-'));
    const path = join(dir, 'twilio-webhook-events.sqlite');
    const seen: TwilioChatWebhookEvent[] = [];
    const serve = async () => {
      const log = createWebhookEventLog({ path });
      const fake = fakeTwilioChatCloud(config);
      const handler = createTwilioChatHandler({ config, client: fake.client, identitySecret: SECRET, publicUrl: 'https://baton.shop.example', onEvent: (e) => void seen.push(e), events: log });
      const served = await serveRoutes(handler);
      const send = (p: Record<string, string>) =>
        request(served.url + TWILIO_CHAT_WEBHOOK_PATH, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': sign(p) }, body: form(p) });
      return { send, close: async () => (await served.close(), log.close()) };
    };
    try {
      const first = await serve();
      const other = { ...params, MessageSid: `IM${'e'.repeat(32)}`, Index: '4' };
      expect((await first.send(params)).status).toBe(200);
      expect((await first.send(params)).status).toBe(200); // replayed: answered, not handled
      expect((await first.send(other)).status).toBe(200);
      await first.close();
      const restarted = await serve();
      expect((await restarted.send(params)).status).toBe(200);
      await restarted.close();
      expect(seen.map((e) => e.messageSid)).toEqual([params.MessageSid, other.MessageSid]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
