// Access control over every visitor and agent frame and every endpoint: a visitor only ever reaches
// its own conversation, agents only theirs (or the queue), strangers and foreign origins nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, PASSWORD, agent, count, login, makeContext, newClientId, postJson, readDb, request, startServer, visitor, type TestServer } from './helpers';

let ts: TestServer;
let samCookie: string;
let kimCookie: string;
/** Visitor B's conversation, claimed by Sam. */
let b: { client: Client; credential: string; conversationId: string };
let sam: Client;

const EVIL = 'https://evil.example';

beforeAll(async () => {
  ts = await startServer();
  await ts.server.createAgent({ email: 'sam@desk.test', name: 'Sam', password: PASSWORD });
  await ts.server.createAgent({ email: 'kim@desk.test', name: 'Kim', password: PASSWORD });
  samCookie = await login(ts, 'sam@desk.test');
  kimCookie = await login(ts, 'kim@desk.test');
  sam = (await agent(ts, samCookie)).client;

  const vb = await visitor(ts, { context: makeContext(null, '/secret-b') });
  const ack = await vb.client.request({ type: 'send', clientId: newClientId(), text: 'B private message' }, 'ack');
  b = { client: vb.client, credential: vb.welcome.credential as string, conversationId: ack.message.conversationId as string };
  await sam.request({ type: 'claim', conversationId: b.conversationId }, 'conversation');
  await b.client.next((f) => f.type === 'status' && f.status === 'active');
  await sam.request({ type: 'send', conversationId: b.conversationId, clientId: newClientId(), text: 'Agent reply to B' }, 'ack');
  await b.client.next('message');
});
afterAll(() => ts.close());

const snapshotOfB = () =>
  readDb(ts.dbPath, (db) => ({
    conversation: db.prepare('SELECT * FROM conversations WHERE id = ?').get(b.conversationId),
    messages: db.prepare('SELECT * FROM messages WHERE conversation_id = ? ORDER BY idx').all(b.conversationId),
  }));

