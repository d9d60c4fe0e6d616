// Click-to-call (issue 5), server side: Voice tokens, the voice webhook's TwiML, Twilio signatures,
// and the 6-digit context codes. Offline: nothing here talks to Twilio.
import Database from 'better-sqlite3';
import { createHmac } from 'node:crypto';
import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import type { ContextSnapshot } from '../../src/protocol/context';
import { createContextCodes } from '../../src/server/embedded/contextCodes';
import { migrate } from '../../src/server/embedded/migrations';
import { isTwilioIdentity, toTwilioIdentity } from '../../src/server/twilio/identity';
import { verifyTwilioRequest } from '../../src/server/twilio/signature';
import { mintVoiceToken } from '../../src/server/twilio-voice/token';
import { codeActionTwiml, dialClientTwiml, summarizeForTask, TASK_ATTRIBUTES_MAX_CHARS, voiceWebhookTwiml, type ResolvedContext } from '../../src/server/twilio-voice/twiml';
import { identity, makeContext } from './helpers';

const ACCOUNT = `AC${'a'.repeat(32)}`;
const KEY = `SK${'b'.repeat(32)}`;
const APP = `AP${'c'.repeat(32)}`;
const WORKFLOW = `WW${'d'.repeat(32)}`;
const SECRET = 'api-secret-for-tests';

