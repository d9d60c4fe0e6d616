// The Reports page's numbers (issue 15) over the agent API: conversations per day by channel, the
// first-response median, satisfaction, missed calls; bounded periods, agents only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_AGENT_REPORTS_PATH, type Reports } from '../../src/protocol/reports';
import { PASSWORD, agent, login, newClientId, request, startServer, visitor, type TestServer } from './helpers';

let ts: TestServer;
let cookie: string;

beforeAll(async () => {
  ts = await startServer({ callNoAnswerMs: 300 });
  await ts.server.createAgent({ email: 'sam@desk.test', name: 'Sam', password: PASSWORD });
  cookie = await login(ts, 'sam@desk.test');
});
afterAll(() => ts.close());

const get = (query: string, withCookie = true) => request(`${ts.url}${HTTP_AGENT_REPORTS_PATH}${query}`, { headers: withCookie ? { Cookie: cookie } : {} });

describe('GET /api/agent/reports', () => {
  it('counts today’s chats and calls, the first-response median, satisfaction and missed calls', async () => {
    const a = await agent(ts, cookie);
    // A chat answered and rated 4.
    const one = await visitor(ts);
    const c1 = (await one.client.request({ type: 'send', clientId: newClientId(), text: 'Hello' }, 'ack')).message.conversationId as string;
    await a.client.request({ type: 'claim', conversationId: c1 }, 'conversation');
    await a.client.request({ type: 'send', conversationId: c1, clientId: newClientId(), text: 'Hi!' }, 'ack');
    await a.client.request({ type: 'close', conversationId: c1 }, 'closed');
    await one.client.next((f) => f.type === 'status' && f.survey === 'due');
    one.client.send({ type: 'rate', score: 4 });
    await one.client.next((f) => f.type === 'status' && f.survey === 'done');
    // A conversation with a call nobody answered (the agent does not pick up).
    const two = await visitor(ts);
    const c2 = (await two.client.request({ type: 'send', clientId: newClientId(), text: 'Call me' }, 'ack')).message.conversationId as string;
    two.client.send({ type: 'call_start', callId: newClientId(), conversationId: c2 });
    await two.client.next((f) => f.type === 'call_ended' && f.reason === 'no_answer', 8000);

    const res = await get('?days=7&tz=0');
    expect(res.status).toBe(200);
    const r = res.json as Reports;
    expect(r.days).toHaveLength(7);
    expect(r.days.map((d) => d.day)).toEqual([...r.days.map((d) => d.day)].sort());
    expect(r.totals).toMatchObject({ chats: 1, calls: 1, missedCalls: 1, firstResponses: 1, csatCount: 1, csatAverage: 4, csatDistribution: [0, 0, 0, 1, 0], callbacksKept: 0 });
    expect(r.totals.firstResponseMedianMs).toBeGreaterThanOrEqual(0);
    // All on one day (or, at midnight, two): the per-day numbers add up to the totals.
    expect(r.days.reduce((n, d) => n + d.chats + d.calls, 0)).toBe(2);
    expect(r.days.filter((d) => d.csatAverage !== null).map((d) => d.csatAverage)).toEqual([4]);
    expect(r.truncated).toBe(false);
    for (const c of [one, two]) c.client.close();
    a.client.close();
  });

  it('is for agents only, and refuses periods it does not bound', async () => {
    expect((await get('?days=7', false)).status).toBe(401);
    expect((await get('?days=0')).status).toBe(400);
    expect((await get('?days=91')).status).toBe(400);
    expect((await get('?days=2.5')).status).toBe(400);
    expect((await get('?days=7&tz=9999')).status).toBe(400);
    expect(((await get('')).json as Reports).days).toHaveLength(14);
  });
});
