/**
 * Team admin (issue 17): admins create agents, change roles, disable and enable them, and reset
 * passwords from the console, over HTTP with their session cookie (non-admins: 403). A disabled
 * agent's sessions end at once (their sockets close with 1008) and they cannot sign in; their open
 * conversations go back to the queue. `npm run agent:create` stays for scripts.
 *
 *   GET  HTTP_AGENT_TEAM_PATH                          -> TeamResponse
 *   POST HTTP_AGENT_TEAM_CHANGE_PATH  TeamChangeRequest -> TeamResponse
 *
 * Documented in docs/agent-api.md#team-admin.
 */
import type { AgentRole } from './chat';

export const HTTP_AGENT_TEAM_PATH = '/api/agent/team';
export const HTTP_AGENT_TEAM_CHANGE_PATH = '/api/agent/team/change';

export interface TeamMemberAccount {
  id: string;
  name: string;
  email: string;
  color: string;
  role: AgentRole;
  disabled: boolean;
  /** Has a socket open now. */
  online: boolean;
  /** Skills (none: takes any conversation); a transfer to a skill's queue and automatic assignment read them. */
  skills: string[];
  /** Concurrent chats automatic assignment gives them (null: the server's default). */
  capacity: number | null;
}

export interface TeamResponse {
  agents: TeamMemberAccount[];
}

/** Passwords: at least 10 characters (as the CLI). Names: 1..100 characters. */
export type TeamChangeRequest =
  | { op: 'create'; name: string; email: string; password: string; role: AgentRole }
  | { op: 'role'; id: string; role: AgentRole }
  | { op: 'disable'; id: string }
  | { op: 'enable'; id: string }
  | { op: 'password'; id: string; password: string }
  /** At most AGENT_SKILLS_MAX, each ROUTING_HINT_PATTERN (as the site's menu names skills). */
  | { op: 'skills'; id: string; skills: string[] }
  /** 1..AGENT_CAPACITY_MAX, or null: the server's default. */
  | { op: 'capacity'; id: string; capacity: number | null };
