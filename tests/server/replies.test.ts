// Canned replies on the embedded server (issue 17): the team's (admins change them) and each
// agent's own, over HTTP with the session cookie; agents whose list changed hear it on their socket.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_AGENT_REPLIES_CHANGE_PATH, HTTP_AGENT_REPLIES_PATH } from '../../src/protocol/cannedReplies';
import { PASSWORD, agent, login, postJson, request, startServer, type TestServer } from './helpers';

let ts: TestServer;
let admin: string;
let kim: string;
let lee: string;

beforeAll(async () => {
  ts = await startServer();
  await ts.server.createAgent({ email: 'sam@desk.test', name: 'Sam', password: PASSWORD });
  await ts.server.createAgent({ email: 'kim@desk.test', name: 'Kim', password: PASSWORD });
  await ts.server.createAgent({ email: 'lee@desk.test', name: 'Lee', password: PASSWORD });
  // Agents made by the CLI are admins; Kim and Lee are agents.
  const db = new Database(ts.dbPath);
  db.prepare("UPDATE agents SET role = 'agent' WHERE email IN ('kim@desk.test', 'lee@desk.test')").run();
  db.close();
  [admin, kim, lee] = await Promise.all([login(ts, 'sam@desk.test'), login(ts, 'kim@desk.test'), login(ts, 'lee@desk.test')]);
});
afterAll(() => ts.close());

const list = async (cookie: string) => (await request(`${ts.url}${HTTP_AGENT_REPLIES_PATH}`, { headers: { Cookie: cookie } })).json;
const change = (cookie: string, body: unknown) => postJson(ts, HTTP_AGENT_REPLIES_CHANGE_PATH, body, { Cookie: cookie });

describe('canned replies', () => {
  it("admins write the team's, everyone uses them; a personal one is its owner's alone; sockets hear of changes", async () => {
    const kimSocket = await agent(ts, kim);
    const leeSocket = await agent(ts, lee);
    const created = await change(admin, { op: 'create', scope: 'team', shortcut: 'Greet', text: '  Hi {{visitor.firstName|there}}, {{agent.name}} here.  ' });
    expect(created.status).toBe(200);
    expect(created.json.canEditTeam).toBe(true);
    expect(created.json.replies).toEqual([{ id: expect.stringMatching(/^r_/), shortcut: 'greet', text: 'Hi {{visitor.firstName|there}}, {{agent.name}} here.', scope: 'team', updatedAt: expect.any(Number) }]);
    await kimSocket.client.next('replies_changed');
    await leeSocket.client.next('replies_changed');

    // Kim (an agent) sees the team's, may not change them, may keep her own.
    expect(await list(kim)).toMatchObject({ canEditTeam: false, replies: [{ shortcut: 'greet', scope: 'team' }] });
    const refused = await change(kim, { op: 'create', scope: 'team', shortcut: 'refund', text: 'Refunded.' });
    expect(refused.status).toBe(403);
    const teamId = created.json.replies[0].id as string;
    expect((await change(kim, { op: 'update', id: teamId, shortcut: 'greet', text: 'Mine now' })).status).toBe(403);
    expect((await change(kim, { op: 'delete', id: teamId })).status).toBe(403);
    const own = await change(kim, { op: 'create', scope: 'personal', shortcut: 'bye', text: 'Bye {{visitor.name}}!' });
    expect(own.status).toBe(200);
    expect(own.json.replies.map((r: { shortcut: string; scope: string }) => `${r.scope}:${r.shortcut}`)).toEqual(['personal:bye', 'team:greet']);
    await kimSocket.client.next('replies_changed');
    expect(await leeSocket.client.none('replies_changed')).toBe(true); // Kim's own reply is no news to Lee

    // Lee neither sees nor touches Kim's: as if it did not exist.
    expect((await list(lee)).replies.map((r: { shortcut: string }) => r.shortcut)).toEqual(['greet']);
    const kimsId = own.json.replies.find((r: { shortcut: string }) => r.shortcut === 'bye').id as string;
    expect((await change(lee, { op: 'delete', id: kimsId })).status).toBe(404);
    // Lee may have a /bye of his own; Kim may not have two.
    expect((await change(lee, { op: 'create', scope: 'personal', shortcut: 'bye', text: 'See you' })).status).toBe(200);
    const twice = await change(kim, { op: 'create', scope: 'personal', shortcut: 'bye', text: 'Again' });
    expect(twice.status).toBe(409);
    expect(twice.json.error.message).toContain('/bye');

    // Edited and deleted by its owner.
    const edited = await change(kim, { op: 'update', id: kimsId, shortcut: 'bye', text: 'Goodbye, {{visitor.name|and thanks}}' });
    expect(edited.json.replies.find((r: { id: string }) => r.id === kimsId).text).toBe('Goodbye, {{visitor.name|and thanks}}');
    expect((await change(kim, { op: 'delete', id: kimsId })).json.replies.map((r: { shortcut: string }) => r.shortcut)).toEqual(['greet']);
    kimSocket.client.close();
    leeSocket.client.close();
  });

  it('refuses what it cannot store, and strangers', async () => {
    expect((await request(`${ts.url}${HTTP_AGENT_REPLIES_PATH}`)).status).toBe(401);
    expect((await change('baton_agent=nope', { op: 'create', scope: 'personal', shortcut: 'x', text: 'y' })).status).toBe(401);
    for (const body of [
      { op: 'create', scope: 'personal', shortcut: 'has space', text: 'y' },
      { op: 'create', scope: 'personal', shortcut: '', text: 'y' },
      { op: 'create', scope: 'personal', shortcut: 'ok', text: '   ' },
      { op: 'create', scope: 'personal', shortcut: 'ok', text: 'x'.repeat(2001) },
      { op: 'create', scope: 'everyone', shortcut: 'ok', text: 'y' },
      { op: 'rename', id: 'r_1' },
      { op: 'delete', id: 'r_1', extra: true },
    ]) {
      const res = await change(kim, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    // Without an allowed Origin, a change is refused before anything (CSRF).
    const foreign = await request(`${ts.url}${HTTP_AGENT_REPLIES_CHANGE_PATH}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'https://evil.test', Cookie: kim },
      body: JSON.stringify({ op: 'create', scope: 'personal', shortcut: 'evil', text: 'x' }),
    });
    expect(foreign.status).toBe(403);
    expect((await list(kim)).replies.some((r: { shortcut: string }) => r.shortcut === 'evil')).toBe(false);
  });
});
