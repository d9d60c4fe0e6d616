/**
 * The Twilio Conversations half of baton-sdk/server, offline: the real `twilio` client talks to a
 * recording httpClient that answers with canned Twilio JSON.
 */
import { createHmac } from 'node:crypto';
import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import type { ContextSnapshot } from '../../src/protocol/context';
import {
  conversationAttributes,
  createTwilioChatSession,
  describeConfigProblem,
  mintChatToken,
  preEngagementData,
  readTwilioConfig,
  signIdentity,
  signIdentityJwt,
  taskAttributesFor,
  toTwilioIdentity,
  verifyTwilioRequest,
  type TwilioChatConfig,
} from '../../src/server/index';
import { SECRET, identity, makeContext } from './helpers';

const HEX32 = '0123456789abcdef0123456789abcdef';
const ENV = {
  TWILIO_ACCOUNT_SID: `AC${HEX32}`,
  TWILIO_API_KEY: `SK${HEX32}`,
  TWILIO_API_SECRET: 'apisecretapisecretapisecret12345',
  TWILIO_CONVERSATIONS_SERVICE_SID: `IS${HEX32}`,
  TWILIO_AUTH_TOKEN: 'fedcba9876543210fedcba9876543210',
};
const config: TwilioChatConfig = {
  accountSid: ENV.TWILIO_ACCOUNT_SID,
  apiKey: ENV.TWILIO_API_KEY,
  apiSecret: ENV.TWILIO_API_SECRET,
  conversationsServiceSid: ENV.TWILIO_CONVERSATIONS_SERVICE_SID,
  authToken: ENV.TWILIO_AUTH_TOKEN,
};

function decodeJwt(token: string) {
  const [h, p, s] = token.split('.') as [string, string, string];
  return { header: JSON.parse(Buffer.from(h, 'base64url').toString()), payload: JSON.parse(Buffer.from(p, 'base64url').toString()), signingInput: `${h}.${p}`, signature: s };
}

describe('readTwilioConfig', () => {
  it('accepts a complete, well-formed set', () => {
    const result = readTwilioConfig(ENV);
    expect(result).toEqual({ ok: true, config });
    expect(describeConfigProblem(result)).toMatch(/is configured/);
    const { TWILIO_AUTH_TOKEN: _t, ...withoutToken } = ENV;
    void _t;
    expect(readTwilioConfig(withoutToken)).toEqual({ ok: true, config: { ...config, authToken: undefined } });
  });

  it('is unset when no TWILIO_* variable is set (empty values count as unset)', () => {
    const result = readTwilioConfig({ PATH: '/bin', TWILIO_API_KEY: '  ' });
    expect(result).toEqual({ ok: false, unset: true });
    expect(describeConfigProblem(result)).toMatch(/embedded chat server/);
  });

  it('lists missing and malformed variables without echoing secrets', () => {
    const result = readTwilioConfig({ TWILIO_ACCOUNT_SID: 'XX123', TWILIO_API_KEY: ENV.TWILIO_API_KEY, TWILIO_API_SECRET: 'short!', TWILIO_AUTH_TOKEN: 'nothex' });
    expect(result).toEqual({ ok: false, missing: ['TWILIO_CONVERSATIONS_SERVICE_SID'], invalid: ['TWILIO_ACCOUNT_SID', 'TWILIO_API_SECRET', 'TWILIO_AUTH_TOKEN'] });
    const message = describeConfigProblem(result);
    expect(message).toContain('TWILIO_CONVERSATIONS_SERVICE_SID is missing');
    expect(message).toContain('TWILIO_ACCOUNT_SID is malformed: expected "AC" followed by 32 hex characters');
    expect(message).toContain('TWILIO_AUTH_TOKEN is malformed');
    expect(message).not.toContain('short!');
    expect(message).not.toContain('nothex');
  });
});

