// "Call now" on a callback, on Twilio (issue 15; src/server/twilio-voice/callbackCall.ts): the
// agent's desk posts to the site's server, which calls the visitor's number from the company's
// number through the real `twilio` package's REST client, offline: its HTTP goes to a fake of
// Twilio's REST API on loopback (the only fake allowed: Twilio's edge), which checks the API key's
// Basic auth and records the form Twilio would get. The TwiML that connects the agent's softphone
// carries the callback's references; the call's status callbacks name the conversation.
import http from 'node:http';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_VOICE_STATUS_PATH } from '../../src/protocol/voice';
import { CALLBACK_CALLS_PER_WINDOW, HTTP_VOICE_CALLBACK_CALL_PATH } from '../../src/server/twilio-voice/callbackCall';
import { createTwilioVoiceHandler, type TwilioVoiceHandlerConfig, type VoiceStatusEvent } from '../../src/server/twilio-voice/handler';
import { toTwilioIdentity } from '../../src/server/twilio/identity';
import { SECRET, serveRoutes } from './helpers';

const ACCOUNT = `AC${'a'.repeat(32)}`;
const KEY = `SK${'b'.repeat(32)}`;
const API_SECRET = 'api-secret-for-tests';
const AUTH_TOKEN = 'f'.repeat(32);
const COMPANY = '+33180000000';
/** Twilio's own test number that is "not a valid phone number" (error 21211). */
const INVALID = '+15005550001';

/** What the fake REST API received. */
const posted: { path: string; auth: string | undefined; form: Record<string, string | string[]> }[] = [];
let fakeUrl: string;
let closeFake: () => Promise<void>;

/** Twilio's REST API for Calls, as much as calls.create uses: auth, the form, a queued call or an error. */
function fakeTwilioRest(): http.Server {
  let n = 0;
  return http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const form: Record<string, string | string[]> = {};
      for (const [k, v] of new URLSearchParams(body)) form[k] = form[k] === undefined ? v : ([] as string[]).concat(form[k]!, v);
      posted.push({ path: req.url ?? '', auth: req.headers.authorization, form });
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      if (req.headers.authorization !== `Basic ${Buffer.from(`${KEY}:${API_SECRET}`).toString('base64')}`) return json(401, { code: 20003, message: 'Authenticate', status: 401 });
      if (req.method !== 'POST' || req.url !== `/2010-04-01/Accounts/${ACCOUNT}/Calls.json`) return json(404, { code: 20404, message: 'Not found', status: 404 });
      if (form.To === INVALID) return json(400, { code: 21211, message: `The 'To' number ${INVALID} is not a valid phone number.`, more_info: 'https://www.twilio.com/docs/errors/21211', status: 400 });
      const sid = `CA${String(++n).padStart(32, '0')}`;
      json(201, { sid, account_sid: ACCOUNT, to: form.To, from: form.From, status: 'queued', direction: 'outbound-api', uri: `/2010-04-01/Accounts/${ACCOUNT}/Calls/${sid}.json` });
    });
  });
}

/** The real RequestClient (axios, form encoding, auth), sent to the loopback fake instead of api.twilio.com. */
class LoopbackRequestClient extends twilio.RequestClient {
  override request<T>(opts: Parameters<InstanceType<typeof twilio.RequestClient>['request']>[0] & { data?: T }) {
    return super.request<T>({ ...opts, uri: opts.uri.replace('https://api.twilio.com', fakeUrl) });
  }
}

let base: string;
let closeServer: () => Promise<void>;
let handle: (req: http.IncomingMessage, res: http.ServerResponse) => boolean = () => false;
const statuses: VoiceStatusEvent[] = [];

function handlerWith(extra: Partial<TwilioVoiceHandlerConfig>) {
  return createTwilioVoiceHandler({
    accountSid: ACCOUNT,
    apiKey: KEY,
    apiSecret: API_SECRET,
    authToken: AUTH_TOKEN,
    twimlAppSid: `AP${'c'.repeat(32)}`,
    workflowSid: `WW${'d'.repeat(32)}`,
    publicUrl: base,
    identitySecret: SECRET,
    authenticateAgent: (req) => (req.headers.cookie === 'agent=noor' ? 'noor' : req.headers.cookie === 'agent=kim' ? 'kim' : null),
    onStatus: (e) => statuses.push(e),
    rest: twilio(KEY, API_SECRET, { accountSid: ACCOUNT, httpClient: new LoopbackRequestClient() }),
    ...extra,
  });
}

