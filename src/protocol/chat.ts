/**
 * The chat protocol between the browser (visitor widget, agent console) and Baton's embedded
 * server: JSON frames over WebSocket, plus a few HTTP endpoints. Documented in docs/agent-api.md.
 * Types and limits only (it imports types only); the server validates every inbound frame with
 * the schemas in ./chatSchema.ts.
 */
import type { ScannedCode } from './scan';
import type { AgentCallServerFrame, VisitorCallServerFrame } from './call';
import type { Availability } from './availability';
import type { ContextSnapshot, RoutingContext } from './context';

export const PROTOCOL_VERSION = 1;
/** A message's text: 1..4,000 characters (after trimming). */
export const MESSAGE_MAX_CHARS = 4000;
/** One WebSocket frame: 64 KiB. Larger frames are refused and the socket closed (code 1009). */
export const FRAME_MAX_BYTES = 64 * 1024;
/**
 * Queue frames the server sends agents (`queue` pages, `queue_changes`) stay within this, however
 * long the queue: 60 KiB, under FRAME_MAX_BYTES with room to spare.
 */
export const QUEUE_FRAME_MAX_BYTES = 60 * 1024;
/** Client-generated ids (message clientId): 8..64 characters of [A-Za-z0-9_-]. */
export const CLIENT_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
/** Close notes written by agents: at most 2,000 characters. */
export const NOTE_MAX_CHARS = 2000;
/** E-mail left with an offline message: at most 320 characters. */
export const EMAIL_MAX_CHARS = 320;
/** The satisfaction survey's optional comment: at most 1,000 characters. */
export const CSAT_COMMENT_MAX_CHARS = 1000;
/**
 * The satisfaction survey (issue 15), one per conversation: `due` once the chat closed or a call in
 * it ended (the visitor is asked 1 to 5 and an optional comment), `done` once answered.
 */
export type SurveyState = 'due' | 'done';

/** The visitor's answer, as agents see it. */
export interface Satisfaction {
  /** 1 (very unhappy) to 5 (very happy). */
  score: number;
  comment: string | null;
  at: number;
}
/**
 * Photos a visitor may send, with transports that can carry them (ChatTransport.sendMedia):
 * 5 MB (a phone photo; Twilio's MMS limit, so it can also leave by SMS), common image types only.
 */
export const MEDIA_MAX_BYTES = 5 * 1024 * 1024;
export const MEDIA_TYPES: readonly string[] = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];

export const WS_VISITOR_PATH = '/ws/visitor';
export const WS_AGENT_PATH = '/ws/agent';

/** `bot`: the site's bot (the embedded server's `bot` hook, or the Twilio webhook's), never a person. */
export type Sender = 'visitor' | 'agent' | 'bot' | 'system';
/**
 * Who is answering an unclaimed conversation: `answering`, the site's bot (the visitor can always
 * ask for a person: the `handover` frame); `handed_over`, a person is wanted (the visitor asked, or
 * the bot was not sure, or reached its limits) and the bot says nothing more. Absent: no bot.
 */
export type BotState = 'answering' | 'handed_over';
/** Bot names (the site's, e.g. "Fernwood assistant"): 1..60 characters. */
export const BOT_NAME_MAX_CHARS = 60;

/** The bot as both sides show it. */
export interface BotPublic {
  name: string;
}
/**
 * waiting: in the queue, no agent yet; active: claimed by an agent; offline: left while nobody was
 * online (waits in the queue like `waiting`); closed: ended by the agent.
 */
export type ConversationStatus = 'waiting' | 'active' | 'offline' | 'closed';

/** admin: everything, the team's canned replies and the team itself included; agent: conversations and their own replies. */
export type AgentRole = 'admin' | 'agent';

export interface AgentPublic {
  id: string;
  name: string;
  /** Initials-based avatar colour (CSS colour); no image URLs, nothing fetched. */
  color: string;
}

export interface ChatMessage {
  /** Server id. */
  id: string;
  conversationId: string;
  /** 1, 2, 3... per conversation, in commit order: gaps are filled by `sync` with `afterIndex`. */
  index: number;
  /** The sender's own id for the message (idempotency: the same clientId is stored once). */
  clientId: string;
  sender: Sender;
  text: string;
  /** Commit time, ms since the epoch. */
  at: number;
  /** Agent messages: who wrote it. */
  agent?: AgentPublic;
  /** Bot messages: the bot's name, shown with a "Bot" label on both sides. */
  bot?: BotPublic;
  /** Attached files (photos), with transports that carry media. */
  media?: ChatMedia[];
  /** A code the visitor scanned (issue 19): its format and value, as data; `text` holds the value too. */
  code?: ScannedCode;
}