describe('toTwilioIdentity', () => {
  it('keeps letters and digits, escapes everything else one to one, caps at 121', () => {
    expect(toTwilioIdentity('visitor_abc123')).toBe('visitor_5fabc123');
    expect(toTwilioIdentity('a.b')).not.toBe(toTwilioIdentity('a-b'));
    expect(toTwilioIdentity('é@x')).toMatch(/^[A-Za-z0-9_]+$/);
    const long = toTwilioIdentity('x'.repeat(500));
    expect(long.length).toBeLessThanOrEqual(121);
    expect(long).not.toBe(toTwilioIdentity(`${'x'.repeat(499)}y`));
    expect(() => toTwilioIdentity('')).toThrow(TypeError);
  });
});

describe('mintChatToken', () => {
  it('is an HS256 JWT signed with the API secret, with a ChatGrant, the identity and the ttl', () => {
    const before = Math.floor(Date.now() / 1000);
    const token = mintChatToken({ config, identity: 'visitor_5fv1', ttlSeconds: 600 });
    const { header, payload, signingInput, signature } = decodeJwt(token);
    expect(header.alg).toBe('HS256');
    expect(createHmac('sha256', config.apiSecret).update(signingInput).digest('base64url')).toBe(signature);
    expect(createHmac('sha256', 'wrong secret').update(signingInput).digest('base64url')).not.toBe(signature);
    expect(payload.iss).toBe(config.apiKey);
    expect(payload.sub).toBe(config.accountSid);
    expect(payload.grants.identity).toBe('visitor_5fv1');
    expect(payload.grants.chat).toEqual({ service_sid: config.conversationsServiceSid });
    expect(payload.exp - payload.iat).toBe(600);
    expect(payload.iat).toBeGreaterThanOrEqual(before);
    expect(decodeJwt(mintChatToken({ config, identity: 'a' })).payload.exp - decodeJwt(mintChatToken({ config, identity: 'a' })).payload.iat).toBe(3600);
  });

  it('refuses identities outside Twilio characters and bad ttls', () => {
    expect(() => mintChatToken({ config, identity: 'a b' })).toThrow(TypeError);
    expect(() => mintChatToken({ config, identity: 'a', ttlSeconds: 0 })).toThrow(RangeError);
  });
});

interface Recorded {
  method: string;
  uri: string;
  data: Record<string, unknown> | undefined;
}

/** A RequestClient stand-in: records every call and plays a tiny Conversations service. */
function fakeTwilio() {
  const requests: Recorded[] = [];
  const conversations = new Map<string, { sid: string; attributes: string; participants: Set<string> }>();
  let next = 1;
  const base = `https://conversations.twilio.com/v1/Services/${config.conversationsServiceSid}/Conversations`;
  const json = (statusCode: number, body: unknown) => ({ statusCode, body: JSON.stringify(body), headers: {} });
  const conversation = (uniqueName: string, c: { sid: string; attributes: string }) => ({ sid: c.sid, unique_name: uniqueName, attributes: c.attributes, chat_service_sid: config.conversationsServiceSid, account_sid: config.accountSid, state: 'active' });
  const find = (key: string) => [...conversations.entries()].find(([name, c]) => name === key || c.sid === key);
  const httpClient = {
    async request(opts: { method: string; uri: string; data?: Record<string, unknown> }) {
      requests.push({ method: opts.method.toUpperCase(), uri: opts.uri, data: opts.data });
      const method = opts.method.toUpperCase();
      const rest = opts.uri.startsWith(base) ? opts.uri.slice(base.length) : null;
      if (rest === null) return json(404, { status: 404, code: 20404, message: 'not found' });
      if (rest === '' && method === 'POST') {
        const uniqueName = String(opts.data?.UniqueName);
        if (conversations.has(uniqueName)) return json(409, { status: 409, code: 50353, message: 'Conversation with provided unique name already exists' });
        const c = { sid: `CH${String(next++).padStart(32, '0')}`, attributes: String(opts.data?.Attributes ?? '{}'), participants: new Set<string>() };
        conversations.set(uniqueName, c);
        return json(201, conversation(uniqueName, c));
      }
      const m = /^\/([^/]+)(\/Participants)?$/.exec(rest);
      const found = m ? find(decodeURIComponent(m[1]!)) : undefined;
      if (!m || !found) return json(404, { status: 404, code: 20404, message: 'The requested resource was not found' });
      const [uniqueName, c] = found;
      if (m[2] && method === 'POST') {
        const id = String(opts.data?.Identity);
        if (c.participants.has(id)) return json(409, { status: 409, code: 50433, message: 'Participant already exists' });
        c.participants.add(id);
        return json(201, { sid: `MB${HEX32}`, conversation_sid: c.sid, identity: id });
      }
      if (method === 'POST') c.attributes = String(opts.data?.Attributes ?? c.attributes);
      return json(200, conversation(uniqueName, c));
    },
  };
  const client = twilio(config.apiKey, config.apiSecret, { accountSid: config.accountSid, httpClient: httpClient as unknown as twilio.RequestClient });
  return { client, requests, conversations, base };
}

