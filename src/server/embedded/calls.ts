/**
 * Embedded calls (src/protocol/call.ts): who rings, who answered, and ending both sides together.
 * In memory only, like the Hub: a call lives as long as both of its sockets; what lasts is written
 * to the conversation as system messages (started, answered, declined, missed, ended with its
 * duration), in the same thread as the chat, so agent and visitor both see them and the
 * conversation keeps carrying the visitor's context.
 *
 * Rules:
 * - one call per conversation (a second `call_start` gets `call_ended` with `busy`);
 * - a queued conversation rings every online agent; a claimed one rings its agent only;
 * - answering a queued conversation claims it (as `claim` would);
 * - nobody answers within `noAnswerMs` -> `no_answer` (the widget offers leave-a-message or a callback);
 * - either side hanging up, or its socket closing, ends the call for both;
 * - signalling is relayed only between the visitor socket that started the call and the agent
 *   socket that answered it: another tab, or another agent, cannot join or listen in;
 * - an agent may call the visitor (`call_dial`, issue 15's "Call now" on a callback) when the
 *   visitor has a socket open: every socket of theirs rings (`call_invite`), the one that answers
 *   (`call_pickup`) becomes the call's visitor side and offers as in a call it started, a
 *   `call_hangup` from any of them declines; no socket -> `visitor_offline` at once (the console
 *   shows the number to dial). The conversation must not be closed or another agent's; a queued
 *   one is claimed by the call, as answering one does.
 */
import { callDuration, type AgentCallFrame, type CallEndedReason, type CallIceServer, type VisitorCallFrame } from '../../protocol/call';
import type { ChatMessage } from '../../protocol/chat';
import { isQueued, type ConversationRecord } from './chatStore';
import type { AgentConnection, Connection, VisitorConnection } from './connections';
import type { Desk } from './desk';
import { newId } from './secrets';

/** Default ring time before a call ends with `no_answer`: 30 s, about what a phone rings before voicemail. */
export const DEFAULT_CALL_NO_ANSWER_MS = 30_000;
/**
 * The visitor's socket closed during a call: this long for it to come back (`call_resume`) before
 * the call ends with `visitor_left`. 10 s covers a mobile network switching cell or Wi-Fi (the
 * widget reconnects at once when the browser is back online, else after 1–2 s of backoff).
 */
export const DEFAULT_CALL_RESUME_MS = 10_000;

type VisitorFrameOf<T extends VisitorCallFrame['type']> = Extract<VisitorCallFrame, { type: T }>;

interface Call {
  id: string;
  conversationId: string;
  visitorId: string;
  /** The socket speaking for the visitor; null while it is away (see DEFAULT_CALL_RESUME_MS). */
  visitor: VisitorConnection | null;
  /** Ends the call if the visitor's socket does not come back. */
  resumeTimer: ReturnType<typeof setTimeout> | null;
  /** Agents whose consoles ring (until one answers); those who declined leave it. */
  ringing: Set<string>;
  /** The agent socket that answered, once answered. */
  agent: AgentConnection | null;
  startedAt: number;
  answeredAt: number | null;
  timer: ReturnType<typeof setTimeout> | null;
  /** An agent's call to the visitor (`call_dial`): `visitor` is null until one of their sockets picks up. */
  dialed: boolean;
}

export interface CallOptions {
  iceServers: CallIceServer[];
  noAnswerMs: number;
  /** Default DEFAULT_CALL_RESUME_MS. */
  resumeMs?: number;
}

export class Calls {
  private readonly byId = new Map<string, Call>();
  private readonly byConversation = new Map<string, Call>();

  constructor(
    private readonly desk: Desk,
    private readonly options: CallOptions,
  ) {}

  /** Calls under way (ringing or connected), for tests and shutdown. */
  get size(): number {
    return this.byId.size;
  }

  // ---- visitor side ----

