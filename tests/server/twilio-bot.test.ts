/**
 * The site's bot on Twilio Conversations (issue 14): createTwilioChatHandler({ bot }) over real
 * HTTP, the real `twilio` package talking to the fake cloud's REST API. The bot answers a visitor
 * message from the signed onMessageAdded webhook as the participant `baton_bot`; "Talk to a person"
 * (POST /twilio/chat/handover) hands over, says so and only then creates the Flex task; an agent
 * joining stops it; after either, it says nothing more.
 */
import { readFileSync } from 'node:fs';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeTwilioCloud } from '../fakes/twilioConversations';
import { articleBot, createTwilioChatHandler } from '../../src/server/index';
import { TWILIO_BOT_IDENTITY, TWILIO_CHAT_HANDOVER_PATH, TWILIO_CHAT_SESSION_PATH, TWILIO_CHAT_WEBHOOK_PATH } from '../../src/protocol/twilio';
import { SECRET, makeContext, request, serveRoutes } from './helpers';
import { HEX32, TWILIO_CHAT_CONFIG, fakeTwilioChatCloud } from './twilioChatCloud';

const config = TWILIO_CHAT_CONFIG;
const ARTICLES = JSON.parse(readFileSync(new URL('../../demo/articles.json', import.meta.url), 'utf8'));

let cloud: FakeTwilioCloud;
let url: string;
let closeServer: () => Promise<void>;

beforeAll(async () => {
  const fake = fakeTwilioChatCloud(config);
  cloud = fake.cloud;
  const flex = { workspaceSid: `WS${HEX32}`, workflowSid: `WW${HEX32}` };
  // One Flex agent available (TaskRouter): the bot says a person is coming.
  cloud.workers.push({ sid: `WK${HEX32}`, name: 'Sam', available: true });
  const handler = createTwilioChatHandler({ config, client: fake.client, identitySecret: SECRET, publicUrl: 'https://baton.shop.example', flex, bot: articleBot({ articles: ARTICLES }), botName: 'Fernwood assistant' });
  ({ url, close: closeServer } = await serveRoutes(handler));
});
afterAll(() => closeServer());

const post = (path: string, body: unknown) => request(url + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const webhook = (p: Record<string, string>) =>
  request(url + TWILIO_CHAT_WEBHOOK_PATH, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': twilio.getExpectedTwilioSignature(config.authToken!, `https://baton.shop.example${TWILIO_CHAT_WEBHOOK_PATH}`, p) },
    body: new URLSearchParams(p).toString(),
  });

/** A visitor with a conversation, who writes (the message in the cloud, then Twilio's signed webhook). */
async function visitorChat(visitorId: string) {
  const s = (await post(TWILIO_CHAT_SESSION_PATH, { visitorId, context: makeContext() })).json;
  const conv = () => cloud.conversation(s.identity)!;
  const write = async (text: string) => {
    const m = cloud.addMessage(conv(), s.identity, text, { clientId: `c${Math.random()}` });
    const hook = { EventType: 'onMessageAdded', AccountSid: config.accountSid, ConversationSid: s.conversationSid, MessageSid: m.sid, Index: String(m.index), Author: s.identity, Body: text, Attributes: '{}' };
    expect((await webhook(hook)).status).toBe(200);
  };
  const botMessages = () => conv().messages.filter((m) => m.author === TWILIO_BOT_IDENTITY);
  const botState = () => conv().participants.get(TWILIO_BOT_IDENTITY)?.attributes as { state: string; replies: number } | undefined;
  /** The bot's turn for the latest message is over: it read its state after the webhook (then stopped, or answered). */
  const turnRead = async (before: number) => {
    const reads = () => cloud.requests.filter((r) => r.method === 'GET' && r.uri.endsWith(`/${s.conversationSid}/Participants/${TWILIO_BOT_IDENTITY}`)).length;
    await expect.poll(reads).toBeGreaterThan(before);
  };
  const reads = () => cloud.requests.filter((r) => r.method === 'GET' && r.uri.endsWith(`/${s.conversationSid}/Participants/${TWILIO_BOT_IDENTITY}`)).length;
  return { s, conv, write, botMessages, botState, turnRead, reads };
}