describe('createTwilioChatSession', () => {
  it('creates the conversation with uniqueName and attributes, adds the participant, then reuses it', async () => {
    const { client, requests, conversations, base } = fakeTwilio();
    const session = createTwilioChatSession({ config, client, identitySecret: SECRET });
    const context = makeContext(identity({ id: 'u-42', name: 'Ada', email: 'ada@shop.test' }, { hmac: signIdentity('u-42', SECRET) }));

    const first = await session({ visitorId: 'v1', context });
    expect(first.identity).toBe('visitor_5fv1');
    expect(first.verified).toBe(true);
    expect(first.conversationSid).toMatch(/^CH/);
    expect(requests.map((r) => `${r.method} ${r.uri}`)).toEqual([
      `GET ${base}/visitor_5fv1`,
      `POST ${base}`,
      `POST ${base}/${first.conversationSid}/Participants`,
    ]);
    expect(requests[1]!.data).toMatchObject({ UniqueName: 'visitor_5fv1', FriendlyName: 'Ada (unverified)' });
    const attributes = JSON.parse(String(requests[1]!.data!.Attributes));
    expect(attributes.pre_engagement_data).toMatchObject({ friendlyName: 'Ada (unverified)', email: 'ada@shop.test', location: 'http://shop.test/product/stormline' });
    expect(attributes.baton.identity.verified).toEqual({ id: true, name: false, email: false, phone: false });
    expect(attributes.baton.identity.proof).toBeUndefined();
    expect(requests[2]!.data).toEqual({ Identity: 'visitor_5fv1' });
    expect(decodeJwt(first.token).payload.grants).toEqual({ identity: 'visitor_5fv1', chat: { service_sid: config.conversationsServiceSid } });

    requests.length = 0;
    const second = await session({ visitorId: 'v1', context });
    expect(second.conversationSid).toBe(first.conversationSid);
    expect(conversations.size).toBe(1);
    expect(requests.map((r) => `${r.method} ${r.uri}`)).toEqual([
      `GET ${base}/visitor_5fv1`,
      `POST ${base}/${first.conversationSid}`,
      `POST ${base}/${first.conversationSid}/Participants`,
    ]);
    expect(requests.some((r) => r.method === 'POST' && r.uri === base)).toBe(false);
  });

  it('verifies name and e-mail with a JWT proof', async () => {
    const { client, requests } = fakeTwilio();
    const session = createTwilioChatSession({ config, client, identitySecret: SECRET });
    const jwt = signIdentityJwt({ sub: 'u-7', name: 'Grace', email: 'grace@shop.test' }, SECRET);
    const result = await session({ visitorId: 'v7', context: makeContext(identity({ id: 'u-7', name: 'Grace', email: 'grace@shop.test' }, { jwt })) });
    expect(result.verified).toBe(true);
    const create = requests.find((r) => r.method === 'POST' && r.data?.UniqueName)!;
    expect(create.data!.FriendlyName).toBe('Grace');
    expect(JSON.parse(String(create.data!.Attributes)).pre_engagement_data.identityVerified).toEqual({ id: true, name: true, email: true });
  });

  it('passes forged or missing proofs on as unverified, whatever the browser claims', async () => {
    const { client, requests } = fakeTwilio();
    const session = createTwilioChatSession({ config, client, identitySecret: SECRET });
    const forged = await session({ visitorId: 'v2', context: makeContext(identity({ id: 'u-1', name: 'Mallory' }, { hmac: signIdentity('u-1', 'not the secret') }, true)) });
    expect(forged.verified).toBe(false);
    const missing = await session({ visitorId: 'v3', context: makeContext(identity({ id: 'u-1', email: 'm@x.test' }, undefined, true)) });
    expect(missing.verified).toBe(false);
    const anonymous = await session({ visitorId: 'v4', context: makeContext(null) });
    expect(anonymous.verified).toBe(false);
    const creates = requests.filter((r) => r.method === 'POST' && r.data?.UniqueName).map((r) => JSON.parse(String(r.data!.Attributes)));
    expect(creates[0].pre_engagement_data.friendlyName).toBe('Mallory (unverified)');
    expect(creates[0].baton.identity.verified.id).toBe(false);
    expect(creates[1].pre_engagement_data.email).toBe('m@x.test');
    expect(creates[1].pre_engagement_data.identityVerified.email).toBe(false);
    expect(creates[2].pre_engagement_data.friendlyName).toBe('Website visitor');
  });

  it('surfaces Twilio errors other than 404/409 and rejects bad visitor ids', async () => {
    const { client } = fakeTwilio();
    const broken = twilio(config.apiKey, config.apiSecret, {
      accountSid: config.accountSid,
      httpClient: { request: async () => ({ statusCode: 401, body: JSON.stringify({ status: 401, code: 20003, message: 'Authenticate' }), headers: {} }) } as unknown as twilio.RequestClient,
    });
    await expect(createTwilioChatSession({ config, client: broken, identitySecret: SECRET })({ visitorId: 'v1', context: makeContext() })).rejects.toMatchObject({ status: 401 });
    await expect(createTwilioChatSession({ config, client, identitySecret: SECRET })({ visitorId: '', context: makeContext() })).rejects.toThrow(TypeError);
  });
});

