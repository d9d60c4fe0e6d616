// The Twilio Voice HTTP routes of baton-sdk/server (createTwilioVoiceHandler) on a real Node HTTP
// server, offline: tokens decoded and verified, TwiML checked, X-Twilio-Signature valid and forged
// (signed with the real `twilio` package), phone codes redeemed from a real SQLite file.
import Database from 'better-sqlite3';
import { createHmac } from 'node:crypto';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_VOICE_CODE_PATH, HTTP_VOICE_STATUS_PATH, HTTP_VOICE_TOKEN_PATH, HTTP_VOICE_WEBHOOK_PATH } from '../../src/protocol/voice';
import { createContextCodes } from '../../src/server/embedded/contextCodes';
import { migrate } from '../../src/server/embedded/migrations';
import { signIdentity } from '../../src/server/identity';
import { createTwilioVoiceHandler, HTTP_VOICE_AGENT_TOKEN_PATH, VOICE_TOKENS_PER_WINDOW, type TwilioVoiceHandler, type VoiceStatusEvent } from '../../src/server/twilio-voice/handler';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWebhookEventLog } from '../../src/server/twilio/webhookEvents';
import { identity, makeContext, SECRET, serveRoutes } from './helpers';

const ACCOUNT = `AC${'a'.repeat(32)}`;
const KEY = `SK${'b'.repeat(32)}`;
const APP = `AP${'c'.repeat(32)}`;
const WORKFLOW = `WW${'d'.repeat(32)}`;
const API_SECRET = 'api-secret-for-tests';
const AUTH_TOKEN = 'f'.repeat(32);
const CALL = (n: number) => `CA${String(n).padStart(32, '0')}`;

function verifyJwt(token: string, secret: string): Record<string, any> {
  const [h, p, s] = token.split('.');
  expect(s).toBe(createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url'));
  return JSON.parse(Buffer.from(p!, 'base64url').toString());
}

const unescapeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
function taskOf(xml: string): Record<string, any> {
  const m = /<Enqueue workflowSid="WW[d]{32}"><Task>([\s\S]*?)<\/Task><\/Enqueue>/.exec(xml);
  expect(m, xml).not.toBeNull();
  const json = unescapeXml(m![1]!);
  expect(json.length).toBeLessThanOrEqual(4096);
  return JSON.parse(json);
}

let base: string;
let closeServer: () => Promise<void>;
let handler: TwilioVoiceHandler;
const statuses: VoiceStatusEvent[] = [];
const db = new Database(':memory:');
migrate(db);
db.prepare('INSERT INTO visitors (id, credential_hash, created_at, last_seen_at) VALUES (?, ?, 0, 0)').run('v_1', 'h');
db.prepare("INSERT INTO conversations (id, visitor_id, status, created_at, waiting_since) VALUES ('c_phone', 'v_1', 'waiting', 0, 0)").run();
const codes = createContextCodes(db, { maxFailures: 3 });
const phoneContext = makeContext(identity({ name: 'Grace Hopper' }), '/billing/invoices');

beforeAll(async () => {
  // The handler needs the server's URL (publicUrl), so it is created once the server listens.
  ({ url: base, close: closeServer } = await serveRoutes((req, res) => handler(req, res)));
  handler = createTwilioVoiceHandler({
    accountSid: ACCOUNT,
    apiKey: KEY,
    apiSecret: API_SECRET,
    authToken: AUTH_TOKEN,
    twimlAppSid: APP,
    workflowSid: WORKFLOW,
    publicUrl: base,
    identitySecret: SECRET,
    hints: { queue: 'support' },
    authenticateAgent: (req) => (req.headers.cookie === 'agent=ok' ? 'a1@shop.test' : null),
    lookupCode: (code, requester) => {
      const r = codes.redeemCode(code, requester);
      return r.status === 'ok' ? { conversationId: r.conversationId, snapshot: phoneContext } : r.status === 'rate_limited' ? 'rate_limited' : null;
    },
    onStatus: (e) => statuses.push(e),
    conversationOf: (credential) => CHATS[credential] ?? null,
  });
});

/** The site's chats: a visitor's credential -> their conversation (what createTwilioChatHandler's conversationOf answers). */
const CHATS: Record<string, string> = { 'credential-of-chat-1': 'c_chat_1', 'credential-of-chat-2': 'c_chat_2', 'credential-of-chat-3': 'c_chat_3' };
const credentialOf = (conversationId: string) => Object.keys(CHATS).find((k) => CHATS[k] === conversationId)!;
afterAll(() => closeServer());

async function postJson(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, body: (await res.json().catch(() => null)) as any, headers: res.headers };
}