  handleVisitor(conn: VisitorConnection, visitorId: string, frame: VisitorCallFrame, now: number): void {
    if (frame.type === 'call_start') return this.start(conn, visitorId, frame, now);
    if (frame.type === 'call_resume') return this.resume(conn, visitorId, frame.callId);
    const call = this.byId.get(frame.callId);
    // An agent's call still ringing: any socket of this visitor answers or declines it.
    if (call && call.dialed && !call.visitor && call.visitorId === visitorId) {
      if (frame.type === 'call_pickup') return this.pickup(conn, call, now);
      if (frame.type === 'call_hangup') return this.end(call, 'declined', now, 'the visitor');
    }
    // Only the socket that started it speaks for the visitor (same answer for "not yours" and "none").
    if (!call || call.visitor !== conn) {
      conn.send({ type: 'error', code: 'not_found', message: 'No such call on this connection' });
      return;
    }
    switch (frame.type) {
      case 'call_signal':
        if (call.agent) call.agent.send({ type: 'call_signal', callId: call.id, signal: frame.signal });
        else conn.send({ type: 'error', code: 'not_ready', message: 'The call is not answered yet' });
        return;
      case 'call_mute':
        call.agent?.send({ type: 'call_mute', callId: call.id, muted: frame.muted });
        return;
      case 'call_camera':
        call.agent?.send({ type: 'call_camera', callId: call.id, on: frame.on });
        return;
      case 'call_hangup':
        return this.end(call, 'visitor_hangup', now);
      case 'call_pickup':
        conn.send({ type: 'error', code: 'forbidden', message: 'This call is not ringing here' });
        return;
    }
  }

  /** The visitor's new socket (same visitor, after a reconnection) takes its call back. */
  private resume(conn: VisitorConnection, visitorId: string, callId: string): void {
    const call = this.byId.get(callId);
    if (!call || call.visitorId !== visitorId) {
      // Over already (or never theirs): the widget ends it on its side.
      conn.send({ type: 'call_ended', callId, reason: 'visitor_left', durationMs: 0 });
      return;
    }
    if (call.resumeTimer) clearTimeout(call.resumeTimer);
    call.resumeTimer = null;
    call.visitor = conn;
    conn.send({ type: 'call_resumed', callId });
  }

  private start(conn: VisitorConnection, visitorId: string, frame: VisitorFrameOf<'call_start'>, now: number): void {
    const { store, hub } = this.desk;
    const refuse = (reason: CallEndedReason, message: string) => {
      conn.send({ type: 'error', code: 'forbidden', message });
      conn.send({ type: 'call_ended', callId: frame.callId, reason, durationMs: 0 });
    };
    if (this.byId.has(frame.callId)) return refuse('error', 'This callId is already in use');
    let conversation = store.openConversationOf(visitorId);
    if (frame.conversationId !== undefined && conversation?.id !== frame.conversationId) {
      return refuse('error', 'No such conversation for this visitor');
    }
    if (conversation && this.byConversation.has(conversation.id)) return refuse('busy', 'This conversation already has a call');

    const targets = this.ringTargets(conversation);
    let opened = false;
    const started = store.transaction(() => {
      if (!conversation) {
        // A call with no chat yet opens the conversation (with the visitor's latest context), like a first message.
        conversation = this.desk.openConversation({ visitorId, status: hub.agentsOnline() > 0 ? 'waiting' : 'offline', email: null, now });
        opened = true;
      }
      return this.note(conversation.id, frame.callId, 'started', 'Call started by the visitor', now);
    });
    const conv = conversation!;
    this.deliver(conv, started);
    if (opened) this.desk.tellVisitorStatus(conv);
    if (isQueued(conv.status)) this.desk.queueChanged(conv.id);

    if (targets.length === 0) {
      // Nobody to ring: a missed call in the thread (agents see it in the queue), the widget offers the alternatives.
      const missed = store.transaction(() => this.note(conv.id, frame.callId, 'missed', 'Missed call: no agent was online', now));
      this.deliver(conv, missed);
      conn.send({ type: 'call_ended', callId: frame.callId, reason: 'no_agents', durationMs: 0 });
      return;
    }

    const call: Call = {
      id: frame.callId,
      conversationId: conv.id,
      visitorId,
      visitor: conn,
      resumeTimer: null,
      ringing: new Set(targets),
      agent: null,
      startedAt: now,
      answeredAt: null,
      timer: null,
      dialed: false,
    };
    this.byId.set(call.id, call);
    this.byConversation.set(conv.id, call);
    call.timer = setTimeout(() => this.end(call, 'no_answer', Date.now()), this.options.noAnswerMs);
    call.timer.unref?.();
    conn.send({ type: 'call_ringing', callId: call.id, conversationId: conv.id, iceServers: this.options.iceServers });
    for (const agentId of targets) this.ring(call, agentId);
  }

