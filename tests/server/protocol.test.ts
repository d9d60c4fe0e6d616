// The chat protocol's happy path over real sockets: hello/welcome, credentials, send/ack after
// commit, idempotent resend, gap fill, and a full visitor <-> agent conversation.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, PASSWORD, agent, count, login, makeContext, newClientId, queueSummary, readDb, startServer, visitor, type TestServer } from './helpers';

let ts: TestServer;
let agentCookie: string;

beforeAll(async () => {
  ts = await startServer();
  await ts.server.createAgent({ email: 'sam@desk.test', name: 'Sam', password: PASSWORD });
  agentCookie = await login(ts, 'sam@desk.test');
});
afterAll(() => ts.close());

describe('hello / welcome', () => {
  it('issues a fresh credential, stores only its hash, and recognizes it on the next hello', async () => {
    const first = await visitor(ts);
    expect(first.welcome).toMatchObject({ type: 'welcome', conversation: null, agentsOnline: 0, unread: 0 });
    const credential = first.welcome.credential as string;
    expect(credential).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const row = readDb(ts.dbPath, (db) => db.prepare('SELECT * FROM visitors WHERE id = ?').get(first.welcome.visitorId)) as Record<string, unknown>;
    expect(row.credential_hash).toBe(createHash('sha256').update(credential).digest('hex'));
    expect(Object.values(row)).not.toContain(credential);

    const again = await visitor(ts, { credential });
    expect(again.welcome.visitorId).toBe(first.welcome.visitorId);
    expect(again.welcome.credential).toBe(credential);

    const stranger = await visitor(ts, { credential: 'not-a-real-credential' });
    expect(stranger.welcome.visitorId).not.toBe(first.welcome.visitorId);
    expect(stranger.welcome.credential).not.toBe('not-a-real-credential');
    for (const c of [first.client, again.client, stranger.client]) c.close();
  });

  it('refuses other frames before hello, and a second hello', async () => {
    const client = await Client.connect(`${ts.wsUrl}/ws/visitor`, { Origin: ts.origin });
    const error = await client.request({ type: 'send', clientId: newClientId(), text: 'hi' }, 'error');
    expect(error).toMatchObject({ code: 'not_ready' });
    expect(error.clientId).toBeTypeOf('string');
    await client.request({ type: 'hello', v: 1 }, 'welcome');
    expect(await client.request({ type: 'hello', v: 1 }, 'error')).toMatchObject({ code: 'bad_frame' });
    expect(await client.request({ type: 'ping' }, 'pong')).toEqual({ type: 'pong' });
    client.close();
  });
});

describe('send / ack', () => {
  it('acks only after the row is committed, and opens an offline conversation when nobody is online', async () => {
    const { client } = await visitor(ts);
    const clientId = newClientId();
    const ack = await client.request({ type: 'send', clientId, text: '  Where is my order?  ', email: 'ada@example.com' }, 'ack');
    // The ack is out: the row must already be in the file, seen by another connection.
    const row = readDb(ts.dbPath, (db) => db.prepare('SELECT * FROM messages WHERE client_id = ?').get(clientId)) as Record<string, unknown>;
    expect(row).toMatchObject({ id: ack.message.id, text: 'Where is my order?', idx: 1, sender: 'visitor' });
    expect(ack.message).toMatchObject({ clientId, index: 1, sender: 'visitor', text: 'Where is my order?' });

    const status = await client.next('status');
    expect(status).toMatchObject({ conversationId: ack.message.conversationId, status: 'offline', agent: null, agentsOnline: 0 });
    expect(status.position).toBeGreaterThanOrEqual(1);
    const conv = readDb(ts.dbPath, (db) => db.prepare('SELECT status, email FROM conversations WHERE id = ?').get(ack.message.conversationId));
    expect(conv).toEqual({ status: 'offline', email: 'ada@example.com' });
    client.close();
  });

  it('stores a resend with the same clientId once and acks it with the original message', async () => {
    const { client } = await visitor(ts);
    const clientId = newClientId();
    const first = await client.request({ type: 'send', clientId, text: 'hello once' }, 'ack');
    const second = await client.request({ type: 'send', clientId, text: 'hello once' }, 'ack');
    expect(second.message).toEqual(first.message);
    expect(count(ts.dbPath, 'messages', 'client_id = ?', clientId)).toBe(1);
    client.close();
  });

  it('fills a gap with sync afterIndex, oldest first, from a new socket of the same visitor', async () => {
    const { client, welcome } = await visitor(ts);
    let conversationId = '';
    for (const text of ['one', 'two', 'three']) conversationId = (await client.request({ type: 'send', clientId: newClientId(), text }, 'ack')).message.conversationId;
    client.close();

    const later = await visitor(ts, { credential: welcome.credential });
    expect(later.welcome.conversation.messages.map((m: { text: string }) => m.text)).toEqual(['one', 'two', 'three']);
    const history = await later.client.request({ type: 'sync', conversationId, afterIndex: 1 }, 'history');
    expect(history.conversationId).toBe(conversationId);
    expect(history.messages.map((m: { index: number; text: string }) => [m.index, m.text])).toEqual([[2, 'two'], [3, 'three']]);
    later.client.close();
  });

  it("echoes a message to the visitor's other tabs", async () => {
    const a = await visitor(ts);
    const b = await visitor(ts, { credential: a.welcome.credential });
    const ack = await a.client.request({ type: 'send', clientId: newClientId(), text: 'from tab a' }, 'ack');
    const echoed = await b.client.next('message');
    expect(echoed.message).toEqual(ack.message);
    a.client.close();
    b.client.close();
  });
});

