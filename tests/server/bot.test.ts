// The site's bot on the embedded server (issue 14): it answers unclaimed conversations through the
// `bot` hook, hands over when asked ("Talk to a person"), when unsure, when it fails or is late,
// never after an agent claimed, never twice the same, at most BOT_REPLIES_MAX times; agents see
// the whole exchange, labelled as the bot's, and the queue says when a person is wanted.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { articleBot } from '../../src/server/bot/articleBot';
import type { BotHook, BotTurn } from '../../src/server/bot/hook';
import { BOT_REPLIES_MAX } from '../../src/server/bot/hook';
import { PASSWORD, agent, count, login, makeContext, newClientId, queueSummary, readDb, startServer, type TestServer } from './helpers';
import { visitor } from './helpers';

const ARTICLES = JSON.parse(readFileSync(new URL('../../demo/articles.json', import.meta.url), 'utf8'));

let ts: TestServer | null = null;
afterEach(async () => {
  await ts?.close();
  ts = null;
});

async function withAgent(options: Parameters<typeof startServer>[0]) {
  ts = await startServer(options);
  await ts.server.createAgent({ email: 'sam@desk.test', name: 'Sam', password: PASSWORD });
  const cookie = await login(ts, 'sam@desk.test');
  const desk = await agent(ts, cookie);
  return { ts, desk };
}

describe('the built-in article bot', () => {
  it('answers a question it knows as the bot, then hands over when the visitor asks for a person', async () => {
    const { ts, desk } = await withAgent({ bot: articleBot({ articles: ARTICLES }), botName: 'Fernwood assistant' });
    const { client } = await visitor(ts, { context: makeContext() });
    await client.request({ type: 'send', clientId: newClientId(), text: 'How do I get a refund?' }, 'ack');
    const opened = await client.next('status');
    expect(opened).toMatchObject({ status: 'waiting', bot: 'answering', position: null });

    const answer = await client.next((f) => f.type === 'message' && f.message.sender === 'bot');
    expect(answer.message.bot).toEqual({ name: 'Fernwood assistant' });
    expect(answer.message.agent).toBeUndefined();
    expect(answer.message.text).toContain('Returns and refunds');
    expect(answer.message.text).toContain('60 days');
    expect(answer.message.text).toContain('https://help.fernwood.example/articles/returns-refunds');

    // While the bot answers, the conversation is in the queue marked as the bot's (no ring yet).
    const id = answer.message.conversationId;
    const queued = await queueSummary(desk.client, id, (c) => c.bot === 'answering' && c.lastMessage?.sender === 'bot');
    expect(queued).toMatchObject({ bot: 'answering', lastMessage: { sender: 'bot' } });

    // "Talk to a person".
    client.send({ type: 'handover' });
    const said = await client.next((f) => f.type === 'message' && f.message.sender === 'bot' && f.message.text.includes('getting a person'));
    expect(said.message.index).toBe(3);
    const status = await client.next((f) => f.type === 'status' && f.bot === 'handed_over');
    expect(status).toMatchObject({ status: 'waiting', position: 1 });
    await queueSummary(desk.client, id, (c) => c.bot === 'handed_over');

    // The bot says nothing more, even to a new question.
    await client.request({ type: 'send', clientId: newClientId(), text: 'How long does delivery take?' }, 'ack');
    expect(await client.none((f) => f.type === 'message' && f.message.sender === 'bot', 300)).toBe(true);

    // The agent who claims sees the whole exchange, labelled, and the context.
    const claimed = await desk.client.request({ type: 'claim', conversationId: id }, 'conversation');
    expect(claimed.conversation.messages.map((m: { sender: string }) => m.sender)).toEqual(['visitor', 'bot', 'bot', 'visitor']);
    expect(claimed.conversation.messages[1].bot).toEqual({ name: 'Fernwood assistant' });
    expect(claimed.conversation.context.page.path).toBe('/product/stormline');
    expect(claimed.conversation.bot).toBe('handed_over');
    expect(count(ts.dbPath, 'messages', "sender = 'bot'")).toBe(2);
    client.close();
    desk.client.close();
  });

  it('hands over by itself when it is not sure, with what it said', async () => {
    const { ts, desk } = await withAgent({ bot: articleBot({ articles: ARTICLES }) });
    const { client } = await visitor(ts, { context: makeContext() });
    await client.request({ type: 'send', clientId: newClientId(), text: 'I want to talk to a manager about my driver' }, 'ack');
    const said = await client.next((f) => f.type === 'message' && f.message.sender === 'bot');
    expect(said.message.text).toMatch(/not sure/);
    expect(said.message.text).toMatch(/getting a person/);
    expect(said.message.bot).toEqual({ name: 'Baton assistant' });
    expect(await client.next((f) => f.type === 'status' && f.bot === 'handed_over')).toMatchObject({ position: 1 });
    client.close();
    desk.client.close();
  });

  it('says nobody is online when it hands over with no agent, and the conversation waits as a left message', async () => {
    ts = await startServer({ bot: articleBot({ articles: ARTICLES }) });
    const { client } = await visitor(ts, { context: makeContext() });
    await client.request({ type: 'send', clientId: newClientId(), text: 'qwerty asdfgh' }, 'ack');
    const said = await client.next((f) => f.type === 'message' && f.message.sender === 'bot');
    expect(said.message.text).toMatch(/Nobody from the team is online/);
    expect(await client.next((f) => f.type === 'status' && f.bot === 'handed_over')).toMatchObject({ status: 'offline' });
    client.close();
  });

  it('greets a first message without a question, then says nothing to "ok"', async () => {
    ts = await startServer({ bot: articleBot({ articles: ARTICLES }) });
    const { client } = await visitor(ts, { context: makeContext() });
    await client.request({ type: 'send', clientId: newClientId(), text: 'Hi!' }, 'ack');
    expect((await client.next((f) => f.type === 'message' && f.message.sender === 'bot')).message.text).toMatch(/What can I help you with/);
    await client.request({ type: 'send', clientId: newClientId(), text: 'ok' }, 'ack');
    expect(await client.none((f) => f.type === 'message', 300)).toBe(true);
    client.close();
  });

  it('answers in French on a French page', async () => {
    ts = await startServer({ bot: articleBot({ articles: ARTICLES }) });
    const context = makeContext();
    context.page.language = 'fr';
    const { client } = await visitor(ts, { context });
    await client.request({ type: 'send', clientId: newClientId(), text: 'return policy refund' }, 'ack');
    expect((await client.next((f) => f.type === 'message' && f.message.sender === 'bot')).message.text).toMatch(/Cet article devrait vous aider/);
    client.close();
  });
});

