/**
 * Frames from an agent's socket (/ws/agent, opened with a session cookie). An agent reads the queue
 * and its own conversations, and writes only into conversations it claimed.
 */
import { isCallFrameType, type AgentCallFrame } from '../../protocol/call';
import { parseAgentSocketFrame } from '../../protocol/callSchema';
import { TAGS_PER_CONVERSATION_MAX, type AgentFrame } from '../../protocol/chat';
import type { AgentConnection } from './connections';
import { isQueued, type ConversationRecord } from './chatStore';
import type { Calls } from './calls';
import type { Desk } from './desk';
import { SYNC_MESSAGES_MAX } from './limits';
import { rateLimitedError } from './rateLimits';

type FrameOf<T extends AgentFrame['type']> = Extract<AgentFrame, { type: T }>;

/** Close code when the socket's session ends (logged out, or expired while open): 1008, policy violation. */
export const SESSION_ENDED_CLOSE = 1008;

/**
 * Sends the agent its first frames: who it is (`welcome`), its active conversations in full (one
 * `conversation` each), then the queue in bounded `queue` pages; `queue_changes` follow from then on.
 */
export function welcomeAgent(desk: Desk, conn: AgentConnection): void {
  const { store } = desk;
  const mine = store.activeConversationsOf(conn.agent.id);
  const role = desk.agents.roleOf(conn.agent.id);
  conn.send({
    type: 'welcome',
    agent: conn.agent,
    mineIds: mine.map((c) => c.id),
    queueSize: desk.queue.size,
    ...(role ? { role } : {}),
    ...(desk.assigner ? { autoAssign: true } : {}),
    ...(desk.autoAwayMs ? { autoAwayMs: desk.autoAwayMs } : {}),
  });
  conn.send(desk.teamFrame());
  // One frame per conversation, each within FRAME_MAX_BYTES (ChatStore bounds its messages), however many an agent holds.
  for (const c of mine) conn.send({ type: 'conversation', conversation: store.detail(c) });
  for (const page of desk.queueSnapshot()) conn.sendRaw(page);
}

/** One frame from an agent's socket: chat frames go to the desk, call frames to `calls`. */
export function handleAgentFrame(desk: Desk, calls: Calls, conn: AgentConnection, raw: string): void {
  const now = Date.now();
  if (now >= conn.session.expiresAt) {
    conn.ws.close(SESSION_ENDED_CLOSE, 'session expired');
    return;
  }
  if (!conn.bucket.take(now)) {
    conn.send(rateLimitedError(raw));
    return;
  }
  const parsed = parseAgentSocketFrame(raw); // chat and call frames
  if (!parsed.ok) {
    conn.send(parsed.error);
    return;
  }
  const any = parsed.frame;
  if (isCallFrame(any)) return calls.handleAgent(conn, any, now);
  const frame = any;
  if (frame.type === 'ping') {
    conn.send({ type: 'pong' });
    return;
  }
  if (frame.type === 'search') {
    conn.send({ type: 'search_results', requestId: frame.requestId, results: desk.search?.search(frame.query, frame.filters) ?? [] });
    return;
  }
  if (frame.type === 'presence') {
    if (desk.hub.setAway(conn.agent.id, frame.status === 'away')) desk.teamChanged();
    else conn.send(desk.teamFrame()); // unchanged: this tab learns the team's state anyway
    return;
  }
  const conversation = desk.store.conversation(frame.conversationId);
  if (!conversation) {
    conn.send({ type: 'error', code: 'not_found', message: 'No such conversation', ...(frame.type === 'send' ? { clientId: frame.clientId } : {}) });
    return;
  }
  switch (frame.type) {
    case 'claim':
      return claim(desk, conn, conversation);
    case 'read':
      return read(desk, conn, conversation, frame.index);
    case 'open':
      return open(desk, conn, conversation);
    case 'send':
      return send(desk, conn, conversation, frame, now);
    case 'typing':
      return typing(desk, conn, conversation, frame);
    case 'close':
      return close(desk, calls, conn, conversation, frame, now);
    case 'sync':
      return sync(desk, conn, conversation, frame);
    case 'visitor_conversations':
      return conn.send({ type: 'visitor_conversations', conversationId: conversation.id, conversations: desk.search?.visitorConversations(conversation) ?? [] });
    case 'tag':
      return tag(desk, conn, conversation, frame, now);
    case 'note':
      return note(desk, conn, conversation, frame, now);
    case 'transfer':
      return transfer(desk, conn, conversation, frame, now);
  }
}