/** Verifies an HS256 JWT with node:crypto and returns its header and payload. */
function verifyJwt(token: string, secret: string): { header: Record<string, unknown>; payload: Record<string, any> } {
  const [h, p, s] = token.split('.');
  expect(s).toBe(createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url'));
  return { header: JSON.parse(Buffer.from(h!, 'base64url').toString()), payload: JSON.parse(Buffer.from(p!, 'base64url').toString()) };
}

const xmlText = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
function taskJson(xml: string): Record<string, any> {
  const m = /<Task>([\s\S]*?)<\/Task>/.exec(xml);
  expect(m).not.toBeNull();
  const text = xmlText(m![1]!);
  expect(text.length).toBeLessThanOrEqual(TASK_ATTRIBUTES_MAX_CHARS);
  return JSON.parse(text);
}

describe('Voice access token', () => {
  it('carries a VoiceGrant (outgoing app, incoming for agents), the identity and the ttl, signed with the API secret', () => {
    const before = Math.floor(Date.now() / 1000);
    const token = mintVoiceToken({ accountSid: ACCOUNT, apiKey: KEY, apiSecret: SECRET, identity: 'agent_a1', outgoingApplicationSid: APP, incomingAllow: true, ttlSeconds: 600 });
    const { header, payload } = verifyJwt(token, SECRET);
    expect(header).toMatchObject({ alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1' });
    expect(payload.iss).toBe(KEY);
    expect(payload.sub).toBe(ACCOUNT);
    expect(payload.grants.identity).toBe('agent_a1');
    expect(payload.grants.voice).toEqual({ incoming: { allow: true }, outgoing: { application_sid: APP } });
    expect(payload.exp - payload.iat).toBe(600);
    expect(payload.iat).toBeGreaterThanOrEqual(before - 1);
    expect(() => verifyJwt(token, 'another-secret')).toThrow();
  });

  it('defaults to one hour, visitors get no incoming grant, and malformed options are refused', () => {
    const { payload } = verifyJwt(mintVoiceToken({ accountSid: ACCOUNT, apiKey: KEY, apiSecret: SECRET, identity: toTwilioIdentity('v_x-y'), outgoingApplicationSid: APP, incomingAllow: false }), SECRET);
    expect(payload.exp - payload.iat).toBe(3600);
    expect(payload.grants.voice.incoming).toBeUndefined();
    const ok = { accountSid: ACCOUNT, apiKey: KEY, apiSecret: SECRET, identity: 'a', outgoingApplicationSid: APP, incomingAllow: false };
    expect(() => mintVoiceToken({ ...ok, identity: 'has-dash' })).toThrow(/identity/);
    expect(() => mintVoiceToken({ ...ok, identity: 'x'.repeat(122) })).toThrow(/identity/);
    expect(() => mintVoiceToken({ ...ok, ttlSeconds: 86_401 })).toThrow(/ttl/);
    expect(() => mintVoiceToken({ ...ok, accountSid: 'AC123' })).toThrow(/accountSid/);
    expect(() => mintVoiceToken({ ...ok, outgoingApplicationSid: 'nope' })).toThrow(/outgoingApplicationSid/);
  });

  it('toTwilioIdentity maps any id to [A-Za-z0-9_]{1,121}, deterministically and one to one', () => {
    expect(toTwilioIdentity('abcXYZ09')).toBe('abcXYZ09');
    expect(toTwilioIdentity('a_b-1')).toBe('a_5fb_2d1');
    expect(toTwilioIdentity('é')).toBe('_c3_a9');
    const inputs = ['a_5fb', 'a_b', 'a-b', 'x'.repeat(121), 'x'.repeat(122), 'y'.repeat(500), '😀'.repeat(40), 'v_AbC-dEf_123'];
    const outputs = inputs.map(toTwilioIdentity);
    for (const out of outputs) expect(isTwilioIdentity(out)).toBe(true);
    expect(new Set(outputs).size).toBe(inputs.length);
    expect(toTwilioIdentity('y'.repeat(500))).toBe(outputs[5]);
    expect(() => toTwilioIdentity('')).toThrow();
  });
});

function hugeSnapshot(): ContextSnapshot {
  const ctx = makeContext(identity({ name: 'N'.repeat(5000), email: `${'e'.repeat(5000)}@x.test` }, undefined, true));
  const long = '\u0001'.repeat(3000);
  ctx.page.title = long;
  ctx.page.path = `/${long}`;
  ctx.journey = Array.from({ length: 500 }, (_, i) => ({ path: `/p/${i}/${'q'.repeat(900)}`, title: `T${i} ${'"'.repeat(300)}`, at: i, dwellMs: 1, kind: 'route' as const }));
  ctx.signals = [
    { type: 'rage_click', detail: 'button', path: '/', firstAt: 1, at: 2, count: 3 },
    { type: 'error', detail: 'x', path: '/', firstAt: 1, at: 2, count: 2 },
    { type: 'error', detail: 'y', path: '/', firstAt: 1, at: 2, count: 1 },
  ];
  return ctx;
}

describe('Task attributes', () => {
  it('summarizes name, email, verified flags, page, journey, signal counts and routing hints', () => {
    const ctx = makeContext(identity({ name: 'Ada', email: 'ada@x.test' }, undefined, true));
    ctx.signals = [{ type: 'form_invalid', detail: 'f', path: '/', firstAt: 1, at: 2, count: 4 }];
    const s = JSON.parse(summarizeForTask(ctx, { queue: 'sales', skill: 'outdoor', path: ['Sales', 'Outdoor'] }, 'c_1'));
    expect(s).toMatchObject({
      baton: 1, channel: 'call', conversationId: 'c_1', queue: 'sales', skill: 'outdoor', routingPath: ['Sales', 'Outdoor'],
      identity: { name: 'Ada', email: 'ada@x.test', verified: { name: true, email: true } },
      pre_engagement_data: { friendlyName: 'Ada', email: 'ada@x.test' },
      page: { title: 'Stormline 3L Shell', path: '/product/stormline' },
      journey: [{ path: '/product/stormline', title: 'Stormline 3L Shell' }], journeyTrimmed: 0,
      signals: [{ type: 'form_invalid', count: 4 }],
    });
    expect(JSON.parse(summarizeForTask(null, {}, undefined, 'phone'))).toMatchObject({ channel: 'phone', identity: null, pre_engagement_data: null, page: null, journey: [] });
  });

  it('stays within 4,096 characters for a huge snapshot, trimming the journey first and keeping the hints', () => {
    const json = summarizeForTask(hugeSnapshot(), { queue: 'q'.repeat(1000), skill: 'support' }, 'c_big');
    expect(json.length).toBeLessThanOrEqual(TASK_ATTRIBUTES_MAX_CHARS);
    const s = JSON.parse(json);
    expect(s.skill).toBe('support');
    expect(s.queue).toBe(`${'q'.repeat(63)}…`);
    expect(s.conversationId).toBe('c_big');
    expect(s.journeyTrimmed).toBe(500 - s.journey.length);

    // Only the journey too long: it loses its oldest entries, the rest stays whole.
    const ctx = makeContext(identity({ name: 'Ada' }));
    ctx.journey = Array.from({ length: 50 }, (_, i) => ({ path: `/p/${i}/${'\u0001'.repeat(100)}`, title: `T${i}`, at: i, dwellMs: 1, kind: 'route' as const }));
    const t = JSON.parse(summarizeForTask(ctx, { queue: 'sales' }));
    expect(t.journey.length).toBeGreaterThan(0);
    expect(t.journey.length).toBeLessThan(10);
    expect(t.journey.at(-1).title).toBe('T49');
    expect(t.identity.name).toBe('Ada');
    expect(t.page.title).toBe('Stormline 3L Shell');
  });
});

describe('one task summary for chats and calls', () => {
  it('chat and call tasks carry the same summary, differing only in the channel; the snapshot routing hints are used unless overridden', async () => {
    const { taskAttributesFor } = await import('../../src/server/twilio-chat/flex');
    const ctx = makeContext(identity({ name: 'Ada' }));
    const chat = JSON.parse(taskAttributesFor(ctx, { conversationId: 'c_1', hints: { skill: 'billing' } }));
    const call = JSON.parse(summarizeForTask(ctx, { skill: 'billing' }, 'c_1'));
    expect(chat.channel).toBe('chat');
    expect({ ...chat, channel: 'call' }).toEqual(call);
    const routed = { ...ctx, routing: { queue: 'billing', skill: 'invoices', path: ['Billing', 'Invoices'] } } as ContextSnapshot;
    expect(JSON.parse(taskAttributesFor(routed))).toMatchObject({ queue: 'billing', skill: 'invoices', routingPath: ['Billing', 'Invoices'] });
    expect(JSON.parse(summarizeForTask(routed, { skill: 'sales' }))).toMatchObject({ queue: 'billing', skill: 'sales' });
  });
});

describe('voice webhook TwiML', () => {
  const ctx = makeContext(identity({ name: 'Ada & Co <x>' }));
  const contexts = new Map<string, ResolvedContext>([['ref_1', { conversationId: 'c_1', snapshot: ctx }]]);
  const options = {
    workflowSid: WORKFLOW,
    hints: { queue: 'sales', skill: 'outdoor' },
    codeActionUrl: 'https://shop.test/baton/voice/code?x=1&y=2',
    resolveContextRef: (ref: string) => contexts.get(ref) ?? null,
  };

  it('enqueues a browser call with its context in the Task attributes', () => {
    const xml = voiceWebhookTwiml({ From: 'client:v_1', contextRef: 'ref_1', CallSid: 'CA1' }, options);
    expect(xml).toContain(`<Enqueue workflowSid="${WORKFLOW}">`);
    const task = taskJson(xml);
    expect(task).toMatchObject({ channel: 'call', conversationId: 'c_1', identity: { name: 'Ada & Co <x>' }, queue: 'sales', skill: 'outdoor' });
    // Unknown or malformed refs: enqueued without context.
    expect(taskJson(voiceWebhookTwiml({ From: 'client:v_1', contextRef: 'nope' }, options))).toMatchObject({ identity: null, page: null, queue: 'sales' });
    expect(taskJson(voiceWebhookTwiml({ From: 'client:v_1', contextRef: '<script>' }, options)).conversationId).toBeUndefined();
  });

  it('dials one agent directly when asked', () => {
    const xml = voiceWebhookTwiml({ From: 'client:v_1', contextRef: 'ref_1', agent: 'a1' }, { ...options, directAgent: (p) => (p.agent === 'a1' ? 'agent_a1' : null) });
    expect(xml).toMatch(/<Dial><Client>agent_a1<\/Client><\/Dial>/);
    expect(dialClientTwiml('agent_x')).toContain('<Client>agent_x</Client>');
  });

  it('asks a phone caller for the 6-digit code, falling back to the queue', () => {
    const xml = voiceWebhookTwiml({ From: '+447700900123', To: '+441234567890', CallSid: 'CA2' }, options);
    const gather = /<Gather ([^>]*)>/.exec(xml)?.[1] ?? '';
    expect(gather).toContain('numDigits="6"');
    expect(gather).toContain('action="https://shop.test/baton/voice/code?x=1&amp;y=2"');
    expect(gather).toMatch(/timeout="\d+"/);
    expect(xml).toMatch(/<\/Gather><Say>[^<]+<\/Say><Enqueue workflowSid="WW/);
  });

  it('the code action enqueues with the context found, else says so and enqueues without', () => {
    const seen: [string, string][] = [];
    const lookup = (code: string, requester: string) => {
      seen.push([code, requester]);
      return code === '004217' ? contexts.get('ref_1')! : code === '999999' ? 'rate_limited' as const : null;
    };
    const found = codeActionTwiml({ Digits: '004217', From: '+447700900123' }, lookup, options);
    expect(found).not.toContain('<Say>');
    expect(taskJson(found)).toMatchObject({ channel: 'phone', conversationId: 'c_1', skill: 'outdoor' });
    const missing = codeActionTwiml({ Digits: '123456', From: '+447700900123' }, lookup, options);
    expect(missing).toMatch(/<Say>[^<]*not found[^<]*<\/Say><Enqueue/);
    expect(taskJson(missing).conversationId).toBeUndefined();
    expect(codeActionTwiml({ Digits: '999999', From: '+1' }, lookup, options)).toMatch(/Too many attempts/);
    expect(seen[0]).toEqual(['004217', '+447700900123']);
  });
});

describe('X-Twilio-Signature', () => {
  const authToken = 'auth-token-12345';
  const url = 'https://shop.test/baton/voice?x=1';
  const params = { CallSid: 'CA1', From: 'client:v_1', contextRef: 'ref_1' };
  const signature = twilio.getExpectedTwilioSignature(authToken, url, params);

  it('accepts a genuine signature', () => {
    expect(verifyTwilioRequest({ authToken, signature, url, params })).toBe(true);
  });

  it('refuses a forged signature, a wrong URL, changed params, another token, and anything missing', () => {
    expect(verifyTwilioRequest({ authToken, signature: `${signature.slice(0, -2)}AA`, url, params })).toBe(false);
    expect(verifyTwilioRequest({ authToken, signature, url: 'https://evil.test/baton/voice?x=1', params })).toBe(false);
    expect(verifyTwilioRequest({ authToken, signature, url, params: { ...params, contextRef: 'ref_2' } })).toBe(false);
    expect(verifyTwilioRequest({ authToken: 'other', signature, url, params })).toBe(false);
    expect(verifyTwilioRequest({ authToken: undefined, signature, url, params })).toBe(false);
    expect(verifyTwilioRequest({ authToken, signature: undefined, url, params })).toBe(false);
    expect(verifyTwilioRequest({ authToken, signature: [signature, signature], url, params })).toBe(false);
    expect(verifyTwilioRequest({ authToken, signature: '', url, params })).toBe(false);
    expect(verifyTwilioRequest({ authToken, signature, url: undefined, params })).toBe(false);
    expect(verifyTwilioRequest({ authToken, signature, url, params: undefined })).toBe(false);
  });
});

describe('context codes', () => {
  function setup(options: { maxFailures?: number; maxGlobalFailures?: number } = {}) {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db);
    db.prepare('INSERT INTO visitors (id, credential_hash, created_at, last_seen_at) VALUES (?, ?, 0, 0)').run('v_1', 'h');
    for (const id of ['c_1', 'c_2']) {
      db.prepare("INSERT INTO conversations (id, visitor_id, status, created_at, waiting_since) VALUES (?, 'v_1', 'waiting', 0, 0)").run(id);
    }
    const clock = { t: 1_000_000 };
    const codes = createContextCodes(db, { now: () => clock.t, ...options });
    return { db, clock, codes };
  }

  it('issues 6-digit string codes that resolve to the right conversation, once', () => {
    const { codes } = setup();
    const a = codes.issueCode('c_1');
    const b = codes.issueCode('c_2');
    expect(a.code).toMatch(/^[0-9]{6}$/);
    expect(a.expiresAt).toBe(1_000_000 + 10 * 60 * 1000);
    expect(codes.redeemCode(b.code, '+1')).toEqual({ status: 'ok', conversationId: 'c_2' });
    expect(codes.redeemCode(a.code, '+1')).toEqual({ status: 'ok', conversationId: 'c_1' });
    expect(codes.redeemCode(a.code, '+1')).toEqual({ status: 'not_found' });
  });

  it('issuing again replaces the earlier code of the conversation; unknown conversations are refused', () => {
    const { codes } = setup();
    const first = codes.issueCode('c_1');
    const second = codes.issueCode('c_1');
    if (first.code !== second.code) expect(codes.redeemCode(first.code, '+1')).toEqual({ status: 'not_found' });
    expect(codes.redeemCode(second.code, '+1')).toEqual({ status: 'ok', conversationId: 'c_1' });
    expect(() => codes.issueCode('c_missing')).toThrow();
  });

  it('expires after 10 minutes', () => {
    const { codes, clock } = setup();
    const a = codes.issueCode('c_1');
    const b = codes.issueCode('c_2');
    clock.t += 10 * 60 * 1000 - 1;
    expect(codes.redeemCode(a.code, '+1')).toEqual({ status: 'ok', conversationId: 'c_1' });
    clock.t += 1;
    expect(codes.redeemCode(b.code, '+1')).toEqual({ status: 'not_found' });
  });

  it('refuses a requester after 10 failures in 10 minutes, even with the right code, then lets it try again', () => {
    const { codes, clock } = setup();
    const { code } = codes.issueCode('c_1');
    const wrong = code === '000000' ? '000001' : '000000';
    for (let i = 0; i < 10; i++) {
      expect(codes.redeemCode(i % 2 ? wrong : 'abc', '+1555')).toEqual({ status: 'not_found' });
      clock.t += 1000;
    }
    const refused = codes.redeemCode(code, '+1555');
    expect(refused.status).toBe('rate_limited');
    expect(refused.status === 'rate_limited' && refused.retryAfterMs).toBe(10 * 60 * 1000 - 10_000);
    // Another caller is not affected; the code was not consumed by the refused attempt.
    expect(codes.redeemCode(code, '+1666')).toEqual({ status: 'ok', conversationId: 'c_1' });
    const again = codes.issueCode('c_1');
    clock.t += 10 * 60 * 1000;
    expect(codes.redeemCode(again.code, '+1555')).toEqual({ status: 'not_found' }); // expired meanwhile, but not refused
  });

  it('a global ceiling stops guesses spread over many caller ids', () => {
    const { codes } = setup({ maxGlobalFailures: 5 });
    const { code } = codes.issueCode('c_1');
    const wrong = code === '000000' ? '000001' : '000000';
    for (let i = 0; i < 5; i++) expect(codes.redeemCode(wrong, `+1${i}`).status).toBe('not_found');
    expect(codes.redeemCode(code, '+199').status).toBe('rate_limited');
  });
});
