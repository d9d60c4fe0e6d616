// The phone-line fallback on the embedded server over real HTTP and SQLite: the visitor's route
// issues a context code for their conversation (opening one when needed), the agent's route redeems
// it (single use, expiry, rate limit) and gets that conversation's context, never another's.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_AGENT_PHONE_LOOKUP_PATH, HTTP_PHONE_CODE_PATH } from '../../src/protocol/voice';
import { identity, login, makeContext, postJson, readDb, startServer, visitor, type TestServer } from './helpers';

let ts: TestServer;
let cookie: string;

beforeAll(async () => {
  ts = await startServer();
  await ts.server.createAgent({ email: 'sam@desk.test', name: 'Sam', password: 'correct horse battery staple' });
  cookie = await login(ts, 'sam@desk.test');
});
afterAll(() => ts.close());

const lookup = (code: string, c = cookie) => postJson(ts, HTTP_AGENT_PHONE_LOOKUP_PATH, { code }, { Cookie: c });

describe('phone-line codes', () => {
  it('a visitor who chatted gets a code for their own conversation; the agent redeems it once and sees that context', async () => {
    const { client, welcome } = await visitor(ts, { context: makeContext(identity({ name: 'Ada Lovelace' }), '/checkout') });
    const credential = welcome.credential as string;
    await client.request({ type: 'send', clientId: 'c1abcdefghijkl', text: 'Hello' }, 'ack');
    const other = await postJson(ts, HTTP_PHONE_CODE_PATH, { context: makeContext(identity({ name: 'Grace Hopper' }), '/returns') });
    expect(other.status).toBe(200);

    const mine = await postJson(ts, HTTP_PHONE_CODE_PATH, { credential });
    expect(mine.status).toBe(200);
    expect(mine.json.code).toMatch(/^\d{6}$/);
    expect(mine.json.expiresAt - Date.now()).toBeGreaterThan(9 * 60_000);
    expect(mine.json.credential).toBeUndefined(); // known visitor: no new credential

    const found = await lookup(mine.json.code);
    expect(found.status).toBe(200);
    expect(found.json.conversation).toMatchObject({ id: mine.json.conversationId, visitor: { name: 'Ada Lovelace' } });
    expect(found.json.context.page.path).toBe('/checkout');
    // Single use.
    const again = await lookup(mine.json.code);
    expect(again.status).toBe(404);
    expect(again.json.error.message).toMatch(/expired|used/);
    // The other visitor's code leads to the other conversation.
    expect((await lookup(other.json.code)).json.context.page.path).toBe('/returns');
    client.ws.close();
  });

  it('a visitor who never chatted gets a credential and a new conversation; a chat with that credential continues it', async () => {
    const r = await postJson(ts, HTTP_PHONE_CODE_PATH, { context: makeContext(null, '/faq') });
    expect(r.json.credential).toMatch(/.{16,}/);
    const { client, welcome } = await visitor(ts, { credential: r.json.credential });
    expect(welcome.conversation?.id).toBe(r.json.conversationId);
    expect(readDb(ts.dbPath, (db) => (db.prepare('SELECT COUNT(*) AS n FROM context_codes WHERE conversation_id = ?').get(r.json.conversationId) as { n: number }).n)).toBe(1);
    client.ws.close();
  });

  it('refuses bad input and strangers clearly', async () => {
    expect((await postJson(ts, HTTP_PHONE_CODE_PATH, { credential: 'not-a-known-one' })).status).toBe(401);
    expect((await postJson(ts, HTTP_PHONE_CODE_PATH, { credential: 42 })).status).toBe(400);
    expect((await postJson(ts, HTTP_PHONE_CODE_PATH, { context: { v: 2 } })).status).toBe(400);
    expect((await lookup('123456', '')).status).toBe(401); // not an agent
    const malformed = await lookup('12345');
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.message).toMatch(/6 digits/);
  });

  it('codes expire after 10 minutes', async () => {
    const r = await postJson(ts, HTTP_PHONE_CODE_PATH, { context: makeContext() });
    expect(r.json.expiresAt - Date.now()).toBeLessThanOrEqual(10 * 60_000);
    // Ten minutes later, as far as the stored code is concerned (the database is the clock's only reader).
    const db = new Database(ts.dbPath);
    db.prepare('UPDATE context_codes SET expires_at = ? WHERE code = ?').run(Date.now() - 1, r.json.code);
    db.close();
    expect((await lookup(r.json.code)).status).toBe(404);
  });

  it('lookups are rate-limited: after 10 misses even the right code is refused, with Retry-After', async () => {
    const r = await postJson(ts, HTTP_PHONE_CODE_PATH, { context: makeContext() });
    const wrong = r.json.code === '000000' ? '000001' : '000000';
    let misses = 0;
    for (let i = 0; i < 12; i++) {
      const res = await lookup(wrong);
      if (res.status === 429) break;
      misses++;
    }
    expect(misses).toBeLessThanOrEqual(10);
    const refused = await lookup(r.json.code);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('a visitor may ask for 5 codes per 10 minutes', async () => {
    const first = await postJson(ts, HTTP_PHONE_CODE_PATH, {});
    const credential = first.json.credential;
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await postJson(ts, HTTP_PHONE_CODE_PATH, { credential })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
  });
});
