// Scheduled callbacks (issue 15): slots within business hours on the server's (fake) clock, the
// phone number checked and normalised to E.164 by libphonenumber-js, the booking in SQLite with a
// line in the visitor's conversation, limits per visitor and per address, the visitor's cancel,
// and the agent's list, done / no answer / move.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, count, identity, login, makeContext, postJson, readDb, request, startServer, visitor, type TestServer } from './helpers';

const HOURS = { timeZone: 'Europe/Paris', weekly: { mon: '09:00-12:00', tue: '09:00-12:00' } };
const now = Date.parse('2026-12-05T11:00:00Z'); // Saturday noon in Paris: closed until Monday 9:00
const MONDAY_9 = Date.parse('2026-12-07T08:00:00Z');
let ts: TestServer;
let cookie: string;

beforeAll(async () => {
  ts = await startServer({ hours: HOURS, clock: () => now, phoneCountry: 'FR' });
  await ts.server.createAgent({ email: 'sam@cb.test', name: 'Sam', password: PASSWORD });
  cookie = await login(ts, 'sam@cb.test');
});
afterAll(() => ts.close());

const book = (body: Record<string, unknown>, headers: Record<string, string> = {}) => postJson(ts, '/api/visitor/callbacks', body, headers);
const agentList = async () => ((await request(`${ts.url}/api/agent/callbacks`, { headers: { Cookie: cookie } })).json as { callbacks: Record<string, unknown>[] }).callbacks;
const agentUpdate = (body: Record<string, unknown>) => postJson(ts, '/api/agent/callbacks/update', body, { Cookie: cookie });

describe('slots', () => {
  it('offers the next 8 half hours within business hours, from Monday 9:00 Paris time', async () => {
    const { json } = await postJson(ts, '/api/visitor/callbacks/slots', {});
    const slots = (json as { slots: number[] }).slots;
    expect(slots).toHaveLength(8);
    expect(slots[0]).toBe(MONDAY_9);
    // Monday 9:00..11:30 (six slots ending by 12:00), then Tuesday 9:00 and 9:30.
    expect(slots.map((s) => new Date(s).toISOString())).toEqual([
      '2026-12-07T08:00:00.000Z', '2026-12-07T08:30:00.000Z', '2026-12-07T09:00:00.000Z', '2026-12-07T09:30:00.000Z', '2026-12-07T10:00:00.000Z', '2026-12-07T10:30:00.000Z',
      '2026-12-08T08:00:00.000Z', '2026-12-08T08:30:00.000Z',
    ]);
  });
});

