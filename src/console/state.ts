/**
 * The console's state and its pure reducer. `reduce(state, event, now)` takes a frame from the
 * server (AgentServerFrame) or a local event (types starting with '@': what the agent did) and
 * returns the next state without touching the one it was given. No DOM, no timers, no sockets:
 * the connection (./connection.ts) feeds frames in, the store (./store.ts) runs the side effects.
 */
import type {
  AgentFrame,
  AgentPublic,
  AgentServerFrame,
  ChatMessage,
  ConversationDetail,
  ConversationSummary,
  ErrorCode,
  SearchResult,
  InternalNote,
  TeamPresence,
  AgentRole,
} from '../protocol/chat';
import type { ContextSnapshot } from '../protocol/context';

export type PendingStatus = 'sending' | 'failed';

/** An agent message written here and not yet acknowledged by the server. */
export interface PendingMessage {
  clientId: string;
  text: string;
  /** When the agent pressed Send (agent's clock). */
  at: number;
  status: PendingStatus;
  /** Why it failed (the error frame's code), when it did. */
  error: ErrorCode | null;
  /** An internal note (the `note` frame: agents only), not a message to the visitor. */
  note?: true;
}

export interface Conversation {
  /** The latest summary (from the queue, a `conversation` frame or updated by messages). */
  summary: ConversationSummary;
  /** A `conversation` frame arrived: messages and context are known. */
  loaded: boolean;
  /** Committed messages, unique by index and id, ordered by index. */
  messages: ChatMessage[];
  /** Internal notes (never the visitor's), unique by id, in the order they were written. */
  notes: InternalNote[];
  pending: PendingMessage[];
  context: ContextSnapshot | null;
  /** When the context arrived here (agent clock): live durations count from it. */
  contextAt: number;
  closeNote: string | null;
  visitorTyping: boolean;
  typingAt: number;
  /** Highest message index the agent has seen (local; unread = visitor messages above it). */
  readIndex: number;
}

export interface ConsoleError {
  code: ErrorCode;
  message: string;
  at: number;
  conversationId: string | null;
  /** `message` is the console's own sentence (not the server's): show it as is. */
  local?: boolean;
}

export interface ConsoleState {
  agent: AgentPublic | null;
  /** Waiting and offline conversations, oldest first. */
  queue: ConversationSummary[];
  /**
   * The queue's pages arriving after `welcome` (null once the last one came): they replace
   * `queue` together, so a reconnection never shows half a queue.
   */
  queueIncoming: ConversationSummary[] | null;
  /** How many conversations the queue held at `welcome` (shown while its pages arrive). */
  queueSize: number;
  conversations: Record<string, Conversation>;
  /** The conversations this agent handles, in the order they were claimed (closed ones stay until removed). */
  mine: string[];
  selectedId: string | null;
  /** A claim this agent asked for and the server has not answered yet. */
  claiming: string | null;
  /** The latest error not tied to a message (shown as a dismissible alert). */
  error: ConsoleError | null;
  /** A `welcome` arrived on the current connection. */
  ready: boolean;
  /** A person's other conversations (`visitor_conversations`), by the conversation they were asked for. */
  history: Record<string, ConversationSummary[]>;
  /** The latest search asked for (./ui/Search.tsx) and its results (null until they arrive). */
  search: { requestId: string; results: SearchResult[] | null } | null;
  /** Teammates signed in (this agent too) and their presence: the `team` frame. */
  team: TeamPresence[];
  /** This agent's role (admins manage the team and its canned replies). */
  role: AgentRole | null;
  /** Every skill an enabled agent has (the `team` frame): the skill queues a transfer can name. */
  skills: string[];
  /** The server gives conversations out itself (welcome's `autoAssign`). */
  autoAssign: boolean;
  /** Set away after this long without input (welcome's `autoAwayMs`; null: never). */
  autoAwayMs: number | null;
}

