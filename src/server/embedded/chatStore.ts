/**
 * Visitors, conversations and messages in SQLite, and the protocol views built from them
 * (VisitorConversation, ConversationSummary, ConversationDetail). No socket knowledge here: the
 * connection handlers decide who may do what, this file only reads and writes.
 */
import type { ScannedCode } from '../../protocol/scan';
import type Database from 'better-sqlite3';
import type {
  ChatMedia,
  BotState,
  ChatMessage,
  VerifiedFields,
  ConversationDetail,
  ConversationStatus,
  ConversationSummary,
  Satisfaction,
  Sender,
  SurveyState,
  VisitorConversation,
} from '../../protocol/chat';
import type { ContextSnapshot, RoutingContext } from '../../protocol/context';
import type { AgentStore } from './agentStore';
import { ContactFacts } from './contactFacts';
import { CLOSED_CONVERSATION_SHOWN_MS, CONVERSATION_MESSAGES_MAX, MESSAGES_FRAME_MAX_BYTES, SUMMARY_TEXT_MAX_CHARS } from './limits';
import { NoteStore } from './noteStore';
import { newId, newSecret, sha256Hex } from './secrets';

export interface ConversationRecord {
  id: string;
  visitorId: string;
  status: ConversationStatus;
  agentId: string | null;
  createdAt: number;
  waitingSince: number;
  closedAt: number | null;
  closeNote: string | null;
  email: string | null;
  contextJson: string | null;
  visitorName: string | null;
  visitorEmail: string | null;
  visitorVerified: VerifiedFields;
  pageTitle: string | null;
  pagePath: string | null;
  readIndex: number;
  /** "Seen": the highest index the conversation's agent has read (migration 18). */
  agentReadIndex: number;
  lastIndex: number;
  /** The site's bot on this conversation (null: none). */
  botState: BotState | null;
  /** Replies the bot gave (capped: ./bot.ts). */
  botReplies: number;
  /** The visitor's answer to the satisfaction survey (migration 8), or null. */
  csat: Satisfaction | null;
}

/** A stored context and the columns derived from it for queue summaries (no JSON parsing per broadcast). */
export interface StoredContext {
  json: string;
  visitorName: string | null;
  visitorEmail: string | null;
  /** Bit flags for the `visitor_verified` column (see VERIFIED_BITS). */
  visitorVerified: number;
  pageTitle: string | null;
  pagePath: string | null;
}

export interface QueueEntry {
  visitorId: string;
  summary: ConversationSummary;
}

/** Waiting and offline conversations wait in the agents' queue. */
export const isQueued = (status: ConversationStatus): boolean => status === 'waiting' || status === 'offline';
/** Queued, and its bot is answering: nobody needs to step in yet (no place in the queue, never turned offline). */
export const isWithBot = (c: { status: ConversationStatus; botState: BotState | null }): boolean => isQueued(c.status) && c.botState === 'answering';

interface ConversationRow {
  id: string;
  visitor_id: string;
  status: ConversationStatus;
  agent_id: string | null;
  created_at: number;
  waiting_since: number;
  closed_at: number | null;
  close_note: string | null;
  email: string | null;
  context_json: string | null;
  visitor_name: string | null;
  visitor_email: string | null;
  /** Bit flags: VERIFIED_BITS. */
  visitor_verified: number;
  page_title: string | null;
  page_path: string | null;
  read_index: number;
  agent_read_index: number;
  last_index: number;
  bot_state: BotState | null;
  bot_replies: number;
  csat_score: number | null;
  csat_comment: string | null;
  csat_at: number | null;
}

interface SummaryRow extends ConversationRow {
  last_text: string | null;
  last_at: number | null;
  last_sender: Sender | null;
  /** The context's routing hints (validated with the context, so small and well-formed), as JSON. */
  routing_json: string | null;
  /** The conversation's tags, sorted, joined by U+001F (a character TAG_PATTERN refuses). */
  tags: string | null;
}

