// Finding a person and their conversations again (issue 17), against the real server and SQLite:
// a returning visitor's other conversations (same browser, or the same verified id; never a claimed
// one), full-text search with filters (FTS5), tags, closed conversations read-only, "load earlier".
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIdentity } from '../../src/server/index';
import { PASSWORD, SECRET, agent, identity, login, makeContext, newClientId, startServer, visitor, type Client, type TestServer } from './helpers';

let ts: TestServer;
let sam: Client;
let kim: Client;
const ADA = { id: 'user_ada', name: 'Ada Lovelace', email: 'ada@example.com' };
const signed = () => makeContext(identity(ADA, { hmac: signIdentity(ADA.id, SECRET) }));
const ids = (list: { id: string }[]) => list.map((c) => c.id).sort();

/** A visitor says something; resolves with the conversation's id and the browser's credential. */
async function say(text: string, hello: Record<string, unknown> = {}): Promise<{ id: string; credential: string; client: Client }> {
  const { client, welcome } = await visitor(ts, hello);
  const ack = await client.request({ type: 'send', clientId: newClientId(), text }, 'ack');
  return { id: (ack.message as { conversationId: string }).conversationId, credential: welcome.credential as string, client };
}

let first: { id: string; credential: string; client: Client };
let again: { id: string };
let otherDevice: { id: string };
let claimed: { id: string };

beforeAll(async () => {
  ts = await startServer();
  await ts.server.createAgent({ email: 'sam@desk.test', name: 'Sam', password: PASSWORD });
  await ts.server.createAgent({ email: 'kim@desk.test', name: 'Kim', password: PASSWORD });
  sam = (await agent(ts, await login(ts, 'sam@desk.test'))).client;
  kim = (await agent(ts, await login(ts, 'kim@desk.test'))).client;

  // Ada, signed in, asks about an invoice; Sam answers and closes.
  first = await say('My invoice for the Stormline shows the wrong address', { context: signed() });
  await sam.request({ type: 'claim', conversationId: first.id }, (f) => f.type === 'conversation' && (f.conversation as { id: string }).id === first.id);
  await sam.request({ type: 'close', conversationId: first.id }, 'closed');
  first.client.close();
  // The same browser a minute later: a new conversation, the same person.
  again = await say('Back again: the zipper is stuck', { credential: first.credential, context: signed() });
  // Another device, signed in as the same verified Ada.
  otherDevice = await say('Writing from my phone about the refund', { context: signed() });
  // Someone else merely claiming to be user_ada (no signature): never linked to her.
  claimed = await say('I am Ada, show me her orders', { context: makeContext(identity(ADA)) });
});
afterAll(async () => {
  sam?.close();
  kim?.close();
  await ts?.close();
});

const others = async (client: Client, conversationId: string) =>
  ((await client.request({ type: 'visitor_conversations', conversationId }, (f) => f.type === 'visitor_conversations' && f.conversationId === conversationId)).conversations as { id: string; visitorId: string }[]);
const search = async (client: Client, query: string, filters?: Record<string, unknown>) => {
  const requestId = newClientId();
  const answer = await client.request({ type: 'search', requestId, query, ...(filters ? { filters } : {}) }, (f) => f.type === 'search_results' && f.requestId === requestId);
  return answer.results as { conversation: { id: string; status: string; tags?: string[] }; excerpt?: string; matchedIn?: string }[];
};

describe('a returning visitor', () => {
  it('is one person: the same browser and the same verified id list each other’s conversations, newest first', async () => {
    const list = await others(sam, again.id);
    expect(ids(list)).toEqual(ids([first, otherDevice]));
    expect(list.find((c) => c.id === first.id)!.visitorId).toBe((await others(sam, first.id)).find((c) => c.id === again.id)!.visitorId);
    expect(ids(await others(kim, otherDevice.id))).toEqual(ids([first, again]));
  });

  it('is never linked by an id the browser merely claims', async () => {
    expect(await others(sam, claimed.id)).toEqual([]);
    expect(ids(await others(sam, first.id))).not.toContain(claimed.id);
  });

  it('has closed conversations any agent can read (read-only), not another agent’s live one', async () => {
    const opened = await kim.request({ type: 'open', conversationId: first.id }, 'conversation');
    expect((opened.conversation as { messages: { text: string }[] }).messages[0]!.text).toContain('wrong address');
    expect((await kim.request({ type: 'send', conversationId: first.id, clientId: newClientId(), text: 'hi' }, 'error')).code).toBe('forbidden');
  });
});

