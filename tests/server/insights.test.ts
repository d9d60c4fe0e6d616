// Insights (issue 20) over the agent API: the contact drivers a real server finds in the context
// frames real visitor sockets sent before their first message; the CSV export parsed the way a
// spreadsheet reads it gives the same numbers; consent, channels, periods and agents-only.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from '../../src/server/embedded/migrations';
import { parseQuery } from '../../src/server/embedded/insights';
import type { ContextSnapshot, FrictionSignal } from '../../src/protocol/context';
import { HTTP_AGENT_INSIGHTS_PATH, type Insights } from '../../src/protocol/insights';
import { validContextSnapshot } from '../fixtures/contextSnapshot';
import { HTTP_SURVEY_PATH, SURVEY_ANSWERS_PER_WINDOW } from '../../src/protocol/surveys';
import { PASSWORD, agent, login, newClientId, postJson, request, startServer, visitor, type TestServer } from './helpers';

let ts: TestServer;
let cookie: string;
const conversations: Record<string, string> = {};

const rage = (detail: string, path: string, at: number): FrictionSignal => ({ type: 'rage_click', detail, path, firstAt: at - 2000, at, count: 1 });

function context(path: string, title: string, over: Partial<ContextSnapshot> = {}): ContextSnapshot {
  const now = Date.now();
  return validContextSnapshot({
    at: now,
    page: { url: `https://shop.example${path}`, path, title, startedAt: now - 20_000, timeOnPageMs: 20_000 },
    journey: [
      { path: '/', title: 'Home', at: now - 60_000, dwellMs: 40_000, kind: 'load' },
      { path, title, at: now - 20_000, dwellMs: 20_000, kind: 'route' },
    ],
    ...over,
  });
}

const sockets: { close(): void }[] = [];

/** A visitor whose page sent `ctx`, then asked something: their socket (kept open till the end). */
async function contact(name: string, ctx: ContextSnapshot) {
  const v = await visitor(ts);
  sockets.push(v.client);
  v.client.send({ type: 'context', context: ctx });
  const ack = await v.client.request({ type: 'send', clientId: newClientId(), text: `Hello from ${name}` }, 'ack');
  conversations[name] = ack.message.conversationId as string;
  return v.client;
}

const get = (query: string, withCookie = true) => request(`${ts.url}${HTTP_AGENT_INSIGHTS_PATH}${query}`, { headers: withCookie ? { Cookie: cookie } : {} });

beforeAll(async () => {
  ts = await startServer();
  await ts.server.createAgent({ email: 'sam@desk.test', name: 'Sam', password: PASSWORD });
  cookie = await login(ts, 'sam@desk.test');
  const now = Date.now();
  // Three visitors rage-click the sold-out size button on the same product page (one with a colour
  // in the query: the same page), then ask.
  const first = await contact('rage0', context('/product/stormline', 'Stormline 3L Shell', { signals: [rage('button#size-sold-out', '/product/stormline', now - 1000)] }));
  // Two of them came in by scanning the jacket's label (issue 19's QR entry points).
  const label = { kind: 'product' as const, label: 'Stormline 3L Shell', fields: { sku: 'SL-3L-M' }, at: now - 30_000, verified: false };
  for (const [i, path] of ['/product/stormline?color=red', '/product/stormline'].entries()) {
    await contact(`rage${i + 1}`, context(path, 'Stormline 3L Shell', { signals: [rage('button#size-sold-out', path, now - 1000)], entry: label }));
  }
  // One from a campaign, after a refused checkout form and two help articles, through a proactive offer.
  await contact(
    'checkout',
    context('/checkout', 'Checkout', {
      signals: [
        { type: 'form_invalid', detail: 'checkout: postcode', path: '/checkout', firstAt: now - 5000, at: now - 4000, count: 2 },
        { type: 'error', detail: 'TypeError: payment is undefined', path: '/checkout', firstAt: now - 3000, at: now - 3000, count: 1 },
      ],
      campaign: { params: { utm_source: 'newsletter', utm_medium: 'email', utm_campaign: 'winter, "sale"', gclid: 'abc123secret' }, landingPath: '/?utm_source=newsletter', referrer: '', at: now - 60_000 },
      selfService: { articles: [{ id: 'delivery-times', title: 'Delivery times', helped: false, at: now - 10_000 }] },
      trigger: { rule: 'checkout-help', message: 'Trouble paying? We can help.', signal: 'form_invalid: checkout: postcode', at: now - 2000 },
      entry: { kind: 'order', label: 'Order 10423', fields: { order: '10423' }, at: now - 60_000, verified: false },
    }),
  );
  // A visitor who declined consent, rage-clicking the same button: counted nowhere.
  await contact('denied', context('/product/stormline', 'Stormline 3L Shell', { consent: 'denied', journey: [], signals: [rage('button#size-sold-out', '/product/stormline', now)] }));

  // Sam answers and closes the first (its close is what "time to resolution" measures), and its
  // visitor rates it 2 in the satisfaction survey (issue 15).
  const a = await agent(ts, cookie);
  await a.client.request({ type: 'claim', conversationId: conversations.rage0 }, 'conversation');
  await a.client.request({ type: 'close', conversationId: conversations.rage0 }, 'closed');
  await first.next((f) => f.type === 'status' && f.survey === 'due');
  first.send({ type: 'rate', score: 2 });
  await first.next((f) => f.type === 'status' && f.survey === 'done');
  a.client.close();
});
afterAll(async () => {
  for (const c of sockets) c.close();
  await ts.close();
});