describe('a conversation between a visitor and an agent', () => {
  it('queues, claims, relays messages, typing and live context, and closes', async () => {
    const desk = await agent(ts, agentCookie);
    expect(desk.welcome).toMatchObject({ type: 'welcome', agent: { name: 'Sam' }, mineIds: [] });

    const v = await visitor(ts, { context: makeContext() });
    const ack = await v.client.request({ type: 'send', clientId: newClientId(), text: 'Does the shell come in XL?' }, 'ack');
    const conversationId = ack.message.conversationId as string;
    expect(await v.client.next('status')).toMatchObject({ status: 'waiting', agentsOnline: 1 });

    const summary = await queueSummary(desk.client, conversationId);
    expect(summary).toMatchObject({ status: 'waiting', page: { path: '/product/stormline' }, lastMessage: { text: 'Does the shell come in XL?', sender: 'visitor' } });

    // Read-only look first, then claim.
    const opened = await desk.client.request({ type: 'open', conversationId }, 'conversation');
    expect(opened.conversation).toMatchObject({ id: conversationId, status: 'waiting', context: { page: { path: '/product/stormline' } } });
    const claimed = await desk.client.request({ type: 'claim', conversationId }, 'conversation');
    expect(claimed.conversation).toMatchObject({ id: conversationId, status: 'active', agent: { name: 'Sam' } });
    expect(claimed.conversation.messages).toHaveLength(1);
    expect(await v.client.next((f) => f.type === 'status' && f.status === 'active')).toMatchObject({ agent: { name: 'Sam' }, position: null });

    // Visitor -> agent
    const vAck = await v.client.request({ type: 'send', clientId: newClientId(), text: 'Also, is it waterproof?' }, 'ack');
    expect((await desk.client.next('message')).message).toEqual(vAck.message);
    // Agent -> visitor
    const agentClientId = newClientId();
    const aAck = await desk.client.request({ type: 'send', conversationId, clientId: agentClientId, text: 'Yes to both!' }, 'ack');
    expect(aAck.message).toMatchObject({ sender: 'agent', index: 3, agent: { name: 'Sam' } });
    expect((await v.client.next('message')).message).toEqual(aAck.message);
    // Typing both ways
    v.client.send({ type: 'typing', on: true });
    expect(await desk.client.next('typing')).toEqual({ type: 'typing', conversationId, on: true });
    desk.client.send({ type: 'typing', conversationId, on: true });
    expect(await v.client.next('typing')).toEqual({ type: 'typing', on: true });
    // Live context goes straight to the agent, without proof
    v.client.send({ type: 'context', context: makeContext(null, '/cart') });
    const pushed = await desk.client.next('context');
    expect(pushed).toMatchObject({ conversationId, context: { page: { path: '/cart' } } });
    // Agent sync
    const history = await desk.client.request({ type: 'sync', conversationId, afterIndex: 2 }, 'history');
    expect(history.messages.map((m: { index: number }) => m.index)).toEqual([3]);
    // Read index -> unread on the next hello
    v.client.send({ type: 'read', index: 3 });
    await v.client.request({ type: 'ping' }, 'pong');
    expect(readDb(ts.dbPath, (db) => db.prepare('SELECT read_index FROM conversations WHERE id = ?').get(conversationId))).toEqual({ read_index: 3 });

    // Close with a note
    desk.client.send({ type: 'close', conversationId, note: 'Sent size chart' });
    expect(await desk.client.next('closed')).toEqual({ type: 'closed', conversationId, note: 'Sent size chart' });
    expect(await v.client.next((f) => f.type === 'status' && f.status === 'closed')).toMatchObject({ conversationId });
    // Writing into a closed conversation is refused; the visitor's next message opens a new one.
    const refused = await desk.client.request({ type: 'send', conversationId, clientId: newClientId(), text: 'late' }, 'error');
    expect(refused.code).toBe('forbidden');
    const fresh = await v.client.request({ type: 'send', clientId: newClientId(), text: 'one more thing' }, 'ack');
    expect(fresh.message.conversationId).not.toBe(conversationId);
    expect(fresh.message.index).toBe(1);

    desk.client.close();
    v.client.close();
  });

  it('tells connected visitors when agentsOnline changes (status with a conversation, presence without)', async () => {
    const withConversation = await visitor(ts);
    await withConversation.client.request({ type: 'send', clientId: newClientId(), text: 'anyone?' }, 'ack');
    await withConversation.client.next('status');
    const idle = await visitor(ts);

    const desk = await agent(ts, agentCookie);
    expect(await withConversation.client.next((f) => f.type === 'status' && f.agentsOnline === 1)).toMatchObject({ status: 'offline' });
    expect(await idle.client.next('presence')).toEqual({ type: 'presence', agentsOnline: 1 });

    desk.client.close();
    expect(await idle.client.next('presence')).toEqual({ type: 'presence', agentsOnline: 0 });
    withConversation.client.close();
    idle.client.close();
  });

  it('gives an agent its active conversations in full on welcome (several at once)', async () => {
    const desk = await agent(ts, agentCookie);
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const v = await visitor(ts);
      ids.push((await v.client.request({ type: 'send', clientId: newClientId(), text: `visitor ${i}` }, 'ack')).message.conversationId);
      await desk.client.request({ type: 'claim', conversationId: ids[i] }, (f) => f.type === 'conversation' && (f.conversation as { id: string }).id === ids[i]);
      v.client.close();
    }
    desk.client.close();
    const again = await agent(ts, agentCookie);
    const mine = (again.mine as Array<{ id: string; messages: unknown[] }>).filter((c) => ids.includes(c.id));
    expect(mine).toHaveLength(2);
    expect(mine.every((c) => c.messages.length === 1)).toBe(true);
    again.client.close();
  });
});
