// Team admin (issue 17): admins create agents, set roles, disable them (their sockets close at once,
// they cannot sign in, their open conversations go back to the queue), and reset passwords.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_AGENT_TEAM_CHANGE_PATH, HTTP_AGENT_TEAM_PATH } from '../../src/protocol/team';
import { PASSWORD, agent, login, newClientId, postJson, queueSummary, request, startServer, visitor, type TestServer } from './helpers';

let ts: TestServer;
let admin: string;

beforeAll(async () => {
  ts = await startServer();
  await ts.server.createAgent({ email: 'sam@desk.test', name: 'Sam', password: PASSWORD }); // the CLI's: an admin
  admin = await login(ts, 'sam@desk.test');
});
afterAll(() => ts.close());

const change = (cookie: string, body: unknown) => postJson(ts, HTTP_AGENT_TEAM_CHANGE_PATH, body, { Cookie: cookie });
const team = async (cookie: string) => request(`${ts.url}${HTTP_AGENT_TEAM_PATH}`, { headers: { Cookie: cookie } });
const idOf = async (email: string) => ((await team(admin)).json.agents as { id: string; email: string }[]).find((a) => a.email === email)!.id;

describe('team admin', () => {
  it('an admin adds an agent, who signs in; agents cannot manage the team', async () => {
    const created = await change(admin, { op: 'create', name: 'Kim Lee', email: 'kim@desk.test', password: 'kims password 1', role: 'agent' });
    expect(created.status).toBe(200);
    expect(created.json.agents).toEqual([
      expect.objectContaining({ name: 'Kim Lee', email: 'kim@desk.test', role: 'agent', disabled: false, online: false }),
      expect.objectContaining({ name: 'Sam', role: 'admin', disabled: false }),
    ]);
    const kim = await login(ts, 'kim@desk.test', 'kims password 1');
    expect((await team(kim)).status).toBe(403);
    expect((await change(kim, { op: 'create', name: 'X', email: 'x@desk.test', password: 'long enough 1', role: 'admin' })).status).toBe(403);
    expect((await team('baton_agent=nobody')).status).toBe(401);
    const kimSocket = await agent(ts, kim);
    expect(kimSocket.welcome.role).toBe('agent');
    expect((await agent(ts, admin)).welcome.role).toBe('admin');

    // Taken e-mail, short password, bad role: refused with a reason.
    expect((await change(admin, { op: 'create', name: 'Kim 2', email: 'KIM@desk.test', password: 'kims password 1', role: 'agent' })).status).toBe(409);
    expect((await change(admin, { op: 'create', name: 'Short', email: 's@desk.test', password: 'short', role: 'agent' })).status).toBe(400);
    expect((await change(admin, { op: 'create', name: 'Boss', email: 'b@desk.test', password: 'long enough 1', role: 'owner' })).status).toBe(400);
    kimSocket.client.close();
  });

  it('disabling ends the agent\'s sessions at once: the socket closes, sign-in is refused, open conversations go back to the queue', async () => {
    await change(admin, { op: 'create', name: 'Lee', email: 'lee@desk.test', password: 'lees password 1', role: 'agent' });
    const lee = await login(ts, 'lee@desk.test', 'lees password 1');
    const leeSocket = await agent(ts, lee);
    const v = await visitor(ts);
    const asked = await v.client.request({ type: 'send', clientId: newClientId(), text: 'Anyone there?' }, 'ack');
    const id = asked.message.conversationId as string;
    await leeSocket.client.request({ type: 'claim', conversationId: id }, 'conversation');
    await v.client.next((f) => f.type === 'status' && f.status === 'active');
    const sam = await agent(ts, admin);

    const leeId = await idOf('lee@desk.test');
    const disabled = await change(admin, { op: 'disable', id: leeId });
    expect(disabled.json.agents.find((a: { id: string }) => a.id === leeId)).toMatchObject({ disabled: true });
    expect(await leeSocket.client.closed).toMatchObject({ code: 1008 });
    expect((await request(`${ts.url}/api/agent/me`, { headers: { Cookie: lee } })).status).toBe(401);
    expect((await postJson(ts, '/api/agent/login', { email: 'lee@desk.test', password: 'lees password 1' })).status).toBe(401);
    // The visitor waits for someone else; the conversation is in the queue again.
    expect(await v.client.next((f) => f.type === 'status' && f.status === 'waiting')).toMatchObject({ agent: null });
    expect(await queueSummary(sam.client, id)).toMatchObject({ status: 'waiting', agent: null });

    // Enabled again: Lee signs in.
    await change(admin, { op: 'enable', id: leeId });
    expect(await login(ts, 'lee@desk.test', 'lees password 1')).toMatch(/^baton_agent=/);
    v.client.close();
    sam.client.close();
  });

  it('a password reset ends the agent\'s sessions; the team always keeps an admin', async () => {
    await change(admin, { op: 'create', name: 'Ana', email: 'ana@desk.test', password: 'anas password 1', role: 'agent' });
    const ana = await login(ts, 'ana@desk.test', 'anas password 1');
    const anaSocket = await agent(ts, ana);
    const anaId = await idOf('ana@desk.test');
    expect((await change(admin, { op: 'password', id: anaId, password: 'a brand new one' })).status).toBe(200);
    expect(await anaSocket.client.closed).toMatchObject({ code: 1008 });
    expect((await postJson(ts, '/api/agent/login', { email: 'ana@desk.test', password: 'anas password 1' })).status).toBe(401);
    expect(await login(ts, 'ana@desk.test', 'a brand new one')).toMatch(/^baton_agent=/);

    const samId = await idOf('sam@desk.test');
    expect((await change(admin, { op: 'disable', id: samId })).status).toBe(409); // yourself
    expect((await change(admin, { op: 'role', id: samId, role: 'agent' })).status).toBe(409); // the last admin
    expect((await change(admin, { op: 'role', id: anaId, role: 'admin' })).status).toBe(200);
    expect((await change(admin, { op: 'role', id: samId, role: 'agent' })).status).toBe(200); // Ana is an admin now
    expect((await team(admin)).status).toBe(403);
    expect((await change(admin, { op: 'disable', id: 'a_nobody' })).status).toBe(403);
  });
});