  /** A claimed conversation rings its agent; a queued one rings everyone online. */
  private ringTargets(conversation: ConversationRecord | null): string[] {
    const online = new Set(this.desk.hub.agentSockets().map((c) => c.agent.id));
    if (conversation?.status === 'active' && conversation.agentId) return online.has(conversation.agentId) ? [conversation.agentId] : [];
    return [...online];
  }

  private incomingFrame(call: Call) {
    const conversation = this.desk.store.conversation(call.conversationId)!;
    return {
      type: 'call_incoming' as const,
      call: { callId: call.id, conversationId: call.conversationId, startedAt: call.startedAt, ringsForMs: this.options.noAnswerMs },
      conversation: this.desk.store.detail(conversation),
      iceServers: this.options.iceServers,
    };
  }

  private ring(call: Call, agentId: string): void {
    this.desk.hub.toAgent(agentId, this.incomingFrame(call));
  }

  // ---- agent side ----

  /** An agent socket opened: it rings too for calls still ringing that are meant for it. */
  agentJoined(conn: AgentConnection): void {
    for (const call of this.byId.values()) {
      if (call.agent) continue;
      const conversation = this.desk.store.conversation(call.conversationId);
      if (!conversation) continue;
      const forMe = conversation.status === 'active' ? conversation.agentId === conn.agent.id : isQueued(conversation.status);
      if (!forMe) continue;
      call.ringing.add(conn.agent.id);
      conn.send(this.incomingFrame(call));
    }
  }

  handleAgent(conn: AgentConnection, frame: AgentCallFrame, now: number): void {
    if (frame.type === 'call_dial') return this.dial(conn, frame.callId, frame.conversationId, now);
    const call = this.byId.get(frame.callId);
    const me = conn.agent.id;
    if (!call) {
      conn.send({ type: 'error', code: 'not_found', message: 'No such call (it may have ended)' });
      return;
    }
    if (frame.type === 'call_answer') return this.answer(conn, call, now);
    if (frame.type === 'call_decline') {
      if (call.agent || !call.ringing.has(me)) return void conn.send({ type: 'error', code: 'forbidden', message: 'This call is not ringing for you' });
      call.ringing.delete(me);
      // This agent's other tabs stop ringing too.
      this.desk.hub.toAgent(me, { type: 'call_ended', callId: call.id, conversationId: call.conversationId, reason: 'declined', durationMs: 0 });
      if (call.ringing.size === 0) this.end(call, 'declined', now, conn.agent.name);
      return;
    }
    if (call.agent !== conn) {
      conn.send({ type: 'error', code: 'forbidden', message: 'This call is not yours' });
      return;
    }
    switch (frame.type) {
      case 'call_signal':
        // While the visitor's socket is away, signalling is dropped (the media path is already up).
        return call.visitor?.send({ type: 'call_signal', callId: call.id, signal: frame.signal });
      case 'call_mute':
        return call.visitor?.send({ type: 'call_mute', callId: call.id, muted: frame.muted });
      case 'call_camera':
        return call.visitor?.send({ type: 'call_camera', callId: call.id, on: frame.on });
      case 'call_hangup':
        return this.end(call, 'agent_hangup', now);
    }
  }