/** A webhook as Twilio sends it: form-encoded, signed over the full URL with the auth token. */
async function postTwilio(path: string, params: Record<string, string>, sign: { token?: string; url?: string; signature?: string } = {}) {
  const url = base + path;
  const signature = sign.signature ?? twilio.getExpectedTwilioSignature(sign.token ?? AUTH_TOKEN, sign.url ?? url, params);
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, body: new URLSearchParams(params).toString() });
  return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
}

/** A token for a call from the chat `conversationId` (the browser sends that chat's credential, never the id). */
async function visitorToken(context = makeContext(identity({ id: 'u_ada', name: 'Ada Lovelace', email: 'ada@shop.test' }, { hmac: signIdentity('u_ada', SECRET) })), conversationId?: string) {
  const r = await postJson(HTTP_VOICE_TOKEN_PATH, { context, ...(conversationId ? { credential: credentialOf(conversationId) } : {}) });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as { token: string; identity: string; contextRef: string; refresh: string; expiresAt: number };
}

describe('token route', () => {
  it('mints an outgoing-only Voice token for a random identity, and keeps the verified context under an opaque contextRef', async () => {
    const answer = await visitorToken(undefined, 'c_chat_1');
    const payload = verifyJwt(answer.token, API_SECRET);
    expect(payload.iss).toBe(KEY);
    expect(payload.sub).toBe(ACCOUNT);
    expect(payload.grants.voice).toEqual({ outgoing: { application_sid: APP } });
    expect(payload.grants.identity).toBe(answer.identity);
    expect(payload.exp - payload.iat).toBe(3600);
    // Neither the identity nor the reference Twilio will log says who the visitor is.
    expect(answer.identity).toMatch(/^visitor_[0-9a-f]{32}$/);
    expect(answer.contextRef).toMatch(/^[A-Za-z0-9_-]{22}$/);
    // Random strings hold "ada" by chance once in ~1,600 runs, so look for what a derived value would carry
    // (the whole id, the surname, the e-mail's local part with its dot), never three letters.
    for (const secret of [answer.identity, answer.contextRef]) expect(secret).not.toMatch(/u_ada|lovelace|ada@|ada\.|QWRh/);
    const entry = handler.contexts.get(answer.contextRef)!;
    expect(entry.conversationId).toBe('c_chat_1');
    expect(entry.snapshot.identity).toMatchObject({ id: 'u_ada', verified: { id: true, name: false } });
    expect(entry.snapshot.identity!.proof).toBeUndefined();
    // Two calls, two unrelated references.
    expect((await visitorToken()).contextRef).not.toBe(answer.contextRef);
  });

  it('refreshes a token for the same identity and call; each refresh secret works once', async () => {
    const first = await visitorToken();
    const next = await postJson(HTTP_VOICE_TOKEN_PATH, { refresh: first.refresh });
    expect(next.status).toBe(200);
    expect(next.body).toMatchObject({ identity: first.identity, contextRef: first.contextRef });
    expect(next.body.refresh).not.toBe(first.refresh);
    expect(verifyJwt(next.body.token, API_SECRET).grants.identity).toBe(first.identity);
    const again = await postJson(HTTP_VOICE_TOKEN_PATH, { refresh: first.refresh });
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('unauthorized');
  });

  it('refuses bad input with a clear error: not JSON, wrong type, a malformed context, a foreign origin', async () => {
    expect((await postJson(HTTP_VOICE_TOKEN_PATH, '{nope')).body.error.code).toBe('bad_json');
    const wrongType = await fetch(base + HTTP_VOICE_TOKEN_PATH, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect(wrongType.status).toBe(415);
    const bad = await postJson(HTTP_VOICE_TOKEN_PATH, { context: { ...makeContext(), v: 2 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/v/);
    expect((await postJson(HTTP_VOICE_TOKEN_PATH, { refresh: 'short' })).status).toBe(400);
    const foreign = await postJson(HTTP_VOICE_TOKEN_PATH, { context: makeContext() }, { origin: 'https://evil.test' });
    expect(foreign.status).toBe(403);
    expect((await fetch(base + HTTP_VOICE_TOKEN_PATH)).status).toBe(405);
    expect((await fetch(`${base}/elsewhere`)).status).toBe(404); // not the handler's: passed on
  });

  it('agent tokens allow incoming calls, only behind the site authentication', async () => {
    const ok = await postJson(HTTP_VOICE_AGENT_TOKEN_PATH, {}, { cookie: 'agent=ok' });
    expect(ok.status).toBe(200);
    const payload = verifyJwt(ok.body.token, API_SECRET);
    expect(payload.grants.voice).toEqual({ incoming: { allow: true }, outgoing: { application_sid: APP } });
    expect(payload.grants.identity).toMatch(/^[A-Za-z0-9_]{1,121}$/);
    expect((await postJson(HTTP_VOICE_AGENT_TOKEN_PATH, {})).status).toBe(401);
  });
});

describe('voice webhook', () => {
  it('enqueues a browser call with its context summary in the Task, and records the call on the reference', async () => {
    const { contextRef } = await visitorToken(undefined, 'c_chat_2');
    const r = await postTwilio(HTTP_VOICE_WEBHOOK_PATH, { CallSid: CALL(1), From: 'client:visitor_x', To: '', contextRef, ApplicationSid: APP, AccountSid: ACCOUNT });
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^text\/xml/);
    const task = taskOf(r.text);
    expect(task).toMatchObject({ channel: 'call', conversationId: 'c_chat_2', queue: 'support', identity: { name: 'Ada Lovelace', verified: { id: true } }, page: { path: '/product/stormline' } });
    expect(handler.contexts.byCall(CALL(1))?.contextRef).toBe(contextRef);
  });

  it('asks a phone caller for the code; the Gather action redeems it once and enqueues with that conversation', async () => {
    const gather = await postTwilio(HTTP_VOICE_WEBHOOK_PATH, { CallSid: CALL(2), From: '+15550001111', To: '+15550100' });
    expect(gather.text).toContain(`<Gather numDigits="6" action="${base}${HTTP_VOICE_CODE_PATH}" method="POST"`);
    const { code } = codes.issueCode('c_phone');
    const found = await postTwilio(HTTP_VOICE_CODE_PATH, { CallSid: CALL(2), From: '+15550001111', Digits: code });
    expect(taskOf(found.text)).toMatchObject({ channel: 'phone', conversationId: 'c_phone', identity: { name: 'Grace Hopper' }, page: { path: '/billing/invoices' } });
    const reused = await postTwilio(HTTP_VOICE_CODE_PATH, { CallSid: CALL(3), From: '+15550002222', Digits: code });
    expect(reused.text).toMatch(/not found/);
    expect(taskOf(reused.text).conversationId).toBeUndefined();
  });

  it('refuses a forged or missing signature, another URL, or tampered parameters, before doing anything', async () => {
    const params = { CallSid: CALL(4), From: 'client:visitor_x', contextRef: 'A'.repeat(22) };
    for (const sign of [{ token: 'e'.repeat(32) }, { url: 'https://evil.test' + HTTP_VOICE_WEBHOOK_PATH }, { signature: 'forged=' }, { signature: '' }]) {
      const r = await postTwilio(HTTP_VOICE_WEBHOOK_PATH, params, sign);
      expect(r.status).toBe(403);
      expect(r.text).not.toContain('<Response>');
    }
    const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, base + HTTP_VOICE_WEBHOOK_PATH, params);
    const tampered = await postTwilio(HTTP_VOICE_WEBHOOK_PATH, { ...params, contextRef: 'B'.repeat(22) }, { signature });
    expect(tampered.status).toBe(403);
    expect((await postTwilio(HTTP_VOICE_STATUS_PATH, { CallSid: CALL(1), CallStatus: 'completed' }, { signature: 'x' })).status).toBe(403);
  });

  it('validates signed parameters too: a malformed CallSid or status is a 400', async () => {
    const r = await postTwilio(HTTP_VOICE_WEBHOOK_PATH, { CallSid: 'nope', From: 'client:x' });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text).error.message).toMatch(/CallSid/);
    expect((await postTwilio(HTTP_VOICE_STATUS_PATH, { CallSid: CALL(1), CallStatus: 'exploded' })).status).toBe(400);
  });

  it('status callbacks are recorded on the call and reach the conversation', async () => {
    const { contextRef } = await visitorToken(undefined, 'c_chat_3');
    await postTwilio(HTTP_VOICE_WEBHOOK_PATH, { CallSid: CALL(5), From: 'client:v', contextRef });
    for (const [status, extra] of [['ringing', {}], ['in-progress', {}], ['completed', { CallDuration: '42' }]] as const) {
      const r = await postTwilio(HTTP_VOICE_STATUS_PATH, { CallSid: CALL(5), CallStatus: status, ...extra });
      expect(r.status).toBe(204);
    }
    const mine = statuses.filter((s) => s.callSid === CALL(5));
    expect(mine.map((s) => s.status)).toEqual(['ringing', 'in-progress', 'completed']);
    expect(mine.at(-1)).toMatchObject({ conversationId: 'c_chat_3', contextRef, durationSec: 42 });
    expect(handler.contexts.get(contextRef)!.statuses.map((s) => s.status)).toEqual(['ringing', 'in-progress', 'completed']);
  });
});