describe('the bot on Twilio Conversations', () => {
  it('answers as baton_bot, hands over on "Talk to a person" (then the Flex task), and says nothing more', async () => {
    const v = await visitorChat('visitor-bot-000001');
    cloud.interactions.length = 0;
    await v.write('How do I get a refund?');
    await expect.poll(() => v.botMessages().length).toBe(1);
    const answer = v.botMessages()[0]!;
    expect(answer.body).toContain('Returns and refunds');
    expect(answer.attributes).toEqual({ bot: { name: 'Fernwood assistant' } });
    expect(v.botState()).toEqual({ state: 'answering', replies: 1 });
    // With a bot, Flex waits for the handover.
    expect(cloud.interactions).toHaveLength(0);

    expect((await post(TWILIO_CHAT_HANDOVER_PATH, { visitorId: 'visitor-bot-000001' })).status).toBe(204);
    expect(v.botState()).toEqual({ state: 'handed_over', replies: 1 });
    expect(v.botMessages().at(-1)!.body).toMatch(/getting a person/);
    expect(cloud.interactions).toHaveLength(1);
    // Twice is harmless: nothing more is said or routed.
    expect((await post(TWILIO_CHAT_HANDOVER_PATH, { visitorId: 'visitor-bot-000001' })).status).toBe(204);
    expect(v.botMessages()).toHaveLength(2);
    expect(cloud.interactions).toHaveLength(1);

    const before = v.reads();
    await v.write('How long does delivery take?');
    await v.turnRead(before);
    expect(v.botMessages()).toHaveLength(2);
  });

  it('hands over by itself when unsure, and stops when an agent joins', async () => {
    const unsure = await visitorChat('visitor-bot-000002');
    await unsure.write('I want to talk to a manager about my driver');
    await expect.poll(() => unsure.botState()?.state).toBe('handed_over');
    expect(unsure.botMessages().map((m) => m.body).join('\n')).toMatch(/not sure[\s\S]*getting a person/);

    const joined = await visitorChat('visitor-bot-000003');
    await joined.write('How do I get a refund?');
    await expect.poll(() => joined.botMessages().length).toBe(1);
    cloud.agentJoin(joined.s.identity, 'agent_5fsam', 'Sam');
    const added = { EventType: 'onParticipantAdded', AccountSid: config.accountSid, ConversationSid: joined.s.conversationSid, Identity: 'agent_5fsam' };
    expect((await webhook(added)).status).toBe(200);
    await expect.poll(() => joined.botState()?.state).toBe('handed_over');
    const before = joined.reads();
    await joined.write('Still there?');
    await joined.turnRead(before);
    expect(joined.botMessages()).toHaveLength(1);
  });

  it('counts the Flex agents available: with none, the handover says nobody is online now', async () => {
    const workers = () => cloud.requests.filter((r) => r.method === 'GET' && /taskrouter\.twilio\.com\/v1\/Workspaces\/WS[0-9a-f]{32}\/Workers/.test(r.uri)).length;
    cloud.workers[0]!.available = false;
    try {
      const v = await visitorChat('visitor-bot-000004');
      await v.write('How do I get a refund?');
      await expect.poll(() => v.botMessages().length).toBe(1);
      const counted = workers();
      expect(counted).toBeGreaterThan(0);
      expect((await post(TWILIO_CHAT_HANDOVER_PATH, { visitorId: 'visitor-bot-000004' })).status).toBe(204);
      expect(v.botMessages().at(-1)!.body).toBe('Nobody from the team is online right now. Your message is kept: they will answer here as soon as they are back.');
      expect(workers()).toBeGreaterThan(counted);
    } finally {
      cloud.workers[0]!.available = true;
    }
  });

  it('refuses a handover for a visitor without a conversation', async () => {
    expect((await post(TWILIO_CHAT_HANDOVER_PATH, { visitorId: 'visitor-never-chatted' })).status).toBe(404);
    expect((await post(TWILIO_CHAT_HANDOVER_PATH, { visitorId: 'x' })).status).toBe(400);
  });
});