  /** An agent calls the conversation's visitor in their browser (see the header). */
  private dial(conn: AgentConnection, callId: string, conversationId: string, now: number): void {
    const { store, hub } = this.desk;
    const me = conn.agent.id;
    const refuse = (reason: CallEndedReason, code: 'forbidden' | 'not_found', message: string) => {
      if (reason !== 'visitor_offline') conn.send({ type: 'error', code, message });
      conn.send({ type: 'call_ended', callId, conversationId, reason, durationMs: 0 });
    };
    if (this.byId.has(callId)) return refuse('error', 'forbidden', 'This callId is already in use');
    const conversation = store.conversation(conversationId);
    if (!conversation) return refuse('error', 'not_found', 'No such conversation');
    if (conversation.status === 'closed') return refuse('closed', 'forbidden', 'This conversation is closed');
    if (conversation.status === 'active' && conversation.agentId !== me) return refuse('error', 'forbidden', 'This conversation belongs to another agent');
    if (this.byConversation.has(conversationId)) return refuse('busy', 'forbidden', 'This conversation already has a call');
    const sockets = hub.socketsOfVisitor(conversation.visitorId);
    if (!sockets.length) return refuse('visitor_offline', 'forbidden', 'The visitor is not on the site');
    const claimed = isQueued(conversation.status);
    const started = store.transaction(() => {
      if (claimed && !store.claim(conversationId, me)) return null;
      return this.note(conversationId, callId, 'started', `Call to the visitor started by ${conn.agent.name}`, now);
    });
    if (!started) return refuse('error', 'forbidden', 'This conversation is no longer in the queue');
    const current = store.conversation(conversationId)!;
    if (claimed) {
      hub.dropViewers(current.id);
      hub.toAgent(me, { type: 'conversation', conversation: store.detail(current) });
      this.desk.tellVisitorStatus(current);
      this.desk.queueChanged(current.id);
    }
    this.deliver(current, started);
    const call: Call = {
      id: callId,
      conversationId,
      visitorId: conversation.visitorId,
      visitor: null,
      resumeTimer: null,
      ringing: new Set(),
      agent: conn,
      startedAt: now,
      answeredAt: null,
      timer: null,
      dialed: true,
    };
    this.byId.set(callId, call);
    this.byConversation.set(conversationId, call);
    call.timer = setTimeout(() => this.end(call, 'no_answer', Date.now()), this.options.noAnswerMs);
    call.timer.unref?.();
    conn.send({ type: 'call_dialing', callId, conversationId, iceServers: this.options.iceServers, ringsForMs: this.options.noAnswerMs });
    const invite = { type: 'call_invite' as const, callId, conversationId, agent: conn.agent, ringsForMs: this.options.noAnswerMs };
    for (const socket of sockets) socket.send(invite);
  }

  /** The visitor answers an agent's call on `conn`: that socket is the call's visitor side from now on. */
  private pickup(conn: VisitorConnection, call: Call, now: number): void {
    const answered = this.desk.store.transaction(() => this.note(call.conversationId, call.id, 'answered', 'Call answered by the visitor', now));
    if (call.timer) clearTimeout(call.timer);
    call.timer = null;
    call.visitor = conn;
    call.answeredAt = now;
    const conversation = this.desk.store.conversation(call.conversationId);
    if (conversation) this.deliver(conversation, answered);
    // The visitor's other sockets stop ringing (any frame naming the call ends the invitation there).
    for (const other of this.desk.hub.socketsOfVisitor(call.visitorId)) {
      if (other !== conn) other.send({ type: 'call_ended', callId: call.id, reason: 'answered_elsewhere', durationMs: 0 });
    }
    // As for a call the visitor started: ICE servers, then "answered" (this side offers now).
    conn.send({ type: 'call_ringing', callId: call.id, conversationId: call.conversationId, iceServers: this.options.iceServers });
    conn.send({ type: 'call_accepted', callId: call.id, agent: call.agent!.agent });
    call.agent?.send({ type: 'call_accepted', callId: call.id, conversationId: call.conversationId });
  }