/** Any agent may tag any conversation (a team's shared labels); every agent hears of it. */
function tag(desk: Desk, conn: AgentConnection, conversation: ConversationRecord, frame: FrameOf<'tag'>, now: number): void {
  const search = desk.search;
  if (!search) return;
  const tags = desk.store.transaction(() => search.setTag(conversation.id, frame.tag, frame.on, conn.agent.id, now));
  if (!tags) {
    conn.send({ type: 'error', code: 'bad_frame', message: `At most ${TAGS_PER_CONVERSATION_MAX} tags on a conversation` });
    return;
  }
  desk.hub.toAllAgents({ type: 'tags', conversationId: conversation.id, tags });
  if (isQueued(conversation.status)) desk.queueChanged(conversation.id);
}

const isMine = (conn: AgentConnection, c: ConversationRecord): boolean => c.agentId === conn.agent.id;
const isMineAndActive = (conn: AgentConnection, c: ConversationRecord): boolean => isMine(conn, c) && c.status === 'active';

function forbidden(conn: AgentConnection, message: string, clientId?: string): void {
  conn.send({ type: 'error', code: 'forbidden', message, ...(clientId !== undefined ? { clientId } : {}) });
}

function claim(desk: Desk, conn: AgentConnection, conversation: ConversationRecord): void {
  const { store } = desk;
  const me = conn.agent.id;
  if (isMineAndActive(conn, conversation)) {
    conn.send({ type: 'conversation', conversation: store.detail(conversation) }); // claiming twice is harmless
    return;
  }
  if (!desk.handTo(conversation.id, me)) forbidden(conn, 'This conversation is no longer in the queue');
}

/**
 * The agent read their conversation up to `index`: the visitor is told ("Seen"). Only the
 * conversation's own agent: a colleague previewing it, or a queued one, has not answered anything.
 */
function read(desk: Desk, conn: AgentConnection, conversation: ConversationRecord, index: number): void {
  if (!isMineAndActive(conn, conversation)) return forbidden(conn, 'Only your own conversations can be marked read');
  if (desk.store.setAgentReadIndex(conversation.id, index)) desk.tellVisitorStatus(desk.store.conversation(conversation.id)!);
}

/**
 * Queued conversations (read-only, live until claimed), the agent's own, and closed ones (read-only
 * history: a returning visitor's earlier conversations, search results) can be read; another
 * agent's live conversation cannot (tests/server/access.test.ts).
 */
const readable = (conn: AgentConnection, c: ConversationRecord): boolean => isMine(conn, c) || isQueued(c.status) || c.status === 'closed';

function open(desk: Desk, conn: AgentConnection, conversation: ConversationRecord): void {
  if (!readable(conn, conversation)) {
    forbidden(conn, 'Only queued, closed and your own conversations can be opened');
    return;
  }
  // Queued: new messages and context follow until claimed. Closed: nothing more will come.
  if (!isMine(conn, conversation) && isQueued(conversation.status)) desk.hub.view(conn, conversation.id);
  conn.send({ type: 'conversation', conversation: desk.store.detail(conversation) });
}