/** An attached file: its bytes are fetched through ChatTransport.mediaUrl (short-lived URLs). */
export interface ChatMedia {
  id: string;
  contentType: string;
  filename: string | null;
  size: number;
  /** Pixels, read by the server from the stored bytes (layout before the image loads). */
  width?: number;
  height?: number;
}

/** What the visitor sees of their current conversation. */
export interface VisitorConversation {
  id: string;
  status: ConversationStatus;
  agent: AgentPublic | null;
  /** 1-based place in the queue while waiting, else null. */
  position: number | null;
  /** The latest messages, oldest first (at most 200; older ones through `sync`). */
  messages: ChatMessage[];
  /** Highest index the visitor has read. */
  readIndex: number;
  /** The site's bot on this conversation (absent: none); while `answering`, offer "Talk to a person". */
  bot?: BotState;
  /** Where a reply the visitor has not seen goes by e-mail (the visitor gave it: the `email` frame). */
  email?: string;
  /** The satisfaction survey: `due` (ask it: the `rate` frame) or `done`; absent: not yet. */
  survey?: SurveyState;
  /** The transcript went by e-mail (the `transcript` frame); absent: not asked. */
  transcript?: 'sent';
  /** "Seen": the highest message index the conversation's agent has read (absent: nothing yet). */
  seen?: number;
}

// ---- visitor -> server ----
export type VisitorFrame =
  /** First frame on every connection. Without a (valid) credential the server issues one. */
  | { type: 'hello'; v: 1; credential?: string; context?: ContextSnapshot }
  /** A message. Opens a conversation when none is open. `email` only with leave-a-message. */
  | { type: 'send'; clientId: string; text: string; email?: string; code?: ScannedCode }
  | { type: 'typing'; on: boolean }
  /** Live context: on navigation or when the site changes it (at most a few per second). */
  | { type: 'context'; context: ContextSnapshot }
  | { type: 'read'; index: number }
  /** "Talk to a person": the bot stops and the conversation waits for an agent (answered by `status`). */
  | { type: 'handover' }
  /** Messages of the visitor's own conversation after `afterIndex` (reconnect gap fill). */
  | { type: 'sync'; conversationId: string; afterIndex: number }
  | { type: 'ping' }
  /**
   * Where to answer by e-mail, asked in the thread when nobody can answer live: kept with the open
   * conversation and the visitor (their next conversations start with it); answered by `status`
   * (with `email`) to every socket of the visitor.
   */
  | { type: 'email'; email: string }
  /**
   * The satisfaction survey's answer for the visitor's current conversation, once it is due (closed,
   * or a call in it ended): the first answer is kept, a second gets `forbidden`. Answered by `status`
   * with `survey: 'done'` to every socket of the visitor.
   */
  | { type: 'rate'; score: number; comment?: string }
  /**
   * The whole conversation by e-mail (issue 15), once it has ended: to `email` (kept as the
   * conversation's address) or to the address already given. Once per conversation; answered by
   * `status` with `transcript: 'sent'` to every socket of the visitor.
   */
  | { type: 'transcript'; email?: string };

// ---- server -> visitor ----
export type VisitorServerFrame =
  | {
      type: 'welcome';
      visitorId: string;
      /** Keep it (IndexedDB, or memory without consent): it is the only key to this visitor's conversations. */
      credential: string;
      conversation: VisitorConversation | null;
      agentsOnline: number;
      /** Agent messages after the visitor's read index. */
      unread: number;
    }
  /** The message is committed: `clientId` is the sender's, `message` the stored one. */
  | { type: 'ack'; clientId: string; message: ChatMessage }
  | { type: 'message'; message: ChatMessage }
  | { type: 'typing'; on: boolean }
  | { type: 'status'; conversationId: string; status: ConversationStatus; agent: AgentPublic | null; position: number | null; agentsOnline: number; bot?: BotState; email?: string; survey?: SurveyState; transcript?: 'sent'; seen?: number }
  | { type: 'history'; conversationId: string; messages: ChatMessage[] }
  | ErrorFrame
  | { type: 'pong' }
  /**
   * agentsOnline changed while the visitor has no conversation (visitors with one get `status`),
   * so the widget can switch between "chat" and "leave a message" without polling.
   */
  | { type: 'presence'; agentsOnline: number }
  /** Embedded calls: ./call.ts. */
  | VisitorCallServerFrame;

export type ErrorCode =
  | 'bad_json'
  | 'bad_frame'
  | 'too_large'
  | 'unknown_type'
  | 'not_ready'
  | 'forbidden'
  | 'not_found'
  | 'rate_limited'
  /** Storage could not commit now (database locked, disk full): nothing stored; send the same clientId again later. */
  | 'unavailable'
  | 'server_error';