describe('GET /api/agent/insights', () => {
  it('makes the page and the element three visitors rage-clicked before asking the top drivers', async () => {
    const res = await get('?days=7');
    expect(res.status).toBe(200);
    const r = res.json as Insights;
    expect(r.contacts).toBe(4); // the visitor who declined consent is not counted
    expect(r.channel).toBe('all');
    expect(r.drivers.page[0]).toMatchObject({ key: '/product/stormline', label: 'Stormline 3L Shell', contacts: 3, share: 0.75, previous: 0, change: 3 });
    expect(r.drivers.page[0]!.examples).toHaveLength(3);
    expect(new Set(r.drivers.page[0]!.examples)).toEqual(new Set([conversations.rage0, conversations.rage1, conversations.rage2]));
    expect(r.drivers.page[0]!.resolutionMedianMs).toBeGreaterThanOrEqual(0); // one of the three closed
    expect(r.drivers.page[0]).toMatchObject({ csatCount: 1, csatAverage: 2 });
    expect(r.drivers.page[1]).toMatchObject({ csatCount: 0, csatAverage: null, resolutionMedianMs: null });
    expect(r.drivers.page[1]).toMatchObject({ key: '/checkout', contacts: 1, share: 0.25, examples: [conversations.checkout] });
    expect(r.drivers.rage_click).toEqual([
      expect.objectContaining({ key: 'button#size-sold-out', label: '/product/stormline', contacts: 3, share: 0.75 }),
    ]);
    expect(r.drivers.form_invalid).toEqual([expect.objectContaining({ key: 'checkout: postcode', label: '/checkout', contacts: 1 })]);
    expect(r.drivers.error).toEqual([expect.objectContaining({ key: 'TypeError: payment is undefined', contacts: 1 })]);
    expect(r.drivers.campaign).toEqual([expect.objectContaining({ key: 'newsletter / email / winter, "sale"', contacts: 1 })]);
    // The click id's name, never its value.
    expect(r.drivers.click_id).toEqual([expect.objectContaining({ key: 'gclid', contacts: 1 })]);
    expect(res.text).not.toContain('abc123secret');
    // Entry points: the jacket's label twice; the proactive offer and an order's label once each.
    expect(r.drivers.entry[0]).toMatchObject({ key: 'qr:product:Stormline 3L Shell', label: 'Stormline 3L Shell', contacts: 2 });
    expect(r.drivers.entry.slice(1)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: 'proactive:checkout-help', label: 'Trouble paying? We can help.', contacts: 1 }),
        expect.objectContaining({ key: 'qr:order', contacts: 1 }),
      ]),
    );
    expect(r.drivers.entry).toHaveLength(3);
    expect(r.drivers.article).toEqual([expect.objectContaining({ key: 'delivery-times', label: 'Delivery times', contacts: 1 })]);
    // Nothing of the declined visitor's conversation, not even as an example.
    expect(res.text).not.toContain(conversations.denied);
  });

  it('compares with the previous period of the same length, and filters by channel', async () => {
    const now = Date.now();
    const hour = 3_600_000;
    // The period after this one: nothing in it, the 4 contacts are its previous period's.
    const later = (await get(`?from=${now + hour}&to=${now + 3 * hour}`)).json as Insights;
    expect(later).toMatchObject({ contacts: 0, previousContacts: 4 });
    expect(later.drivers.page).toEqual([]);
    const around = (await get(`?from=${now - hour}&to=${now + hour}`)).json as Insights;
    expect(around).toMatchObject({ contacts: 4, previousContacts: 0 });
    // No call was made: every contact is a chat.
    expect(((await get('?days=7&channel=call')).json as Insights).contacts).toBe(0);
    expect(((await get('?days=7&channel=chat')).json as Insights).drivers.rage_click[0]).toMatchObject({ contacts: 3 });
    // top bounds each list.
    expect(((await get('?days=7&top=1')).json as Insights).drivers.page).toHaveLength(1);
  });

  it('exports the same numbers as CSV, which a spreadsheet-shaped parse reads back', async () => {
    const json = (await get('?days=7')).json as Insights;
    const res = await get('?days=7&format=csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="baton-insights-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}-all\.csv"$/);
    const rows = parseCsv(res.text);
    const [header, total, ...drivers] = rows;
    expect(header).toEqual(['kind', 'key', 'label', 'contacts', 'share', 'previous', 'change', 'csat_count', 'csat_average', 'resolution_median_ms', 'examples']);
    expect(total!.slice(0, 2)).toEqual(['total', 'all']);
    expect(Number(total![3])).toBe(json.contacts);
    const expected = Object.entries(json.drivers).flatMap(([kind, list]) => list.map((d) => [kind, d.key, d.label, d.contacts, d.share, d.previous, d.change]));
    expect(drivers.map((r) => [r[0], r[1], r[2], Number(r[3]), Number(r[4]), Number(r[5]), Number(r[6])])).toEqual(expected);
    // The quoted campaign (a comma and quotes) came back whole; every row has every column.
    expect(drivers.find((r) => r[0] === 'campaign')![1]).toBe('newsletter / email / winter, "sale"');
    expect(rows.every((r) => r.length === header!.length)).toBe(true);
    expect(drivers.find((r) => r[0] === 'page')![10]!.split(' ')).toEqual(json.drivers.page[0]!.examples);
  });

  it('is for agents only, and refuses what it does not bound', async () => {
    expect((await get('?days=7', false)).status).toBe(401);
    for (const q of ['?days=0', '?days=367', '?days=2.5', '?channel=sms', '?top=0', '?top=51', '?format=xlsx', '?from=2026-01-01', '?from=yesterday&to=today', '?from=2026-02-01&to=2026-01-01', '?from=2024-01-01&to=2026-01-01', '?days=7&from=2026-01-01&to=2026-01-02']) {
      const res = await get(q);
      expect(res.status, q).toBe(400);
      expect(res.json.error.code).toBe('bad_request');
    }
    expect(((await get('?from=2026-01-01&to=2026-02-01')).json as Insights).from).toBe(Date.parse('2026-01-01'));
  });
});

