// Self-service on the embedded server over real HTTP and SQLite: "That helped" answers (bounded,
// rate limited per address), the console's count of conversations avoided (answers minus the
// conversations that still followed one), and who is online for the panel's home.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_VISITOR_STATUS_PATH } from '../../src/protocol/chat';
import type { ContextSnapshot } from '../../src/protocol/context';
import { HTTP_AGENT_SELF_SERVICE_PATH, HTTP_SELF_SERVICE_PATH } from '../../src/protocol/selfService';
import { SELF_SERVICE_PER_ADDRESS } from '../../src/server/embedded/selfService';
import { randomBytes } from 'node:crypto';
import { agent, count, login, makeContext, newClientId, postJson, request, visitor, type TestServer, startServer } from './helpers';

/** A page's self-service id, as the widget makes it: 22 url-safe characters. */
const newSid = () => randomBytes(16).toString('base64url').slice(0, 22);

let ts: TestServer;
let cookie: string;

beforeAll(async () => {
  ts = await startServer();
  await ts.server.createAgent({ email: 'sam@desk.test', name: 'Sam Rivera', password: 'correct horse battery staple' });
  cookie = await login(ts, 'sam@desk.test');
});
afterAll(() => ts.close());

const stats = async () => {
  const r = await request(`${ts.url}${HTTP_AGENT_SELF_SERVICE_PATH}`, { headers: { Cookie: cookie } });
  expect(r.status).toBe(200);
  return r.json as { days: number; helped: number; contactedAfterHelp: number; avoided: number };
};
const helped = (sid: string, id = 'returns-refunds', title = 'Returns and refunds') => postJson(ts, HTTP_SELF_SERVICE_PATH, { sid, article: { id, title } });
const withSelfService = (articles: NonNullable<ContextSnapshot['selfService']>['articles']): ContextSnapshot => ({ ...makeContext(), selfService: { articles } });

describe('self-service', () => {
  it('counts page sessions an article helped, minus the conversations that still followed', async () => {
    expect(await stats()).toEqual({ days: 7, helped: 0, contactedAfterHelp: 0, avoided: 0 });
    const a = newSid();
    const b = newSid();
    expect((await helped(a)).status).toBe(200);
    expect((await helped(a, 'sizes', 'Size guide')).status).toBe(200);
    expect((await helped(a)).status).toBe(200); // the same answer again is stored once
    expect((await helped(b)).status).toBe(200);
    expect(count(ts.dbPath, 'self_service_helped')).toBe(3);
    expect(await stats()).toEqual({ days: 7, helped: 2, contactedAfterHelp: 0, avoided: 2 });

    // Visitor b still writes in after "That helped": that conversation was not avoided.
    const at = Date.now() - 1000;
    const { client } = await visitor(ts, { context: withSelfService([{ id: 'returns-refunds', title: 'Returns and refunds', helped: true, at }]) });
    await client.request({ type: 'send', clientId: newClientId(), text: 'The refund has not arrived' }, 'ack');
    // Someone who read an article that did not help is not counted either way.
    const other = await visitor(ts, { context: withSelfService([{ id: 'warranty', title: 'Our 2-year warranty', helped: false, at }]) });
    await other.client.request({ type: 'send', clientId: newClientId(), text: 'My zip broke' }, 'ack');
    expect(await stats()).toEqual({ days: 7, helped: 2, contactedAfterHelp: 1, avoided: 1 });
    client.ws.close();
    other.client.ws.close();
  });

  it('refuses bad bodies, strangers and a flood from one address', async () => {
    expect((await postJson(ts, HTTP_SELF_SERVICE_PATH, { sid: 'short', article: { id: 'a', title: 'A' } })).status).toBe(400);
    expect((await postJson(ts, HTTP_SELF_SERVICE_PATH, { sid: newSid(), article: { id: 'bad id', title: 'A' } })).status).toBe(400);
    expect((await postJson(ts, HTTP_SELF_SERVICE_PATH, { sid: newSid(), article: { id: 'a', title: 'x'.repeat(121) } })).status).toBe(400);
    expect((await postJson(ts, HTTP_SELF_SERVICE_PATH, { sid: newSid(), article: { id: 'a', title: 'A' }, extra: 1 })).status).toBe(400);
    expect((await postJson(ts, HTTP_SELF_SERVICE_PATH, '{not json')).status).toBe(400);
    expect((await request(`${ts.url}${HTTP_AGENT_SELF_SERVICE_PATH}`)).status).toBe(401);
    // A foreign page may not post (CSRF), like every POST.
    expect((await postJson(ts, HTTP_SELF_SERVICE_PATH, { sid: newSid(), article: { id: 'a', title: 'A' } }, { Origin: 'https://evil.example' })).status).toBe(403);

    const before = count(ts.dbPath, 'self_service_helped');
    let refused: { status: number; headers: Record<string, unknown> } | null = null;
    for (let i = 0; i < SELF_SERVICE_PER_ADDRESS + 1 && !refused; i++) {
      const r = await helped(newSid());
      if (r.status !== 200) refused = r;
    }
    expect(refused?.status).toBe(429);
    expect(Number(refused?.headers['retry-after'])).toBeGreaterThan(0);
    // Everything counted so far (the test's earlier answers included) stayed within the limit.
    expect(count(ts.dbPath, 'self_service_helped')).toBeLessThanOrEqual(before + SELF_SERVICE_PER_ADDRESS);
  });

  it("tells the panel's home who is online without a credential: a count, names and colours", async () => {
    const none = await postJson(ts, HTTP_VISITOR_STATUS_PATH, {});
    expect(none.json).toEqual({ unread: 0, agentsOnline: 0, team: [], availability: { open: true, nextOpen: null, replyMinutes: null, waiting: 0 } });
    const { client } = await agent(ts, cookie);
    const some = await postJson(ts, HTTP_VISITOR_STATUS_PATH, {});
    expect(some.json).toMatchObject({ unread: 0, agentsOnline: 1, team: [{ name: 'Sam Rivera', color: expect.stringMatching(/^#[0-9a-f]{6}$/i) }] });
    expect(Object.keys(some.json.team[0]).sort()).toEqual(['color', 'name']);
    client.ws.close();
  });
});
