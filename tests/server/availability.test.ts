// Business hours and availability (issue 15): the visitor status says whether the site is open on
// the server's clock (a fake one here), when it opens next, the median first reply measured from
// stored conversations, and how many conversations wait.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddedServer } from '../../src/server/embedded/createEmbeddedServer';
import { PASSWORD, SECRET, agent, login, newClientId, postJson, startServer, visitor, type TestServer } from './helpers';

const HOURS = { timeZone: 'Europe/Paris', weekly: { mon: '09:00-17:30', tue: '09:00-17:30', wed: '09:00-17:30', thu: '09:00-17:30', fri: '09:00-17:30' }, holidays: ['2026-12-08'] };
let now = Date.parse('2026-12-05T11:00:00Z'); // Saturday 12:00 in Paris
let ts: TestServer;

beforeAll(async () => {
  ts = await startServer({ hours: HOURS, clock: () => now });
});
afterAll(() => ts.close());

const status = async () => (await postJson(ts, '/api/visitor/status', {})).json as { agentsOnline: number; availability: Record<string, unknown> };

describe('business hours', () => {
  it('closed at the weekend: the next opening is Monday 9:00 in Paris', async () => {
    expect((await status()).availability).toMatchObject({ open: false, nextOpen: Date.parse('2026-12-07T08:00:00Z'), waiting: 0 });
  });

  it('open on Monday at 10:00; a holiday skips to the next working day', async () => {
    now = Date.parse('2026-12-07T09:00:00Z');
    expect((await status()).availability).toMatchObject({ open: true, nextOpen: null });
    now = Date.parse('2026-12-07T17:00:00Z'); // 18:00: closed; Tuesday 8 December is a holiday
    expect((await status()).availability).toMatchObject({ open: false, nextOpen: Date.parse('2026-12-09T08:00:00Z') });
  });

  it('refuses hours it cannot read, before opening anything', async () => {
    await expect(createEmbeddedServer({ dbPath: ':memory:', identitySecret: SECRET, hours: { timeZone: 'Europe/Lutece', weekly: {} } })).rejects.toThrow(/IANA time zone/);
    await expect(createEmbeddedServer({ dbPath: ':memory:', identitySecret: SECRET, hours: { timeZone: 'UTC', weekly: { mon: '9-5' } } })).rejects.toThrow(/09:00-17:30/);
  });
});

describe('measured reply time and queue', () => {
  it('says nothing about reply time until 5 conversations were answered, then the median in minutes', async () => {
    now = Date.parse('2026-12-07T09:00:00Z');
    await ts.server.createAgent({ email: 'sam@hours.test', name: 'Sam', password: PASSWORD });
    const desk = await agent(ts, await login(ts, 'sam@hours.test'));
    // Five visitors wait: the queue says so.
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const v = await visitor(ts);
      const ack = await v.client.request({ type: 'send', clientId: newClientId(), text: `Question ${i}` }, 'ack');
      ids.push(ack.message.conversationId as string);
      v.client.close();
    }
    const before = await status();
    expect(before.availability).toMatchObject({ open: true, replyMinutes: null, waiting: 5 });

    for (const conversationId of ids) {
      await desk.client.request({ type: 'claim', conversationId }, 'conversation');
      await desk.client.request({ type: 'send', conversationId, clientId: newClientId(), text: 'Hello!' }, 'ack');
    }
    // The replies took 2, 3, 4, 10 and 300 minutes (the last, an overnight answer, is left out),
    // set on the stored rows through a second connection (WAL).
    const db = new Database(ts.dbPath);
    const delays = [2, 3, 4, 10, 300];
    ids.forEach((id, i) => {
      const first = (db.prepare(`SELECT MIN(at) AS at FROM messages WHERE conversation_id = ? AND sender = 'visitor'`).get(id) as { at: number }).at;
      db.prepare(`UPDATE messages SET at = ? WHERE conversation_id = ? AND sender = 'agent'`).run(first + delays[i]! * 60_000, id);
    });
    // Five answered, one of them overnight: four live ones are too few to say.
    now += 61_000; // past the cached value
    expect((await status()).availability).toMatchObject({ replyMinutes: null, waiting: 0 });

    const v = await visitor(ts);
    const ack = await v.client.request({ type: 'send', clientId: newClientId(), text: 'One more' }, 'ack');
    const sixth = ack.message.conversationId as string;
    await desk.client.request({ type: 'claim', conversationId: sixth }, 'conversation');
    await desk.client.request({ type: 'send', conversationId: sixth, clientId: newClientId(), text: 'Hi' }, 'ack');
    db.prepare(`UPDATE messages SET at = ? WHERE conversation_id = ? AND sender = 'agent'`).run(ack.message.at + 5 * 60_000, sixth);
    db.close();
    now += 61_000;
    // 2, 3, 4, 5, 10: the median is 4.
    expect((await status()).availability).toMatchObject({ open: true, replyMinutes: 4, waiting: 0 });
    v.client.close();
    desk.client.close();
  });
});
