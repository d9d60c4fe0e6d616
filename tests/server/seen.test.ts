// "Seen" receipts from the agent's read horizon (issue 15): the conversation's agent tells the
// server how far they have read (`read`), the server keeps it (conversations.agent_read_index,
// migration 18) and the visitor's `status` frames and welcome carry it as `seen`; only forward, never
// past the last message, only from the conversation's own agent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, agent, login, newClientId, readDb, startServer, visitor, type TestServer } from './helpers';

let ts: TestServer;
let sam: string;
let kim: string;

beforeAll(async () => {
  ts = await startServer();
  await ts.server.createAgent({ email: 'sam@seen.test', name: 'Sam', password: PASSWORD });
  await ts.server.createAgent({ email: 'kim@seen.test', name: 'Kim', password: PASSWORD });
  sam = await login(ts, 'sam@seen.test');
  kim = await login(ts, 'kim@seen.test');
});
afterAll(() => ts.close());

describe('Seen', () => {
  it('the agent’s read index reaches the visitor live and on reconnecting; forward only, capped at the last message; only the own agent’s', async () => {
    const a = await agent(ts, sam);
    const k = await agent(ts, kim);
    const first = await visitor(ts);
    const v = first.client;
    const ack = await v.request({ type: 'send', clientId: newClientId(), text: 'Is the jacket waterproof?' }, 'ack');
    const conversationId = ack.message.conversationId as string;
    await v.request({ type: 'send', clientId: newClientId(), text: 'Size M' }, 'ack');

    // A colleague previewing the queued conversation has answered nothing: refused, nothing said.
    expect(await k.client.request({ type: 'read', conversationId, index: 2 }, 'error')).toMatchObject({ code: 'forbidden' });
    a.client.send({ type: 'claim', conversationId });
    const claimed = await v.next((f) => f.type === 'status' && f.status === 'active');
    expect(claimed.seen).toBeUndefined();

    a.client.send({ type: 'read', conversationId, index: 1 });
    expect(await v.next((f) => f.type === 'status' && f.seen !== undefined)).toMatchObject({ conversationId, status: 'active', seen: 1 });
    // Past the last message: capped at it.
    a.client.send({ type: 'read', conversationId, index: 99 });
    expect(await v.next((f) => f.type === 'status' && f.seen === 2)).toMatchObject({ seen: 2 });
    // Backwards (another tab of the agent that was behind): nothing changes, nothing is sent.
    a.client.send({ type: 'read', conversationId, index: 1 });
    expect(await v.none((f) => f.type === 'status' && f.seen === 1, 300)).toBe(true);
    expect(readDb(ts.dbPath, (db) => (db.prepare('SELECT agent_read_index AS i FROM conversations WHERE id = ?').get(conversationId) as { i: number }).i)).toBe(2);

    // A later status (the agent typing nothing, a new message) keeps it; a reconnecting visitor gets it in welcome.
    v.close();
    const again = await visitor(ts, { credential: first.welcome.credential });
    expect(again.welcome.conversation).toMatchObject({ id: conversationId, seen: 2 });
    expect(await k.client.request({ type: 'read', conversationId, index: 2 }, 'error')).toMatchObject({ code: 'forbidden' });
    expect(await a.client.request({ type: 'read', conversationId, index: -1 }, 'error')).toMatchObject({ code: 'bad_frame' });
    for (const c of [again.client, a.client, k.client]) c.close();
  });
});
