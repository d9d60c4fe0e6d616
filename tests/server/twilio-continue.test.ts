/**
 * "Continue by SMS / on WhatsApp" (issue 19), the server half: createTwilioChatHandler over real
 * HTTP, the real `twilio` package talking to the fake Twilio cloud. The number is read by
 * libphonenumber-js and only checked until the visitor confirms; confirmed, the visitor's open
 * conversation gets a messaging participant with the right binding, the thread says so (and that
 * line is the first text the phone gets), the agent's replies go out to the phone, the phone's
 * texts land in the same conversation; every bad input is refused with a clear error.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FakeTwilioCloud } from '../fakes/twilioConversations';
import { createTwilioChatHandler, describeConfigProblem, readTwilioConfig, toTwilioIdentity, type TwilioChatConfig } from '../../src/server/index';
import { TWILIO_CHAT_CONTINUE_PATH, TWILIO_CHAT_SESSION_PATH } from '../../src/protocol/twilio';
import { SECRET, makeContext, newClientId, request, serveRoutes } from './helpers';
import { TWILIO_CHAT_CONFIG, fakeTwilioChatCloud } from './twilioChatCloud';

const SMS_NUMBER = '+14155550100';
const WHATSAPP_NUMBER = '+12025550143';
const config: TwilioChatConfig = { ...TWILIO_CHAT_CONFIG, smsNumber: SMS_NUMBER, whatsappNumber: WHATSAPP_NUMBER };

let cloud: FakeTwilioCloud;
let url: string;
let gbUrl: string;
let bareUrl: string;
const closers: (() => Promise<void>)[] = [];
/** The handlers' clock: two hours pass between cases, so each starts with full rate limits (all come from 127.0.0.1). */
let now = 1_765_000_000_000;
beforeEach(() => {
  now += 2 * 3_600_000;
});

beforeAll(async () => {
  const fake = fakeTwilioChatCloud(config);
  cloud = fake.cloud;
  const serve = async (options: Partial<Parameters<typeof createTwilioChatHandler>[0]>) => {
    const s = await serveRoutes(createTwilioChatHandler({ config, client: fake.client, identitySecret: SECRET, now: () => now, ...options }));
    closers.push(s.close);
    return s.url;
  };
  url = await serve({});
  gbUrl = await serve({ phoneCountry: 'GB' });
  // A site with no number configured (the same cloud): nothing to offer.
  bareUrl = await serve({ config: TWILIO_CHAT_CONFIG });
});
afterAll(() => Promise.all(closers.map((c) => c())));

