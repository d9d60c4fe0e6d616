/**
 * Frames from a visitor's socket (/ws/visitor). A visitor is whoever holds the credential: every
 * read and write is limited to that visitor's own conversations.
 */
import type { ScannedCode } from '../../protocol/scan';
import { isCallFrameType, type VisitorCallFrame } from '../../protocol/call';
import { parseVisitorSocketFrame } from '../../protocol/callSchema';
import type { ChatMedia, ChatMessage, VisitorFrame } from '../../protocol/chat';
import type { VisitorConnection } from './connections';
import { isQueued, type ConversationRecord } from './chatStore';
import type { Calls } from './calls';
import type { Desk } from './desk';
import { SYNC_MESSAGES_MAX } from './limits';
import { rateLimitedError } from './rateLimits';
import type { VisitorLimits } from './visitorLimits';

/** Close code for a hello refused over the new-visitor rate: 1013, "try again later" (the widget reconnects with backoff). */
export const TRY_AGAIN_LATER_CLOSE = 1013;

type FrameOf<T extends VisitorFrame['type']> = Extract<VisitorFrame, { type: T }>;

/** The same answer for "not yours" and "does not exist", so conversation ids cannot be probed. */
const NOT_YOURS = 'No such conversation for this visitor';

export function handleVisitorFrame(desk: Desk, calls: Calls, conn: VisitorConnection, raw: string, limits: VisitorLimits): void {
  const now = Date.now();
  if (!conn.bucket.take(now)) {
    conn.send(rateLimitedError(raw, conn.bucket.retryAfterMs()));
    return;
  }
  // The same visitor on many sockets shares one budget (each socket also has its own, above).
  if (conn.visitorId !== null) {
    const wait = limits.frame(conn.visitorId, now);
    if (wait > 0) return conn.send(rateLimitedError(raw, wait));
  }
  const parsed = parseVisitorSocketFrame(raw); // chat and call frames
  if (!parsed.ok) {
    conn.send(parsed.error);
    return;
  }
  const any = parsed.frame;
  if (any.type === 'hello') return hello(desk, conn, any, now, limits);
  if (conn.visitorId === null) {
    conn.send({ type: 'error', code: 'not_ready', message: 'Send "hello" first', ...clientIdOf(any) });
    return;
  }
  const visitorId = conn.visitorId;
  if (isCallFrame(any)) {
    if (any.type === 'call_start') {
      // Each start rings every online agent: a visitor may start only a few (limits.ts).
      const wait = limits.callStart(visitorId, now);
      if (wait > 0) {
        conn.send({ type: 'error', code: 'rate_limited', message: 'Too many calls started; wait before calling again', retryAfterMs: wait });
        conn.send({ type: 'call_ended', callId: any.callId, reason: 'error', durationMs: 0 });
        return;
      }
    }
    return calls.handleVisitor(conn, visitorId, any, now);
  }
  const frame = any;
  switch (frame.type) {
    case 'send': {
      // Per visitor, across all its sockets; the widget's outbox retries after the wait, in order.
      const wait = limits.message(visitorId, now);
      if (wait > 0) return conn.send({ type: 'error', code: 'rate_limited', message: 'Too many messages; wait a moment', clientId: frame.clientId, retryAfterMs: wait });
      return send(desk, conn, visitorId, frame, now);
    }
    case 'typing':
      return typing(desk, visitorId, frame);
    case 'context':
      return desk.applyContext(visitorId, frame.context, now, conn.userAgent);
    case 'read':
      return read(desk, conn, visitorId, frame, now);
    case 'handover':
      return handover(desk, conn, visitorId);
    case 'email':
      return saveEmail(desk, conn, visitorId, frame);
    case 'rate':
      return rate(desk, conn, visitorId, frame, now);
    case 'transcript':
      return void transcript(desk, conn, visitorId, frame, now);
    case 'sync':
      return sync(desk, conn, visitorId, frame);
    case 'ping':
      return conn.send({ type: 'pong' });
  }
}