  private answer(conn: AgentConnection, call: Call, now: number): void {
    const { store, hub } = this.desk;
    const me = conn.agent.id;
    if (call.agent || !call.ringing.has(me)) {
      conn.send({ type: 'error', code: 'forbidden', message: call.agent ? 'This call was already answered' : 'This call is not ringing for you' });
      return;
    }
    const conversation = store.conversation(call.conversationId);
    if (!conversation || conversation.status === 'closed' || (conversation.status === 'active' && conversation.agentId !== me)) {
      conn.send({ type: 'error', code: 'forbidden', message: 'This conversation belongs to another agent' });
      return;
    }
    const claimed = isQueued(conversation.status);
    const answered = store.transaction(() => {
      if (claimed && !store.claim(conversation.id, me)) return null;
      return this.note(conversation.id, call.id, 'answered', `Call answered by ${conn.agent.name}`, now);
    });
    if (!answered) {
      conn.send({ type: 'error', code: 'forbidden', message: 'This conversation is no longer in the queue' });
      return;
    }
    if (call.timer) clearTimeout(call.timer);
    call.timer = null;
    call.agent = conn;
    call.answeredAt = now;
    const others = [...call.ringing].filter((id) => id !== me);
    call.ringing.clear();
    // Everyone else (and this agent's other tabs) stops ringing.
    for (const agentId of others) hub.toAgent(agentId, { type: 'call_ended', callId: call.id, conversationId: call.conversationId, reason: 'answered_elsewhere', durationMs: 0 });
    hub.toAgent(me, { type: 'call_ended', callId: call.id, conversationId: call.conversationId, reason: 'answered_elsewhere', durationMs: 0 }, conn);

    const now2 = store.conversation(conversation.id)!;
    if (claimed) {
      hub.dropViewers(now2.id);
      hub.toAgent(me, { type: 'conversation', conversation: store.detail(now2) });
      this.desk.tellVisitorStatus(now2);
      this.desk.queueChanged(now2.id);
    }
    this.deliver(now2, answered);
    conn.send({ type: 'call_accepted', callId: call.id, conversationId: call.conversationId });
    call.visitor?.send({ type: 'call_accepted', callId: call.id, agent: conn.agent });
  }

  // ---- ending ----

  /**
   * A socket closed. The agent's: its call ends (`agent_left`). The visitor's: the call waits for
   * the visitor to come back (`call_resume`) for a few seconds, then ends (`visitor_left`).
   */
  connectionClosed(conn: Connection<unknown>): void {
    const now = Date.now();
    for (const call of [...this.byId.values()]) {
      // An agent's call still ringing the visitor, whose last socket just closed: nobody can answer it.
      if (call.dialed && !call.visitor && call.agent !== conn && this.desk.hub.socketsOfVisitor(call.visitorId).length === 0) {
        this.end(call, 'visitor_left', now);
        continue;
      }
      if (call.visitor === conn) {
        call.visitor = null;
        call.resumeTimer = setTimeout(() => this.end(call, 'visitor_left', Date.now()), this.options.resumeMs ?? DEFAULT_CALL_RESUME_MS);
        call.resumeTimer.unref?.();
      } else if (call.agent === conn) this.end(call, 'agent_left', now);
    }
  }

  /** The agent's last socket closed while its console was ringing: it no longer rings there. */
  agentOffline(agentId: string): void {
    const now = Date.now();
    for (const call of [...this.byId.values()]) {
      if (call.agent || !call.ringing.delete(agentId)) continue;
      if (call.ringing.size === 0) this.end(call, 'no_answer', now);
    }
  }