function hugeContext(): ContextSnapshot {
  const context = makeContext(identity({ id: 'u-1', name: 'Ada Lovelace', email: 'ada@shop.test' }));
  const now = Date.now();
  context.journey = Array.from({ length: 400 }, (_, i) => ({ path: `/page/${i}/${'x'.repeat(150)}`, title: `Page ${i} ${'é'.repeat(150)}`, at: now - (400 - i) * 1000, dwellMs: 1000, kind: 'route' as const }));
  context.signals = Array.from({ length: 20 }, (_, i) => ({ type: 'error' as const, detail: `boom ${i} ${'y'.repeat(190)}`, path: '/checkout', firstAt: now, at: now, count: 3 }));
  return context;
}

describe('Flex attributes', () => {
  it('pre_engagement_data carries name, e-mail and the current page like Flex webchat', () => {
    const verifiedContext = makeContext(identity({ id: 'u-1', name: 'Ada', email: 'ada@shop.test' }, undefined, true));
    expect(preEngagementData(verifiedContext, '  Where is my order? ')).toEqual({
      friendlyName: 'Ada',
      email: 'ada@shop.test',
      location: 'http://shop.test/product/stormline',
      question: 'Where is my order?',
      identityVerified: { id: true, name: true, email: true },
    });
    expect(preEngagementData(makeContext(identity({ id: 'u-9' }))).friendlyName).toBe('Visitor u-9');
  });

  it('task attributes stay within 4,096 characters, trimming the oldest journey first', () => {
    const small = JSON.parse(taskAttributesFor(makeContext()));
    expect(small.journey).toHaveLength(1);
    expect(small.pre_engagement_data.location).toBe('http://shop.test/product/stormline');

    const context = hugeContext();
    const json = taskAttributesFor(context);
    expect(json.length).toBeLessThanOrEqual(4096);
    const summary = JSON.parse(json);
    expect(summary.journey.length).toBeLessThan(400);
    expect(summary.journeyTrimmed).toBe(400 - summary.journey.length);
    expect(summary.pre_engagement_data).toMatchObject({ friendlyName: 'Ada Lovelace (unverified)', email: 'ada@shop.test' });
    if (summary.journey.length > 0) expect(summary.journey.at(-1).path).toContain('/page/399/');

    context.page.url = `http://shop.test/${'z'.repeat(100_000)}`;
    context.page.title = '"'.repeat(50_000);
    expect(taskAttributesFor(context).length).toBeLessThanOrEqual(4096);
  });

  it('conversation attributes hold the full snapshot within 16 KB, oldest journey dropped first', () => {
    const small = JSON.parse(conversationAttributes(makeContext()));
    expect(small.baton).toMatchObject({ v: 1, custom: { plan: 'pro' }, trimmed: 0, page: { url: 'http://shop.test/product/stormline' } });
    expect(small.pre_engagement_data.location).toBe('http://shop.test/product/stormline');

    const context = hugeContext();
    const json = conversationAttributes(context);
    expect(Buffer.byteLength(json, 'utf8')).toBeLessThanOrEqual(16 * 1024);
    const attributes = JSON.parse(json);
    expect(attributes.baton.journey.length).toBeGreaterThan(0);
    expect(attributes.baton.journey.length).toBeLessThan(400);
    expect(attributes.baton.trimmed).toBe(400 - attributes.baton.journey.length);
    expect(attributes.baton.journey.at(-1).path).toContain('/page/399/');
    expect(attributes.baton.signals).toHaveLength(20);
    expect(context.journey).toHaveLength(400);

    context.page.url = `http://shop.test/${'é'.repeat(20_000)}`;
    expect(Buffer.byteLength(conversationAttributes(context), 'utf8')).toBeLessThanOrEqual(16 * 1024);
  });
});

