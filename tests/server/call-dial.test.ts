// An agent calls the visitor in their browser (issue 15's "Call now" on a callback;
// src/server/embedded/calls.ts `call_dial`): every socket of the visitor rings, the one that
// answers becomes the call's visitor side and the others stop ringing; declining, not answering,
// the agent hanging up first and the visitor leaving end it with a line in the thread; a visitor
// with no socket is `visitor_offline` at once (the console then shows the number to dial).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, agent, login, newClientId, readDb, startServer, visitor, type Client, type TestServer } from './helpers';

let ts: TestServer;
let sam: string;
let kim: string;
const ICE = [{ urls: 'stun:stun.example.test:3478' }];

beforeAll(async () => {
  ts = await startServer({ iceServers: ICE, callNoAnswerMs: 1500, callResumeMs: 500 });
  await ts.server.createAgent({ email: 'sam@dial.test', name: 'Sam', password: PASSWORD });
  await ts.server.createAgent({ email: 'kim@dial.test', name: 'Kim', password: PASSWORD });
  sam = await login(ts, 'sam@dial.test');
  kim = await login(ts, 'kim@dial.test');
});
afterAll(() => ts.close());

const systemTexts = (conversationId: string): string[] =>
  readDb(ts.dbPath, (db) => db.prepare("SELECT text FROM messages WHERE conversation_id = ? AND sender = 'system' ORDER BY idx").all(conversationId) as { text: string }[]).map((r) => r.text);

/** The `call_ended` of call `id` (earlier calls' frames may still be queued on the socket). */
const ended = (c: Client, id: string, ms?: number) => c.next((f) => f.type === 'call_ended' && f.callId === id, ms);

/** A visitor with a conversation in the queue, and a second socket of the same visitor. */
async function visitorWithConversation(): Promise<{ v: Client; v2: Client; conversationId: string; credential: string }> {
  const first = await visitor(ts);
  const ack = await first.client.request({ type: 'send', clientId: newClientId(), text: 'Please call me back' }, 'ack');
  const credential = first.welcome.credential as string;
  const second = await visitor(ts, { credential });
  return { v: first.client, v2: second.client, conversationId: ack.message.conversationId as string, credential };
}

