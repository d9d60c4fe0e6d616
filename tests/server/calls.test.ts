// Embedded calls over real sockets (src/server/embedded/calls.ts, src/protocol/call.ts): ringing,
// answering, signalling relayed only between the two peers, hang-up from either side ending both,
// no-answer and nobody-online, one call per conversation, and the call's events stored as system
// messages in the conversation's own thread.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_SDP_MAX_BYTES } from '../../src/protocol/call';
import { PASSWORD, agent, login, makeContext, newClientId, readDb, startServer, visitor, type Client, type TestServer } from './helpers';

let ts: TestServer;
let sam: string;
let kim: string;
const ICE = [{ urls: 'stun:stun.example.test:3478' }, { urls: ['turn:turn.example.test:3478?transport=udp'], username: 'u', credential: 'p' }];

beforeAll(async () => {
  ts = await startServer({ iceServers: ICE, callNoAnswerMs: 1500, callResumeMs: 500 });
  await ts.server.createAgent({ email: 'sam@desk.test', name: 'Sam', password: PASSWORD });
  await ts.server.createAgent({ email: 'kim@desk.test', name: 'Kim', password: PASSWORD });
  sam = await login(ts, 'sam@desk.test');
  kim = await login(ts, 'kim@desk.test');
});
afterAll(() => ts.close());

const callId = () => newClientId();
const systemTexts = (conversationId: string): string[] =>
  readDb(ts.dbPath, (db) => db.prepare("SELECT text FROM messages WHERE conversation_id = ? AND sender = 'system' ORDER BY idx").all(conversationId) as { text: string }[]).map((r) => r.text);

async function ringing(v: Client, id: string, extra: Record<string, unknown> = {}) {
  return v.request({ type: 'call_start', callId: id, ...extra }, (f) => (f.type === 'call_ringing' || f.type === 'call_ended') && f.callId === id);
}