describe('the period', () => {
  it('of the last days includes what was stored in the same millisecond as the query', () => {
    const q = parseQuery(new URLSearchParams('days=1'), 1_000_000_000);
    expect(q.from <= 1_000_000_000 && 1_000_000_000 < q.to).toBe(true);
    expect(q.to - q.from).toBe(24 * 3600 * 1000);
  });
});

describe('micro-survey answers', () => {
  const sid = (n: number) => `survey-session-${String(n).padStart(4, '0')}`;
  const answer = (n: number, over: Record<string, unknown> = {}) =>
    postJson(ts, HTTP_SURVEY_PATH, { sid: sid(n), rule: 'checkout-easy', question: 'Was checkout easy?', scale: 'five', answer: 4, path: '/checkout/done', ...over });

  it('are counted in Insights next to the page they were asked on, one per page session and rule', async () => {
    expect((await answer(1, { answer: 5 })).status).toBe(200);
    expect((await answer(2, { answer: 1 })).status).toBe(200);
    expect((await answer(2, { answer: 5 })).status).toBe(200); // the same page session again: the first stands
    expect((await answer(3, { rule: 'found-it', question: 'Did you find what you were looking for?', scale: 'yes_no', answer: 0, path: '/help' })).status).toBe(200);
    const r = (await get('?days=1')).json as Insights;
    expect(r.surveys).toEqual([
      { path: '/checkout/done', rule: 'checkout-easy', question: 'Was checkout easy?', scale: 'five', answers: 2, average: 3, poor: 1 },
      { path: '/help', rule: 'found-it', question: 'Did you find what you were looking for?', scale: 'yes_no', answers: 1, average: 0, poor: 1 },
    ]);
    const rows = parseCsv((await get('?days=1&format=csv')).text).filter((row) => row[0] === 'survey');
    expect(rows.map((row) => [row[1], row[2], Number(row[3]), Number(row[7]), Number(row[8])])).toEqual([
      ['/checkout/done', 'Was checkout easy?', 2, 1, 3],
      ['/help', 'Did you find what you were looking for?', 1, 1, 0],
    ]);
  });

  it('refuses what is not an answer, and more than the limit from one address', async () => {
    for (const bad of [{ answer: 6 }, { answer: 0 }, { scale: 'yes_no', answer: 2 }, { path: '/x?email=a@b.c' }, { sid: 'short' }, { rule: 'no spaces' }, { question: '' }, { extra: 1 }]) {
      const res = await answer(10, bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
    let status = 200;
    for (let n = 100; n < 100 + SURVEY_ANSWERS_PER_WINDOW + 1 && status === 200; n++) status = (await answer(n)).status;
    expect(status).toBe(429);
  });
});

describe('contact facts of conversations stored before Insights', () => {
  it('are made by the migration from the contexts they hold, none for a visitor who declined consent', () => {
    const db = new Database(':memory:');
    const step = MIGRATIONS.findIndex((m) => m.name === 'contactFacts');
    expect(step).toBeGreaterThan(0);
    migrate(db, MIGRATIONS.slice(0, step));
    db.prepare("INSERT INTO visitors (id, credential_hash, created_at, last_seen_at) VALUES ('v1', 'h1', 1, 1)").run();
    const insert = db.prepare("INSERT INTO conversations (id, visitor_id, status, created_at, waiting_since, context_json) VALUES (?, 'v1', 'closed', ?, ?, ?)");
    const at = Date.UTC(2026, 10, 2);
    insert.run('c1', at, at, JSON.stringify(context('/product/stormline?size=m', 'Stormline', { signals: [rage('button#buy', '/product/stormline', at)] })));
    insert.run('c2', at + 1, at + 1, JSON.stringify(context('/help', 'Help', { consent: 'denied' })));
    insert.run('c3', at + 2, at + 2, '{"v":1,"consent":"granted"}'); // unreadable: no page
    migrate(db);
    expect(db.prepare('SELECT conversation_id, at, kind, key, label FROM contact_facts ORDER BY kind').all()).toEqual([
      { conversation_id: 'c1', at, kind: 'page', key: '/product/stormline', label: 'Stormline' },
      { conversation_id: 'c1', at, kind: 'rage_click', key: 'button#buy', label: '/product/stormline' },
    ]);
    db.close();
  });
});

/** RFC 4180 as spreadsheets read it: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field), rows.push(row), (row = []), (field = ''), i++;
    } else field += c;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}
