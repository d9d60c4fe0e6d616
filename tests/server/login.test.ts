// Agent login: cookie attributes, one message for unknown e-mail and wrong password, rate limits:
// locked per e-mail and address, slowed per e-mail (issue 13, finding 5).
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentAuth, loginDelayMs } from '../../src/server/embedded/agentAuth';
import { AgentStore } from '../../src/server/embedded/agentStore';
import { openDatabase } from '../../src/server/embedded/database';
import { PASSWORD, postJson, request, startServer, type HttpAnswer, type TestServer } from './helpers';

let ts: TestServer;

beforeAll(async () => {
  ts = await startServer();
  await ts.server.createAgent({ email: 'sam@desk.test', name: 'Sam', password: PASSWORD });
  await ts.server.createAgent({ email: 'kim@desk.test', name: 'Kim', password: PASSWORD });
  await ts.server.createAgent({ email: 'lee@desk.test', name: 'Lee', password: PASSWORD });
});
afterAll(() => ts.close());

/** A login POST from another loopback address (127.0.0.x), i.e. another client IP. */
function loginFrom(localAddress: string, body: unknown): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = http.request(`${ts.url}/api/agent/login`, { method: 'POST', localAddress, headers: { 'Content-Type': 'application/json', Origin: ts.origin } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(data);
  });
}

describe('login', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie and answers /me with it', async () => {
    const res = await postJson(ts, '/api/agent/login', { email: 'SAM@desk.test', password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.json.agent).toMatchObject({ name: 'Sam', id: expect.stringMatching(/^a_/), color: expect.stringMatching(/^#[0-9a-f]{6}$/) });
    const cookie = res.headers['set-cookie']![0]!;
    expect(cookie).toMatch(/^baton_agent=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/; Max-Age=43200$/);
    const me = await request(`${ts.url}/api/agent/me`, { headers: { Cookie: cookie.split(';')[0]! } });
    expect(me.json).toEqual({ agent: res.json.agent });
  });

  it('over https (behind a proxy) names the cookie __Host-baton_agent with Secure, and reads only that one there', async () => {
    const https = { 'X-Forwarded-Proto': 'https' };
    const res = await postJson(ts, '/api/agent/login', { email: 'kim@desk.test', password: PASSWORD }, https);
    const cookie = res.headers['set-cookie']![0]!;
    expect(cookie).toMatch(/^__Host-baton_agent=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/; Max-Age=43200; Secure$/);
    const token = cookie.split(';')[0]!.split('=')[1]!;
    expect((await request(`${ts.url}/api/agent/me`, { headers: { ...https, Cookie: `__Host-baton_agent=${token}` } })).status).toBe(200);
    // A plain-named cookie (one a plain-http page or a sibling subdomain could plant) does not count over https.
    expect((await request(`${ts.url}/api/agent/me`, { headers: { ...https, Cookie: `baton_agent=${token}` } })).status).toBe(401);
    const out = await postJson(ts, '/api/agent/logout', {}, { ...https, Cookie: `__Host-baton_agent=${token}` });
    expect(out.headers['set-cookie']![0]).toMatch(/^__Host-baton_agent=; .*Max-Age=0; Secure$/);
  });

  it('fails the same way for an unknown e-mail and a wrong password', async () => {
    const unknown = await loginFrom('127.0.0.5', { email: 'nobody@desk.test', password: PASSWORD });
    const wrong = await loginFrom('127.0.0.6', { email: 'kim@desk.test', password: 'wrong password!' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.json).toEqual(wrong.json);
    expect(unknown.headers['set-cookie']).toBeUndefined();
  });
});

describe('login rate limit (issue 13: a stranger never locks out the right password from elsewhere)', () => {
  it("locks an e-mail from the address that failed 5 times, with Retry-After, while the right password from another address gets in", async () => {
    const stranger = '127.0.0.10';
    for (let i = 0; i < 5; i++) expect((await loginFrom(stranger, { email: 'lee@desk.test', password: `guess ${i}` })).status).toBe(401);
    const locked = await loginFrom(stranger, { email: 'Lee@desk.test', password: PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.json).toMatchObject({ error: { code: 'rate_limited' } });
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    // Lee, at her own desk, with her password: in (after the progressive delay, a moment).
    expect((await loginFrom('127.0.0.11', { email: 'lee@desk.test', password: PASSWORD })).status).toBe(200);
    // The stranger's address still gets in for other accounts it has not failed on.
    expect((await loginFrom(stranger, { email: 'kim@desk.test', password: PASSWORD })).status).toBe(200);
  });

  it('locks an address that fails on many e-mails (credential stuffing) after 20 failures', async () => {
    const ip = '127.0.0.12';
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => loginFrom(ip, { email: `guess${i}@desk.test`, password: 'nope' })));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(401));
    expect((await loginFrom(ip, { email: 'kim@desk.test', password: PASSWORD })).status).toBe(429);
    expect((await loginFrom('127.0.0.13', { email: 'kim@desk.test', password: PASSWORD })).status).toBe(200);
  });

  it('counts parallel guesses before the slow password check', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => loginFrom('127.0.0.40', { email: 'sam@desk.test', password: 'parallel' })));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
  });
});

describe('progressive delay per e-mail', () => {
  it('slows every attempt for an e-mail failing from many addresses, doubling to 8 s, and the right password still gets in', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-login-delay-'));
    const db = openDatabase(join(dir, 'baton.sqlite'));
    try {
      const waits: number[] = [];
      const auth = await AgentAuth.create(new AgentStore(db), { wait: async (ms) => void waits.push(ms) });
      await auth.createAgent({ email: 'ada@desk.test', name: 'Ada', password: PASSWORD });
      // A botnet: 11 addresses, one guess each (no pair ever reaches the lock). The attempt after
      // the 4th failure waits 250 ms, then twice as long each time, at most 8 s.
      for (let i = 0; i < 11; i++) expect(await auth.login('ada@desk.test', `guess ${i}`, `192.0.2.${i}`)).toEqual({ ok: false, reason: 'wrong_credentials' });
      expect(waits).toEqual([250, 500, 1000, 2000, 4000, 8000, 8000]);
      expect(loginDelayMs(3)).toBe(0);
      // Ada, from her address: slowed, never locked out.
      const ok = await auth.login('ADA@desk.test', PASSWORD, '198.51.100.7');
      expect(ok.ok).toBe(true);
      expect(waits.at(-1)).toBe(8000);
      // An IPv6 attacker gets one address per /64, not 2^64.
      for (let i = 0; i < 5; i++) await auth.login('ada@desk.test', 'nope', `2001:db8:1:2::${i + 1}`);
      expect(await auth.login('ada@desk.test', PASSWORD, '2001:db8:1:2:ffff::9')).toMatchObject({ ok: false, reason: 'rate_limited' });
      expect((await auth.login('ada@desk.test', PASSWORD, '2001:db8:1:3::1')).ok).toBe(true);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
