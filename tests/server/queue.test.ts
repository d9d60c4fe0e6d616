// The queue that scales (issue 13, finding 2): agents get the queue once in bounded pages, then only
// what changed; a visitor's context storm costs each agent at most one update a second.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRAME_MAX_BYTES, QUEUE_FRAME_MAX_BYTES } from '../../src/protocol/chat';
import { createEmbeddedServer, type EmbeddedServer } from '../../src/server/index';
import { seedQueue } from '../../scripts/seedQueue.mjs';
import { PASSWORD, SECRET, agent, login, makeContext, newClientId, queueSummary, visitor, type TestServer } from './helpers';

/** 1,500 queued conversations with long titles and messages: about 1 MB of summaries (the old queue frame). */
const SEEDED = 1500;
const dir = mkdtempSync(join(tmpdir(), 'baton-queue-test-'));
let server: EmbeddedServer;
let ts: TestServer;
let seeded: string[];
let cookie: string;

beforeAll(async () => {
  const dbPath = join(dir, 'queue.sqlite');
  const options = { dbPath, identitySecret: SECRET, consoleDir: join(dir, 'console'), noAgentAfterMs: 0 };
  await (await createEmbeddedServer(options)).close(); // the schema
  seeded = seedQueue(dbPath, { count: SEEDED, textChars: 400, titleChars: 180 });
  server = await createEmbeddedServer(options);
  await server.createAgent({ email: 'sam@desk.test', name: 'Sam', password: PASSWORD });
  ts = { server, url: server.url, wsUrl: server.url.replace(/^http/, 'ws'), origin: server.url, dbPath, close: () => server.close() };
  cookie = await login(ts, 'sam@desk.test');
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const bytes = (frame: unknown) => Buffer.byteLength(JSON.stringify(frame));

describe('the queue an agent gets on connecting', () => {
  it('comes in pages of at most QUEUE_FRAME_MAX_BYTES, oldest first, the last one marked', async () => {
    const desk = await agent(ts, cookie);
    expect(desk.welcome.queueSize).toBe(SEEDED);
    expect(bytes(desk.welcome)).toBeLessThan(FRAME_MAX_BYTES);
    expect(desk.pages.length).toBeGreaterThan(10); // ~1 MB of summaries
    for (const page of desk.pages) expect(bytes(page)).toBeLessThanOrEqual(QUEUE_FRAME_MAX_BYTES);
    expect(desk.pages.map((p) => p.last)).toEqual([...Array(desk.pages.length - 1).fill(false), true]);
    expect(desk.queue.map((c) => c.id)).toEqual(seeded);
    expect(desk.queue[0]).toMatchObject({ status: 'waiting', lastMessage: { sender: 'visitor' }, page: { path: '/products/0?ref=queue' } });
    desk.client.close();
  });
});

describe('changes, not the queue', () => {
  it('an arrival is one small `added`, a claim one `removed`, for every agent', async () => {
    const sam = await agent(ts, cookie);
    const other = await agent(ts, cookie); // another tab: every agent socket hears the same
    const v = await visitor(ts, { context: makeContext(null, '/checkout') });
    const ack = await v.client.request({ type: 'send', clientId: newClientId(), text: 'Is express shipping available?' }, 'ack');
    const id = ack.message.conversationId as string;

    const arrival = await sam.client.next((f) => f.type === 'queue_changes' && f.added.some((c: { id: string }) => c.id === id));
    expect(arrival.added).toHaveLength(1);
    expect(arrival).toMatchObject({ updated: [], removed: [] });
    expect(arrival.added[0]).toMatchObject({ id, status: 'waiting', page: { path: '/checkout' }, lastMessage: { text: 'Is express shipping available?' } });
    expect(bytes(arrival)).toBeLessThan(2048);
    await other.client.next((f) => f.type === 'queue_changes' && f.added.some((c: { id: string }) => c.id === id));
    // The visitor is told their place: behind the 1,500 already waiting.
    expect(await v.client.next('status')).toMatchObject({ status: 'waiting', position: SEEDED + 1 });

    await sam.client.request({ type: 'claim', conversationId: seeded[0] }, 'conversation');
    const departure = await other.client.next((f) => f.type === 'queue_changes' && f.removed.includes(seeded[0]));
    expect(departure).toMatchObject({ added: [], updated: [], removed: [seeded[0]] });
    // Everyone behind moved up one place; the new visitor hears it.
    expect(await v.client.next('status')).toMatchObject({ position: SEEDED });
    v.client.close();
    sam.client.close();
    other.client.close();
  });

  it('a storm of 45 context frames in 3 s costs the agent one queue update and one context frame a second, and ends on the latest', async () => {
    const desk = await agent(ts, cookie);
    const v = await visitor(ts, { context: makeContext(null, '/start') });
    const ack = await v.client.request({ type: 'send', clientId: newClientId(), text: 'hello' }, 'ack');
    const id = ack.message.conversationId as string;
    await queueSummary(desk.client, id);
    await desk.client.request({ type: 'open', conversationId: id }, 'conversation'); // watching it: context frames come live

    const contexts: string[] = [];
    const updates: string[] = [];
    desk.client.ws.on('message', (data) => {
      const f = JSON.parse(data.toString());
      if (f.type === 'context' && f.conversationId === id) contexts.push(f.context.page.path);
      if (f.type === 'queue_changes') for (const c of f.updated) if (c.id === id) updates.push(c.page?.path);
    });
    const started = Date.now();
    // 15 a second: under the socket's frame limit, so every frame is accepted.
    for (let i = 1; i <= 45; i++) {
      v.client.send({ type: 'context', context: makeContext(null, `/page/${i}`) });
      await new Promise((r) => setTimeout(r, 1000 / 15));
    }
    // The latest page reaches the agent (at the end of its second), in the thread and in the queue.
    await desk.client.next((f) => f.type === 'context' && f.context.page.path === '/page/45', 5000);
    await queueSummary(desk.client, id, (c) => c.page?.path === '/page/45');
    const seconds = Math.ceil((Date.now() - started) / 1000);
    expect(contexts.length).toBeLessThanOrEqual(seconds + 1);
    expect(updates.length).toBeLessThanOrEqual(seconds + 1);
    expect(contexts.at(-1)).toBe('/page/45');
    expect(updates.at(-1)).toBe('/page/45');
    v.client.close();
    desk.client.close();
  });
});

describe('every frame within 64 KiB, whatever the conversations hold', () => {
  it('200 messages of 4,000 characters: the conversation, a sync, the visitor\'s welcome and a reconnected agent\'s get the latest that fit; sync pages through the rest', async () => {
    const v = await visitor(ts, { context: makeContext(null, '/long') });
    const ack = await v.client.request({ type: 'send', clientId: newClientId(), text: 'first' }, 'ack');
    const id = ack.message.conversationId as string;
    // 199 more, each 4,000 characters that JSON escapes to six bytes (about 4.8 MB in all), written
    // straight into the file: the socket's rate limits would take minutes.
    const db = new Database(ts.dbPath);
    const long = (i: number) => `${i}:`.padEnd(4000, '\u0001');
    db.transaction(() => {
      const insert = db.prepare("INSERT INTO messages (id, conversation_id, idx, client_id, sender, text, at) VALUES (?, ?, ?, ?, 'visitor', ?, ?)");
      for (let i = 2; i <= 200; i++) insert.run(`m_long_${i}`, id, i, `long_${String(i).padStart(8, '0')}`, long(i), Date.now());
      db.prepare('UPDATE conversations SET last_index = 200 WHERE id = ?').run(id);
    })();
    db.close();

    const desk = await agent(ts, cookie);
    const frames: number[] = [];
    desk.client.ws.on('message', (data: Buffer) => frames.push(data.length));
    const claimed = await desk.client.request({ type: 'claim', conversationId: id }, 'conversation');
    const latest = claimed.conversation.messages as Array<{ index: number }>;
    expect(latest.length).toBeGreaterThan(0);
    expect(latest.at(-1)!.index).toBe(200); // the newest ones, oldest first
    expect(latest.length).toBeLessThan(200);

    // sync from the start pages through all 200, each answer within the bound.
    const seen: number[] = [];
    for (let after = 0; after < 200; ) {
      const history = await desk.client.request({ type: 'sync', conversationId: id, afterIndex: after }, 'history');
      const got = (history.messages as Array<{ index: number }>).map((m) => m.index);
      expect(got.length).toBeGreaterThan(0);
      seen.push(...got);
      after = got.at(-1)!;
    }
    expect(seen).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));

    // A reconnection: welcome, then the conversation in a frame of its own.
    const again = await agent(ts, cookie);
    expect(again.welcome.mineIds).toContain(id);
    expect(again.mine.find((c) => c.id === id)!.messages.at(-1).index).toBe(200);
    const visitorAgain = await visitor(ts, { credential: v.welcome.credential });
    expect(visitorAgain.welcome.conversation.messages.at(-1).index).toBe(200);

    expect(Math.max(...frames)).toBeLessThanOrEqual(FRAME_MAX_BYTES);
    expect(bytes(again.welcome)).toBeLessThanOrEqual(FRAME_MAX_BYTES);
    for (const c of again.mine) expect(bytes({ type: 'conversation', conversation: c })).toBeLessThanOrEqual(FRAME_MAX_BYTES);
    expect(bytes(visitorAgain.welcome)).toBeLessThanOrEqual(FRAME_MAX_BYTES);
    for (const c of [v.client, visitorAgain.client, desk.client, again.client]) c.close();
  });
});
