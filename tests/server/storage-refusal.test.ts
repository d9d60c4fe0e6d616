// Exactly once when SQLite refuses the write: another process's connection holds the database's
// write lock (BEGIN IMMEDIATE) longer than the server's busy timeout, so the server's INSERT fails
// with SQLITE_BUSY. Nothing may be acknowledged then; the sender is told `unavailable` (retry);
// once the lock is gone the same clientId is stored once and acknowledged.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, agent, count, login, newClientId, startServer, visitor, type TestServer } from './helpers';

let ts: TestServer;

beforeAll(async () => {
  // A short busy timeout: each refused write blocks the (synchronous) server for only 50 ms.
  ts = await startServer({ dbBusyTimeoutMs: 50 });
});
afterAll(() => ts.close());

/** A second connection to the server's SQLite file holding the write lock until released. */
function lockDatabase(dbPath: string): { release(): void } {
  const db = new Database(dbPath);
  db.pragma('busy_timeout = 0');
  db.exec('BEGIN IMMEDIATE');
  return {
    release() {
      db.exec('ROLLBACK');
      db.close();
    },
  };
}

describe('a database that refuses the write', () => {
  it('sends no ack for a visitor message it could not commit, then stores the resend once', async () => {
    const { client } = await visitor(ts);
    const first = await client.request({ type: 'send', clientId: newClientId(), text: 'before the lock' }, 'ack');
    const conversationId = first.message.conversationId as string;

    const lock = lockDatabase(ts.dbPath);
    const clientId = newClientId();
    let refusal;
    try {
      refusal = await client.request({ type: 'send', clientId, text: 'while locked' }, 'error');
      expect(await client.none('ack')).toBe(true);
      expect(count(ts.dbPath, 'messages', 'client_id = ?', clientId)).toBe(0);
    } finally {
      lock.release();
    }
    expect(refusal).toMatchObject({ type: 'error', code: 'unavailable', clientId });

    const ack = await client.request({ type: 'send', clientId, text: 'while locked' }, 'ack');
    expect(ack).toMatchObject({ clientId, message: { conversationId, index: 2, text: 'while locked' } });
    const again = await client.request({ type: 'send', clientId, text: 'while locked' }, 'ack');
    expect(again.message).toEqual(ack.message);
    expect(count(ts.dbPath, 'messages', 'client_id = ?', clientId)).toBe(1);
    client.close();
  });

  it('closes a hello it could not answer with 1013 (try again later), so the client reconnects', async () => {
    const { Client } = await import('./helpers');
    const lock = lockDatabase(ts.dbPath);
    try {
      const c = await Client.connect(`${ts.wsUrl}/ws/visitor`, { Origin: ts.origin });
      c.send({ type: 'hello', v: 1 }); // a new visitor: the server must write one
      expect((await c.closed).code).toBe(1013);
    } finally {
      lock.release();
    }
    const { welcome } = await visitor(ts);
    expect(welcome.type).toBe('welcome');
  });

  it('sends no ack for an agent message it could not commit, then stores the resend once', async () => {
    await ts.server.createAgent({ email: 'lock@example.test', name: 'Lock Agent', password: PASSWORD });
    const cookie = await login(ts, 'lock@example.test');
    const { client: v } = await visitor(ts);
    const opened = await v.request({ type: 'send', clientId: newClientId(), text: 'help' }, 'ack');
    const conversationId = opened.message.conversationId as string;
    const { client: a } = await agent(ts, cookie);
    await a.request({ type: 'claim', conversationId }, 'conversation');

    const clientId = newClientId();
    const lock = lockDatabase(ts.dbPath);
    let refusal;
    try {
      refusal = await a.request({ type: 'send', conversationId, clientId, text: 'agent while locked' }, 'error');
      expect(await a.none('ack')).toBe(true);
    } finally {
      lock.release();
    }
    expect(refusal).toMatchObject({ code: 'unavailable', clientId });
    expect(count(ts.dbPath, 'messages', 'client_id = ?', clientId)).toBe(0);
    await a.request({ type: 'send', conversationId, clientId, text: 'agent while locked' }, 'ack');
    await a.request({ type: 'send', conversationId, clientId, text: 'agent while locked' }, 'ack');
    expect(count(ts.dbPath, 'messages', 'client_id = ?', clientId)).toBe(1);
    expect((await v.next((f) => f.type === 'message' && f.message.clientId === clientId)).message.text).toBe('agent while locked');
    a.close();
    v.close();
  });
});