/** A bad frame gets this; the connection stays open and nothing is stored. */
export interface ErrorFrame {
  type: 'error';
  code: ErrorCode;
  message: string;
  /** The clientId of the `send` that failed, so the sender can mark that message failed. */
  clientId?: string;
  /** With `rate_limited`: how long to wait before the same kind of frame can succeed, in ms. */
  retryAfterMs?: number;
}

// ---- agent side ----
export interface VisitorSummary {
  name: string | null;
  email: string | null;
  /**
   * Which fields Baton's server verified, each on its own: a signature (HMAC) for the id verifies
   * `id` only; `name` and `email` only when the site's JWT carried the same value as a claim. A
   * verified id says nothing about the name or e-mail the browser sent with it.
   */
  verified: VerifiedFields;
}

/** Per-field verdicts of the identity summarised in the queue (the context carries all four fields). */
export interface VerifiedFields {
  id: boolean;
  name: boolean;
  email: boolean;
}

export interface ConversationSummary {
  id: string;
  status: ConversationStatus;
  createdAt: number;
  /** When it entered the queue (for wait times). */
  waitingSince: number;
  visitor: VisitorSummary;
  lastMessage: { text: string; at: number; sender: Sender } | null;
  page: { title: string; path: string } | null;
  agent: AgentPublic | null;
  /** E-mail the visitor left with an offline message. */
  email: string | null;
  /** The visitor's choice in the site's menu (routing hints), when the context has one. */
  routing?: RoutingContext;
  /** The site's bot: `answering` (nobody needs to step in yet) or `handed_over` (a person is wanted). */
  bot?: BotState;
  /** The visitor's answer to the satisfaction survey (absent: none yet). */
  csat?: Satisfaction;
  /**
   * The visitor (a browser's credential, and the phones it handed over to): a person's conversations
   * share it, so a returning visitor is one person with several conversations (issue 17).
   */
  visitorId?: string;
  /** Tags agents put on the conversation (`tag` frame), sorted; absent: none. */
  tags?: string[];
}

/** Tags: 1..32 characters of letters, digits, - _ . and spaces (trimmed, compared case-insensitively, stored lower-case); 20 per conversation. */
export const TAG_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} _.-]{0,31}$/u;
export const TAGS_PER_CONVERSATION_MAX = 20;
/** Search: a query of at most 200 characters; at most 50 results per answer. */
export const SEARCH_QUERY_MAX_CHARS = 200;
export const SEARCH_RESULTS_MAX = 50;
/** `visitor_conversations`: at most 50 of a person's other conversations, newest first. */
export const VISITOR_CONVERSATIONS_MAX = 50;

/** A search's filters (all optional; all given must hold). */
export interface SearchFilters {
  status?: ConversationStatus;
  /** Conversations this agent handled. */
  agentId?: string;
  tag?: string;
  /** Created at or after / before, ms since the epoch. */
  from?: number;
  to?: number;
}

/** A search result: the conversation, and where the words were found (a message's excerpt, or the visitor's name/e-mail/id, or a tag). */
export interface SearchResult {
  conversation: ConversationSummary;
  /** Up to ~120 characters around the first match, the matched words between [[ and ]]; absent when only filters were given. */
  excerpt?: string;
  /** Where `excerpt` comes from. */
  matchedIn?: 'message' | 'visitor' | 'tag';
}

/**
 * An internal note: written by an agent for the team, shown in the agent's thread, never sent to
 * the visitor (no visitor frame carries one; the server keeps notes apart from messages). Text:
 * 1..MESSAGE_MAX_CHARS characters.
 */
export interface InternalNote {
  id: string;
  conversationId: string;
  /** The writer's own id for the note (idempotency: the same clientId is stored once per conversation). */
  clientId: string;
  /** The conversation's last message index when the note was written: the thread shows it after that message. */
  afterIndex: number;
  text: string;
  /** Commit time, ms since the epoch. */
  at: number;
  /** Who wrote it (null: an agent since removed). */
  agent: AgentPublic | null;
  /** A transfer: `agent` handed the conversation to this agent (`text`: their note, maybe empty). */
  transferTo?: AgentPublic;
  /** A transfer to a skill's queue: `agent` put the conversation back in the queue for this skill. */
  transferSkill?: string;
}