function send(desk: Desk, conn: AgentConnection, conversation: ConversationRecord, frame: FrameOf<'send'>, now: number): void {
  const { store, hub } = desk;
  if (!isMineAndActive(conn, conversation)) {
    forbidden(conn, 'You can only write in open conversations you claimed', frame.clientId);
    return;
  }
  const result = store.transaction(() => {
    const existing = store.messageByClientId(conversation.id, frame.clientId);
    if (existing) return { kind: 'duplicate', duplicate: existing } as const;
    return { kind: 'stored', message: store.appendMessage({ conversationId: conversation.id, clientId: frame.clientId, sender: 'agent', text: frame.text, agentId: conn.agent.id, now }) } as const;
  });
  // Committed: acknowledge, then deliver.
  if (result.kind === 'duplicate') {
    const { duplicate } = result;
    if (duplicate.sender === 'agent' && duplicate.agent?.id === conn.agent.id) conn.send({ type: 'ack', clientId: frame.clientId, message: duplicate });
    else conn.send({ type: 'error', code: 'bad_frame', message: 'clientId is already used by another message', clientId: frame.clientId });
    return;
  }
  const { message } = result;
  conn.send({ type: 'ack', clientId: frame.clientId, message });
  hub.toAgent(conn.agent.id, { type: 'message', message }, conn); // the agent's other tabs
  hub.toVisitor(conversation.visitorId, { type: 'message', message });
  desk.mail?.replied(conversation);
}

function typing(desk: Desk, conn: AgentConnection, conversation: ConversationRecord, frame: FrameOf<'typing'>): void {
  if (!isMineAndActive(conn, conversation)) {
    forbidden(conn, 'You can only type in open conversations you claimed');
    return;
  }
  desk.hub.toVisitor(conversation.visitorId, { type: 'typing', on: frame.on });
}

function close(desk: Desk, calls: Calls, conn: AgentConnection, conversation: ConversationRecord, frame: FrameOf<'close'>, now: number): void {
  const { store, hub } = desk;
  // Your own active conversations, or a queued one (spam, or a left message answered by e-mail).
  const wasQueued = isQueued(conversation.status);
  if (!isMineAndActive(conn, conversation) && !wasQueued) {
    forbidden(conn, conversation.status === 'closed' ? 'This conversation is already closed' : 'This conversation belongs to another agent');
    return;
  }
  const note = frame.note ? frame.note : null;
  if (!store.transaction(() => store.close(conversation.id, conn.agent.id, note, now))) {
    forbidden(conn, 'This conversation is already closed');
    return;
  }
  const closed = store.conversation(conversation.id)!;
  hub.toWatchers(closed.id, conn.agent.id, { type: 'closed', conversationId: closed.id, note });
  hub.dropViewers(closed.id);
  calls.conversationClosed(closed.id);
  desk.tellVisitorStatus(closed);
  if (wasQueued) desk.queueChanged(closed.id);
  else desk.assigner?.schedule(); // this agent has room for one more
}

function sync(desk: Desk, conn: AgentConnection, conversation: ConversationRecord, frame: FrameOf<'sync'>): void {
  if (!readable(conn, conversation)) {
    forbidden(conn, 'Only queued, closed and your own conversations can be read');
    return;
  }
  const messages =
    frame.beforeIndex !== undefined
      ? desk.store.messagesBefore(conversation.id, frame.beforeIndex, SYNC_MESSAGES_MAX)
      : desk.store.messagesAfter(conversation.id, frame.afterIndex, SYNC_MESSAGES_MAX);
  conn.send({ type: 'history', conversationId: conversation.id, messages });
}

/**
 * An internal note: in your own conversations (also once closed, for the record) and in queued
 * ones (a word for whoever claims it). Sent to the agents watching, never to the visitor.
 */
