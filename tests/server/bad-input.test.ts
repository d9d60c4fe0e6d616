// Bad input gets a clear error, stores nothing, and leaves the server (and the socket) answering.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ChatStore } from '../../src/server/embedded/chatStore';
import { MESSAGE_MAX_CHARS } from '../../src/protocol/chat';
import { until } from '../until';
import { Client, PASSWORD, agent, count, login, makeContext, newClientId, postJson, request, startServer, visitor, type TestServer } from './helpers';

let ts: TestServer;
let v: Client;
let desk: Client;
let conversationId: string;

beforeAll(async () => {
  ts = await startServer();
  await ts.server.createAgent({ email: 'sam@desk.test', name: 'Sam', password: PASSWORD });
  desk = (await agent(ts, await login(ts, 'sam@desk.test'))).client;
  v = (await visitor(ts)).client;
  conversationId = (await v.request({ type: 'send', clientId: newClientId(), text: 'first' }, 'ack')).message.conversationId;
  await desk.request({ type: 'claim', conversationId }, 'conversation');
});
afterAll(() => ts.close());

const rows = () => ({
  messages: count(ts.dbPath, 'messages'),
  conversations: count(ts.dbPath, 'conversations'),
  visitors: count(ts.dbPath, 'visitors'),
  context: count(ts.dbPath, 'conversations', 'context_json IS NOT NULL'),
});

async function expectError(client: Client, raw: string | object, code: string, message?: RegExp): Promise<Record<string, unknown>> {
  const answer = client.next('error');
  client.sendRaw(typeof raw === 'string' ? raw : JSON.stringify(raw));
  const error = await answer;
  expect(error.code, JSON.stringify(error)).toBe(code);
  if (message) expect(error.message).toMatch(message);
  // The connection stays up and answers.
  expect(await client.request({ type: 'ping' }, 'pong')).toEqual({ type: 'pong' });
  return error;
}

describe('bad visitor frames', () => {
  it('answers each with the right code and message, keeps the socket, stores nothing', async () => {
    const before = rows();
    await expectError(v, '{"type":"send",', 'bad_json', /not valid JSON/);
    await expectError(v, '[1,2,3]', 'bad_frame', /JSON object/);
    await expectError(v, { text: 'no type' }, 'bad_frame', /"type"/);
    await expectError(v, { type: 'shout', text: 'hey' }, 'unknown_type', /Unknown frame type "shout".*hello, send/);
    await expectError(v, { type: 'send', clientId: newClientId(), text: 42 }, 'bad_frame', /text: text must be a string/);
    await expectError(v, { type: 'send', clientId: newClientId(), text: '    ' }, 'bad_frame', /text is empty/);
    await expectError(v, { type: 'send', clientId: 'short', text: 'hi' }, 'bad_frame', /clientId/);
    await expectError(v, { type: 'send', clientId: newClientId(), text: 'hi', email: 'not-an-email' }, 'bad_frame', /e-mail/);
    await expectError(v, { type: 'send', clientId: newClientId(), text: 'hi', extra: true }, 'bad_frame', /extra/);
    await expectError(v, { type: 'typing', on: 'yes' }, 'bad_frame');
    await expectError(v, { type: 'read', index: -1 }, 'bad_frame');
    await expectError(v, { type: 'read', index: 1.5 }, 'bad_frame');
    await expectError(v, { type: 'sync', conversationId, afterIndex: '0' }, 'bad_frame');
    await expectError(v, { type: 'hello', v: 2 }, 'bad_frame', /protocol version/);
    const badContext = { ...makeContext(), consent: 'maybe' };
    await expectError(v, { type: 'context', context: badContext }, 'bad_frame', /context\.consent/);
    expect(rows()).toEqual(before);
  });

  it('echoes the clientId of a refused send so the widget can mark that message failed', async () => {
    const clientId = newClientId();
    const error = await expectError(v, { type: 'send', clientId, text: 'x'.repeat(MESSAGE_MAX_CHARS + 1) }, 'too_large', /over 4000 characters/);
    expect(error.clientId).toBe(clientId);
    expect(count(ts.dbPath, 'messages', 'client_id = ?', clientId)).toBe(0);
  });

  it('accepts exactly 4,000 characters', async () => {
    const ack = await v.request({ type: 'send', clientId: newClientId(), text: 'y'.repeat(MESSAGE_MAX_CHARS) }, 'ack');
    expect(ack.message.text).toHaveLength(MESSAGE_MAX_CHARS);
  });

  it('refuses a context over 8 KB with too_large', async () => {
    const before = rows();
    const huge = makeContext();
    huge.journey = Array.from({ length: 50 }, (_, i) => ({ path: `/p/${i}/${'a'.repeat(150)}`, title: 't'.repeat(100), at: 1, dwellMs: 1, kind: 'route' as const }));
    await expectError(v, { type: 'context', context: huge }, 'too_large', /8192 bytes/);
    expect(rows()).toEqual(before);
    expect(await desk.none('context')).toBe(true);
  });

  it('refuses binary frames', async () => {
    const answer = v.next('error');
    v.sendRaw(Buffer.from([1, 2, 3]));
    expect((await answer).code).toBe('bad_frame');
  });

  it('closes a 70 KB frame with 1009, and the server goes on', async () => {
    const { client } = await visitor(ts);
    const before = rows();
    client.sendRaw(JSON.stringify({ type: 'send', clientId: newClientId(), text: 'z'.repeat(70 * 1024) }));
    expect((await client.closed).code).toBe(1009);
    expect(rows()).toEqual(before);
    expect(await v.request({ type: 'ping' }, 'pong')).toEqual({ type: 'pong' });
  });
});

