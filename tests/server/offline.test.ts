// Leave-a-message: nobody online, the visitor leaves a message and an e-mail; an agent logging in
// later finds it in the queue, claims and answers; the visitor's next visit shows the reply.
// Also: a waiting conversation nobody claims turns offline after noAgentAfterMs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, agent, login, makeContext, newClientId, postJson, queueSummary, startServer, visitor, type TestServer } from './helpers';

const NO_AGENT_AFTER_MS = 300;
let ts: TestServer;

beforeAll(async () => {
  ts = await startServer({ noAgentAfterMs: NO_AGENT_AFTER_MS });
});
afterAll(() => ts.close());

describe('leave a message', () => {
  it('reaches an agent who logs in later, and the reply waits for the visitor', async () => {
    // 1. Nobody online.
    const first = await visitor(ts, { context: makeContext(null, '/checkout') });
    expect(first.welcome.agentsOnline).toBe(0);
    const credential = first.welcome.credential as string;
    const ack = await first.client.request({ type: 'send', clientId: newClientId(), text: 'My card was declined twice', email: 'ada@example.com' }, 'ack');
    const conversationId = ack.message.conversationId as string;
    expect(await first.client.next('status')).toMatchObject({ conversationId, status: 'offline', position: 1, agentsOnline: 0 });
    first.client.close();

    // 2. An agent is created and logs in later; the message is in the queue with the e-mail.
    await ts.server.createAgent({ email: 'sam@desk.test', name: 'Sam', password: PASSWORD });
    const desk = await agent(ts, await login(ts, 'sam@desk.test'));
    const queued = desk.queue.find((c) => c.id === conversationId);
    expect(queued).toMatchObject({ status: 'offline', email: 'ada@example.com', page: { path: '/checkout' }, lastMessage: { text: 'My card was declined twice' } });

    // 3. Claim (context included) and reply.
    const claimed = await desk.client.request({ type: 'claim', conversationId }, 'conversation');
    expect(claimed.conversation).toMatchObject({ status: 'active', email: 'ada@example.com', context: { page: { path: '/checkout' } } });
    await desk.client.request({ type: 'send', conversationId, clientId: newClientId(), text: 'Sorry Ada, try again now: fixed.' }, 'ack');

    // 4. The visitor comes back (new socket, same credential): the reply, unread 1.
    expect((await postJson(ts, '/api/visitor/status', { credential })).json).toEqual({ unread: 1, agentsOnline: 1, team: [{ name: 'Sam', color: expect.stringMatching(/^#[0-9a-f]{6}$/) }], availability: expect.objectContaining({ open: true }) });
    const back = await visitor(ts, { credential });
    expect(back.welcome).toMatchObject({ unread: 1, agentsOnline: 1, conversation: { id: conversationId, status: 'active', agent: { name: 'Sam' }, readIndex: 0 } });
    expect(back.welcome.conversation.messages.map((m: { sender: string; text: string }) => [m.sender, m.text])).toEqual([
      ['visitor', 'My card was declined twice'],
      ['agent', 'Sorry Ada, try again now: fixed.'],
    ]);
    back.client.send({ type: 'read', index: 2 });
    await back.client.request({ type: 'ping' }, 'pong');
    expect((await postJson(ts, '/api/visitor/status', { credential })).json).toEqual({ unread: 0, agentsOnline: 1, team: [{ name: 'Sam', color: expect.stringMatching(/^#[0-9a-f]{6}$/) }], availability: expect.objectContaining({ open: true }) });
    back.client.close();
    desk.client.close();
    await desk.client.closed;
  });

  it('turns a waiting conversation nobody claims into offline after noAgentAfterMs', async () => {
    const desk = await agent(ts, await login(ts, 'sam@desk.test'));
    const v = await visitor(ts);
    const ack = await v.client.request({ type: 'send', clientId: newClientId(), text: 'hello?' }, 'ack');
    expect(await v.client.next('status')).toMatchObject({ status: 'waiting' });
    const offline = await v.client.next((f) => f.type === 'status' && f.status === 'offline', NO_AGENT_AFTER_MS + 6000);
    expect(offline).toMatchObject({ conversationId: ack.message.conversationId, agentsOnline: 1 });
    // A later e-mail is stored with the left message.
    await v.client.request({ type: 'send', clientId: newClientId(), text: 'reach me by mail', email: 'later@example.com' }, 'ack');
    expect(await queueSummary(desk.client, ack.message.conversationId, (c) => c.email === 'later@example.com')).toBeTruthy();
    v.client.close();
    desk.client.close();
  });
});