/** What the agent did (local events; the server never sends these). */
export type LocalEvent =
  /** `summary`: a conversation from outside the queue (a visitor's history, a search result). */
  | { type: '@select'; conversationId: string | null; summary?: ConversationSummary }
  | { type: '@search'; requestId: string }
  | { type: '@claim'; conversationId: string }
  | { type: '@send'; conversationId: string; clientId: string; text: string; note?: true }
  | { type: '@retry'; conversationId: string; clientId: string }
  | { type: '@discard'; conversationId: string; clientId: string }
  | { type: '@read'; conversationId: string }
  | { type: '@remove'; conversationId: string }
  | { type: '@clearError' }
  /** The socket closed: nothing is live until the next `welcome`. */
  | { type: '@disconnected' };

export type ConsoleEvent = AgentServerFrame | LocalEvent;

export function initialState(): ConsoleState {
  return { agent: null, queue: [], queueIncoming: null, queueSize: 0, conversations: {}, mine: [], selectedId: null, claiming: null, error: null, ready: false, history: {}, search: null, team: [], role: null, skills: [], autoAssign: false, autoAwayMs: null };
}

/** A visitor `typing on` older than this is treated as stale (the `off` frame may have been lost). */
export const TYPING_STALE_MS = 30_000;

// ---------------------------------------------------------------------------------------------

/** Merges messages: unique by index (the server's copy wins) and by id, ordered by index. */
export function mergeMessages(existing: ChatMessage[], incoming: ChatMessage[]): ChatMessage[] {
  if (incoming.length === 0) return existing;
  const byIndex = new Map<number, ChatMessage>();
  for (const m of existing) byIndex.set(m.index, m);
  let changed = false;
  for (const m of incoming) {
    const had = byIndex.get(m.index);
    if (had && had.id === m.id && had.text === m.text) continue;
    // The same id under another index would be a server bug; keep the first one seen.
    if (!had && existing.some((e) => e.id === m.id)) continue;
    byIndex.set(m.index, m);
    changed = true;
  }
  if (!changed) return existing;
  return [...byIndex.values()].sort((a, b) => a.index - b.index);
}

/** Merges notes: unique by id, in the order they were written. */
export function mergeNotes(existing: InternalNote[], incoming: InternalNote[]): InternalNote[] {
  const fresh = incoming.filter((n) => !existing.some((e) => e.id === n.id));
  if (fresh.length === 0) return existing;
  return [...existing, ...fresh].sort((a, b) => a.at - b.at || a.afterIndex - b.afterIndex);
}

/** The frame that sends a pending message or note (again: the same clientId is stored once). */
export function pendingFrame(conversationId: string, p: PendingMessage): AgentFrame {
  return { type: p.note ? 'note' : 'send', conversationId, clientId: p.clientId, text: p.text };
}

/** The highest committed index (0 when none). */
export function lastIndex(c: Conversation): number {
  return c.messages.length ? c.messages[c.messages.length - 1]!.index : 0;
}

/**
 * Where messages are missing: the index after which to `sync` (the end of the first contiguous run),
 * or null when the run from the first known message to the last has no hole.
 */
export function gapAfter(messages: ChatMessage[]): number | null {
  for (let i = 1; i < messages.length; i++) {
    if (messages[i]!.index !== messages[i - 1]!.index + 1) return messages[i - 1]!.index;
  }
  return null;
}

/** Visitor messages the agent has not seen. */
export function unreadCount(c: Conversation): number {
  let n = 0;
  for (const m of c.messages) if (m.sender === 'visitor' && m.index > c.readIndex) n++;
  return n;
}

/** The index of the latest agent message (0 when none): on first sight, what came after it needs a reply. */
function lastAgentIndex(messages: ChatMessage[]): number {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]!.sender !== 'visitor') return messages[i]!.index;
  return 0;
}

const byWaitingSince = (a: ConversationSummary, b: ConversationSummary) =>
  a.waitingSince - b.waitingSince || a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1);

/**
 * Ids in `next` that now want a person and did not in `prev`: new arrivals in the queue (for the
 * sound and notification). A conversation the site's bot is answering wants nobody yet: it rings
 * when the bot hands it over.
 */