function hello(desk: Desk, conn: VisitorConnection, frame: FrameOf<'hello'>, now: number, limits: VisitorLimits): void {
  if (conn.visitorId !== null) {
    conn.send({ type: 'error', code: 'bad_frame', message: '"hello" was already received on this connection' });
    return;
  }
  const { store, hub } = desk;
  // An unknown, malformed or absent credential is not an error: it gets a new visitor.
  const known = frame.credential ? store.visitorByCredential(frame.credential) : null;
  let visitorId: string;
  let credential: string;
  if (known && frame.credential) {
    visitorId = known.id;
    credential = frame.credential;
    store.touchVisitor(visitorId, now);
  } else {
    // A new visitor row: limited per address, or one address could create them by the thousand.
    const wait = limits.newVisitor(conn.address, now);
    if (wait > 0) {
      conn.send({ type: 'error', code: 'rate_limited', message: 'Too many new visitors from this address; try again later', retryAfterMs: wait });
      conn.ws.close(TRY_AGAIN_LATER_CLOSE, 'too many new visitors');
      return;
    }
    ({ id: visitorId, credential } = store.createVisitor(now));
  }
  conn.visitorId = visitorId;
  hub.addVisitor(conn);
  if (frame.context) desk.applyContext(visitorId, frame.context, now, conn.userAgent);

  const conversation = store.currentConversationOf(visitorId, now);
  const view = conversation ? { ...store.visitorView(conversation), ...desk.mail?.transcripts.field(conversation.id) } : null;
  conn.lastPosition = view?.position ?? null;
  conn.send({
    type: 'welcome',
    visitorId,
    credential,
    conversation: view,
    agentsOnline: hub.agentsOnline(),
    unread: conversation ? store.unread(conversation) : 0,
  });
}

function send(desk: Desk, conn: VisitorConnection, visitorId: string, frame: FrameOf<'send'>, now: number): void {
  // A scanned code's message reads as its value: what the agent reads as text is what it says as data.
  if (frame.code && frame.code.value !== frame.text) {
    return conn.send({ type: 'error', code: 'bad_frame', message: 'a message with a code must have the code\'s value as its text', clientId: frame.clientId });
  }
  const result = commitVisitorMessage(desk, visitorId, { clientId: frame.clientId, text: frame.text, email: frame.email, ...(frame.code ? { code: frame.code } : {}) }, now);
  // From here on the message is committed (better-sqlite3 returns after COMMIT): only now is it acknowledged.
  if (result.kind === 'duplicate') {
    const { duplicate } = result;
    if (duplicate.sender === 'visitor') conn.send({ type: 'ack', clientId: frame.clientId, message: duplicate });
    else conn.send({ type: 'error', code: 'bad_frame', message: 'clientId is already used by another message', clientId: frame.clientId });
    return;
  }
  conn.send({ type: 'ack', clientId: frame.clientId, message: result.message });
  deliverVisitorMessage(desk, visitorId, result, conn);
}

export type VisitorCommit =
  | { kind: 'duplicate'; duplicate: ChatMessage }
  | { kind: 'stored'; message: ChatMessage; conversation: ConversationRecord; opened: boolean };

/**
 * Stores a visitor's message (text, or photos with `media`) in one transaction: into the open
 * conversation, or a new one (offline when nobody is online). A clientId already stored in the
 * visitor's latest conversation is a resend: the stored message comes back as `duplicate`.
 * `inside` runs in the same transaction once the conversation is known, before the message is
 * written (photos: the quota check and the file's row); throwing there stores nothing.
 */