describe('the bot hook', () => {
  it('gets the conversation, the message and the verified context; never answers after an agent claimed', async () => {
    const turns: BotTurn[] = [];
    let release: () => void = () => {};
    const hook: BotHook = async (turn) => {
      turns.push(turn);
      if (turns.length === 2) await new Promise<void>((r) => (release = r)); // the agent claims meanwhile
      return { reply: `echo ${turn.message.text}` };
    };
    const { ts, desk } = await withAgent({ bot: hook });
    const { client } = await visitor(ts, { context: makeContext() });
    await client.request({ type: 'send', clientId: newClientId(), text: 'first' }, 'ack');
    expect((await client.next((f) => f.type === 'message' && f.message.sender === 'bot')).message.text).toBe('echo first');
    expect(turns[0]).toMatchObject({ message: { text: 'first', sender: 'visitor' }, conversation: { status: 'waiting', botReplies: 0 }, agentsOnline: 1 });
    expect(turns[0]!.context?.page.path).toBe('/product/stormline');

    await client.request({ type: 'send', clientId: newClientId(), text: 'second' }, 'ack');
    await expect.poll(() => turns.length).toBe(2);
    expect(turns[1]!.conversation.messages.map((m) => m.text)).toEqual(['first', 'echo first', 'second']);
    const claimed = await desk.client.request({ type: 'claim', conversationId: turns[0]!.conversation.id }, 'conversation');
    expect(claimed.conversation).toMatchObject({ status: 'active', bot: 'handed_over' });
    release();
    expect(await client.none((f) => f.type === 'message' && f.message.sender === 'bot', 300)).toBe(true);
    expect(count(ts.dbPath, 'messages', "sender = 'bot'")).toBe(1);
    // And no more turns: the conversation is the agent's.
    await client.request({ type: 'send', clientId: newClientId(), text: 'third' }, 'ack');
    expect(await client.none((f) => f.type === 'message' && f.message.sender === 'bot', 300)).toBe(true);
    expect(turns).toHaveLength(2);
    client.close();
    desk.client.close();
  });

  it('hands over when the hook throws, answers garbage, or repeats itself', async () => {
    const answers: unknown[] = [() => { throw new Error('model down'); }, () => 42, () => 'same', () => 'same'];
    for (const [i, make] of [[0, answers[0]], [1, answers[1]]] as const) {
      ts = await startServer({ bot: make as BotHook });
      const { client } = await visitor(ts, { context: makeContext() });
      await client.request({ type: 'send', clientId: newClientId(), text: `question ${i}` }, 'ack');
      expect((await client.next((f) => f.type === 'message' && f.message.sender === 'bot')).message.text).toMatch(/Nobody from the team is online/);
      await client.next((f) => f.type === 'status' && f.bot === 'handed_over');
      client.close();
      await ts.close();
      ts = null;
    }
    ts = await startServer({ bot: () => ({ reply: 'Have you tried turning it off and on again?' }) });
    const { client } = await visitor(ts, { context: makeContext() });
    await client.request({ type: 'send', clientId: newClientId(), text: 'it is broken' }, 'ack');
    expect((await client.next((f) => f.type === 'message' && f.message.sender === 'bot')).message.text).toMatch(/turning it off/);
    await client.request({ type: 'send', clientId: newClientId(), text: 'still broken' }, 'ack');
    expect((await client.next((f) => f.type === 'message' && f.message.sender === 'bot')).message.text).toMatch(/Nobody from the team/);
    expect(await client.next((f) => f.type === 'status' && f.bot === 'handed_over')).toBeTruthy();
    client.close();
  });

  it(`gives at most ${BOT_REPLIES_MAX} replies, then a person`, async () => {
    let n = 0;
    ts = await startServer({ bot: () => ({ reply: `answer ${++n}` }) });
    const { client } = await visitor(ts, { context: makeContext() });
    for (let i = 1; i <= BOT_REPLIES_MAX; i++) {
      await client.request({ type: 'send', clientId: newClientId(), text: `q${i}` }, 'ack');
      expect((await client.next((f) => f.type === 'message' && f.message.sender === 'bot')).message.text).toBe(`answer ${i}`);
    }
    await client.request({ type: 'send', clientId: newClientId(), text: 'one more' }, 'ack');
    expect((await client.next((f) => f.type === 'message' && f.message.sender === 'bot')).message.text).toMatch(/Nobody from the team/);
    expect(n).toBe(BOT_REPLIES_MAX);
    expect(readDb(ts.dbPath, (db) => db.prepare('SELECT bot_state, bot_replies FROM conversations').get())).toEqual({ bot_state: 'handed_over', bot_replies: BOT_REPLIES_MAX });
    client.close();
  });

  it('answers a burst of messages once, about the latest', async () => {
    const seen: string[] = [];
    let release: () => void = () => {};
    ts = await startServer({
      bot: async ({ message }) => {
        seen.push(message.text);
        if (seen.length === 1) await new Promise<void>((r) => (release = r));
        return { reply: `about ${message.text}` };
      },
    });
    const { client } = await visitor(ts, { context: makeContext() });
    await client.request({ type: 'send', clientId: newClientId(), text: 'one' }, 'ack');
    await expect.poll(() => seen.length).toBe(1);
    await client.request({ type: 'send', clientId: newClientId(), text: 'two' }, 'ack');
    await client.request({ type: 'send', clientId: newClientId(), text: 'three' }, 'ack');
    release();
    expect((await client.next((f) => f.type === 'message' && f.message.sender === 'bot')).message.text).toBe('about one');
    expect((await client.next((f) => f.type === 'message' && f.message.sender === 'bot')).message.text).toBe('about three');
    expect(seen).toEqual(['one', 'three']);
    client.close();
  });

  it('a handover without a bot, or twice, is harmless: the status again', async () => {
    ts = await startServer();
    const { client } = await visitor(ts, { context: makeContext() });
    expect(await client.request({ type: 'handover' }, 'error')).toMatchObject({ code: 'not_found' });
    await client.request({ type: 'send', clientId: newClientId(), text: 'hello' }, 'ack');
    await client.next('status');
    const status = await client.request({ type: 'handover' }, 'status');
    expect(status.bot).toBeUndefined();
    expect(await client.request({ type: 'handover', extra: 1 }, 'error')).toMatchObject({ code: 'bad_frame' });
    client.close();
  });
});