function note(desk: Desk, conn: AgentConnection, conversation: ConversationRecord, frame: FrameOf<'note'>, now: number): void {
  const { store, hub } = desk;
  if (!isMine(conn, conversation) && !isQueued(conversation.status)) {
    forbidden(conn, 'Notes go in your own conversations and queued ones', frame.clientId);
    return;
  }
  const result = store.transaction(() => {
    const existing = store.notes.byClientId(conversation.id, frame.clientId);
    if (existing) return { kind: 'duplicate', note: existing } as const;
    return { kind: 'stored', note: store.notes.add({ conversationId: conversation.id, clientId: frame.clientId, agentId: conn.agent.id, text: frame.text, now }) } as const;
  });
  if (result.kind === 'duplicate') {
    if (result.note.agent?.id === conn.agent.id) conn.send({ type: 'note', note: result.note });
    else conn.send({ type: 'error', code: 'bad_frame', message: 'clientId is already used by another note', clientId: frame.clientId });
    return;
  }
  conn.send({ type: 'note', note: result.note });
  hub.toWatchers(conversation.id, conversation.status === 'active' ? conversation.agentId : null, { type: 'note', note: result.note }, conn);
}

/**
 * Hands a conversation this agent holds (active) to a teammate who is signed in, or back to the
 * queue for a skill. One transaction moves it and stores a transfer note (with the agent's note);
 * then this agent's tabs get `transferred`, and either the teammate gets the conversation in full
 * (messages, notes, context) and the visitor a `status` naming them, or the queue has it again
 * (asking for that skill: whoever claims it, or automatic assignment, gets it whole) and the visitor
 * waits with a place in the queue.
 */
function transfer(desk: Desk, conn: AgentConnection, conversation: ConversationRecord, frame: FrameOf<'transfer'>, now: number): void {
  const { store, hub, agents } = desk;
  if ((frame.toAgentId === undefined) === (frame.toSkill === undefined)) {
    conn.send({ type: 'error', code: 'bad_frame', message: 'A transfer names either toAgentId or toSkill' });
    return;
  }
  if (!isMineAndActive(conn, conversation)) {
    forbidden(conn, 'You can only transfer open conversations you claimed');
    return;
  }
  const clientId = `transfer-${now.toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const text = frame.note ?? '';
  if (frame.toSkill !== undefined) {
    const skill = frame.toSkill;
    const moved = store.transaction(() => {
      if (!store.toSkillQueue(conversation.id, conn.agent.id, skill, now)) return false;
      store.notes.add({ conversationId: conversation.id, clientId, agentId: conn.agent.id, text, now, transferSkill: skill });
      return true;
    });
    if (!moved) {
      forbidden(conn, 'This conversation is no longer yours');
      return;
    }
    const record = store.conversation(conversation.id)!;
    hub.toAgent(conn.agent.id, { type: 'transferred', conversationId: record.id, to: null, toSkill: skill, by: conn.agent });
    desk.tellVisitorStatus(record);
    desk.queueChanged(record.id);
    return;
  }
  const to = agents.publicById(frame.toAgentId!);
  if (!to || to.id === conn.agent.id || !hub.isConnected(to.id)) {
    forbidden(conn, to?.id === conn.agent.id ? 'This conversation is already yours' : 'That agent is not signed in');
    return;
  }
  const moved = store.transaction(() => {
    if (!store.transfer(conversation.id, conn.agent.id, to.id)) return false;
    store.notes.add({ conversationId: conversation.id, clientId, agentId: conn.agent.id, text, now, transferTo: to.id });
    return true;
  });
  if (!moved) {
    forbidden(conn, 'This conversation is no longer yours');
    return;
  }
  const record = store.conversation(conversation.id)!;
  hub.toAgent(conn.agent.id, { type: 'transferred', conversationId: record.id, to, by: conn.agent });
  hub.toAgent(to.id, { type: 'conversation', conversation: store.detail(record) });
  desk.tellVisitorStatus(record);
  desk.assigner?.schedule(); // this agent has room for one more
}

const isCallFrame = (f: AgentFrame | AgentCallFrame): f is AgentCallFrame => isCallFrameType(f.type);