interface MessageRow {
  id: string;
  conversation_id: string;
  idx: number;
  client_id: string;
  sender: Sender;
  text: string;
  at: number;
  agent_id: string | null;
  /** ChatMedia[] as JSON, for messages with photos. */
  media_json: string | null;
  code_json: string | null;
}

const SUMMARY_SELECT = `
  SELECT c.*, m.text AS last_text, m.at AS last_at, m.sender AS last_sender,
    -- A transfer to a skill's queue (queue_skill, migration 16) wins over the visitor's menu choice.
    CASE WHEN c.queue_skill IS NULL THEN json_extract(c.context_json, '$.routing')
      ELSE json_set(COALESCE(json_extract(c.context_json, '$.routing'), '{"path":[]}'), '$.skill', c.queue_skill) END AS routing_json,
    (SELECT group_concat(t.tag, char(31)) FROM (SELECT tag FROM conversation_tags WHERE conversation_id = c.id ORDER BY tag) t) AS tags
  FROM conversations c
  LEFT JOIN messages m ON m.conversation_id = c.id AND m.idx = c.last_index`;

/**
 * The `visitor_verified` column holds one bit per verified field. Rows written before fields were
 * told apart hold 1 (the id's signature), which still reads as "id verified, name and e-mail not".
 */
const VERIFIED_BITS = { id: 1, name: 2, email: 4 } as const satisfies Record<keyof VerifiedFields, number>;

function verifiedBits(verified: Partial<Record<keyof VerifiedFields, boolean>> | undefined): number {
  let bits = 0;
  for (const field of ['id', 'name', 'email'] as const) if (verified?.[field] === true) bits |= VERIFIED_BITS[field];
  return bits;
}

function verifiedFields(bits: number): VerifiedFields {
  return { id: (bits & VERIFIED_BITS.id) !== 0, name: (bits & VERIFIED_BITS.name) !== 0, email: (bits & VERIFIED_BITS.email) !== 0 };
}

export function storedContext(context: ContextSnapshot): StoredContext {
  const identity = context.identity;
  return {
    json: JSON.stringify(context),
    visitorName: identity?.name ?? null,
    visitorEmail: identity?.email ?? null,
    visitorVerified: verifiedBits(identity?.verified),
    pageTitle: context.page.title,
    pagePath: context.page.path,
  };
}

export class ChatStore {
  private readonly q;
  /** Internal notes (agents only; ./noteStore.ts). */
  readonly notes: NoteStore;
  /** What each conversation's first context said about how the visitor came to ask (Insights). */
  private readonly facts: ContactFacts;