  /** The agent closed the conversation: its call ends. */
  conversationClosed(conversationId: string): void {
    const call = this.byConversation.get(conversationId);
    if (call) this.end(call, 'closed', Date.now());
  }

  private end(call: Call, reason: CallEndedReason, now: number, who?: string): void {
    if (this.byId.get(call.id) !== call) return; // already ended
    this.byId.delete(call.id);
    this.byConversation.delete(call.conversationId);
    if (call.timer) clearTimeout(call.timer);
    if (call.resumeTimer) clearTimeout(call.resumeTimer);
    const durationMs = call.answeredAt !== null ? Math.max(0, now - call.answeredAt) : 0;

    call.visitor?.send({ type: 'call_ended', callId: call.id, reason, durationMs });
    const agentFrame = { type: 'call_ended' as const, callId: call.id, conversationId: call.conversationId, reason, durationMs };
    if (call.agent) call.agent.send(agentFrame);
    for (const agentId of call.ringing) this.desk.hub.toAgent(agentId, agentFrame);

    // A dialed call's ringing is at the visitor's: tell their sockets it stopped.
    if (call.dialed && !call.visitor) {
      for (const socket of this.desk.hub.socketsOfVisitor(call.visitorId)) socket.send({ type: 'call_ended', callId: call.id, reason, durationMs: 0 });
    }

    const text =
      call.answeredAt !== null
        ? `Call ended (${callDuration(durationMs)})${reason === 'agent_left' || reason === 'visitor_left' ? ': connection lost' : ''}`
        : call.dialed
          ? reason === 'declined'
            ? 'Call declined by the visitor'
            : reason === 'agent_hangup' || reason === 'agent_left'
              ? 'Call to the visitor cancelled before an answer'
              : 'The visitor did not answer the call'
        : reason === 'declined'
          ? `Call declined${who ? ` by ${who}` : ''}`
          : reason === 'visitor_hangup'
            ? 'Call cancelled by the visitor before an answer'
            : 'Missed call: nobody answered';
    try {
      const conversation = this.desk.store.conversation(call.conversationId);
      if (!conversation) return;
      const message = this.desk.store.transaction(() => this.note(call.conversationId, call.id, 'ended', text, now));
      this.deliver(conversation, message);
      // An answered call that ended makes the satisfaction survey due: the visitor's widget asks it.
      if (call.answeredAt !== null) this.desk.tellVisitorStatus(conversation);
    } catch (error) {
      console.error('[baton] could not record the end of a call:', error);
    }
  }

  /** Ends every call (server shutdown). */
  stop(): void {
    for (const call of this.byId.values()) {
      if (call.timer) clearTimeout(call.timer);
      if (call.resumeTimer) clearTimeout(call.resumeTimer);
    }
    this.byId.clear();
    this.byConversation.clear();
  }

  // ---- the thread ----

  /** A system message about the call, stored in the conversation (call inside a transaction). */
  private note(conversationId: string, callId: string, event: string, text: string, now: number): ChatMessage {
    // Server-made clientIds: unique per conversation and never a visitor's (they start with "call-").
    const clientId = `call-${event}-${newId('m').slice(2)}`;
    void callId;
    return this.desk.store.appendMessage({ conversationId, clientId, sender: 'system', text, agentId: null, now });
  }

  /** A committed system message goes to the visitor's sockets and the conversation's watchers. */
  private deliver(conversation: ConversationRecord, message: ChatMessage): void {
    const current = this.desk.store.conversation(conversation.id) ?? conversation;
    this.desk.hub.toVisitor(current.visitorId, { type: 'message', message });
    this.desk.hub.toWatchers(current.id, current.status === 'active' ? current.agentId : null, { type: 'message', message });
    if (isQueued(current.status)) this.desk.queueChanged(current.id);
  }
}
