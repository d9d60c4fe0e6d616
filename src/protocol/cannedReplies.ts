/**
 * Canned replies (issue 17): texts an agent inserts with `/` in the console's composer, with
 * variables such as `{{visitor.name}}` filled from the conversation. A reply is the team's (every
 * agent uses it, admins edit it) or one agent's own. Over HTTP, with the agent's session cookie:
 * GET HTTP_AGENT_REPLIES_PATH lists them, POST HTTP_AGENT_REPLIES_CHANGE_PATH changes one; agents
 * whose list changed get a `replies_changed` frame on their socket and fetch it again.
 * Documented in docs/agent-api.md#canned-replies.
 */

export const HTTP_AGENT_REPLIES_PATH = '/api/agent/replies';
export const HTTP_AGENT_REPLIES_CHANGE_PATH = '/api/agent/replies/change';

/** A shortcut: 1..32 characters of a-z, 0-9, `-` and `_`, starting with a letter or digit (typed after `/`). */
export const REPLY_SHORTCUT_PATTERN = /^[a-z0-9][a-z0-9_-]{0,31}$/;
/** A reply's text: 1..2,000 characters after trimming (it becomes a message: at most MESSAGE_MAX_CHARS once filled). */
export const REPLY_TEXT_MAX_CHARS = 2000;
/** The team's replies, and each agent's own: at most 300 each. */
export const REPLIES_MAX_PER_OWNER = 300;

export type ReplyScope = 'team' | 'personal';

export interface CannedReply {
  id: string;
  /** Unique within its scope (a personal reply may share a team reply's shortcut: both are listed). */
  shortcut: string;
  text: string;
  scope: ReplyScope;
  updatedAt: number;
}

/** 200 from GET HTTP_AGENT_REPLIES_PATH, and from every change. */
export interface RepliesResponse {
  /** The team's and your own, by shortcut. */
  replies: CannedReply[];
  /** You may create, edit and delete the team's (admins). */
  canEditTeam: boolean;
}

/** POST HTTP_AGENT_REPLIES_CHANGE_PATH. The team's: admins only (403 otherwise). */
export type RepliesChangeRequest =
  | { op: 'create'; scope: ReplyScope; shortcut: string; text: string }
  | { op: 'update'; id: string; shortcut: string; text: string }
  | { op: 'delete'; id: string };

/** The variables a reply may hold, `{{name}}` or `{{name|fallback}}`, filled by the console from the conversation. */
export const REPLY_VARIABLES = ['visitor.name', 'visitor.firstName', 'visitor.email', 'agent.name', 'agent.firstName', 'page.title', 'page.url'] as const;
export type ReplyVariable = (typeof REPLY_VARIABLES)[number];