describe('verifyTwilioRequest', () => {
  const url = 'https://site.test/twilio/conversations?x=1';
  const params = { EventType: 'onMessageAdded', ConversationSid: 'CH123', Body: 'hi' };
  const authToken = ENV.TWILIO_AUTH_TOKEN;

  it('accepts Twilio signatures and refuses forged or incomplete ones', () => {
    const signature = twilio.getExpectedTwilioSignature(authToken, url, params);
    expect(verifyTwilioRequest({ authToken, signature, url, params })).toBe(true);
    expect(verifyTwilioRequest({ authToken, signature: twilio.getExpectedTwilioSignature('0'.repeat(32), url, params), url, params })).toBe(false);
    expect(verifyTwilioRequest({ authToken, signature, url, params: { ...params, Body: 'tampered' } })).toBe(false);
    expect(verifyTwilioRequest({ authToken, signature, url: 'https://evil.test/twilio/conversations?x=1', params })).toBe(false);
    expect(verifyTwilioRequest({ authToken: undefined, signature, url, params })).toBe(false);
    expect(verifyTwilioRequest({ authToken, signature: undefined, url, params })).toBe(false);
    expect(verifyTwilioRequest({ authToken, signature: '', url, params })).toBe(false);
    expect(verifyTwilioRequest({ authToken, signature, url: undefined, params })).toBe(false);
    expect(verifyTwilioRequest({ authToken, signature, url, params: undefined })).toBe(false);
  });
});