const post = (base: string, path: string, body: unknown) => request(base + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

/** A visitor with a conversation on Twilio holding one message of theirs. */
async function visitorWhoWrote(base = url) {
  const visitorId = newClientId() + newClientId();
  const session = await post(base, TWILIO_CHAT_SESSION_PATH, { visitorId, context: makeContext(null, '/orders/42') });
  expect(session.status).toBe(200);
  const identity = toTwilioIdentity(`visitor_${visitorId}`);
  const c = cloud.conversation(identity)!;
  cloud.addMessage(c, identity, 'My parcel has not arrived', { clientId: newClientId() });
  return { visitorId, identity, conversation: c, session: session.json as { continueOn?: string[] } };
}

const participantCreates = () => cloud.requests.filter((r) => r.method === 'POST' && /\/Participants$/.test(r.uri) && r.data?.['MessagingBinding.Address'] !== undefined);

describe('the company numbers in the environment', () => {
  it('reads TWILIO_SMS_NUMBER and TWILIO_WHATSAPP_NUMBER in E.164, naming a malformed one', () => {
    const base = { TWILIO_ACCOUNT_SID: config.accountSid, TWILIO_API_KEY: config.apiKey, TWILIO_API_SECRET: config.apiSecret, TWILIO_CONVERSATIONS_SERVICE_SID: config.conversationsServiceSid };
    expect(readTwilioConfig({ ...base, TWILIO_SMS_NUMBER: '+14155550100', TWILIO_WHATSAPP_NUMBER: ' +12025550143 ' })).toMatchObject({ ok: true, config: { smsNumber: '+14155550100', whatsappNumber: '+12025550143' } });
    const bad = readTwilioConfig({ ...base, TWILIO_WHATSAPP_NUMBER: 'whatsapp:+12025550143' });
    expect(bad).toMatchObject({ ok: false, invalid: ['TWILIO_WHATSAPP_NUMBER'] });
    expect(describeConfigProblem(bad)).toContain('TWILIO_WHATSAPP_NUMBER is malformed: expected a phone number in E.164');
  });
});

describe('POST /twilio/chat/continue', () => {
  it('offers the configured channels only', async () => {
    expect((await visitorWhoWrote()).session.continueOn).toEqual(['sms', 'whatsapp']);
    expect((await visitorWhoWrote(bareUrl)).session.continueOn).toBeUndefined();
  });

  it('checks the number without sending anything, then adds the SMS participant once the visitor confirms', async () => {
    const v = await visitorWhoWrote();
    const before = cloud.requests.length;
    const check = await post(url, TWILIO_CHAT_CONTINUE_PATH, { visitorId: v.visitorId, channel: 'sms', phone: ' +44 7911 123456 ', confirm: false });
    expect(check.status).toBe(200);
    expect(check.json).toEqual({ channel: 'sms', address: '+447911123456', display: '+44 7911 123456', continued: false });
    expect(cloud.requests.length).toBe(before); // nothing reached Twilio
    expect(cloud.texts).toEqual([]);

    const done = await post(url, TWILIO_CHAT_CONTINUE_PATH, { visitorId: v.visitorId, channel: 'sms', phone: '+447911123456', confirm: true });
    expect(done.status).toBe(200);
    expect(done.json).toEqual({ channel: 'sms', address: '+447911123456', display: '+44 7911 123456', continued: true });
    // Twilio's "Add an SMS participant": the visitor's number and the company's.
    const created = participantCreates().at(-1)!;
    expect(created.uri).toContain(`/Conversations/${v.conversation.sid}/Participants`);
    expect(created.data).toMatchObject({ 'MessagingBinding.Address': '+447911123456', 'MessagingBinding.ProxyAddress': SMS_NUMBER });
    expect(JSON.parse(String(created.data!.Attributes))).toMatchObject({ messaging: { channel: 'sms', address: '+447911123456', display: '+44 7911 123456' } });

    // The same conversation: the earlier message stays, the agent sees the change in the thread.
    const bodies = v.conversation.messages.map((m) => [m.author, m.body]);
    expect(bodies[0]).toEqual([v.identity, 'My parcel has not arrived']);
    expect(bodies[1]).toEqual(['system', 'Continued by SMS at +44 7911 123456. Replies to this number reach the same conversation.']);
    // That line is the phone's first text; the agent's reply follows it there.
    cloud.agentJoin(v.identity, 'agent_5fsam', 'Sam');
    cloud.agentSend(v.identity, 'agent_5fsam', 'It left the depot this morning.');
    expect(cloud.texts.filter((t) => t.to === '+447911123456')).toEqual([
      { to: '+447911123456', from: SMS_NUMBER, body: bodies[1]![1] },
      { to: '+447911123456', from: SMS_NUMBER, body: 'It left the depot this morning.' },
    ]);
    // The visitor's text back lands in the same conversation, authored by their number.
    cloud.textFrom('+447911123456', SMS_NUMBER, 'Thanks! I will be home after 6.');
    expect(v.conversation.messages.at(-1)).toMatchObject({ author: '+447911123456', body: 'Thanks! I will be home after 6.' });

    // Asked again: already done, said with the number.
    const again = await post(url, TWILIO_CHAT_CONTINUE_PATH, { visitorId: v.visitorId, channel: 'sms', phone: '+33 6 98 76 54 32', confirm: true });
    expect(again.status).toBe(409);
    expect(again.json.error.message).toBe('This conversation already continues by SMS at +44 7911 123456');
    expect(participantCreates().filter((r) => r.uri.includes(v.conversation.sid))).toHaveLength(1);
  });

  it('on WhatsApp both addresses carry the whatsapp: prefix', async () => {
    const v = await visitorWhoWrote();
    const done = await post(url, TWILIO_CHAT_CONTINUE_PATH, { visitorId: v.visitorId, channel: 'whatsapp', phone: '+33 6 98 76 54 32', confirm: true });
    expect(done.status).toBe(200);
    expect(participantCreates().at(-1)!.data).toMatchObject({ 'MessagingBinding.Address': 'whatsapp:+33698765432', 'MessagingBinding.ProxyAddress': `whatsapp:${WHATSAPP_NUMBER}` });
    expect(v.conversation.messages.at(-1)!.body).toBe('Continued by WhatsApp at +33 6 98 76 54 32. Replies to this number reach the same conversation.');
  });

  it('reads a number typed without + in the site\'s country, and asks for the country code without one', async () => {
    const v = await visitorWhoWrote(gbUrl);
    const gb = await post(gbUrl, TWILIO_CHAT_CONTINUE_PATH, { visitorId: v.visitorId, channel: 'sms', phone: '07911 123457', confirm: false });
    expect(gb.json).toMatchObject({ address: '+447911123457', display: '+44 7911 123457' });
    const bare = await post(url, TWILIO_CHAT_CONTINUE_PATH, { visitorId: v.visitorId, channel: 'sms', phone: '07911 123457', confirm: false });
    expect(bare.status).toBe(400);
    expect(bare.json.error.message).toBe('Not a valid phone number (give it with its country code, e.g. +44)');
  });

  it('refuses every bad input with a clear error, and adds nothing', async () => {
    const v = await visitorWhoWrote();
    const creates = participantCreates().length;
    const cases: [string, unknown, number, RegExp][] = [
      [url, { visitorId: v.visitorId, channel: 'sms', phone: '12345', confirm: true }, 400, /Not a valid phone number/],
      [url, { visitorId: v.visitorId, channel: 'sms', phone: SMS_NUMBER, confirm: true }, 400, /Not a valid phone number/], // the company's own
      [url, { visitorId: v.visitorId, channel: 'email', phone: '+447911123456', confirm: true }, 400, /channel is sms or whatsapp/],
      [url, { visitorId: v.visitorId, channel: 'sms', phone: '+44'.padEnd(41, '1'), confirm: true }, 400, /phone is over 40 characters/],
      [url, { visitorId: v.visitorId, channel: 'sms', phone: '   ', confirm: true }, 400, /phone is empty/],
      [url, { visitorId: v.visitorId, channel: 'sms', phone: '+447911123456' }, 400, /confirm/],
      [url, { visitorId: 'short', channel: 'sms', phone: '+447911123456', confirm: true }, 400, /visitorId/],
      [bareUrl, { visitorId: v.visitorId, channel: 'whatsapp', phone: '+447911123456', confirm: false }, 404, /no WhatsApp number configured/],
      [url, { visitorId: newClientId() + newClientId(), channel: 'sms', phone: '+447911123458', confirm: true }, 404, /No open conversation/],
    ];
    for (const [base, body, status, message] of cases) {
      const r = await post(base, TWILIO_CHAT_CONTINUE_PATH, body);
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(r.json.error.message).toMatch(message);
    }
    expect(participantCreates().length).toBe(creates);
  });

  it('a number already in another open conversation with the same company number is refused (Twilio 50416)', async () => {
    const a = await visitorWhoWrote();
    const b = await visitorWhoWrote();
    expect((await post(url, TWILIO_CHAT_CONTINUE_PATH, { visitorId: a.visitorId, channel: 'sms', phone: '+33698765432', confirm: true })).status).toBe(200);
    const taken = await post(url, TWILIO_CHAT_CONTINUE_PATH, { visitorId: b.visitorId, channel: 'sms', phone: '+33698765432', confirm: true });
    expect(taken.status).toBe(409);
    expect(taken.json.error.message).toBe('This number already continues another open conversation by SMS');
    expect(b.conversation.messages.map((m) => m.author)).toEqual([b.identity]); // no line in b's thread
  });

  it('limits confirmed requests per visitor and per phone number (429 with Retry-After)', async () => {
    const v = await visitorWhoWrote();
    // Per visitor: 3 in a burst (each refused here as already continued, still counted: each asks Twilio).
    const codes: number[] = [];
    for (const phone of ['+14155550111', '+14155550112', '+14155550113', '+14155550114']) {
      codes.push((await post(url, TWILIO_CHAT_CONTINUE_PATH, { visitorId: v.visitorId, channel: 'sms', phone, confirm: true })).status);
    }
    expect(codes).toEqual([200, 409, 409, 429]);
    // Per number: 3 in a burst, whoever asks (each visitor once).
    const target = '+14155550199';
    const byNumber: number[] = [];
    for (let i = 0; i < 4; i++) {
      const w = await visitorWhoWrote();
      const r = await post(url, TWILIO_CHAT_CONTINUE_PATH, { visitorId: w.visitorId, channel: i % 2 ? 'whatsapp' : 'sms', phone: target, confirm: true });
      byNumber.push(r.status);
      if (r.status === 429) expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(byNumber.slice(0, 3)).toEqual([200, 200, 409]); // the third: the SMS pair is taken by the first
    expect(byNumber[3]).toBe(429);
  });
});