describe('bugs and floods', () => {
  it('turns a thrown bug into a server_error frame, logged, and keeps the socket', async () => {
    // A socket of its own: the shared one has spent most of its frame budget (VISITOR_FRAME_BURST) above.
    const { client: v } = await visitor(ts);
    const conversationId = (await v.request({ type: 'send', clientId: newClientId(), text: 'mine' }, 'ack')).message.conversationId;
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const bug = vi.spyOn(ChatStore.prototype, 'messagesAfter').mockImplementation(() => {
      throw new Error('simulated bug');
    });
    try {
      const error = await v.request({ type: 'sync', conversationId, afterIndex: 0 }, 'error');
      expect(error).toMatchObject({ code: 'server_error' });
      expect(log).toHaveBeenCalledWith(expect.stringContaining('frame handler failed'), expect.any(Error));
    } finally {
      bug.mockRestore();
      log.mockRestore();
    }
    expect(await v.request({ type: 'ping' }, 'pong')).toEqual({ type: 'pong' });
    expect((await v.request({ type: 'sync', conversationId, afterIndex: 0 }, 'history')).messages.length).toBeGreaterThan(0);
    v.close();
  });

  it('drops frames over the per-socket rate with rate_limited, then recovers', async () => {
    const { client } = await visitor(ts);
    const clientId = newClientId();
    for (let i = 0; i < 60; i++) client.send({ type: 'ping' });
    client.send({ type: 'send', clientId, text: 'flood' });
    const error = await client.next((f) => f.type === 'error' && f.clientId === clientId);
    expect(error.code).toBe('rate_limited');
    expect(count(ts.dbPath, 'messages', 'client_id = ?', clientId)).toBe(0);
    // Recovers as the bucket refills: a ping is refused (rate_limited) until one is answered.
    const answer = () => client.request({ type: 'ping' }, (f) => f.type === 'pong' || (f.type === 'error' && f.code === 'rate_limited'));
    expect(await until(async () => (await answer()).type === 'pong', 'a pong once the socket is under its rate again', 5000, 50)).toBe(true);
    client.close();
  });
});

describe('bad agent frames', () => {
  it('answers with errors and stores nothing', async () => {
    const before = rows();
    await expectError(desk, 'nope', 'bad_json');
    await expectError(desk, { type: 'hello', v: 1 }, 'unknown_type');
    await expectError(desk, { type: 'send', conversationId, clientId: newClientId() }, 'bad_frame', /text/);
    await expectError(desk, { type: 'send', conversationId, clientId: newClientId(), text: 'x'.repeat(4001) }, 'too_large');
    await expectError(desk, { type: 'close', conversationId, note: 'n'.repeat(2001) }, 'too_large', /note/);
    await expectError(desk, { type: 'claim', conversationId: 'x'.repeat(65) }, 'bad_frame', /too long/);
    expect(rows()).toEqual(before);
  });
});

describe('bad HTTP bodies', () => {
  it('refuses a 20 KB body with 413, malformed JSON with 400, other types with 415, missing fields with 400', async () => {
    const big = await postJson(ts, '/api/agent/login', { email: 'sam@desk.test', password: 'p'.repeat(20 * 1024) });
    expect(big.status).toBe(413);
    expect(big.json).toEqual({ error: { code: 'too_large', message: expect.stringContaining('16384') } });

    const malformed = await postJson(ts, '/api/agent/login', '{"email": "sam@desk.test",');
    expect(malformed.status).toBe(400);
    expect(malformed.json).toMatchObject({ error: { code: 'bad_json' } });

    const form = await request(`${ts.url}/api/agent/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ts.origin },
      body: 'email=sam%40desk.test&password=x',
    });
    expect(form.status).toBe(415);
    expect(form.json).toMatchObject({ error: { code: 'unsupported_media_type' } });

    const missing = await postJson(ts, '/api/agent/login', { email: 'sam@desk.test' });
    expect(missing.status).toBe(400);
    expect(missing.json.error).toMatchObject({ code: 'bad_request', message: expect.stringContaining('password') });

    const status = await postJson(ts, '/api/visitor/status', { credential: 12 });
    expect(status.status).toBe(400);

    const wrongMethod = await request(`${ts.url}/api/agent/login`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.allow).toBe('POST');
    expect((await request(`${ts.url}/api/nothing`)).json).toMatchObject({ error: { code: 'not_found' } });

    expect((await request(`${ts.url}/healthz`)).json).toEqual({ ok: true });
  });
});