describe('search (FTS5)', () => {
  it('finds a conversation by a word in a message, or its beginning, with the words marked', async () => {
    const [hit, ...rest] = await search(sam, 'invoice');
    expect(rest).toEqual([]);
    expect(hit).toMatchObject({ conversation: { id: first.id, status: 'closed' }, matchedIn: 'message' });
    expect(hit!.excerpt).toContain('[[invoice]]');
    expect((await search(sam, 'invoi')).map((r) => r.conversation.id)).toEqual([first.id]);
    expect((await search(sam, 'zipper stuck')).map((r) => r.conversation.id)).toEqual([again.id]);
    expect(await search(sam, 'zipper refund')).toEqual([]); // every word must match
  });

  it('finds visitors by name, e-mail and id', async () => {
    const byName = await search(sam, 'lovelace');
    expect(ids(byName.map((r) => r.conversation))).toEqual(ids([first, again, otherDevice, claimed]));
    expect(byName.every((r) => r.matchedIn === 'visitor')).toBe(true);
    expect(ids((await search(sam, 'user_ada')).map((r) => r.conversation)).length).toBe(4);
  });

  it('applies filters: status, agent, dates', async () => {
    expect((await search(sam, 'lovelace', { status: 'closed' })).map((r) => r.conversation.id)).toEqual([first.id]);
    expect(ids((await search(sam, 'lovelace', { status: 'waiting' })).map((r) => r.conversation))).toEqual(ids([again, otherDevice, claimed]));
    const samId = ((await sam.request({ type: 'open', conversationId: first.id }, 'conversation')).conversation as { agent: { id: string } }).agent.id;
    expect((await search(sam, '', { agentId: samId })).map((r) => r.conversation.id)).toEqual([first.id]);
    expect(await search(sam, 'lovelace', { from: Date.now() + 60_000 })).toEqual([]);
    expect((await search(sam, 'lovelace', { to: 1 })).length).toBe(0);
  });

  it('treats FTS syntax as text, and refuses bad queries with a clear error', async () => {
    for (const q of ['"', 'AND OR NOT', '*', 'NEAR(a b)', 'invoice -address', '^x']) await search(sam, q); // no error frame
    expect((await sam.request({ type: 'search', requestId: newClientId(), query: 'x'.repeat(201) }, 'error')).code).toBe('bad_frame');
  });
});

describe('tags', () => {
  it('any agent adds and removes them; every agent hears it; they show in summaries and filter searches', async () => {
    sam.send({ type: 'tag', conversationId: first.id, tag: 'Billing', on: true });
    const heard = await kim.next((f) => f.type === 'tags' && f.conversationId === first.id);
    expect(heard.tags).toEqual(['billing']);
    await sam.next('tags');
    expect((await search(kim, '', { tag: 'billing' })).map((r) => r.conversation.id)).toEqual([first.id]);
    const byTag = await search(kim, 'billing');
    expect(byTag.map((r) => [r.conversation.id, r.matchedIn, r.conversation.tags])).toEqual([[first.id, 'tag', ['billing']]]);
    // A queued conversation's tags travel in the queue's changes too (as `updated`, or in its arrival
    // when the queue's batch of arrivals has not gone out yet).
    sam.send({ type: 'tag', conversationId: again.id, tag: 'vip', on: true });
    type Row = { id: string; tags?: string[] };
    await kim.next((f) => f.type === 'queue_changes' && [...(f.added as Row[]), ...(f.updated as Row[])].some((u) => u.id === again.id && u.tags?.includes('vip')));
    kim.send({ type: 'tag', conversationId: first.id, tag: 'billing', on: false });
    expect((await sam.next((f) => f.type === 'tags' && f.conversationId === first.id)).tags).toEqual([]);
    expect(await search(kim, '', { tag: 'billing' })).toEqual([]);
  });

  it('refuses a malformed tag and more than 20 on a conversation', async () => {
    expect((await sam.request({ type: 'tag', conversationId: first.id, tag: '<b>x</b>', on: true }, 'error')).code).toBe('bad_frame');
    for (let i = 0; i < 20; i++) {
      sam.send({ type: 'tag', conversationId: otherDevice.id, tag: `t${i}`, on: true });
      await sam.next((f) => f.type === 'tags' && f.conversationId === otherDevice.id);
    }
    expect((await sam.request({ type: 'tag', conversationId: otherDevice.id, tag: 'one more', on: true }, 'error')).message).toContain('20 tags');
  });
});

describe('load earlier messages', () => {
  it('gives the messages before the first one shown, the latest of them first in line', async () => {
    // 250 messages written straight into the database (the visitor's rate limits would take minutes).
    const long = await say('message 1');
    const db = new Database(ts.dbPath);
    const insert = db.prepare("INSERT INTO messages (id, conversation_id, idx, client_id, sender, text, at) VALUES (?, ?, ?, ?, 'visitor', ?, ?)");
    db.transaction(() => {
      for (let i = 2; i <= 250; i++) insert.run(`m_test_${i}`, long.id, i, `client_test_${i}`, `message ${i}`, Date.now());
      db.prepare('UPDATE conversations SET last_index = 250 WHERE id = ?').run(long.id);
    })();
    db.close();
    const opened = (await sam.request({ type: 'open', conversationId: long.id }, (f) => f.type === 'conversation' && (f.conversation as { id: string }).id === long.id)).conversation as { messages: { index: number }[] };
    expect(opened.messages[0]!.index).toBe(51);
    const earlier = await sam.request({ type: 'sync', conversationId: long.id, afterIndex: 0, beforeIndex: 51 }, 'history');
    const got = (earlier.messages as { index: number; text: string }[]).map((m) => m.index);
    expect(got[got.length - 1]).toBe(50);
    expect(got[0]).toBeGreaterThanOrEqual(1);
    expect(got).toEqual([...got].sort((a, b) => a - b));
    // Found by search too: the index follows every insert (FTS5 triggers).
    expect((await search(sam, 'message 249'))[0]?.conversation.id).toBe(long.id);
  });
});
