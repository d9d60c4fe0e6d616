// Automatic assignment (issue 17): with `assignment: { auto: true }` the server gives waiting
// conversations to available agents, round robin, up to each one's capacity, by skill; away agents
// get nothing; a conversation nobody can take waits and goes out as soon as someone has room.
import { afterEach, describe, expect, it } from 'vitest';
import { HTTP_AGENT_TEAM_CHANGE_PATH } from '../../src/protocol/team';
import type { ContextSnapshot } from '../../src/protocol/context';
import { PASSWORD, agent, login, makeContext, newClientId, postJson, startServer, visitor, type TestServer } from './helpers';

let ts: TestServer | null = null;
afterEach(async () => {
  await ts?.close();
  ts = null;
});

type Agent = Awaited<ReturnType<typeof agent>>;

/** A server with automatic assignment and agents signed in in this order (each an admin: created by the server's API). */
async function team(names: string[], capacity?: number): Promise<{ server: TestServer; agents: Record<string, Agent>; cookies: Record<string, string> }> {
  const server = await startServer({ assignment: { auto: true, ...(capacity ? { capacity } : {}) } });
  ts = server;
  const agents: Record<string, Agent> = {};
  const cookies: Record<string, string> = {};
  for (const name of names) {
    const email = `${name.toLowerCase()}@assign.test`;
    await server.server.createAgent({ email, name, password: PASSWORD });
    cookies[name] = await login(server, email);
    agents[name] = await agent(server, cookies[name]);
    expect(agents[name].welcome.autoAssign).toBe(true);
  }
  return { server, agents, cookies };
}

/** A visitor writes (with the menu's skill, when given); the conversation's id. */
async function arrives(server: TestServer, text: string, skill?: string) {
  const context: ContextSnapshot = { ...makeContext(), ...(skill ? { routing: { skill, path: [skill] } } : {}) };
  const v = await visitor(server, { context });
  const ack = await v.client.request({ type: 'send', clientId: newClientId(), text }, 'ack');
  return { id: ack.message.conversationId as string, v };
}

/** The agent is given conversation `id` (a `conversation` frame they did not ask for). */
const given = (a: Agent, id: string) =>
  a.client.next((f) => f.type === 'conversation' && f.conversation.id === id && f.conversation.status === 'active').catch(() => {
    throw new Error(`${a.welcome.agent.name} was not given ${id}`);
  });

