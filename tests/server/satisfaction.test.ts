// The satisfaction survey (issue 15), one per conversation: due once the chat closes or a call in it
// ends, the first answer kept (the server refuses a second, from any tab or socket), shown to the
// agent who had the conversation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, agent, login, newClientId, readDb, startServer, visitor, type TestServer } from './helpers';

let ts: TestServer;
let sam: string;

beforeAll(async () => {
  ts = await startServer();
  await ts.server.createAgent({ email: 'sam@desk.test', name: 'Sam', password: PASSWORD });
  sam = await login(ts, 'sam@desk.test');
});
afterAll(() => ts.close());

const stored = (conversationId: string) =>
  readDb(ts.dbPath, (db) => db.prepare('SELECT csat_score AS score, csat_comment AS comment FROM conversations WHERE id = ?').get(conversationId));

describe('after a chat closes', () => {
  it('is due, takes the first answer only, and reaches the agent', async () => {
    const a = await agent(ts, sam);
    const v = await visitor(ts);
    const credential = v.welcome.credential as string;
    const ack = await v.client.request({ type: 'send', clientId: newClientId(), text: 'Do you price match?' }, 'ack');
    const conversationId = ack.message.conversationId as string;
    await a.client.request({ type: 'claim', conversationId }, 'conversation');
    // Not before the end.
    expect(await v.client.request({ type: 'rate', score: 5 }, 'error')).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/once the conversation has ended/) });
    expect((await v.client.next((f) => f.type === 'status' && f.status === 'active')).survey).toBeUndefined();
    await a.client.request({ type: 'close', conversationId }, 'closed');
    expect(await v.client.next((f) => f.type === 'status' && f.status === 'closed')).toMatchObject({ survey: 'due' });
    // A second tab of the same visitor.
    const tab = await visitor(ts, { credential });
    expect(tab.welcome.conversation).toMatchObject({ id: conversationId, survey: 'due' });
    expect(await v.client.request({ type: 'rate', score: 6 }, 'error')).toMatchObject({ code: 'bad_frame' });
    expect(await v.client.request({ type: 'rate', score: 4, comment: 'x'.repeat(1001) }, 'error')).toMatchObject({ code: 'bad_frame' });
    v.client.send({ type: 'rate', score: 4, comment: '  Quick and kind, thanks ' });
    expect(await v.client.next((f) => f.type === 'status' && f.survey === 'done')).toMatchObject({ conversationId });
    expect(await tab.client.next((f) => f.type === 'status' && f.survey === 'done')).toMatchObject({ conversationId });
    const told = await a.client.next((f) => f.type === 'conversation' && f.conversation.id === conversationId);
    expect(told.conversation.csat).toMatchObject({ score: 4, comment: 'Quick and kind, thanks', at: expect.any(Number) });
    // Never a second survey for the same conversation, from any socket.
    expect(await tab.client.request({ type: 'rate', score: 1 }, 'error')).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/already rated/) });
    expect(await v.client.request({ type: 'rate', score: 2, comment: 'changed my mind' }, 'error')).toMatchObject({ code: 'forbidden' });
    expect(stored(conversationId)).toEqual({ score: 4, comment: 'Quick and kind, thanks' });
    const again = await visitor(ts, { credential });
    expect(again.welcome.conversation).toMatchObject({ id: conversationId, survey: 'done' });
    for (const c of [v, tab, again]) c.client.close();
    a.client.close();
  });
});

describe('after a call ends', () => {
  it('is due while the chat stays open, once for the conversation', async () => {
    const a = await agent(ts, sam);
    const { client: v } = await visitor(ts);
    const ack = await v.request({ type: 'send', clientId: newClientId(), text: 'Can I call?' }, 'ack');
    const conversationId = ack.message.conversationId as string;
    const callId = newClientId();
    await v.request({ type: 'call_start', callId, conversationId }, (f) => f.type === 'call_ringing');
    await a.client.next('call_incoming');
    a.client.send({ type: 'call_answer', callId });
    await v.next('call_accepted');
    v.send({ type: 'call_hangup', callId });
    await v.next('call_ended');
    expect(await v.next((f) => f.type === 'status' && f.survey === 'due')).toMatchObject({ conversationId, status: 'active' });
    v.send({ type: 'rate', score: 5 });
    expect(await v.next((f) => f.type === 'status' && f.survey === 'done')).toMatchObject({ conversationId });
    const told = await a.client.next((f) => f.type === 'conversation' && f.conversation.id === conversationId && f.conversation.csat);
    expect(told.conversation.csat).toMatchObject({ score: 5, comment: null });
    // The chat then closes: no second survey.
    await a.client.request({ type: 'close', conversationId }, 'closed');
    expect(await v.next((f) => f.type === 'status' && f.status === 'closed')).toMatchObject({ survey: 'done' });
    expect(await v.request({ type: 'rate', score: 3 }, 'error')).toMatchObject({ code: 'forbidden' });
    expect(stored(conversationId)).toEqual({ score: 5, comment: null });
    v.close();
    a.client.close();
  });

  it('is not due after a call nobody answered', async () => {
    const { client: v } = await visitor(ts);
    const ack = await v.request({ type: 'send', clientId: newClientId(), text: 'Anyone?' }, 'ack');
    const callId = newClientId();
    v.send({ type: 'call_start', callId, conversationId: ack.message.conversationId });
    await v.next('call_ended');
    expect(await v.request({ type: 'rate', score: 3 }, 'error')).toMatchObject({ code: 'forbidden' });
    v.close();
  });
});