describe('an agent calls the visitor', () => {
  it('rings every socket of the visitor; the one that answers gets the call as if it had started it, the other stops ringing', async () => {
    const a = await agent(ts, sam);
    const { v, v2, conversationId } = await visitorWithConversation();
    const id = newClientId();
    const dialing = await a.client.request({ type: 'call_dial', callId: id, conversationId }, (f) => f.type === 'call_dialing' || f.type === 'call_ended');
    expect(dialing).toEqual({ type: 'call_dialing', callId: id, conversationId, iceServers: ICE, ringsForMs: 1500 });
    const [i1, i2] = await Promise.all([v.next('call_invite'), v2.next('call_invite')]);
    expect(i1).toMatchObject({ callId: id, conversationId, agent: { name: 'Sam' }, ringsForMs: 1500 });
    expect(i2).toEqual(i1);
    // Dialing a queued conversation claims it, as answering a call does.
    expect(await v.next((f) => f.type === 'status' && f.status === 'active')).toMatchObject({ agent: { name: 'Sam' } });

    v2.send({ type: 'call_pickup', callId: id });
    expect(await v2.next('call_ringing')).toEqual({ type: 'call_ringing', callId: id, conversationId, iceServers: ICE });
    expect(await v2.next('call_accepted')).toMatchObject({ callId: id, agent: { name: 'Sam' } });
    expect(await a.client.next('call_accepted')).toEqual({ type: 'call_accepted', callId: id, conversationId });
    expect(await ended(v, id)).toMatchObject({ callId: id, reason: 'answered_elsewhere' });
    // The other socket cannot take it any more, nor hang it up.
    expect(await v.request({ type: 'call_pickup', callId: id }, 'error')).toMatchObject({ code: 'not_found' });

    // From here it is a visitor's call: the answering socket offers, the agent answers.
    const offer = { kind: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' };
    v2.send({ type: 'call_signal', callId: id, signal: offer });
    expect(await a.client.next('call_signal')).toEqual({ type: 'call_signal', callId: id, signal: offer });
    a.client.send({ type: 'call_signal', callId: id, signal: { kind: 'answer', sdp: 'v=0' } });
    expect((await v2.next('call_signal')).signal).toEqual({ kind: 'answer', sdp: 'v=0' });
    a.client.send({ type: 'call_hangup', callId: id });
    expect(await ended(v2, id)).toMatchObject({ callId: id, reason: 'agent_hangup' });
    expect(await ended(a.client, id)).toMatchObject({ callId: id, reason: 'agent_hangup' });
    await a.client.next((f) => f.type === 'message' && /^Call ended/.test(f.message.text));
    expect(systemTexts(conversationId)).toEqual(['Call to the visitor started by Sam', 'Call answered by the visitor', expect.stringMatching(/^Call ended \(0:0\d\)$/)]);
    for (const c of [v, v2, a.client]) c.close();
  });

  it('declined by the visitor, or not answered in time, ends for everyone with a line in the thread', async () => {
    const a = await agent(ts, sam);
    const { v, v2, conversationId } = await visitorWithConversation();
    const id = newClientId();
    await a.client.request({ type: 'call_dial', callId: id, conversationId }, 'call_dialing');
    await Promise.all([v.next('call_invite'), v2.next('call_invite')]);
    v.send({ type: 'call_hangup', callId: id });
    expect(await ended(a.client, id)).toMatchObject({ callId: id, reason: 'declined', durationMs: 0 });
    expect(await ended(v2, id)).toMatchObject({ callId: id, reason: 'declined' });

    const id2 = newClientId();
    await a.client.request({ type: 'call_dial', callId: id2, conversationId }, 'call_dialing');
    await v.next('call_invite');
    expect(await ended(a.client, id2, 5000)).toMatchObject({ callId: id2, reason: 'no_answer' });
    expect(await ended(v, id2)).toMatchObject({ callId: id2, reason: 'no_answer' });
    await a.client.next((f) => f.type === 'message' && f.message.text === 'The visitor did not answer the call');
    expect(systemTexts(conversationId)).toEqual([
      'Call to the visitor started by Sam',
      'Call declined by the visitor',
      'Call to the visitor started by Sam',
      'The visitor did not answer the call',
    ]);
    for (const c of [v, v2, a.client]) c.close();
  });

  it('the agent hanging up first, or the visitor leaving the site, stops the ringing', async () => {
    const a = await agent(ts, sam);
    const { v, v2, conversationId } = await visitorWithConversation();
    const id = newClientId();
    await a.client.request({ type: 'call_dial', callId: id, conversationId }, 'call_dialing');
    await v.next('call_invite');
    a.client.send({ type: 'call_hangup', callId: id });
    expect(await ended(v, id)).toMatchObject({ callId: id, reason: 'agent_hangup' });
    expect(await ended(v2, id)).toMatchObject({ callId: id, reason: 'agent_hangup' });

    const id2 = newClientId();
    await a.client.request({ type: 'call_dial', callId: id2, conversationId }, 'call_dialing');
    v.close();
    v2.close();
    expect(await ended(a.client, id2)).toMatchObject({ callId: id2, reason: 'visitor_left' });
    await a.client.next((f) => f.type === 'message' && f.message.text === 'The visitor did not answer the call');
    a.client.close();
  });
});

describe('refusals', () => {
  it('a visitor with no socket open is visitor_offline at once: nothing rings, nothing is written', async () => {
    const a = await agent(ts, sam);
    const { v, v2, conversationId } = await visitorWithConversation();
    v.close();
    v2.close();
    await Promise.all([v.closed, v2.closed]);
    const id = newClientId();
    expect(await a.client.request({ type: 'call_dial', callId: id, conversationId }, 'call_ended')).toEqual({ type: 'call_ended', callId: id, conversationId, reason: 'visitor_offline', durationMs: 0 });
    expect(systemTexts(conversationId)).toEqual([]);
    a.client.close();
  });

  it("another agent's conversation, an unknown or closed one, a second call and bad frames are refused", async () => {
    const a = await agent(ts, sam);
    const k = await agent(ts, kim);
    const { v, v2, conversationId } = await visitorWithConversation();
    k.client.send({ type: 'claim', conversationId });
    await k.client.next((f) => f.type === 'conversation' && f.conversation.id === conversationId);
    expect(await a.client.request({ type: 'call_dial', callId: newClientId(), conversationId }, 'error')).toMatchObject({ code: 'forbidden' });
    expect(await a.client.request({ type: 'call_dial', callId: newClientId(), conversationId: 'c_nope' }, 'error')).toMatchObject({ code: 'not_found' });
    const id = newClientId();
    await k.client.request({ type: 'call_dial', callId: id, conversationId }, 'call_dialing');
    const id2 = newClientId();
    expect(await k.client.request({ type: 'call_dial', callId: id2, conversationId }, (f) => f.type === 'call_ended' && f.callId === id2)).toMatchObject({ reason: 'busy' });
    // A stranger's socket cannot pick it up.
    const { client: stranger } = await visitor(ts);
    expect(await stranger.request({ type: 'call_pickup', callId: id }, 'error')).toMatchObject({ code: 'not_found' });
    k.client.send({ type: 'call_hangup', callId: id });
    await v.next((f) => f.type === 'call_ended' && f.callId === id);
    k.client.send({ type: 'close', conversationId });
    await v.next((f) => f.type === 'status' && f.status === 'closed');
    const id3 = newClientId();
    expect(await k.client.request({ type: 'call_dial', callId: id3, conversationId }, (f) => f.type === 'call_ended' && f.callId === id3)).toMatchObject({ reason: 'closed' });
    expect(await a.client.request({ type: 'call_dial', callId: 'short', conversationId }, 'error')).toMatchObject({ code: 'bad_frame' });
    expect(await v.request({ type: 'call_pickup', callId: id, extra: 1 }, 'error')).toMatchObject({ code: 'bad_frame' });
    for (const c of [v, v2, a.client, k.client, stranger]) c.close();
  });
});