describe('automatic assignment', () => {
  it('gives conversations round robin up to each capacity; the next waits until someone has room', async () => {
    const { server, agents } = await team(['Ann', 'Ben'], 2);
    const { Ann, Ben } = agents as { Ann: Agent; Ben: Agent };
    const c1 = await arrives(server, 'one');
    expect((await given(Ann, c1.id)).conversation.messages[0].text).toBe('one');
    expect(await c1.v.client.next((f) => f.type === 'status' && f.status === 'active')).toMatchObject({ agent: { name: 'Ann' } });
    const c2 = await arrives(server, 'two');
    await given(Ben, c2.id);
    const c3 = await arrives(server, 'three');
    await given(Ann, c3.id);
    const c4 = await arrives(server, 'four');
    await given(Ben, c4.id); // Ann is at her capacity (2)

    // Both full: the fifth waits in the queue, with a place.
    const c5 = await arrives(server, 'five');
    expect(await c5.v.client.next((f) => f.type === 'status' && f.status === 'waiting' && f.position === 1)).toBeTruthy();
    expect(await Ann.client.none((f) => f.type === 'conversation' && f.conversation.id === c5.id)).toBe(true);
    expect(await Ben.client.none((f) => f.type === 'conversation' && f.conversation.id === c5.id)).toBe(true);

    // Ben closes one: the fifth is his at once.
    Ben.client.send({ type: 'close', conversationId: c2.id });
    await given(Ben, c5.id);
    expect(await c5.v.client.next((f) => f.type === 'status' && f.status === 'active')).toMatchObject({ agent: { name: 'Ben' } });
  });

  it('gives nothing to an away agent, and gives again once they are back', async () => {
    const { server, agents } = await team(['Ann', 'Ben']);
    const { Ann, Ben } = agents as { Ann: Agent; Ben: Agent };
    Ann.client.send({ type: 'presence', status: 'away' });
    await Ben.client.next((f) => f.type === 'team' && f.agents.some((a: { name: string; presence: string }) => a.name === 'Ann' && a.presence === 'away'));
    const c1 = await arrives(server, 'one');
    const c2 = await arrives(server, 'two');
    await given(Ben, c1.id);
    await given(Ben, c2.id);
    expect(await Ann.client.none('conversation')).toBe(true);

    // Ben away too: nobody takes the third; Ann comes back and gets it.
    Ben.client.send({ type: 'presence', status: 'away' });
    await Ann.client.next((f) => f.type === 'team' && f.agents.every((a: { presence: string }) => a.presence === 'away'));
    const c3 = await arrives(server, 'three');
    expect(await c3.v.client.next((f) => f.type === 'status' && f.status === 'waiting')).toBeTruthy();
    Ann.client.send({ type: 'presence', status: 'online' });
    await given(Ann, c3.id);
    expect(await Ben.client.none((f) => f.type === 'conversation' && f.conversation.id === c3.id)).toBe(true);
  });

  it('routes by skill: specialists first, generalists for skills nobody has, a capacity an admin set', async () => {
    const { server, agents, cookies } = await team(['Ann', 'Ben', 'Cat']);
    const { Ann, Ben, Cat } = agents as { Ann: Agent; Ben: Agent; Cat: Agent };
    const set = (body: unknown) => postJson(server, HTTP_AGENT_TEAM_CHANGE_PATH, body, { Cookie: cookies.Ann! });
    // Cat does billing, one chat at a time; Ann does returns; Ben takes anything.
    expect((await set({ op: 'skills', id: Cat.welcome.agent.id, skills: ['billing'] })).status).toBe(200);
    expect((await set({ op: 'capacity', id: Cat.welcome.agent.id, capacity: 1 })).status).toBe(200);
    expect((await set({ op: 'skills', id: Ann.welcome.agent.id, skills: ['returns'] })).status).toBe(200);
    expect((await set({ op: 'skills', id: Ann.welcome.agent.id, skills: ['not a skill!'] })).status).toBe(400);
    expect((await set({ op: 'capacity', id: Ann.welcome.agent.id, capacity: 0 })).status).toBe(400);
    // Teammates see the skills, and the team's skills for transfers.
    const withSkills = await Ben.client.next((f) => f.type === 'team' && f.skills?.length === 2);
    expect(withSkills.skills).toEqual(['billing', 'returns']);
    expect(withSkills.agents.find((a: { name: string }) => a.name === 'Cat').skills).toEqual(['billing']);

    const bill1 = await arrives(server, 'invoice wrong', 'billing');
    await given(Cat, bill1.id); // the specialist, though Ann and Ben were given nothing yet
    const bill2 = await arrives(server, 'charged twice', 'billing');
    await given(Ben, bill2.id); // Cat is full (capacity 1); Ann (returns only) may not take billing
    const shoes = await arrives(server, 'shoes too small', 'returns');
    await given(Ann, shoes.id);
    const other = await arrives(server, 'opening hours?');
    await given(Ben, other.id); // no skill asked: anyone with room, Ben given one less recently than Ann
    const sizes = await arrives(server, 'what size?', 'sizing');
    await given(Ben, sizes.id); // a skill nobody has: only those who take any (Ann takes returns only)
    expect(await Ann.client.none((f) => f.type === 'conversation' && [other.id, sizes.id].includes(f.conversation.id))).toBe(true);
    expect(await Cat.client.none((f) => f.type === 'conversation' && [bill2.id, shoes.id, other.id, sizes.id].includes(f.conversation.id))).toBe(true);
  });

  it('is off by default: conversations wait for a claim', async () => {
    ts = await startServer();
    await ts.server.createAgent({ email: 'ann@assign.test', name: 'Ann', password: PASSWORD });
    const ann = await agent(ts, await login(ts, 'ann@assign.test'));
    expect(ann.welcome.autoAssign).toBeUndefined();
    const c1 = await arrives(ts, 'hello');
    await ann.client.next((f) => f.type === 'queue_changes' && f.added.some((s: { id: string }) => s.id === c1.id));
    expect(await ann.client.none('conversation')).toBe(true);
  });
});