describe('binding and replays (issue 13)', () => {
  it('links a call only to the conversation of the caller\'s own credential, never to one the page names', async () => {
    // The page naming someone else's conversation: refused outright (the field does not exist).
    const named = await postJson(HTTP_VOICE_TOKEN_PATH, { context: makeContext(), conversationId: 'c_chat_1' });
    expect(named.status).toBe(400);
    // A credential with no chat behind it: a call, linked to no conversation.
    const stranger = await postJson(HTTP_VOICE_TOKEN_PATH, { context: makeContext(), credential: 'credential-of-nobody' });
    expect(stranger.status).toBe(200);
    expect(handler.contexts.get(stranger.body.contextRef)!.conversationId).toBeUndefined();
    // The caller's own credential: their conversation.
    const own = await postJson(HTTP_VOICE_TOKEN_PATH, { context: makeContext(), credential: 'credential-of-chat-2' });
    expect(handler.contexts.get(own.body.contextRef)!.conversationId).toBe('c_chat_2');
  });

  it('handles a status callback once: a replay, even after a restart (SQLite), changes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-twilio-events-'));
    const path = join(dir, 'twilio-webhook-events.sqlite');
    const seen: VoiceStatusEvent[] = [];
    const start = async () => {
      const events = createWebhookEventLog({ path });
      let voice: TwilioVoiceHandler;
      const served = await serveRoutes((req, res) => voice(req, res));
      // The URL Twilio is given (and signs) is the public one, whatever port this process listens on.
      voice = createTwilioVoiceHandler({ accountSid: ACCOUNT, apiKey: KEY, apiSecret: API_SECRET, authToken: AUTH_TOKEN, twimlAppSid: APP, workflowSid: WORKFLOW, publicUrl: PUBLIC, identitySecret: SECRET, events, onStatus: (e) => seen.push(e) });
      return { ...served, close: async () => (await served.close(), events.close()) };
    };
    const PUBLIC = 'https://shop.example';
    const replay = async (url: string, params: Record<string, string>) => {
      const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, PUBLIC + HTTP_VOICE_STATUS_PATH, params);
      const res = await fetch(url + HTTP_VOICE_STATUS_PATH, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, body: new URLSearchParams(params).toString() });
      return res.status;
    };
    try {
      const completed = { CallSid: CALL(9), CallStatus: 'completed', CallDuration: '61' };
      const first = await start();
      expect(await replay(first.url, completed)).toBe(204);
      expect(await replay(first.url, completed)).toBe(204); // Twilio's retry, or a replay: answered, not handled
      expect(await replay(first.url, { ...completed, CallDuration: '62' })).toBe(204); // another event: handled
      await first.close();
      // After a restart (a new process would open the same file).
      const again = await start();
      expect(await replay(again.url, completed)).toBe(204);
      await again.close();
      expect(seen.map((e) => e.durationSec)).toEqual([61, 62]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('configuration', () => {
  it('a bad config fails at once, naming each problem and no secret', () => {
    expect(() => createTwilioVoiceHandler({ accountSid: 'AC1', apiKey: KEY, apiSecret: 'topsecret', authToken: '', twimlAppSid: APP, workflowSid: 'x', publicUrl: 'shop', identitySecret: 's' })).toThrow(
      /accountSid.*authToken.*workflowSid.*publicUrl/,
    );
    try {
      createTwilioVoiceHandler({ accountSid: 'AC1', apiKey: KEY, apiSecret: 'topsecret', authToken: '', twimlAppSid: APP, workflowSid: 'x', publicUrl: 'shop', identitySecret: 's' });
    } catch (e) {
      expect(String(e)).not.toContain('topsecret');
    }
    expect(() => createTwilioVoiceHandler({ accountSid: ACCOUNT, apiKey: KEY, apiSecret: API_SECRET, authToken: AUTH_TOKEN, twimlAppSid: APP, workflowSid: WORKFLOW, publicUrl: 'https://shop.test', identitySecret: SECRET, trustProxy: -1 })).toThrow(
      /trustProxy must be a whole number/,
    );
  });
});

describe('rate limit', () => {
  it('refuses visitor tokens past 20 per 10 minutes from one address, saying when to retry', async () => {
    let granted = 0;
    let refused: Awaited<ReturnType<typeof postJson>> | null = null;
    for (let i = 0; i < 25 && !refused; i++) {
      const r = await postJson(HTTP_VOICE_TOKEN_PATH, { context: makeContext() });
      if (r.status === 429) refused = r;
      else granted++;
    }
    expect(refused?.body.error.code).toBe('rate_limited');
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(granted).toBeLessThan(20); // the earlier tests of this file spent some of the 20
    // Without trustProxy, X-Forwarded-For is anyone's to write: it buys no fresh address.
    const forged = await postJson(HTTP_VOICE_TOKEN_PATH, { context: makeContext() }, { 'x-forwarded-for': '198.51.100.7' });
    expect(forged.status).toBe(429);
  });

  it('behind trusted proxies (trustProxy) counts the client the nearest proxy saw, not the proxy', async () => {
    let proxied: TwilioVoiceHandler;
    const { url, close } = await serveRoutes((req, res) => proxied(req, res));
    proxied = createTwilioVoiceHandler({ accountSid: ACCOUNT, apiKey: KEY, apiSecret: API_SECRET, authToken: AUTH_TOKEN, twimlAppSid: APP, workflowSid: WORKFLOW, publicUrl: url, identitySecret: SECRET, trustProxy: 1 });
    const ask = async (forwardedFor: string) =>
      (await fetch(url + HTTP_VOICE_TOKEN_PATH, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor }, body: JSON.stringify({ context: makeContext() }) })).status;
    try {
      // Every request comes from the one proxy (127.0.0.1): each client still gets its own 20.
      for (let i = 0; i < VOICE_TOKENS_PER_WINDOW; i++) expect(await ask('203.0.113.1')).toBe(200);
      expect(await ask('203.0.113.1')).toBe(429);
      // What the client wrote itself (left of what the proxy appended) is ignored.
      expect(await ask('198.51.100.9, 203.0.113.1')).toBe(429);
      expect(await ask('203.0.113.2')).toBe(200);
    } finally {
      await close();
    }
  });
});