describe('a call from the chat to an agent', () => {
  it('rings with the context, is answered, relays signalling both ways, and ends both sides on the visitor hanging up', async () => {
    const a = await agent(ts, sam);
    const { client: v } = await visitor(ts, { context: makeContext(null, '/checkout') });
    // The visitor chats first: the call belongs to this conversation.
    const ack = await v.request({ type: 'send', clientId: newClientId(), text: 'Can I call you?' }, 'ack');
    const conversationId = ack.message.conversationId as string;

    const id = callId();
    const ring = await ringing(v, id, { conversationId });
    expect(ring).toEqual({ type: 'call_ringing', callId: id, conversationId, iceServers: ICE });
    const incoming = await a.client.next('call_incoming');
    expect(incoming.call).toMatchObject({ callId: id, conversationId, ringsForMs: 1500 });
    expect(incoming.iceServers).toEqual(ICE);
    // The console rings with the whole conversation: its context and thread.
    expect(incoming.conversation.context.page.path).toBe('/checkout');
    expect(incoming.conversation.messages.map((m: { text: string }) => m.text)).toEqual(['Can I call you?', 'Call started by the visitor']);

    a.client.send({ type: 'call_answer', callId: id });
    expect(await a.client.next('call_accepted')).toEqual({ type: 'call_accepted', callId: id, conversationId });
    const accepted = await v.next('call_accepted');
    expect(accepted.agent).toMatchObject({ name: 'Sam' });
    // Answering a queued conversation claims it.
    expect(await v.next((f) => f.type === 'status' && f.status === 'active')).toMatchObject({ agent: { name: 'Sam' } });

    const offer = { kind: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' };
    v.send({ type: 'call_signal', callId: id, signal: offer });
    expect(await a.client.next('call_signal')).toEqual({ type: 'call_signal', callId: id, signal: offer });
    const answer = { kind: 'answer', sdp: 'v=0\r\no=- 3 4 IN IP4 127.0.0.1\r\n' };
    a.client.send({ type: 'call_signal', callId: id, signal: answer });
    expect(await v.next('call_signal')).toEqual({ type: 'call_signal', callId: id, signal: answer });
    const candidate = { kind: 'candidate', candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host', sdpMid: '0', sdpMLineIndex: 0 };
    v.send({ type: 'call_signal', callId: id, signal: candidate });
    expect((await a.client.next('call_signal')).signal).toEqual(candidate);
    a.client.send({ type: 'call_mute', callId: id, muted: true });
    expect(await v.next('call_mute')).toEqual({ type: 'call_mute', callId: id, muted: true });
    // Either side's camera (issue 19): relayed to the other, nothing else.
    v.send({ type: 'call_camera', callId: id, on: true });
    expect(await a.client.next('call_camera')).toEqual({ type: 'call_camera', callId: id, on: true });
    a.client.send({ type: 'call_camera', callId: id, on: false });
    expect(await v.next('call_camera')).toEqual({ type: 'call_camera', callId: id, on: false });
    expect(await v.request({ type: 'call_camera', callId: id, on: 'yes' }, 'error')).toMatchObject({ code: 'bad_frame' });

    v.send({ type: 'call_hangup', callId: id });
    const [ve, ae] = await Promise.all([v.next('call_ended'), a.client.next('call_ended')]);
    expect(ve).toMatchObject({ callId: id, reason: 'visitor_hangup' });
    expect(ae).toMatchObject({ callId: id, conversationId, reason: 'visitor_hangup' });
    expect(ve.durationMs).toBeGreaterThanOrEqual(0);
    // The call's events are in the same thread, for both sides.
    expect(systemTexts(conversationId)).toEqual(['Call started by the visitor', 'Call answered by Sam', expect.stringMatching(/^Call ended \(0:0\d\)$/)]);
    const last = await v.next((f) => f.type === 'message' && /^Call ended/.test(f.message.text));
    expect(last.message).toMatchObject({ sender: 'system', conversationId });
    await a.client.next((f) => f.type === 'message' && /^Call ended/.test(f.message.text));
    // Signalling after the end is refused.
    expect(await v.request({ type: 'call_signal', callId: id, signal: offer }, 'error')).toMatchObject({ code: 'not_found' });
    v.close();
    a.client.close();
  });

  it('rings every online agent for a queued conversation; the first to answer takes it, the others stop ringing and cannot listen in', async () => {
    const a = await agent(ts, sam);
    const b = await agent(ts, kim);
    const { client: v } = await visitor(ts);
    const id = callId();
    await ringing(v, id);
    await a.client.next('call_incoming');
    await b.client.next('call_incoming');
    b.client.send({ type: 'call_answer', callId: id });
    await b.client.next('call_accepted');
    expect(await a.client.next('call_ended')).toMatchObject({ callId: id, reason: 'answered_elsewhere' });
    expect(await a.client.request({ type: 'call_answer', callId: id }, 'error')).toMatchObject({ code: 'forbidden' });
    expect(await a.client.request({ type: 'call_signal', callId: id, signal: { kind: 'answer', sdp: 'x' } }, 'error')).toMatchObject({ code: 'forbidden' });
    expect(await a.client.none('call_signal')).toBe(true);

    // The agent hangs up: both end.
    b.client.send({ type: 'call_hangup', callId: id });
    expect(await v.next('call_ended')).toMatchObject({ reason: 'agent_hangup' });
    expect(await b.client.next('call_ended')).toMatchObject({ reason: 'agent_hangup' });
    for (const c of [v, a.client, b.client]) c.close();
  });

  it('ends with no_answer when nobody answers in time, and records a missed call', async () => {
    const a = await agent(ts, sam);
    const { client: v } = await visitor(ts);
    const id = callId();
    const ring = await ringing(v, id);
    await a.client.next('call_incoming');
    const ended = await v.next('call_ended', 5000);
    expect(ended).toMatchObject({ callId: id, reason: 'no_answer', durationMs: 0 });
    expect(await a.client.next('call_ended')).toMatchObject({ reason: 'no_answer' });
    expect(systemTexts(ring.conversationId)).toEqual(['Call started by the visitor', 'Missed call: nobody answered']);
    v.close();
    a.client.close();
  });

  it('declined by the only ringing agent ends as declined', async () => {
    const a = await agent(ts, sam);
    const { client: v } = await visitor(ts);
    const id = callId();
    const ring = await ringing(v, id);
    await a.client.next('call_incoming');
    a.client.send({ type: 'call_decline', callId: id });
    expect(await v.next('call_ended')).toMatchObject({ reason: 'declined' });
    expect(systemTexts(ring.conversationId).at(-1)).toBe('Call declined by Sam');
    v.close();
    a.client.close();
  });

  it('ends both sides when the answering agent\'s socket closes', async () => {
    const a = await agent(ts, sam);
    const { client: v } = await visitor(ts);
    const id = callId();
    await ringing(v, id);
    await a.client.next('call_incoming');
    a.client.send({ type: 'call_answer', callId: id });
    await v.next('call_accepted');
    a.client.close();
    expect(await v.next('call_ended')).toMatchObject({ reason: 'agent_left' });
    v.close();
  });

  it('closing the conversation ends its call for both', async () => {
    const a = await agent(ts, sam);
    const { client: v } = await visitor(ts);
    const id = callId();
    const ring = await ringing(v, id);
    await a.client.next('call_incoming');
    a.client.send({ type: 'call_answer', callId: id });
    await v.next('call_accepted');
    a.client.send({ type: 'close', conversationId: ring.conversationId });
    expect(await v.next('call_ended')).toMatchObject({ callId: id, reason: 'closed' });
    expect(await a.client.next('call_ended')).toMatchObject({ callId: id, reason: 'closed' });
    v.close();
    a.client.close();
  });

  it('the visitor\'s socket dropping is not the end: a new socket of the same visitor resumes the call; one that never comes back ends it', async () => {
    const a = await agent(ts, sam);
    const first = await visitor(ts);
    const credential = first.welcome.credential as string;
    const id = callId();
    await ringing(first.client, id);
    await a.client.next('call_incoming');
    a.client.send({ type: 'call_answer', callId: id });
    await first.client.next('call_accepted');
    first.client.close();
    await first.client.closed;
    // Back within the resume time (500 ms on this server): signalling flows to the new socket.
    const again = await visitor(ts, { credential });
    expect(await again.client.request({ type: 'call_resume', callId: id }, 'call_resumed')).toEqual({ type: 'call_resumed', callId: id });
    a.client.send({ type: 'call_signal', callId: id, signal: { kind: 'answer', sdp: 'v=0' } });
    expect((await again.client.next('call_signal')).signal).toEqual({ kind: 'answer', sdp: 'v=0' });
    // Past the 500 ms resume time: the server's timer must not have ended it.
    expect(await a.client.none('call_ended', 700)).toBe(true);
    // Another visitor cannot take it.
    const { client: stranger } = await visitor(ts);
    expect(await stranger.request({ type: 'call_resume', callId: id }, 'call_ended')).toMatchObject({ reason: 'visitor_left' });
    // Gone for good: the call ends after the resume time.
    again.client.close();
    expect(await a.client.next('call_ended', 3000)).toMatchObject({ callId: id, reason: 'visitor_left' });
    for (const c of [stranger, a.client]) c.close();
  });

  it('rings an agent who connects while the call rings', async () => {
    const a = await agent(ts, sam);
    const { client: v } = await visitor(ts);
    const id = callId();
    await ringing(v, id);
    const late = await agent(ts, kim);
    expect((await late.client.next('call_incoming')).call.callId).toBe(id);
    v.send({ type: 'call_hangup', callId: id });
    expect(await late.client.next('call_ended')).toMatchObject({ reason: 'visitor_hangup' });
    expect(await a.client.next((f) => f.type === 'call_ended')).toMatchObject({ reason: 'visitor_hangup' });
    for (const c of [v, a.client, late.client]) c.close();
  });
});

describe('refusals', () => {
  it('nobody online: ends at once with no_agents and leaves a missed call in a new conversation', async () => {
    const { client: v } = await visitor(ts);
    const id = callId();
    const ended = await ringing(v, id);
    expect(ended).toMatchObject({ type: 'call_ended', callId: id, reason: 'no_agents', durationMs: 0 });
    const status = await v.next('status');
    expect(status.status).toBe('offline');
    expect(systemTexts(status.conversationId)).toEqual(['Call started by the visitor', 'Missed call: no agent was online']);
    v.close();
  });

  it('one call per conversation; another visitor\'s conversation or call is out of reach', async () => {
    const a = await agent(ts, sam);
    const { client: v } = await visitor(ts);
    const first = callId();
    const ring = await ringing(v, first);
    expect((await ringing(v, callId())).reason).toBe('busy');

    const { client: other } = await visitor(ts);
    expect(await other.request({ type: 'call_start', callId: callId(), conversationId: ring.conversationId }, 'error')).toMatchObject({ code: 'forbidden' });
    expect(await other.request({ type: 'call_hangup', callId: first }, 'error')).toMatchObject({ code: 'not_found' });
    expect(await other.request({ type: 'call_signal', callId: first, signal: { kind: 'offer', sdp: 'x' } }, 'error')).toMatchObject({ code: 'not_found' });
    v.send({ type: 'call_hangup', callId: first });
    expect(await v.next('call_ended')).toMatchObject({ reason: 'visitor_hangup' });
    for (const c of [v, other, a.client]) c.close();
  });

  it('validates every call frame: sizes, ids, kinds, unknown fields', async () => {
    const { client: v } = await visitor(ts);
    const big = { type: 'call_signal', callId: callId(), signal: { kind: 'offer', sdp: 'a'.repeat(CALL_SDP_MAX_BYTES + 1) } };
    expect(await v.request(big, 'error')).toMatchObject({ code: 'too_large', message: `sdp is over ${CALL_SDP_MAX_BYTES} bytes` });
    expect(await v.request({ type: 'call_start', callId: 'short' }, 'error')).toMatchObject({ code: 'bad_frame' });
    expect(await v.request({ type: 'call_signal', callId: callId(), signal: { kind: 'bye' } }, 'error')).toMatchObject({ code: 'bad_frame' });
    expect(await v.request({ type: 'call_signal', callId: callId(), signal: { kind: 'candidate', candidate: 'x'.repeat(2000), sdpMid: '0', sdpMLineIndex: 0 } }, 'error')).toMatchObject({ code: 'bad_frame' });
    expect(await v.request({ type: 'call_hangup', callId: callId(), extra: 1 }, 'error')).toMatchObject({ code: 'bad_frame' });
    // Agent-only frames do not exist on the visitor socket.
    expect(await v.request({ type: 'call_answer', callId: callId() }, 'error')).toMatchObject({ code: 'unknown_type' });
    v.close();
  });

  it('refuses a bad iceServers option when the server starts', async () => {
    await expect(startServer({ iceServers: [{ urls: 'http://not-ice.example' }] })).rejects.toThrow(/iceServers\.0\.urls/);
    await expect(startServer({ callNoAnswerMs: 0 })).rejects.toThrow(/callNoAnswerMs/);
  });
});