describe("visitor A against visitor B's conversation", () => {
  it('cannot sync it; "not yours" and "does not exist" are the same answer', async () => {
    const a = await visitor(ts);
    const theirs = await a.client.request({ type: 'sync', conversationId: b.conversationId, afterIndex: 0 }, 'error');
    const nowhere = await a.client.request({ type: 'sync', conversationId: 'c_doesnotexist', afterIndex: 0 }, 'error');
    expect(theirs).toEqual({ type: 'error', code: 'forbidden', message: theirs.message });
    expect(nowhere).toEqual(theirs);
    expect(JSON.stringify(theirs)).not.toContain('B private');
    a.client.close();
  });

  it('cannot write, type, read-mark or push context into it, nor receive its frames', async () => {
    const before = snapshotOfB();
    const a = await visitor(ts);
    // An agent-shaped send naming B's conversation is refused outright (strict frames)...
    const refused = await a.client.request({ type: 'send', conversationId: b.conversationId, clientId: newClientId(), text: 'injected' }, 'error');
    expect(refused.code).toBe('bad_frame');
    // ...and A's own frames never touch B's conversation.
    a.client.send({ type: 'typing', on: true });
    a.client.send({ type: 'read', index: 99 });
    a.client.send({ type: 'context', context: makeContext(null, '/from-a') });
    await a.client.request({ type: 'ping' }, 'pong');
    expect(await sam.none('typing')).toBe(true);
    expect(await sam.none('context')).toBe(true);
    expect(snapshotOfB()).toEqual(before);

    // B's traffic never reaches A.
    await b.client.request({ type: 'send', clientId: newClientId(), text: 'B again' }, 'ack');
    await sam.next('message');
    expect(await a.client.none((f) => f.type === 'message' || f.type === 'typing' || f.type === 'status')).toBe(true);
    a.client.close();
  });

  it("cannot use B's visitor id as a credential, and the status endpoint reveals nothing for it", async () => {
    const visitorIdOfB = (readDb(ts.dbPath, (db) => db.prepare('SELECT visitor_id FROM conversations WHERE id = ?').get(b.conversationId)) as { visitor_id: string }).visitor_id;
    const a = await visitor(ts, { credential: visitorIdOfB });
    expect(a.welcome.visitorId).not.toBe(visitorIdOfB);
    expect(a.welcome.conversation).toBeNull();
    a.client.close();

    const byId = await postJson(ts, '/api/visitor/status', { credential: visitorIdOfB });
    expect(byId.status).toBe(200);
    expect(byId.json).toEqual({ unread: 0, agentsOnline: 1, team: [{ name: 'Sam', color: expect.stringMatching(/^#[0-9a-f]{6}$/) }], availability: expect.objectContaining({ open: true }) });
    const real = await postJson(ts, '/api/visitor/status', { credential: b.credential });
    expect(real.json).toEqual({ unread: 1, agentsOnline: 1, team: [{ name: 'Sam', color: expect.stringMatching(/^#[0-9a-f]{6}$/) }], availability: expect.objectContaining({ open: true }) });
  });

  it('refuses agent frames on a visitor socket, storing nothing', async () => {
    const a = await visitor(ts);
    const messagesBefore = count(ts.dbPath, 'messages');
    for (const frame of [
      { type: 'claim', conversationId: b.conversationId },
      { type: 'open', conversationId: b.conversationId },
      { type: 'close', conversationId: b.conversationId },
    ]) {
      expect((await a.client.request(frame, 'error')).code).toBe('unknown_type');
    }
    expect((await a.client.request({ type: 'typing', conversationId: b.conversationId, on: true }, 'error')).code).toBe('bad_frame');
    expect(count(ts.dbPath, 'messages')).toBe(messagesBefore);
    expect(snapshotOfB().conversation).toMatchObject({ status: 'active' });
    a.client.close();
  });
});

describe("agent Kim against Sam's conversation", () => {
  it('cannot claim, open, send, type, close or sync it', async () => {
    const before = snapshotOfB();
    const kim = (await agent(ts, kimCookie)).client;
    const id = b.conversationId;
    for (const frame of [
      { type: 'claim', conversationId: id },
      { type: 'open', conversationId: id },
      { type: 'send', conversationId: id, clientId: newClientId(), text: 'hijack' },
      { type: 'typing', conversationId: id, on: true },
      { type: 'close', conversationId: id, note: 'bye' },
      { type: 'sync', conversationId: id, afterIndex: 0 },
    ]) {
      const error = await kim.request(frame, 'error');
      expect(error.code, frame.type).toBe('forbidden');
      expect(JSON.stringify(error)).not.toContain('B private');
    }
    expect(await kim.request({ type: 'claim', conversationId: 'c_nothing' }, 'error')).toMatchObject({ code: 'not_found' });
    expect(await b.client.none('typing')).toBe(true);
    expect(snapshotOfB()).toEqual(before);
    // Kim does not receive B's messages either.
    await b.client.request({ type: 'send', clientId: newClientId(), text: 'only for Sam' }, 'ack');
    await sam.next('message');
    expect(await kim.none('message')).toBe(true);
    kim.close();
  });
});

describe('strangers and visitors at agent endpoints', () => {
  it('refuses the agent socket without a valid session (401 before upgrading)', async () => {
    const url = `${ts.wsUrl}/ws/agent`;
    expect((await Client.refusal(url, { Origin: ts.origin })).status).toBe(401);
    expect((await Client.refusal(url, { Origin: ts.origin, Cookie: 'baton_agent=forged-token' })).status).toBe(401);
    // A visitor's credential is not a session.
    expect((await Client.refusal(url, { Origin: ts.origin, Cookie: `baton_agent=${b.credential}` })).status).toBe(401);
    const refused = await Client.refusal(url, { Origin: ts.origin });
    expect(JSON.parse(refused.body)).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('refuses /api/agent/me and logout without a session', async () => {
    expect((await request(`${ts.url}/api/agent/me`)).status).toBe(401);
    expect((await request(`${ts.url}/api/agent/me`, { headers: { Cookie: `baton_agent=${b.credential}` } })).status).toBe(401);
    const logout = await postJson(ts, '/api/agent/logout', {});
    expect(logout.status).toBe(401);
    expect(logout.json).toMatchObject({ error: { code: 'unauthorized' } });
  });
});

describe('foreign and missing origins', () => {
  it('refuses WebSocket upgrades with HTTP 403 before upgrading', async () => {
    for (const path of ['/ws/visitor', '/ws/agent']) {
      const cookie = { Cookie: samCookie };
      expect((await Client.refusal(`${ts.wsUrl}${path}`, { Origin: EVIL, ...cookie })).status).toBe(403);
      expect((await Client.refusal(`${ts.wsUrl}${path}`, { ...cookie })).status).toBe(403);
      expect((await Client.refusal(`${ts.wsUrl}${path}`, { Origin: 'null', ...cookie })).status).toBe(403);
    }
    // localhost is the same server, so it is allowed by default.
    expect((await Client.refusal(`${ts.wsUrl}/ws/visitor`, { Origin: ts.origin.replace('127.0.0.1', 'localhost') })).status).toBe(101);
  });

  it('refuses every POST from a foreign or missing origin with 403 JSON', async () => {
    const bodies: Record<string, unknown> = {
      '/api/agent/login': { email: 'sam@desk.test', password: PASSWORD },
      '/api/agent/logout': {},
      '/api/visitor/status': { credential: b.credential },
    };
    for (const [path, body] of Object.entries(bodies)) {
      const foreign = await postJson(ts, path, body, { Origin: EVIL, Cookie: samCookie });
      expect(foreign.status, path).toBe(403);
      expect(foreign.json).toMatchObject({ error: { code: 'forbidden' } });
      const missing = await request(`${ts.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: samCookie }, body: JSON.stringify(body) });
      expect(missing.status, path).toBe(403);
    }
    // Sam is still logged in: the refused logout did nothing.
    expect((await request(`${ts.url}/api/agent/me`, { headers: { Cookie: samCookie } })).status).toBe(200);
  });

  it('answers CORS preflight for the visitor status endpoint only for allowed origins', async () => {
    const ok = await request(`${ts.url}/api/visitor/status`, { method: 'OPTIONS', headers: { Origin: ts.origin, 'Access-Control-Request-Method': 'POST' } });
    expect(ok.status).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe(ts.origin);
    const evil = await request(`${ts.url}/api/visitor/status`, { method: 'OPTIONS', headers: { Origin: EVIL, 'Access-Control-Request-Method': 'POST' } });
    expect(evil.status).toBe(403);
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('logout', () => {
  it('ends the session: the cookie stops working and its open agent sockets close', async () => {
    const cookie = await login(ts, 'kim@desk.test');
    const kim = (await agent(ts, cookie)).client;
    const out = await postJson(ts, '/api/agent/logout', {}, { Cookie: cookie });
    expect(out.status).toBe(200);
    expect(out.headers['set-cookie']?.[0]).toMatch(/^baton_agent=; .*Max-Age=0/);
    expect((await kim.closed).code).toBe(1008);
    expect((await request(`${ts.url}/api/agent/me`, { headers: { Cookie: cookie } })).status).toBe(401);
    expect((await Client.refusal(`${ts.wsUrl}/ws/agent`, { Origin: ts.origin, Cookie: cookie })).status).toBe(401);
  });
});