export function newQueueIds(prev: ConversationSummary[], next: ConversationSummary[]): string[] {
  const had = new Set(prev.filter(wantsPerson).map((c) => c.id));
  return next.filter((c) => wantsPerson(c) && !had.has(c.id)).map((c) => c.id);
}

/** Where `q` goes in `queue` (oldest first): binary search, for changes to a long queue. */
function queueSlot(queue: ConversationSummary[], q: ConversationSummary): number {
  let lo = 0;
  let hi = queue.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (byWaitingSince(queue[mid]!, q) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The queue with `removed` taken out and `upserts` put in their place (one copy of the list). */
function changeQueue(queue: ConversationSummary[], upserts: ConversationSummary[], removed: string[]): ConversationSummary[] {
  if (!upserts.length && !removed.length) return queue;
  const gone = new Set([...removed, ...upserts.map((q) => q.id)]);
  let next = queue.some((q) => gone.has(q.id)) ? queue.filter((q) => !gone.has(q.id)) : [...queue];
  if (upserts.length > 64) return [...next, ...upserts].sort(byWaitingSince);
  for (const q of upserts) next.splice(queueSlot(next, q), 0, q);
  return next;
}

/** Conversations shown here in full keep their summary in step with the queue's. */
function withSummaries(conversations: Record<string, Conversation>, summaries: ConversationSummary[]): Record<string, Conversation> {
  let out = conversations;
  for (const q of summaries) {
    const c = out[q.id];
    if (c) out = { ...out, [q.id]: { ...c, summary: q } };
  }
  return out;
}

const wantsPerson = (c: ConversationSummary): boolean => c.bot !== 'answering';

export function isVisitorTyping(c: Conversation, now: number): boolean {
  return c.visitorTyping && now - c.typingAt < TYPING_STALE_MS && c.summary.status !== 'closed';
}

/** The name to show for a conversation's visitor. */
export function visitorName(summary: ConversationSummary, context?: ContextSnapshot | null): string | null {
  return visitorWho(summary, context).name;
}

/**
 * The name and e-mail shown for a visitor, each with the server's verdict on that very field. A
 * signature for the id verifies the id only: the name and e-mail beside it are the browser's claim
 * unless the site's JWT carried them, so each gets its own check mark or none.
 */
export function visitorWho(
  summary: ConversationSummary,
  context?: ContextSnapshot | null,
): { name: string | null; nameVerified: boolean; email: string | null; emailVerified: boolean } {
  const identity = context?.identity;
  const fromSummary = summary.visitor;
  const name = fromSummary.name ?? identity?.name ?? null;
  const nameVerified = fromSummary.name !== null ? fromSummary.verified.name === true : identity?.verified.name === true;
  // The e-mail left with an offline message is typed by the visitor: never verified.
  const email = fromSummary.email ?? identity?.email ?? summary.email ?? null;
  const emailVerified = fromSummary.email !== null ? fromSummary.verified.email === true : identity?.email ? identity.verified.email === true : false;
  return { name, nameVerified: name !== null && nameVerified, email, emailVerified: email !== null && emailVerified };
}

/** True when this agent handles the conversation now. */
export function isMine(state: ConsoleState, id: string): boolean {
  const c = state.conversations[id];
  return !!c && !!state.agent && c.summary.agent?.id === state.agent.id && c.summary.status === 'active';
}

/** Refusals of an agent's message that mean "send it again later": it stays `sending` and is resent after a delay. */
export const RETRIED_CODES: readonly string[] = ['unavailable', 'server_error'];

/**
 * The frames to send after a (re)connection's `welcome`: gap fill with `sync` for every conversation
 * the console shows, `open` again for a previewed queue conversation, and every message still
 * `sending` (same clientId: the server stores a clientId once).
 */
export function resyncFrames(state: ConsoleState): AgentFrame[] {
  const out: AgentFrame[] = [];
  const ids = new Set(state.mine);
  if (state.selectedId) ids.add(state.selectedId);
  const queued = new Set(state.queue.map((q) => q.id));
  for (const id of ids) {
    const c = state.conversations[id];
    if (!c || !c.loaded) continue;
    // The server lets an agent read its own conversations and queued ones, nothing else.
    const own = !!state.agent && c.summary.agent?.id === state.agent.id;
    if (!own && !queued.has(id)) continue;
    if (!own && id === state.selectedId) out.push({ type: 'open', conversationId: id });
    const gap = gapAfter(c.messages);
    out.push({ type: 'sync', conversationId: id, afterIndex: gap ?? lastIndex(c) });
  }
  for (const id of Object.keys(state.conversations)) {
    const c = state.conversations[id]!;
    for (const p of c.pending) {
      if (p.status === 'sending') out.push(pendingFrame(id, p));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

function summaryOf(d: ConversationDetail): ConversationSummary {
  const { messages: _m, notes: _notes, context: _c, closeNote: _n, ...summary } = d;
  return summary;
}

function emptyConversation(summary: ConversationSummary): Conversation {
  return {
    summary,
    loaded: false,
    messages: [],
    notes: [],
    pending: [],
    context: null,
    contextAt: 0,
    closeNote: null,
    visitorTyping: false,
    typingAt: 0,
    readIndex: 0,
  };
}

function withConversation(state: ConsoleState, id: string, c: Conversation): ConsoleState {
  return { ...state, conversations: { ...state.conversations, [id]: c } };
}

/** Upserts a full conversation, keeping what only this console knows (pending sends, read marker). */
function applyDetail(state: ConsoleState, d: ConversationDetail, now: number): ConsoleState {
  const prev = state.conversations[d.id];
  const messages = mergeMessages(prev?.messages ?? [], d.messages);
  const notes = mergeNotes(prev?.notes ?? [], d.notes ?? []);
  const committed = new Set(messages.filter((m) => m.sender === 'agent').map((m) => m.clientId));
  for (const n of notes) committed.add(n.clientId);
  const next: Conversation = {
    ...(prev ?? emptyConversation(summaryOf(d))),
    summary: summaryOf(d),
    loaded: true,
    messages,
    notes,
    pending: (prev?.pending ?? []).filter((p) => !committed.has(p.clientId)),
    context: d.context ?? prev?.context ?? null,
    contextAt: d.context ? now : (prev?.contextAt ?? 0),
    closeNote: d.closeNote,
    readIndex: prev?.loaded ? prev.readIndex : lastAgentIndex(messages),
  };
  if (d.status === 'closed') next.visitorTyping = false;
  let s = withConversation(state, d.id, next);
  const mineNow = !!s.agent && d.agent?.id === s.agent.id && (d.status === 'active' || d.status === 'closed');
  if (mineNow && !s.mine.includes(d.id) && d.status === 'active') s = { ...s, mine: [...s.mine, d.id] };
  if (d.status === 'active' || d.status === 'closed') s = { ...s, queue: s.queue.filter((q) => q.id !== d.id) };
  if (s.claiming === d.id) {
    s = { ...s, claiming: null };
    if (mineNow) s = { ...s, selectedId: d.id };
  }
  return s;
}

function applyMessage(state: ConsoleState, m: ChatMessage, clientId: string | null): ConsoleState {
  const c = state.conversations[m.conversationId];
  if (!c) {
    // Not shown here in full: keep the queue preview fresh.
    const queue = state.queue.map((q) =>
      q.id === m.conversationId && (!q.lastMessage || q.lastMessage.at <= m.at)
        ? { ...q, lastMessage: { text: m.text, at: m.at, sender: m.sender } }
        : q,
    );
    return { ...state, queue };
  }
  const messages = mergeMessages(c.messages, [m]);
  const drop = clientId ?? (m.sender === 'agent' ? m.clientId : null);
  const pending = drop ? c.pending.filter((p) => p.clientId !== drop) : c.pending;
  const isLatest = messages[messages.length - 1] === m;
  const next: Conversation = {
    ...c,
    messages,
    pending,
    summary: isLatest ? { ...c.summary, lastMessage: { text: m.text, at: m.at, sender: m.sender } } : c.summary,
    visitorTyping: m.sender === 'visitor' ? false : c.visitorTyping,
  };
  return withConversation(state, m.conversationId, next);
}

function mapConversation(state: ConsoleState, id: string, f: (c: Conversation) => Conversation): ConsoleState {
  const c = state.conversations[id];
  return c ? withConversation(state, id, f(c)) : state;
}

export function reduce(state: ConsoleState, event: ConsoleEvent, now: number = Date.now()): ConsoleState {
  switch (event.type) {
    case 'welcome': {
      let s: ConsoleState = { ...state, agent: event.agent, ready: true, role: event.role ?? null, autoAssign: event.autoAssign === true, autoAwayMs: event.autoAwayMs ?? null };
      // Active conversations no longer assigned to this agent left while we were away. The ones
      // still ours follow in full, one `conversation` frame each.
      const stillMine = new Set(event.mineIds);
      s = {
        ...s,
        mine: s.mine.filter((id) => stillMine.has(id) || s.conversations[id]?.summary.status === 'closed'),
      };
      // The queue follows in pages; until the last one the previous queue stays on screen.
      return { ...s, queueIncoming: [], queueSize: event.queueSize };
    }

    case 'queue': {
      const incoming = (state.queueIncoming ?? []).concat(event.conversations);
      if (!event.last) return { ...state, queueIncoming: incoming };
      // One of this agent's own (the server's queue changes may not have caught up yet): not queued.
      const mine = new Set(state.mine);
      const live = incoming.filter((q) => !mine.has(q.id)).sort(byWaitingSince);
      return { ...state, queue: live, queueIncoming: null, queueSize: live.length, conversations: withSummaries(state.conversations, live) };
    }

    case 'queue_changes': {
      const upserts = [...event.added, ...event.updated];
      const queue = changeQueue(state.queue, upserts, event.removed);
      return { ...state, queue, queueSize: queue.length, conversations: withSummaries(state.conversations, upserts) };
    }

    case 'conversation':
      return applyDetail(state, event.conversation, now);

    case 'message':
      return applyMessage(state, event.message, null);

    case 'ack':
      return applyMessage(state, event.message, event.clientId);

    case 'history': {
      let s = state;
      for (const m of event.messages) {
        if (m.conversationId === event.conversationId) s = applyMessage(s, m, null);
      }
      return s;
    }

    case 'note':
      return mapConversation(state, event.note.conversationId, (c) => ({
        ...c,
        notes: mergeNotes(c.notes, [event.note]),
        pending: c.pending.filter((p) => !(p.note && p.clientId === event.note.clientId)),
      }));

    case 'context': {
      const page = { title: event.context.page.title, path: event.context.page.path };
      const queue = state.queue.map((q) => (q.id === event.conversationId ? { ...q, page } : q));
      const s = { ...state, queue };
      return mapConversation(s, event.conversationId, (c) => ({
        ...c,
        context: event.context,
        contextAt: now,
        summary: { ...c.summary, page },
      }));
    }

    case 'typing':
      return mapConversation(state, event.conversationId, (c) =>
        c.visitorTyping === event.on && event.on === false ? c : { ...c, visitorTyping: event.on, typingAt: now },
      );

    case 'closed': {
      const s = { ...state, queue: state.queue.filter((q) => q.id !== event.conversationId) };
      return mapConversation(s, event.conversationId, (c) => ({
        ...c,
        summary: { ...c.summary, status: 'closed' },
        closeNote: event.note,
        visitorTyping: false,
        // Nothing can be sent any more: what was still in flight failed.
        pending: c.pending.map((p) => (p.status === 'sending' ? { ...p, status: 'failed', error: 'forbidden' } : p)),
      }));
    }

    case 'error': {
      // Not stored now (database busy, disk full): the message stays `sending` and the store sends it again.
      if (event.clientId && RETRIED_CODES.includes(event.code)) return state;
      if (event.clientId) {
        const id = Object.keys(state.conversations).find((k) =>
          state.conversations[k]!.pending.some((p) => p.clientId === event.clientId),
        );
        if (id) {
          return mapConversation(state, id, (c) => ({
            ...c,
            pending: c.pending.map((p) => (p.clientId === event.clientId ? { ...p, status: 'failed', error: event.code } : p)),
          }));
        }
      }
      return {
        ...state,
        claiming: null,
        error: { code: event.code, message: event.message, at: now, conversationId: state.claiming },
      };
    }

    case 'pong':
    case 'replies_changed': // the store fetches the list again (./replies.ts)
      return state;

    case 'visitor_conversations':
      return { ...state, history: { ...state.history, [event.conversationId]: event.conversations } };

    case 'search_results':
      return state.search?.requestId === event.requestId ? { ...state, search: { requestId: event.requestId, results: event.results } } : state;

    case 'tags': {
      const tagged = (q: ConversationSummary): ConversationSummary => (q.id === event.conversationId ? { ...q, tags: event.tags } : q);
      const s = { ...state, queue: state.queue.map(tagged) };
      return mapConversation(s, event.conversationId, (c) => ({ ...c, summary: tagged(c.summary) }));
    }

    case 'team':
      return { ...state, team: event.agents, skills: event.skills ?? [] };

    case 'transferred': {
      // Someone else's now: out of this agent's list; shown (read-only, "handled by") if open.
      const s = { ...state, mine: state.mine.filter((id) => id !== event.conversationId) };
      // To a skill's queue: waiting again (the queue's own frames bring it back to the list).
      return mapConversation(s, event.conversationId, (c) => ({
        ...c,
        summary: { ...c.summary, agent: event.to, status: event.toSkill !== undefined ? 'waiting' : c.summary.status },
        visitorTyping: false,
      }));
    }

    // ---- calls: the ringing conversation is shown in full (context panel) at once; the call
    // itself is the call controller's (./call.ts), not this reducer's.
    case 'call_incoming':
      return applyDetail(state, event.conversation, now);
    case 'call_accepted':
    case 'call_signal':
    case 'call_mute':
    case 'call_camera':
    case 'call_dialing':
    case 'call_ended':
      return state;

    // ---- local ----
    case '@select': {
      const s = { ...state, selectedId: event.conversationId };
      if (!event.conversationId || s.conversations[event.conversationId]) return s;
      // A queue conversation (or one from history or search): start from its summary until the `conversation` frame arrives.
      const q = s.queue.find((x) => x.id === event.conversationId) ?? event.summary;
      return q ? withConversation(s, q.id, emptyConversation(q)) : s;
    }

    case '@search':
      return { ...state, search: { requestId: event.requestId, results: null } };

    case '@claim':
      return { ...state, claiming: event.conversationId, error: null };

    case '@send':
      return mapConversation(state, event.conversationId, (c) => ({
        ...c,
        pending: [...c.pending, { clientId: event.clientId, text: event.text, at: now, status: 'sending', error: null, ...(event.note ? { note: true as const } : {}) }],
      }));

    case '@retry':
      return mapConversation(state, event.conversationId, (c) => ({
        ...c,
        pending: c.pending.map((p) => (p.clientId === event.clientId ? { ...p, status: 'sending', error: null } : p)),
      }));

    case '@discard':
      return mapConversation(state, event.conversationId, (c) => ({
        ...c,
        pending: c.pending.filter((p) => p.clientId !== event.clientId),
      }));

    case '@read':
      return mapConversation(state, event.conversationId, (c) =>
        lastIndex(c) > c.readIndex ? { ...c, readIndex: lastIndex(c) } : c,
      );

    case '@remove': {
      const mine = state.mine.filter((id) => id !== event.conversationId);
      const { [event.conversationId]: _gone, ...conversations } = state.conversations;
      return {
        ...state,
        mine,
        conversations,
        selectedId: state.selectedId === event.conversationId ? null : state.selectedId,
      };
    }

    case '@clearError':
      return state.error ? { ...state, error: null } : state;

    case '@disconnected': {
      let conversations = state.conversations;
      for (const id of Object.keys(conversations)) {
        const c = conversations[id]!;
        if (c.visitorTyping) conversations = { ...conversations, [id]: { ...c, visitorTyping: false } };
      }
      return { ...state, ready: false, claiming: null, conversations };
    }
  }
}