beforeAll(async () => {
  const fake = fakeTwilioRest();
  await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
  fakeUrl = `http://127.0.0.1:${(fake.address() as { port: number }).port}`;
  closeFake = () => new Promise<void>((r) => fake.close(() => r()));
  ({ url: base, close: closeServer } = await serveRoutes((req, res) => handle(req, res)));
  handle = handlerWith({ callerId: COMPANY });
});
afterAll(async () => {
  await closeServer();
  await closeFake();
});

async function callBack(body: unknown, cookie = 'agent=noor') {
  const res = await fetch(base + HTTP_VOICE_CALLBACK_CALL_PATH, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json().catch(() => null)) as any };
}

describe('Call now on Twilio: an outbound call through the REST API', () => {
  it('calls the visitor from the company number; once answered, the TwiML rings the agent with the callback, conversation and number as parameters', async () => {
    const r = await callBack({ to: '+33612345678', callbackId: 'cb_7Qx', conversationId: `CH${'e'.repeat(32)}` });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.callSid).toMatch(/^CA[0-9]{32}$/);
    const sent = posted.at(-1)!;
    expect(sent.path).toBe(`/2010-04-01/Accounts/${ACCOUNT}/Calls.json`);
    expect(sent.form.To).toBe('+33612345678');
    expect(sent.form.From).toBe(COMPANY);
    // The same identity the agent-token route mints for this agent's softphone.
    expect(sent.form.Twiml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Dial timeout="30" answerOnBridge="true"><Client><Identity>' + toTwilioIdentity('agent_noor') + '</Identity>' +
        '<Parameter name="callbackId" value="cb_7Qx"/><Parameter name="conversationId" value="CH' + 'e'.repeat(32) + '"/><Parameter name="visitorPhone" value="+33612345678"/>' +
        '</Client></Dial><Say>Sorry, nobody could take your call just now. We will call you back.</Say></Response>',
    );
    expect(sent.form.StatusCallback).toBe(`${base}${HTTP_VOICE_STATUS_PATH}?callbackId=cb_7Qx&conversationId=CH${'e'.repeat(32)}`);
    expect(sent.form.StatusCallbackEvent).toEqual(['initiated', 'ringing', 'answered', 'completed']);

    // Twilio's status callback, signed over that URL: onStatus knows the conversation and the callback.
    const params = { CallSid: r.body.callSid, CallStatus: 'completed', CallDuration: '95' };
    const url = String(sent.form.StatusCallback);
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(AUTH_TOKEN, url, params) }, body: new URLSearchParams(params).toString() });
    expect(res.status).toBe(204);
    expect(statuses.at(-1)).toMatchObject({ callSid: r.body.callSid, status: 'completed', durationSec: 95, conversationId: `CH${'e'.repeat(32)}`, callbackId: 'cb_7Qx' });
  });

  it('only a signed-in agent, a valid number and a configured caller id; Twilio’s refusal is said, not hidden', async () => {
    expect((await callBack({ to: '+33612345678' }, 'agent=nobody')).status).toBe(401);
    for (const body of [{ to: '0612345678' }, { to: '+33612345678', callbackId: 'bad id!' }, { to: '+33612345678', extra: 1 }, {}]) {
      const r = await callBack(body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.code).toBe('bad_request');
    }
    const before = posted.length;
    const refused = await callBack({ to: INVALID });
    expect(refused.status).toBe(502);
    expect(refused.body.error).toEqual({ code: 'unavailable', message: `Twilio refused the call (21211): The 'To' number ${INVALID} is not a valid phone number.` });
    expect(posted.length).toBe(before + 1);

    // Without a caller id (the company's number) the route is not there.
    handle = handlerWith({});
    expect((await callBack({ to: '+33612345678' })).status).toBe(404);
    expect(() => handlerWith({ callerId: '01 80 00 00 00' })).toThrow(/callerId must be an E\.164 number/);
    handle = handlerWith({ callerId: COMPANY });
  });

  it('calls cost money: an agent places at most CALLBACK_CALLS_PER_WINDOW per window; another agent is not held up', async () => {
    handle = handlerWith({ callerId: COMPANY });
    for (let i = 0; i < CALLBACK_CALLS_PER_WINDOW; i++) expect((await callBack({ to: '+33612345678' }, 'agent=kim')).status).toBe(201);
    const over = await callBack({ to: '+33612345678' }, 'agent=kim');
    expect(over.status).toBe(429);
    expect((await callBack({ to: '+33612345678' }, 'agent=noor')).status).toBe(201);
  });
});