export function commitVisitorMessage(
  desk: Desk,
  visitorId: string,
  m: { clientId: string; text: string; email?: string | undefined; media?: ChatMedia[]; code?: ScannedCode; id?: string },
  now: number,
  inside?: (conversationId: string) => void,
): VisitorCommit {
  const { store, hub } = desk;
  return store.transaction((): VisitorCommit => {
    let conversation = store.openConversationOf(visitorId);
    // Idempotency: a resend (the ack was lost) finds the stored message, even if the agent has
    // closed the conversation since, and gets the same ack without storing it twice.
    const previous = conversation ?? store.latestConversationOf(visitorId);
    const existing = previous ? store.messageByClientId(previous.id, m.clientId) : null;
    if (existing) return { kind: 'duplicate', duplicate: existing };
    let opened = false;
    if (!conversation) {
      // Nobody online: the conversation is a left message, answered when an agent comes back.
      const status = hub.agentsOnline() > 0 ? 'waiting' : 'offline';
      // With the site's bot, it answers first; the visitor can always ask for a person (`handover`).
      conversation = desk.openConversation({ visitorId, status, email: m.email ?? null, now, bot: desk.bots !== null });
      opened = true;
      if (m.email !== undefined) store.setEmail(conversation.id, m.email);
    } else if (m.email !== undefined) {
      store.setEmail(conversation.id, m.email);
    }
    inside?.(conversation.id);
    const message = store.appendMessage({ conversationId: conversation.id, clientId: m.clientId, sender: 'visitor', text: m.text, agentId: null, now, ...(m.media ? { media: m.media } : {}), ...(m.code ? { code: m.code } : {}), ...(m.id ? { id: m.id } : {}) });
    return { kind: 'stored', message, conversation, opened };
  });
}

/** A committed visitor message goes to the visitor's other sockets and to the agents watching. */
export function deliverVisitorMessage(desk: Desk, visitorId: string, result: Extract<VisitorCommit, { kind: 'stored' }>, except?: VisitorConnection): void {
  const { hub } = desk;
  const { message, conversation, opened } = result;
  hub.toVisitor(visitorId, { type: 'message', message }, except); // the visitor's other tabs
  hub.toWatchers(conversation.id, conversation.status === 'active' ? conversation.agentId : null, { type: 'message', message });
  if (opened) desk.tellVisitorStatus(conversation);
  if (isQueued(conversation.status)) desk.queueChanged(conversation.id);
  desk.bots?.visitorMessage(conversation, message);
}

/** "Talk to a person": the bot stops, the agents are told; answered by `status` either way (asking twice is harmless). */
function handover(desk: Desk, conn: VisitorConnection, visitorId: string): void {
  const conversation = desk.store.openConversationOf(visitorId);
  if (!conversation) {
    conn.send({ type: 'error', code: 'not_found', message: 'There is no open conversation to hand over' });
    return;
  }
  if (!desk.bots?.visitorAsked(conversation)) conn.send(desk.statusFrame(conversation));
}

/** Where to answer by e-mail (validated by the schema): on the open conversation and the visitor; every tab hears `status`. */
function saveEmail(desk: Desk, conn: VisitorConnection, visitorId: string, frame: FrameOf<'email'>): void {
  const conversation = desk.store.openConversationOf(visitorId);
  if (!conversation) {
    conn.send({ type: 'error', code: 'not_found', message: 'There is no open conversation to answer by e-mail' });
    return;
  }
  desk.store.setEmail(conversation.id, frame.email);
  const saved = desk.store.conversation(conversation.id)!;
  desk.tellVisitorStatus(saved);
  // The agents: the queue's summary, and the conversation for whoever has it open or claimed.
  if (isQueued(saved.status)) desk.queueChanged(saved.id);
  desk.hub.toWatchers(saved.id, saved.status === 'active' ? saved.agentId : null, { type: 'conversation', conversation: desk.store.detail(saved) });
}

/**
 * The satisfaction survey's answer, once per conversation (the server keeps the first): every tab
 * hears `status` with `survey: 'done'`; the agent who had the conversation, and whoever has it
 * open, get it again with its `csat`.
 */
