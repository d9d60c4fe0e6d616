#!/usr/bin/env node
// `npm run smoke:twilio`: Baton's chat on a REAL Twilio account, end to end, when credentials are in
// the environment (TWILIO_ACCOUNT_SID, TWILIO_API_KEY, TWILIO_API_SECRET,
// TWILIO_CONVERSATIONS_SERVICE_SID; see docs/twilio.md). Without them it prints one "skipped" line
// and exits 0, so CI without secrets stays green.
//
// The flow, the same as the widget's: the server half (createTwilioChatHandler, from the built
// dist/server) on 127.0.0.1 -> POST /twilio/chat/session with a fresh visitor -> the access token
// is checked -> the real @twilio/conversations Client connects with it, joins the conversation and
// sends a message carrying its clientId -> the REST API sees the message and its attributes ->
// POST /twilio/chat/context rewrites the conversation attributes -> the conversation is deleted.
// Every step prints one line; any failure exits 1 with the step that failed. Bounded: 60 s.
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REQUIRED = ['TWILIO_ACCOUNT_SID', 'TWILIO_API_KEY', 'TWILIO_API_SECRET', 'TWILIO_CONVERSATIONS_SERVICE_SID'];
const missing = REQUIRED.filter((name) => !process.env[name]?.trim());
if (missing.length === REQUIRED.length) {
  console.log(`smoke:twilio: skipped (no Twilio credentials in the environment; set ${REQUIRED.join(', ')} to run it against a real account)`);
  process.exit(0);
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const serverEntry = path.join(root, 'dist/server/index.js');
if (!existsSync(serverEntry)) {
  console.error('smoke:twilio: dist/server/index.js not found; run `npm run build` first');
  process.exit(1);
}
const { readTwilioConfig, describeConfigProblem, createTwilioChatHandler, toTwilioIdentity, TWILIO_CHAT_SESSION_PATH, TWILIO_CHAT_CONTEXT_PATH } = await import(pathToFileURL(serverEntry).href);
const result = readTwilioConfig(process.env);
if (!result.ok) {
  console.error(`smoke:twilio: ${describeConfigProblem(result)}`);
  process.exit(1);
}
const config = result.config;
const { default: twilio } = await import('twilio');
const { Client } = await import('@twilio/conversations');

const deadline = setTimeout(() => {
  console.error('smoke:twilio: FAILED: timed out after 60 s');
  process.exit(1);
}, 60_000);
const step = (s) => console.log(`smoke:twilio: ${s}`);
const rest = twilio(config.apiKey, config.apiSecret, { accountSid: config.accountSid });
const identitySecret = randomBytes(16).toString('hex');
const handler = createTwilioChatHandler({ config, client: rest, identitySecret, ttlSeconds: 600 });
const server = http.createServer((req, res) => {
  if (!handler(req, res)) {
    res.statusCode = 404;
    res.end();
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;
const visitorId = `smoke-${randomBytes(12).toString('base64url')}`;
const now = Date.now();
const context = (p) => ({
  v: 1, at: Date.now(), consent: 'granted',
  page: { url: `https://smoke.baton.test${p}`, path: p, title: 'Baton smoke test', referrer: '', language: 'en', startedAt: now, timeOnPageMs: 0 },
  identity: null, journey: [], campaign: null,
  device: { viewport: { width: 1280, height: 800 }, screen: { width: 1280, height: 800 }, pixelRatio: 1, touch: false, language: 'en', languages: ['en'], timeZone: 'UTC', online: true, webView: false, webViewHint: null },
  signals: [], custom: { smoke: true }, location: null, trimmed: 0,
});
const post = async (p, body) => {
  const r = await fetch(base + p, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await r.text();
  if (!r.ok) throw new Error(`${p} answered ${r.status}: ${text}`);
  return text ? JSON.parse(text) : null;
};

let conversationSid = null;
let client = null;
let failed = false;
try {
  const session = await post(TWILIO_CHAT_SESSION_PATH, { visitorId, context: context('/smoke/start') });
  conversationSid = session.conversationSid;
  if (session.identity !== toTwilioIdentity(`visitor_${visitorId}`)) throw new Error(`unexpected identity ${session.identity}`);
  step(`session ok: conversation ${conversationSid}, identity ${session.identity}`);

  client = new Client(session.token);
  await new Promise((resolve, reject) => {
    client.on('stateChanged', (s) => (s === 'initialized' ? resolve() : s === 'failed' && reject(new Error('client failed to initialise'))));
    client.on('initFailed', ({ error }) => reject(new Error(`initFailed: ${error?.message}`)));
  });
  step('SDK client initialised with the token');
  const conversation = await client.getConversationBySid(conversationSid);
  const clientId = `smoke${randomBytes(9).toString('base64url')}`;
  const index = await conversation.sendMessage('Baton smoke test', { clientId });
  step(`message sent, index ${index}`);

  const messages = await rest.conversations.v1.services(config.conversationsServiceSid).conversations(conversationSid).messages.list({ limit: 5 });
  const stored = messages.find((m) => m.index === index);
  if (!stored || JSON.parse(stored.attributes).clientId !== clientId) throw new Error('the REST API does not show the message with its clientId');
  step('REST API shows the message with its clientId');

  await post(TWILIO_CHAT_CONTEXT_PATH, { visitorId, context: context('/smoke/checkout') });
  const fetched = await rest.conversations.v1.services(config.conversationsServiceSid).conversations(conversationSid).fetch();
  if (JSON.parse(fetched.attributes).baton?.page?.path !== '/smoke/checkout') throw new Error('the conversation attributes do not hold the new context');
  step('context update reached the conversation attributes');
  step('PASSED');
} catch (error) {
  failed = true;
  console.error(`smoke:twilio: FAILED: ${error instanceof Error ? error.message : error}`);
} finally {
  await client?.shutdown().catch(() => undefined);
  if (conversationSid) {
    await rest.conversations.v1.services(config.conversationsServiceSid).conversations(conversationSid).remove().then(
      () => step(`cleaned up conversation ${conversationSid}`),
      (e) => console.error(`smoke:twilio: could not delete ${conversationSid}: ${e.message}`),
    );
  }
  server.close();
  clearTimeout(deadline);
}
process.exit(failed ? 1 : 0);
