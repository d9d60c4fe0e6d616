// Transfer and presence (issue 17): an agent hands a conversation to a signed-in teammate with a
// note; messages, notes and context go with it, the visitor sees the new agent, and the teammate
// answers. Teammates see who is signed in and who is away.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, agent, login, makeContext, newClientId, startServer, visitor, type TestServer } from './helpers';

let ts: TestServer;
let samCookie: string;
let kimCookie: string;

beforeAll(async () => {
  ts = await startServer();
  await ts.server.createAgent({ email: 'sam@desk.test', name: 'Sam', password: PASSWORD });
  await ts.server.createAgent({ email: 'kim@desk.test', name: 'Kim', password: PASSWORD });
  samCookie = await login(ts, 'sam@desk.test');
  kimCookie = await login(ts, 'kim@desk.test');
});
afterAll(() => ts.close());

const names = (f: { agents: { name: string; presence: string }[] }) => f.agents.map((a) => `${a.name}:${a.presence}`);
/** The first `team` frame (received or coming) that lists exactly `expected`. */
const team = (client: Awaited<ReturnType<typeof agent>>['client'], expected: string[]) =>
  client.next((f) => f.type === 'team' && JSON.stringify(names(f as never)) === JSON.stringify(expected));

describe('presence', () => {
  it('teammates see who is signed in, and who is away', async () => {
    const sam = await agent(ts, samCookie);
    await team(sam.client, ['Sam:online']);
    const kim = await agent(ts, kimCookie);
    await team(kim.client, ['Sam:online', 'Kim:online']);
    await team(sam.client, ['Sam:online', 'Kim:online']);

    sam.client.send({ type: 'presence', status: 'away' });
    await team(kim.client, ['Kim:online', 'Sam:away']);
    sam.client.send({ type: 'presence', status: 'online' });
    await team(kim.client, ['Sam:online', 'Kim:online']);

    kim.client.close();
    await team(sam.client, ['Sam:online']);
    const bad = await sam.client.request({ type: 'presence', status: 'busy' }, 'error');
    expect(bad.code).toBe('bad_frame');
    sam.client.close();
  });
});

describe('transfer', () => {
  it('hands the conversation over with its messages, notes and context; the visitor sees the new agent, who answers', async () => {
    const sam = await agent(ts, samCookie);
    const kim = await agent(ts, kimCookie);
    const v = await visitor(ts, { context: makeContext(null, '/checkout') });
    const asked = await v.client.request({ type: 'send', clientId: newClientId(), text: 'My refund is late.' }, 'ack');
    const id = asked.message.conversationId as string;
    await sam.client.request({ type: 'claim', conversationId: id }, 'conversation');
    await sam.client.request({ type: 'send', conversationId: id, clientId: newClientId(), text: 'Let me check.' }, 'ack');
    await sam.client.request({ type: 'note', conversationId: id, clientId: newClientId(), text: 'Order 1042, paid by card' }, 'note');

    // Not to yourself, not to someone who is not signed in, not someone else's conversation.
    expect((await sam.client.request({ type: 'transfer', conversationId: id, toAgentId: sam.welcome.agent.id }, 'error')).code).toBe('forbidden');
    expect((await sam.client.request({ type: 'transfer', conversationId: id, toAgentId: 'a_nobody' }, 'error')).code).toBe('forbidden');
    expect((await kim.client.request({ type: 'transfer', conversationId: id, toAgentId: sam.welcome.agent.id }, 'error')).code).toBe('forbidden');

    sam.client.send({ type: 'transfer', conversationId: id, toAgentId: kim.welcome.agent.id, note: 'Billing question: yours' });
    const gone = await sam.client.next('transferred');
    expect(gone).toMatchObject({ conversationId: id, to: { name: 'Kim' }, by: { name: 'Sam' } });
    const got = (await kim.client.next((f) => f.type === 'conversation' && f.conversation.id === id)).conversation;
    expect(got).toMatchObject({ status: 'active', agent: { name: 'Kim' }, context: { page: { path: '/checkout' } } });
    expect(got.messages.map((m: { text: string }) => m.text)).toEqual(['My refund is late.', 'Let me check.']);
    expect(got.notes.map((n: { text: string; transferTo?: { name: string } }) => [n.text, n.transferTo?.name ?? null])).toEqual([
      ['Order 1042, paid by card', null],
      ['Billing question: yours', 'Kim'],
    ]);
    expect(await v.client.next((f) => f.type === 'status' && f.agent?.name === 'Kim')).toMatchObject({ status: 'active' });

    // Kim answers; Sam can no longer write.
    await kim.client.request({ type: 'send', conversationId: id, clientId: newClientId(), text: 'Refund sent today.' }, 'ack');
    expect((await v.client.next((f) => f.type === 'message' && f.message.text === 'Refund sent today.')).message).toMatchObject({ agent: { name: 'Kim' } });
    expect((await sam.client.request({ type: 'send', conversationId: id, clientId: newClientId(), text: 'Still me?' }, 'error')).code).toBe('forbidden');

    // After a reconnection it is among Kim's conversations, not Sam's.
    const kimAgain = await agent(ts, kimCookie);
    expect(kimAgain.welcome.mineIds).toContain(id);
    const samAgain = await agent(ts, samCookie);
    expect(samAgain.welcome.mineIds).not.toContain(id);
    // The visitor never received a note, the transfer's included.
    expect(await v.client.none('note')).toBe(true);
    for (const c of [sam, kim, kimAgain, samAgain]) c.client.close();
    v.client.close();
  });
});