function rate(desk: Desk, conn: VisitorConnection, visitorId: string, frame: FrameOf<'rate'>, now: number): void {
  const { store } = desk;
  const conversation = store.currentConversationOf(visitorId, now);
  if (!conversation) {
    conn.send({ type: 'error', code: 'not_found', message: 'There is no conversation to rate' });
    return;
  }
  const survey = store.survey(conversation);
  if (survey !== 'due' || !store.transaction(() => store.rate(conversation.id, frame.score, frame.comment || null, now))) {
    const why = survey === 'done' ? 'This conversation was already rated: one answer per conversation' : 'The survey comes once the conversation has ended, or a call in it';
    conn.send({ type: 'error', code: 'forbidden', message: why });
    return;
  }
  const rated = store.conversation(conversation.id)!;
  desk.tellVisitorStatus(rated);
  const detail = { type: 'conversation', conversation: store.detail(rated) } as const;
  desk.hub.toWatchers(rated.id, rated.status === 'active' ? rated.agentId : null, detail);
  if (rated.status !== 'active' && rated.agentId) desk.hub.toAgent(rated.agentId, detail);
}

/**
 * The whole conversation by e-mail, once it has ended (./transcripts.ts: one per conversation,
 * limited per visitor, client address and recipient). An address in the frame becomes the
 * conversation's. Every tab hears `status` with `transcript: 'sent'`.
 */
async function transcript(desk: Desk, conn: VisitorConnection, visitorId: string, frame: FrameOf<'transcript'>, now: number): Promise<void> {
  const mail = desk.mail;
  if (!mail) {
    conn.send({ type: 'error', code: 'unavailable', message: 'This server sends no e-mail' });
    return;
  }
  const conversation = desk.store.currentConversationOf(visitorId, now);
  const refused = await mail.transcripts.request({
    conversation,
    to: frame.email ?? (conversation ? mail.addressOf(conversation) : null),
    visitorId,
    address: conn.address,
    now,
    send: async (c, to) => {
      if (frame.email) desk.store.setEmail(c.id, to);
      if (!(await mail.transcript(desk.store.conversation(c.id)!))) throw new Error('no address');
    },
  });
  if (refused) {
    conn.send({ type: 'error', ...refused });
    return;
  }
  desk.tellVisitorStatus(desk.store.conversation(conversation!.id)!);
}

function typing(desk: Desk, visitorId: string, frame: FrameOf<'typing'>): void {
  const conversation = desk.store.openConversationOf(visitorId);
  // Only a claimed conversation has someone to tell; otherwise there is nothing to do (not an error).
  if (conversation?.status === 'active' && conversation.agentId) {
    desk.hub.toAgent(conversation.agentId, { type: 'typing', conversationId: conversation.id, on: frame.on });
  }
}

function read(desk: Desk, conn: VisitorConnection, visitorId: string, frame: FrameOf<'read'>, now: number): void {
  const conversation = desk.store.currentConversationOf(visitorId, now);
  if (!conversation) {
    conn.send({ type: 'error', code: 'not_found', message: 'There is no conversation to mark read' });
    return;
  }
  desk.store.setReadIndex(conversation.id, frame.index);
}

function sync(desk: Desk, conn: VisitorConnection, visitorId: string, frame: FrameOf<'sync'>): void {
  const conversation = desk.store.conversation(frame.conversationId);
  if (!conversation || conversation.visitorId !== visitorId) {
    conn.send({ type: 'error', code: 'forbidden', message: NOT_YOURS });
    return;
  }
  conn.send({ type: 'history', conversationId: conversation.id, messages: desk.store.messagesAfter(conversation.id, frame.afterIndex, SYNC_MESSAGES_MAX) });
}

function clientIdOf(frame: VisitorFrame | VisitorCallFrame): { clientId?: string } {
  return frame.type === 'send' ? { clientId: frame.clientId } : {};
}

const isCallFrame = (f: VisitorFrame | VisitorCallFrame): f is VisitorCallFrame => isCallFrameType(f.type);