  constructor(
    private readonly db: Database.Database,
    private readonly agents: AgentStore,
    /** The site's bot's name on its messages (null: no bot configured; its old messages say "Bot"). */
    private readonly botName: string | null = null,
  ) {
    this.notes = new NoteStore(db, agents);
    this.facts = new ContactFacts(db);
    this.q = {
      // A visitor's own credential, or one a phone got from a handoff link (./handoffs.ts).
      visitorByHash: db.prepare(`
        SELECT id FROM visitors WHERE credential_hash = @hash
        UNION ALL SELECT visitor_id FROM visitor_credentials WHERE credential_hash = @hash
        LIMIT 1`),
      insertVisitor: db.prepare('INSERT INTO visitors (id, credential_hash, created_at, last_seen_at) VALUES (?, ?, ?, ?)'),
      touchVisitor: db.prepare('UPDATE visitors SET last_seen_at = ? WHERE id = ?'),
      setVisitorContext: db.prepare('UPDATE visitors SET context_json = ? WHERE id = ?'),
      visitorContext: db.prepare('SELECT context_json FROM visitors WHERE id = ?'),

      conversation: db.prepare('SELECT * FROM conversations WHERE id = ?'),
      openOf: db.prepare(
        "SELECT * FROM conversations WHERE visitor_id = ? AND status != 'closed' ORDER BY created_at DESC, rowid DESC LIMIT 1",
      ),
      latestOf: db.prepare('SELECT * FROM conversations WHERE visitor_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1'),
      insertConversation: db.prepare(`
        INSERT INTO conversations (id, visitor_id, status, created_at, waiting_since, email,
          context_json, visitor_name, visitor_email, visitor_verified, page_title, page_path, bot_state)
        VALUES (@id, @visitorId, @status, @now, @now, @email,
          @json, @visitorName, @visitorEmail, @visitorVerified, @pageTitle, @pagePath, @botState)`),
      setEmail: db.prepare('UPDATE conversations SET email = ? WHERE id = ?'),
      contextless: db.prepare('SELECT created_at FROM conversations WHERE id = ? AND context_json IS NULL').pluck(),
      // The visitor's address (migration 8) is the next conversation's too.
      setVisitorEmail: db.prepare('UPDATE visitors SET email = ? WHERE id = (SELECT visitor_id FROM conversations WHERE id = ?)'),
      visitorEmail: db.prepare('SELECT email FROM visitors WHERE id = ?'),
      setContext: db.prepare(`
        UPDATE conversations SET context_json = @json, visitor_name = @visitorName, visitor_email = @visitorEmail,
          visitor_verified = @visitorVerified, page_title = @pageTitle, page_path = @pagePath
        WHERE id = @id`),
      setReadIndex: db.prepare('UPDATE conversations SET read_index = MAX(read_index, MIN(?, last_index)) WHERE id = ?'),
      setAgentReadIndex: db.prepare('UPDATE conversations SET agent_read_index = MIN(?, last_index) WHERE id = ? AND agent_read_index < MIN(?, last_index)'),
      // Claiming ends the bot's part: it never answers after an agent claimed.
      claim: db.prepare(`
        UPDATE conversations SET status = 'active', agent_id = ?,
          bot_state = CASE WHEN bot_state IS NULL THEN NULL ELSE 'handed_over' END
        WHERE id = ? AND status IN ('waiting', 'offline')`),
      // Handing over: the wait for a person starts now (queue order, wait time, the offline sweep).
      requeueOf: db.prepare("UPDATE conversations SET status = 'waiting', agent_id = NULL, waiting_since = ? WHERE agent_id = ? AND status = 'active' RETURNING id"),
      transfer: db.prepare("UPDATE conversations SET agent_id = ? WHERE id = ? AND status = 'active' AND agent_id = ?"),
      // Back to the queue for a skill: the wait starts again now (queue order, the offline sweep).
      toSkillQueue: db.prepare("UPDATE conversations SET status = 'waiting', agent_id = NULL, waiting_since = ?, queue_skill = ? WHERE id = ? AND status = 'active' AND agent_id = ?"),
      activeCounts: db.prepare("SELECT agent_id, COUNT(*) AS n FROM conversations WHERE status = 'active' AND agent_id IS NOT NULL GROUP BY agent_id"),
      waitingForAssignment: db.prepare(`
        SELECT id, COALESCE(queue_skill, json_extract(context_json, '$.routing.skill')) AS skill FROM conversations
        WHERE status = 'waiting' AND bot_state IS NOT 'answering' ORDER BY waiting_since, id LIMIT ?`),
      skillOf: db.prepare("SELECT COALESCE(queue_skill, json_extract(context_json, '$.routing.skill')) AS skill FROM conversations WHERE id = ?"),
      handOver: db.prepare("UPDATE conversations SET bot_state = 'handed_over', waiting_since = ? WHERE id = ? AND bot_state = 'answering'"),
      countBotReply: db.prepare('UPDATE conversations SET bot_replies = bot_replies + 1 WHERE id = ?'),
      close: db.prepare(`
        UPDATE conversations SET status = 'closed', agent_id = COALESCE(agent_id, @agentId), closed_at = @now, close_note = @note
        WHERE id = @id AND status != 'closed'`),
      staleWaiting: db.prepare("SELECT * FROM conversations WHERE status = 'waiting' AND waiting_since <= ? AND bot_state IS NOT 'answering'"),
      markOffline: db.prepare("UPDATE conversations SET status = 'offline' WHERE id = ? AND status = 'waiting'"),
      activeOf: db.prepare("SELECT * FROM conversations WHERE agent_id = ? AND status = 'active' ORDER BY created_at"),
      position: db.prepare(`
        SELECT COUNT(*) AS n FROM conversations
        WHERE status IN ('waiting', 'offline') AND bot_state IS NOT 'answering'
          AND (waiting_since < ? OR (waiting_since = ? AND id <= ?))`),
      queue: db.prepare(`${SUMMARY_SELECT} WHERE c.status IN ('waiting', 'offline') ORDER BY c.waiting_since, c.id`),
      summary: db.prepare(`${SUMMARY_SELECT} WHERE c.id = ?`),

      nextIndex: db.prepare('UPDATE conversations SET last_index = last_index + 1 WHERE id = ? RETURNING last_index'),
      insertMessage: db.prepare(
        'INSERT INTO messages (id, conversation_id, idx, client_id, sender, text, at, agent_id, media_json, code_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      messageByClientId: db.prepare('SELECT * FROM messages WHERE conversation_id = ? AND client_id = ?'),
      messagesAfter: db.prepare('SELECT * FROM messages WHERE conversation_id = ? AND idx > ? ORDER BY idx LIMIT ?'),
      latestMessages: db.prepare('SELECT * FROM (SELECT * FROM messages WHERE conversation_id = ? ORDER BY idx DESC LIMIT ?) ORDER BY idx'),
      messagesBefore: db.prepare('SELECT * FROM messages WHERE conversation_id = ? AND idx < ? ORDER BY idx DESC LIMIT ?'),
      unread: db.prepare("SELECT COUNT(*) AS n FROM messages WHERE conversation_id = ? AND sender IN ('agent', 'bot') AND idx > ?"),
      // A call in the conversation was answered and ended (./calls.ts writes "Call ended (…)" under a call-ended- clientId).
      callEnded: db.prepare("SELECT 1 AS y FROM messages WHERE conversation_id = ? AND sender = 'system' AND client_id LIKE 'call-ended-%' AND text LIKE 'Call ended%' LIMIT 1"),
      rate: db.prepare('UPDATE conversations SET csat_score = ?, csat_comment = ?, csat_at = ? WHERE id = ? AND csat_at IS NULL'),
    };
  }

  /** Runs `fn` in one transaction (BEGIN IMMEDIATE): everything in it commits together or not at all. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  // ---- visitors ----

  /**
   * The visitor holding this credential, or null. Looked up by SHA-256, so comparing in constant time
   * is unnecessary: timing can only reveal bits of a hash nobody can invert.
   */
  visitorByCredential(credential: string): { id: string } | null {
    return (this.q.visitorByHash.get({ hash: sha256Hex(credential) }) as { id: string } | undefined) ?? null;
  }

  createVisitor(now: number): { id: string; credential: string } {
    const id = newId('v');
    const credential = newSecret();
    this.q.insertVisitor.run(id, sha256Hex(credential), now, now);
    return { id, credential };
  }

  touchVisitor(visitorId: string, now: number): void {
    this.q.touchVisitor.run(now, visitorId);
  }

  setVisitorContext(visitorId: string, context: StoredContext): void {
    this.q.setVisitorContext.run(context.json, visitorId);
  }

  // ---- conversations ----

  conversation(id: string): ConversationRecord | null {
    return toConversation(this.q.conversation.get(id) as ConversationRow | undefined);
  }

  /** The visitor's conversation that is not closed (there is at most one), or null. */
  openConversationOf(visitorId: string): ConversationRecord | null {
    return toConversation(this.q.openOf.get(visitorId) as ConversationRow | undefined);
  }

  /** What the visitor is shown: the open conversation, else the last one if it closed less than a day ago. */
  currentConversationOf(visitorId: string, now: number): ConversationRecord | null {
    const open = this.openConversationOf(visitorId);
    if (open) return open;
    const latest = toConversation(this.q.latestOf.get(visitorId) as ConversationRow | undefined);
    return latest && latest.closedAt !== null && latest.closedAt >= now - CLOSED_CONVERSATION_SHOWN_MS ? latest : null;
  }

  /** The visitor's most recent conversation in any status (resend of a message whose ack was lost). */
  latestConversationOf(visitorId: string): ConversationRecord | null {
    return toConversation(this.q.latestOf.get(visitorId) as ConversationRow | undefined);
  }

  /** Opens a conversation carrying the visitor's latest context (`bot`: the site's bot answers first). */
  createConversation(a: { visitorId: string; status: 'waiting' | 'offline'; email: string | null; now: number; bot?: boolean }): ConversationRecord {
    const id = newId('c');
    const json = (this.q.visitorContext.get(a.visitorId) as { context_json: string | null } | undefined)?.context_json ?? null;
    const context = json ? (JSON.parse(json) as ContextSnapshot) : null;
    const derived = context ? storedContext(context) : null;
    this.q.insertConversation.run({
      id,
      visitorId: a.visitorId,
      status: a.status,
      now: a.now,
      email: a.email ?? (this.q.visitorEmail.get(a.visitorId) as { email: string | null } | undefined)?.email ?? null,
      json,
      visitorName: derived?.visitorName ?? null,
      visitorEmail: derived?.visitorEmail ?? null,
      visitorVerified: derived?.visitorVerified ?? 0,
      pageTitle: derived?.pageTitle ?? null,
      pagePath: derived?.pagePath ?? null,
      botState: a.bot ? 'answering' : null,
    });
    if (context) this.facts.record(id, a.now, context);
    return this.conversation(id)!;
  }

  /** Where to answer: kept on the conversation and on its visitor (their next conversations start with it). */
  setEmail(conversationId: string, email: string): void {
    this.q.setEmail.run(email, conversationId);
    this.q.setVisitorEmail.run(email, conversationId);
  }

  /** Stores the conversation's latest context; its first one also gives its contact facts (./contactFacts.ts). */
  setConversationContext(conversationId: string, context: StoredContext): void {
    const createdAt = this.q.contextless.get(conversationId) as number | undefined;
    this.q.setContext.run({ ...context, id: conversationId });
    if (createdAt !== undefined) this.facts.record(conversationId, createdAt, JSON.parse(context.json) as ContextSnapshot);
  }

  /** Only ever moves forward, and never past the last message. */
  setReadIndex(conversationId: string, index: number): void {
    this.q.setReadIndex.run(index, conversationId);
  }

  /** The agent's read horizon ("Seen"): only forward, never past the last message. True when it moved. */
  setAgentReadIndex(conversationId: string, index: number): boolean {
    return this.q.setAgentReadIndex.run(index, conversationId, index).changes === 1;
  }

  /** `{ seen }` for the visitor's frames, once the agent has read something. */
  seenField(conversation: ConversationRecord): { seen?: number } {
    return conversation.agentReadIndex > 0 ? { seen: conversation.agentReadIndex } : {};
  }

  /** The bot stops and a person is wanted. True when the bot was answering (once). */
  handOver(conversationId: string, now: number): boolean {
    return this.q.handOver.run(now, conversationId).changes === 1;
  }

  countBotReply(conversationId: string): void {
    this.q.countBotReply.run(conversationId);
  }

  /** True when the conversation was waiting or offline and is now the agent's. */
  claim(conversationId: string, agentId: string): boolean {
    return this.q.claim.run(agentId, conversationId).changes === 1;
  }

  /** The agent's active conversations go back to the queue (the agent was disabled); returns them, waiting. */
  requeueOf(agentId: string, now: number): ConversationRecord[] {
    const ids = (this.q.requeueOf.all(now, agentId) as { id: string }[]).map((r) => r.id);
    return ids.map((id) => this.conversation(id)!);
  }

  /** True when the conversation was `from`'s and active, and is now `to`'s. */
  transfer(conversationId: string, from: string, to: string): boolean {
    return this.q.transfer.run(to, conversationId, from).changes === 1;
  }

  /** True when the conversation was `from`'s and active, and is now waiting in the queue for `skill`. */
  toSkillQueue(conversationId: string, from: string, skill: string, now: number): boolean {
    return this.q.toSkillQueue.run(now, skill, conversationId, from).changes === 1;
  }

  /** How many active conversations each agent holds (agents with none are absent). */
  activeCounts(): Map<string, number> {
    return new Map((this.q.activeCounts.all() as Array<{ agent_id: string; n: number }>).map((r) => [r.agent_id, r.n]));
  }

  /** Waiting conversations a person should take (not the bot's), oldest first, with the skill each asks for. */
  waitingForAssignment(limit: number): Array<{ id: string; skill: string | null }> {
    return this.q.waitingForAssignment.all(limit) as Array<{ id: string; skill: string | null }>;
  }

  /** The skill a conversation asks for: a transfer's, else the visitor's menu choice; null: none. */
  skillOf(conversationId: string): string | null {
    return (this.q.skillOf.get(conversationId) as { skill: string | null } | undefined)?.skill ?? null;
  }

  close(conversationId: string, agentId: string, note: string | null, now: number): boolean {
    return this.q.close.run({ id: conversationId, agentId, note, now }).changes === 1;
  }

  /** Waiting conversations nobody claimed since `cutoff` become offline; returns them (now offline). */
  markStaleWaitingOffline(cutoff: number): ConversationRecord[] {
    const stale = (this.q.staleWaiting.all(cutoff) as ConversationRow[]).map((r) => toConversation(r)!);
    for (const c of stale) {
      this.q.markOffline.run(c.id);
      c.status = 'offline';
    }
    return stale;
  }

  activeConversationsOf(agentId: string): ConversationRecord[] {
    return (this.q.activeOf.all(agentId) as ConversationRow[]).map((r) => toConversation(r)!);
  }

  // ---- messages ----

  messageByClientId(conversationId: string, clientId: string): ChatMessage | null {
    const row = this.q.messageByClientId.get(conversationId, clientId) as MessageRow | undefined;
    return row ? this.toMessage(row) : null;
  }

  /** Appends a message with the next index. Call inside `transaction()` with the idempotency check. */
  appendMessage(a: { conversationId: string; clientId: string; sender: Sender; text: string; agentId: string | null; now: number; media?: ChatMedia[]; code?: ScannedCode | undefined; id?: string }): ChatMessage {
    const { last_index: index } = this.q.nextIndex.get(a.conversationId) as { last_index: number };
    const id = a.id ?? newId('m');
    this.q.insertMessage.run(id, a.conversationId, index, a.clientId, a.sender, a.text, a.now, a.agentId, a.media?.length ? JSON.stringify(a.media) : null, a.code ? JSON.stringify(a.code) : null);
    const message: ChatMessage = { id, conversationId: a.conversationId, index, clientId: a.clientId, sender: a.sender, text: a.text, at: a.now };
    if (a.media?.length) message.media = a.media;
    if (a.code) message.code = a.code;
    if (a.sender === 'bot') message.bot = { name: this.botName ?? 'Bot' };
    if (a.agentId) {
      const agent = this.agents.publicById(a.agentId);
      if (agent) message.agent = agent;
    }
    return message;
  }

  /** Up to `limit` messages after `afterIndex`, oldest first, as many as fit in MESSAGES_FRAME_MAX_BYTES (at least one). */
  /** "Load earlier messages": the latest `limit` before `beforeIndex`, oldest first, the ones nearest it kept when the frame would be too large. */
  messagesBefore(conversationId: string, beforeIndex: number, limit: number): ChatMessage[] {
    const newestFirst = (this.q.messagesBefore.all(conversationId, beforeIndex, limit) as MessageRow[]).map((r) => this.toMessage(r));
    return newestFirst.slice(0, fitting(newestFirst, MESSAGES_FRAME_MAX_BYTES)).reverse();
  }

  messagesAfter(conversationId: string, afterIndex: number, limit: number): ChatMessage[] {
    const messages = (this.q.messagesAfter.all(conversationId, afterIndex, limit) as MessageRow[]).map((r) => this.toMessage(r));
    return messages.slice(0, fitting(messages, MESSAGES_FRAME_MAX_BYTES));
  }

  /** The latest `limit` messages, oldest first, as many as fit in MESSAGES_FRAME_MAX_BYTES (at least one). */
  latestMessages(conversationId: string, limit = CONVERSATION_MESSAGES_MAX): ChatMessage[] {
    const messages = (this.q.latestMessages.all(conversationId, limit) as MessageRow[]).map((r) => this.toMessage(r));
    return messages.slice(messages.length - fitting([...messages].reverse(), MESSAGES_FRAME_MAX_BYTES));
  }

  /** Agent messages the visitor has not read. */
  unread(conversation: ConversationRecord): number {
    return (this.q.unread.get(conversation.id, conversation.readIndex) as { n: number }).n;
  }

  // ---- the satisfaction survey ----

  /** `due` once the conversation closed or a call in it ended, `done` once answered; undefined before. */
  survey(conversation: ConversationRecord): SurveyState | undefined {
    if (conversation.csat) return 'done';
    if (conversation.status === 'closed' || this.q.callEnded.get(conversation.id)) return 'due';
    return undefined;
  }

  /** Keeps the first answer only: false when the conversation already has one. */
  rate(conversationId: string, score: number, comment: string | null, now: number): boolean {
    return this.q.rate.run(score, comment, now, conversationId).changes === 1;
  }

  // ---- views ----

  /** 1-based place in the queue, or null when not queued (or with the bot: nobody is awaited yet). */
  position(conversation: ConversationRecord): number | null {
    if (!isQueued(conversation.status) || isWithBot(conversation)) return null;
    const { n } = this.q.position.get(conversation.waitingSince, conversation.waitingSince, conversation.id) as { n: number };
    return n;
  }

  visitorView(conversation: ConversationRecord): VisitorConversation {
    return {
      id: conversation.id,
      status: conversation.status,
      agent: conversation.agentId ? this.agents.publicById(conversation.agentId) : null,
      position: this.position(conversation),
      messages: this.latestMessages(conversation.id),
      readIndex: conversation.readIndex,
      ...(conversation.botState ? { bot: conversation.botState } : {}),
      ...(conversation.email ? { email: conversation.email } : {}),
      ...this.surveyField(conversation),
      ...this.seenField(conversation),
    };
  }

  /** `{ survey }` for the visitor's frames, or nothing before the survey is due. */
  surveyField(conversation: ConversationRecord): { survey?: SurveyState } {
    const survey = this.survey(conversation);
    return survey ? { survey } : {};
  }

  /** The queue (waiting and offline), oldest first, with whose conversation each is. */
  queue(): QueueEntry[] {
    return (this.q.queue.all() as SummaryRow[]).map((row) => ({ visitorId: row.visitor_id, summary: this.toSummary(row) }));
  }

  /** The conversation as a queue entry when it is queued (waiting or offline), else null. */
  queueEntry(conversationId: string): QueueEntry | null {
    const row = this.q.summary.get(conversationId) as SummaryRow | undefined;
    return row && isQueued(row.status) ? { visitorId: row.visitor_id, summary: this.toSummary(row) } : null;
  }

  summary(conversationId: string): ConversationSummary | null {
    const row = this.q.summary.get(conversationId) as SummaryRow | undefined;
    return row ? this.toSummary(row) : null;
  }

  detail(conversation: ConversationRecord): ConversationDetail {
    return {
      ...this.summary(conversation.id)!,
      messages: this.latestMessages(conversation.id),
      notes: this.notes.latest(conversation.id),
      context: conversation.contextJson ? (JSON.parse(conversation.contextJson) as ContextSnapshot) : null,
      closeNote: conversation.closeNote,
    };
  }

  private toSummary(row: SummaryRow): ConversationSummary {
    const text = row.last_text;
    return {
      id: row.id,
      status: row.status,
      createdAt: row.created_at,
      waitingSince: row.waiting_since,
      visitor: { name: row.visitor_name, email: row.visitor_email, verified: verifiedFields(row.visitor_verified) },
      lastMessage:
        text !== null && row.last_at !== null && row.last_sender !== null
          ? { text: text.length > SUMMARY_TEXT_MAX_CHARS ? `${text.slice(0, SUMMARY_TEXT_MAX_CHARS - 1)}…` : text, at: row.last_at, sender: row.last_sender }
          : null,
      page: row.page_path !== null ? { title: row.page_title ?? '', path: row.page_path } : null,
      agent: row.agent_id ? this.agents.publicById(row.agent_id) : null,
      email: row.email,
      ...(row.routing_json ? { routing: JSON.parse(row.routing_json) as RoutingContext } : {}),
      ...(row.bot_state ? { bot: row.bot_state } : {}),
      ...(row.csat_at !== null && row.csat_score !== null ? { csat: { score: row.csat_score, comment: row.csat_comment, at: row.csat_at } } : {}),
      visitorId: row.visitor_id,
      ...(row.tags ? { tags: row.tags.split('\u001f') } : {}),
    };
  }

  private toMessage(row: MessageRow): ChatMessage {
    const message: ChatMessage = {
      id: row.id,
      conversationId: row.conversation_id,
      index: row.idx,
      clientId: row.client_id,
      sender: row.sender,
      text: row.text,
      at: row.at,
    };
    if (row.media_json) message.media = JSON.parse(row.media_json) as ChatMedia[];
    if (row.code_json) message.code = JSON.parse(row.code_json) as ScannedCode;
    if (row.agent_id) {
      const agent = this.agents.publicById(row.agent_id);
      if (agent) message.agent = agent;
    }
    if (row.sender === 'bot') message.bot = { name: this.botName ?? 'Bot' };
    return message;
  }
}

/** How many of `messages`, from the first, fit in `maxBytes` of JSON; at least one (a message is at most ~24 KB). */
function fitting(messages: ChatMessage[], maxBytes: number): number {
  let bytes = 0;
  for (let i = 0; i < messages.length; i++) {
    bytes += Buffer.byteLength(JSON.stringify(messages[i])) + 1;
    if (bytes > maxBytes) return Math.max(1, i);
  }
  return messages.length;
}

function toConversation(row: ConversationRow | undefined): ConversationRecord | null {
  if (!row) return null;
  return {
    id: row.id,
    visitorId: row.visitor_id,
    status: row.status,
    agentId: row.agent_id,
    createdAt: row.created_at,
    waitingSince: row.waiting_since,
    closedAt: row.closed_at,
    closeNote: row.close_note,
    email: row.email,
    contextJson: row.context_json,
    visitorName: row.visitor_name,
    visitorEmail: row.visitor_email,
    visitorVerified: verifiedFields(row.visitor_verified),
    pageTitle: row.page_title,
    pagePath: row.page_path,
    readIndex: row.read_index,
    agentReadIndex: row.agent_read_index,
    lastIndex: row.last_index,
    botState: row.bot_state,
    botReplies: row.bot_replies,
    csat: row.csat_at !== null && row.csat_score !== null ? { score: row.csat_score, comment: row.csat_comment, at: row.csat_at } : null,
  };
}