describe('transfer to a skill\'s queue', () => {
  it('puts the conversation back in the queue for the skill, with the note; whoever claims it gets it whole', async () => {
    const sam = await agent(ts, samCookie);
    const kim = await agent(ts, kimCookie);
    const v = await visitor(ts, { context: makeContext(null, '/orders/1042') });
    const asked = await v.client.request({ type: 'send', clientId: newClientId(), text: 'Can I pay by invoice?' }, 'ack');
    const id = asked.message.conversationId as string;
    await sam.client.request({ type: 'claim', conversationId: id }, 'conversation');
    await sam.client.request({ type: 'send', conversationId: id, clientId: newClientId(), text: 'Billing will know.' }, 'ack');

    // Exactly one of toAgentId and toSkill; a skill as the menu names them.
    expect((await sam.client.request({ type: 'transfer', conversationId: id }, 'error')).code).toBe('bad_frame');
    expect((await sam.client.request({ type: 'transfer', conversationId: id, toAgentId: kim.welcome.agent.id, toSkill: 'billing' }, 'error')).code).toBe('bad_frame');
    expect((await sam.client.request({ type: 'transfer', conversationId: id, toSkill: 'bill ing' }, 'error')).code).toBe('bad_frame');
    expect((await kim.client.request({ type: 'transfer', conversationId: id, toSkill: 'billing' }, 'error')).code).toBe('forbidden');

    sam.client.send({ type: 'transfer', conversationId: id, toSkill: 'billing', note: 'Wants to pay by invoice' });
    expect(await sam.client.next('transferred')).toMatchObject({ conversationId: id, to: null, toSkill: 'billing', by: { name: 'Sam' } });
    // The visitor waits again, with a place in the queue; the queue shows the skill.
    expect(await v.client.next((f) => f.type === 'status' && f.status === 'waiting')).toMatchObject({ agent: null, position: 1 });
    // (Kim saw it arrive before Sam claimed it: the queue_changes that adds it back is a later one.)
    const back = await kim.client.next((f) => f.type === 'queue_changes' && f.added.some((c: { id: string; routing?: unknown }) => c.id === id && c.routing));
    expect(back.added.find((c: { id: string }) => c.id === id).routing).toEqual({ skill: 'billing', path: [] });

    const got = (await kim.client.request({ type: 'claim', conversationId: id }, (f) => f.type === 'conversation' && f.conversation.id === id)).conversation;
    expect(got).toMatchObject({ status: 'active', agent: { name: 'Kim' }, context: { page: { path: '/orders/1042' } } });
    expect(got.messages.map((m: { text: string }) => m.text)).toEqual(['Can I pay by invoice?', 'Billing will know.']);
    expect(got.notes.at(-1)).toMatchObject({ text: 'Wants to pay by invoice', transferSkill: 'billing', agent: { name: 'Sam' } });
    expect(await v.client.next((f) => f.type === 'status' && f.agent?.name === 'Kim')).toMatchObject({ status: 'active' });
    expect(await v.client.none('note')).toBe(true);
    for (const c of [sam, kim]) c.client.close();
    v.client.close();
  });
});