/** An agent as teammates see them: `away` is set by the agent; offline agents are not listed. */
export interface TeamPresence extends AgentPublic {
  presence: AgentPresence;
  /** The skills an admin gave them (ROUTING_HINT_PATTERN each; none: they take any conversation). */
  skills?: string[];
}
export type AgentPresence = 'online' | 'away';
/** The `team` frame lists at most this many agents (online ones first). */
export const TEAM_LISTED_MAX = 300;
/** An agent has at most this many skills. */
export const AGENT_SKILLS_MAX = 20;
/** Capacity (concurrent chats automatic assignment gives one agent): 1..AGENT_CAPACITY_MAX. */
export const AGENT_CAPACITY_MAX = 50;
/** A conversation frame carries at most this many notes (the latest). */
export const NOTES_SHOWN_MAX = 200;

export interface ConversationDetail extends ConversationSummary {
  messages: ChatMessage[];
  /** Internal notes, oldest first (absent from servers without notes). */
  notes?: InternalNote[];
  /** The latest context, with `identity.verified` set by the server. */
  context: ContextSnapshot | null;
  closeNote: string | null;
}

export type AgentFrame =
  | { type: 'claim'; conversationId: string }
  /**
   * The agent has read their conversation up to `index` (the console sends it when the thread is on
   * screen): the visitor sees "Seen" under their messages up to it (the `status` frame's `seen`).
   */
  | { type: 'read'; conversationId: string; index: number }
  | { type: 'send'; conversationId: string; clientId: string; text: string }
  | { type: 'typing'; conversationId: string; on: boolean }
  | { type: 'close'; conversationId: string; note?: string }
  | { type: 'open'; conversationId: string }
  /**
   * Messages after `afterIndex`; with `beforeIndex`, the latest ones before it instead ("Load earlier
   * messages"): at most SYNC_MESSAGES_MAX, answered by `history`.
   */
  | { type: 'sync'; conversationId: string; afterIndex: number; beforeIndex?: number }
  /** The other conversations of this conversation's visitor (same visitorId, or the same verified id), newest first: answered by `visitor_conversations`. */
  | { type: 'visitor_conversations'; conversationId: string }
  /** Full-text search over messages, visitor names, e-mails and ids, and tags, with filters: answered by `search_results` with the same `requestId`. */
  | { type: 'search'; requestId: string; query: string; filters?: SearchFilters }
  /** Adds (`on`) or removes a tag: every agent gets `tags`. */
  | { type: 'tag'; conversationId: string; tag: string; on: boolean }
  /**
   * An internal note (never sent to the visitor), in a conversation you claimed or one in the
   * queue. Answered with a `note` frame carrying the stored note, to you and whoever watches it.
   */
  | { type: 'note'; conversationId: string; clientId: string; text: string }
  /** Your presence for your teammates: `away` (still signed in, not taking new conversations) or back `online`. */
  | { type: 'presence'; status: AgentPresence }
  /**
   * Hand a conversation you claimed (active) to a teammate who is signed in (`toAgentId`), or back to
   * the queue for a skill (`toSkill`: whoever has it claims it, or automatic assignment gives it),
   * exactly one of the two, with an optional note (at most NOTE_MAX_CHARS). Messages, notes and
   * context go with it; the visitor sees the new agent's name, or waits again.
   */
  | { type: 'transfer'; conversationId: string; toAgentId?: string; toSkill?: string; note?: string }
  | { type: 'ping' };

