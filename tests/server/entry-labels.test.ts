// The console's "Make a QR label" (issue 19): admins only, pages of the site only, signed with the
// server's identity secret (the label verifies), every field checked.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_AGENT_ENTRY_LABEL_PATH } from '../../src/protocol/entryLabel';
import { verifyEntryToken } from '../../src/server/index';
import { PASSWORD, SECRET, login, postJson, startServer, type TestServer } from './helpers';

let ts: TestServer;
let admin: string;
let kim: string;

beforeAll(async () => {
  ts = await startServer();
  await ts.server.createAgent({ email: 'sam@desk.test', name: 'Sam', password: PASSWORD });
  await ts.server.createAgent({ email: 'kim@desk.test', name: 'Kim', password: PASSWORD });
  const db = new Database(ts.dbPath);
  db.prepare("UPDATE agents SET role = 'agent' WHERE email = 'kim@desk.test'").run();
  db.close();
  [admin, kim] = await Promise.all([login(ts, 'sam@desk.test'), login(ts, 'kim@desk.test')]);
});
afterAll(() => ts.close());

const make = (cookie: string | null, body: unknown) => postJson(ts, HTTP_AGENT_ENTRY_LABEL_PATH, body, cookie ? { Cookie: cookie } : {});

describe('Make a QR label', () => {
  it('an admin gets a signed link to a page of the site and its QR code', async () => {
    const before = Date.now();
    const r = await make(admin, { url: `${ts.url}/product/stormline-shell`, kind: 'product', label: 'Stormline 3L Shell', fields: { sku: 'FW-1004' }, expiresInDays: 30 });
    expect(r.status).toBe(200);
    expect(r.json.url).toMatch(new RegExp(`^${ts.url}/product/stormline-shell#baton-entry=[\\w-]+\\.[\\w-]{22}$`));
    expect(r.json.svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]* width="240"/);
    const check = verifyEntryToken(r.json.url.split('#baton-entry=')[1], SECRET);
    expect(check).toMatchObject({ ok: true, payload: { k: 'product', l: 'Stormline 3L Shell', f: { sku: 'FW-1004' } } });
    expect(r.json.expiresAt).toBeGreaterThanOrEqual(before + 30 * 86_400_000);
    expect(r.json.expiresAt).toBeLessThan(before + 31 * 86_400_000);
  });

  it('refuses agents, strangers, other sites and bad fields, naming what is wrong', async () => {
    const good = { url: `${ts.url}/`, kind: 'order', label: 'Order FW-10423', fields: { order: 'FW-10423' } };
    expect((await make(null, good)).status).toBe(401);
    expect((await make(kim, good)).status).toBe(403);
    const elsewhere = await make(admin, { ...good, url: 'https://evil.example/' });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.json.error.message).toMatch(/^url: a page of this site/);
    expect((await make(admin, { ...good, kind: 'weapon' })).json.error.message).toMatch(/kind must be one of/);
    expect((await make(admin, { ...good, fields: { 'a b': 'x' } })).json.error.message).toMatch(/field names/);
    expect((await make(admin, { ...good, label: 'x'.repeat(81) })).json.error.message).toMatch(/label/);
    expect((await make(admin, { ...good, expiresInDays: 0 })).json.error.message).toMatch(/expiresInDays/);
    expect((await make(admin, { ...good, expiresInDays: 1.5 })).status).toBe(400);
    expect((await make(admin, [])).status).toBe(400);
  });
});