describe('booking', () => {
  it('normalises the number, stores the booking with the visitor’s context, says so in the thread, and returns a new visitor’s credential', async () => {
    const res = await book({ phone: '06 12 34 56 78', at: MONDAY_9 + 30 * 60_000, context: makeContext(identity({ name: 'Ada Lovelace' }), '/checkout') });
    expect(res.status).toBe(201);
    const booked = res.json as { callback: { id: string; at: number; phone: string; status: string }; credential: string };
    expect(booked.callback).toMatchObject({ phone: '+33612345678', at: MONDAY_9 + 30 * 60_000, status: 'booked' });
    expect(typeof booked.credential).toBe('string');
    const row = readDb(ts.dbPath, (db) => db.prepare('SELECT * FROM callbacks WHERE id = ?').get(booked.callback.id)) as Record<string, unknown>;
    expect(row).toMatchObject({ phone: '+33612345678', status: 'booked', due_at: MONDAY_9 + 30 * 60_000 });
    const lines = readDb(ts.dbPath, (db) => db.prepare(`SELECT text FROM messages WHERE conversation_id = ? AND sender = 'system'`).all(row.conversation_id)) as { text: string }[];
    expect(lines.map((l) => l.text)).toEqual(['Callback booked for Mon 7 Dec, 09:30 (Europe/Paris) at +33612345678']);

    // The visitor's chat continues the same conversation, and lists the callback.
    const v = await visitor(ts, { credential: booked.credential });
    expect(v.welcome.conversation.id).toBe(row.conversation_id);
    v.client.close();
    expect((await postJson(ts, '/api/visitor/callbacks/mine', { credential: booked.credential })).json).toEqual({ callbacks: [booked.callback] });

    // One booked callback at a time.
    const again = await book({ credential: booked.credential, phone: '+33 6 12 34 56 78', at: MONDAY_9 });
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ error: { code: 'already_booked' } });

    // The visitor cancels: a line in the thread; then they may book again.
    const cancelled = await postJson(ts, '/api/visitor/callbacks/cancel', { credential: booked.credential, id: booked.callback.id });
    expect(cancelled.json).toMatchObject({ callback: { status: 'cancelled' } });
    expect((await book({ credential: booked.credential, phone: '+33612345678', at: MONDAY_9 })).status).toBe(201);
  });

  it('refuses a bad number, a time it does not offer, and a malformed body, storing nothing', async () => {
    const before = count(ts.dbPath, 'callbacks');
    for (const [body, status, code] of [
      [{ phone: '12', at: MONDAY_9 }, 400, 'bad_phone'],
      [{ phone: '+1 555 0100', at: MONDAY_9 }, 400, 'bad_phone'], // a fiction number: not valid
      [{ phone: '06 12 34 56 78', at: MONDAY_9 + 10 * 60_000 }, 409, 'slot_gone'], // not a slot start
      [{ phone: '06 12 34 56 78', at: Date.parse('2026-12-05T20:00:00Z') }, 409, 'slot_gone'], // Saturday night: closed
      [{ phone: '06 12 34 56 78', at: 'monday' }, 400, 'bad_request'],
      [{ phone: '0'.repeat(40), at: MONDAY_9 }, 400, 'bad_request'],
      [{ phone: '06 12 34 56 78', at: MONDAY_9, extra: 1 }, 400, 'bad_request'],
    ] as const) {
      const res = await book(body);
      expect([res.status, (res.json as { error: { code: string } }).error.code]).toEqual([status, code]);
    }
    expect(count(ts.dbPath, 'callbacks')).toBe(before);
  });

  it('limits bookings per address (20 an hour), counted in the table', async () => {
    const from = (body: unknown) =>
      request(`${ts.url}/api/visitor/callbacks`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: ts.origin }, body: JSON.stringify(body), localAddress: '127.0.0.77' });
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await from({ phone: `+3361234567${i % 10}`, at: MONDAY_9 + (i % 6) * 30 * 60_000 })).status);
    expect(statuses).toEqual([...Array(20).fill(201), 429]);
    const refused = await from({ phone: '+33612345678', at: MONDAY_9 });
    expect(refused.json).toMatchObject({ error: { code: 'rate_limited', message: expect.stringContaining('callbacks from this address') } });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(count(ts.dbPath, 'callbacks', 'address = ?', createHash('sha256').update('127.0.0.77').digest('hex'))).toBe(20);
  });
});

describe('the agent side', () => {
  it('lists booked callbacks in due order, marks one done and one not answered, moves one; visitors cannot', async () => {
    const list = await agentList();
    expect(list.length).toBeGreaterThan(0);
    const booked = list.filter((c) => c.status === 'booked');
    expect(booked.map((c) => c.at)).toEqual([...booked.map((c) => c.at as number)].sort((a, b) => a - b));
    // Ada's booking carries the name from her context (the conversation's).
    expect(list.find((c) => c.status === 'booked' && c.visitorName === 'Ada Lovelace')).toBeDefined();
    const [first, second, third] = booked as { id: string; conversationId: string }[];

    expect((await agentUpdate({ id: first!.id, status: 'done' })).json).toMatchObject({ callback: { id: first!.id, status: 'done', doneAt: now } });
    expect((await agentUpdate({ id: second!.id, status: 'no_answer' })).json).toMatchObject({ callback: { status: 'no_answer' } });
    expect((await agentUpdate({ id: third!.id, at: MONDAY_9 + 24 * 3_600_000 })).json).toMatchObject({ callback: { status: 'booked', at: MONDAY_9 + 24 * 3_600_000 } });
    expect((await agentUpdate({ id: third!.id, at: MONDAY_9 + 4 * 3_600_000 })).status).toBe(409); // 13:00: after hours
    const lines = readDb(ts.dbPath, (db) => db.prepare(`SELECT text FROM messages WHERE conversation_id = ? AND sender = 'system' ORDER BY idx`).all(first!.conversationId)) as { text: string }[];
    expect(lines.at(-1)?.text).toBe('Callback done by Sam');

    // Without a session: 401; a visitor's credential is no session.
    expect((await request(`${ts.url}/api/agent/callbacks`)).status).toBe(401);
    expect((await postJson(ts, '/api/agent/callbacks/update', { id: first!.id, status: 'done' })).status).toBe(401);
  });
});