export type AgentServerFrame =
  /**
   * First frame. `mineIds`: your active conversations, each of which follows at once in full as a
   * `conversation` frame; `queueSize`: how many conversations the `queue` pages after them hold.
   */
  | {
      type: 'welcome';
      agent: AgentPublic;
      mineIds: string[];
      queueSize: number;
      role?: AgentRole;
      /** The server gives conversations out itself (by skill and capacity, round robin): `conversation` frames arrive unasked. */
      autoAssign?: boolean;
      /** The console sets you away after this long without input (absent: never). */
      autoAwayMs?: number;
    }
  /**
   * The queue (waiting and offline conversations, oldest first) right after `welcome`, in pages of
   * at most QUEUE_FRAME_MAX_BYTES; `last` on the final one (an empty queue is one empty last page).
   */
  | { type: 'queue'; conversations: ConversationSummary[]; last: boolean }
  /**
   * What changed in the queue since: `added` (arrivals), `updated` (a new message, page or name;
   * at most once a second per conversation), `removed` (claimed, closed). Each within QUEUE_FRAME_MAX_BYTES.
   */
  | { type: 'queue_changes'; added: ConversationSummary[]; updated: ConversationSummary[]; removed: string[] }
  /** A conversation in full: after `claim` or `open`. */
  | { type: 'conversation'; conversation: ConversationDetail }
  | { type: 'message'; message: ChatMessage }
  | { type: 'ack'; clientId: string; message: ChatMessage }
  | { type: 'context'; conversationId: string; context: ContextSnapshot }
  | { type: 'typing'; conversationId: string; on: boolean }
  | { type: 'closed'; conversationId: string; note: string | null }
  | { type: 'history'; conversationId: string; messages: ChatMessage[] }
  /** The visitor's other conversations (`conversationId` is the one asked about), newest first, at most VISITOR_CONVERSATIONS_MAX. */
  | { type: 'visitor_conversations'; conversationId: string; conversations: ConversationSummary[] }
  /** Newest first, at most SEARCH_RESULTS_MAX. */
  | { type: 'search_results'; requestId: string; results: SearchResult[] }
  /** A conversation's tags changed (to every agent). */
  | { type: 'tags'; conversationId: string; tags: string[] }
  /** An internal note was stored (also the answer to your own `note`: match it by `clientId`). */
  | { type: 'note'; note: InternalNote }
  /** The canned replies you may use changed (./cannedReplies.ts): fetch the list again. */
  | { type: 'replies_changed' }
  /**
   * Who of the team is signed in, and their presence: after `welcome`, then whenever it changes.
   * `skills`: every skill an enabled agent has (what a transfer to a skill's queue can name).
   */
  | { type: 'team'; agents: TeamPresence[]; skills?: string[] }
  /**
   * A conversation you had went to another agent (`by`: you, from another tab, or an admin), or back
   * to the queue for a skill (`to` null, `toSkill`); it is no longer yours.
   */
  | { type: 'transferred'; conversationId: string; to: AgentPublic | null; toSkill?: string; by: AgentPublic }
  | ErrorFrame
  | { type: 'pong' }
  /** Embedded calls: ./call.ts. */
  | AgentCallServerFrame;

// ---- HTTP (JSON bodies of at most HTTP_BODY_MAX_BYTES; POSTs need an allowed Origin) ----
export const HTTP_AGENT_LOGIN_PATH = '/api/agent/login';
export const HTTP_AGENT_LOGOUT_PATH = '/api/agent/logout';
export const HTTP_AGENT_ME_PATH = '/api/agent/me';
export const HTTP_VISITOR_STATUS_PATH = '/api/visitor/status';
/** The agent console page; its script is served from /agent/console.js. */
export const AGENT_CONSOLE_PATH = '/agent';
/** HttpOnly session cookie set by the login endpoint and checked at the agent socket's upgrade (plain http). */
export const AGENT_SESSION_COOKIE = 'baton_agent';
/**
 * Its name over https: the `__Host-` prefix makes the browser accept it only with Secure, Path=/
 * and no Domain, so a sibling subdomain or a plain-http page cannot plant a session of its choosing.
 */
export const AGENT_SESSION_COOKIE_HTTPS = '__Host-baton_agent';
/** Request bodies: JSON, at most 16 KB. */
export const HTTP_BODY_MAX_BYTES = 16 * 1024;

/** POST HTTP_AGENT_LOGIN_PATH */
export interface AgentLoginRequest {
  email: string;
  password: string;
}
/** 200 from login and from GET HTTP_AGENT_ME_PATH. */
export interface AgentSessionResponse {
  agent: AgentPublic;
}
/** POST HTTP_VISITOR_STATUS_PATH: the widget's cheap check before opening a socket (badge, "we're online"). */
export interface VisitorStatusRequest {
  /** Absent: a visitor who never chatted (the panel's home asks who is online): unread is 0. */
  credential?: string;
}
export interface VisitorStatusResponse {
  unread: number;
  agentsOnline: number;
  /** Up to TEAM_SHOWN_MAX agents online now, for the panel's home (names and colours only). */
  team?: TeamMember[];
  /** Business hours, measured reply time, queue length (issue 15): ./availability.ts. */
  availability?: Availability;
}
/** An agent as the visitor's panel shows them before a conversation: a name and an avatar colour. */
export interface TeamMember {
  name: string;
  color: string;
}
export const TEAM_SHOWN_MAX = 3;

export type HttpErrorCode =
  | 'bad_json'
  | 'bad_request'
  | 'too_large'
  | 'unsupported_media_type'
  | 'forbidden'
  | 'unauthorized'
  | 'rate_limited'
  | 'not_found'
  | 'method_not_allowed'
  | 'upgrade_required'
  | 'unavailable'
  | 'server_error'
  /** The request does not fit the resource's state (a Twilio conversation rated before, or not closed yet). */
  | 'conflict';

/** Every HTTP error answer (status 4xx/5xx). */
export interface HttpErrorBody {
  error: { code: HttpErrorCode; message: string };
}
