// Agent login: cookie attributes, one message for unknown e-mail and wrong password, rate limits.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  it('adds Secure when the request came over https (behind a proxy)', async () => {
    const res = await postJson(ts, '/api/agent/login', { email: 'kim@desk.test', password: PASSWORD }, { 'X-Forwarded-Proto': 'https' });
    expect(res.headers['set-cookie']![0]).toMatch(/; Secure$/);
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

describe('login rate limit', () => {
  it('locks an IP after 5 failures, even for a correct password, with Retry-After', async () => {
    const ip = '127.0.0.10';
    for (let i = 0; i < 5; i++) expect((await loginFrom(ip, { email: `guess${i}@desk.test`, password: 'nope' })).status).toBe(401);
    const locked = await loginFrom(ip, { email: 'lee@desk.test', password: PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.json).toMatchObject({ error: { code: 'rate_limited' } });
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    // Another IP is not affected.
    expect((await loginFrom('127.0.0.11', { email: 'lee@desk.test', password: PASSWORD })).status).toBe(200);
  });

  it('locks an e-mail after 5 failures from any mix of IPs', async () => {
    for (let i = 0; i < 5; i++) expect((await loginFrom(`127.0.0.${20 + i}`, { email: 'lee@desk.test', password: 'nope' })).status).toBe(401);
    const locked = await loginFrom('127.0.0.30', { email: 'Lee@desk.test', password: PASSWORD });
    expect(locked.status).toBe(429);
    // Other accounts from a fresh IP still log in.
    expect((await loginFrom('127.0.0.31', { email: 'kim@desk.test', password: PASSWORD })).status).toBe(200);
  });

  it('counts parallel guesses before the slow password check', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => loginFrom('127.0.0.40', { email: 'sam@desk.test', password: 'parallel' })));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
  });
});
