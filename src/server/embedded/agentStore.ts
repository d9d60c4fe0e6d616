/**
 * Agents and their login sessions, in SQLite. Passwords are scrypt hashes (./passwords.ts); session
 * tokens are kept only as SHA-256 (./secrets.ts).
 */
import type Database from 'better-sqlite3';
import type { AgentPublic, AgentRole } from '../../protocol/chat';
import { newId, sha256Hex } from './secrets';

interface AgentRow {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  color: string;
  role: AgentRole;
  disabled_at: number | null;
  skills: string;
  capacity: number | null;
}

export interface AgentRecord extends AgentPublic {
  email: string;
  passwordHash: string;
  role: AgentRole;
  disabled: boolean;
}

export interface AgentSession {
  agent: AgentPublic;
  tokenHash: string;
  expiresAt: number;
}

/**
 * Avatar colours: dark enough for white initials (WCAG AA, 4.5:1 or better), distinct from each other.
 * Picked from the e-mail so an agent keeps the same colour everywhere.
 */
const AVATAR_COLORS = ['#0b5fff', '#b42318', '#067647', '#6941c6', '#c11574', '#0e7090', '#93370d', '#3538cd'] as const;

function colorFor(email: string): string {
  let h = 0;
  for (const ch of email.toLowerCase()) h = (h * 31 + ch.codePointAt(0)!) >>> 0;
  return AVATAR_COLORS[h % AVATAR_COLORS.length]!;
}

export class AgentStore {
  /** Agents never change once created, so their public face is cached for message fan-out. */
  private readonly publicCache = new Map<string, AgentPublic>();
  private routingCache: Map<string, AgentRouting> | null = null;
  private readonly q;

  constructor(db: Database.Database) {
    this.q = {
      insert: db.prepare('INSERT INTO agents (id, email, name, password_hash, color, created_at, role) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      byEmail: db.prepare('SELECT id, email, name, password_hash, color, role, disabled_at, skills, capacity FROM agents WHERE email = ?'),
      byId: db.prepare('SELECT id, email, name, password_hash, color, role, disabled_at, skills, capacity FROM agents WHERE id = ?'),
      all: db.prepare('SELECT id, email, name, password_hash, color, role, disabled_at, skills, capacity FROM agents ORDER BY disabled_at IS NOT NULL, name COLLATE NOCASE'),
      setRole: db.prepare('UPDATE agents SET role = ? WHERE id = ?'),
      setDisabled: db.prepare('UPDATE agents SET disabled_at = ? WHERE id = ?'),
      setPassword: db.prepare('UPDATE agents SET password_hash = ? WHERE id = ?'),
      enabledAdmins: db.prepare("SELECT COUNT(*) AS n FROM agents WHERE role = 'admin' AND disabled_at IS NULL"),
      deleteSessionsOf: db.prepare('DELETE FROM sessions WHERE agent_id = ?'),
      count: db.prepare('SELECT COUNT(*) AS n FROM agents'),
      role: db.prepare('SELECT role FROM agents WHERE id = ?'),
      routing: db.prepare('SELECT id, skills, capacity FROM agents WHERE disabled_at IS NULL'),
      setSkills: db.prepare('UPDATE agents SET skills = ? WHERE id = ?'),
      setCapacity: db.prepare('UPDATE agents SET capacity = ? WHERE id = ?'),
      insertSession: db.prepare('INSERT INTO sessions (token_hash, agent_id, created_at, expires_at) VALUES (?, ?, ?, ?)'),
      // A disabled agent's sessions are deleted when disabled; the join refuses any that raced it.
      session: db.prepare(`
        SELECT s.agent_id, s.expires_at FROM sessions s JOIN agents a ON a.id = s.agent_id
        WHERE s.token_hash = ? AND s.expires_at > ? AND a.disabled_at IS NULL`),
      deleteSession: db.prepare('DELETE FROM sessions WHERE token_hash = ?'),
      purgeSessions: db.prepare('DELETE FROM sessions WHERE expires_at <= ?'),
    };
  }

  /** Throws when the e-mail is taken (any case). The caller validated the fields and hashed the password. */
  create(a: { email: string; name: string; passwordHash: string; role?: AgentRole }, now: number): AgentPublic {
    if (this.byEmail(a.email)) throw new Error(`An agent with the e-mail ${a.email} already exists`);
    const agent: AgentPublic = { id: newId('a'), name: a.name, color: colorFor(a.email) };
    this.q.insert.run(agent.id, a.email, a.name, a.passwordHash, agent.color, now, a.role ?? 'admin');
    this.publicCache.set(agent.id, agent);
    this.routingCache = null;
    return agent;
  }

  byEmail(email: string): AgentRecord | null {
    return toRecord(this.q.byEmail.get(email) as AgentRow | undefined);
  }

  publicById(id: string): AgentPublic | null {
    const cached = this.publicCache.get(id);
    if (cached) return cached;
    const rec = toRecord(this.q.byId.get(id) as AgentRow | undefined);
    if (!rec) return null;
    const agent: AgentPublic = { id: rec.id, name: rec.name, color: rec.color };
    this.publicCache.set(id, agent);
    return agent;
  }

  /** The agent's role (null: no such agent). */
  roleOf(id: string): AgentRole | null {
    return (this.q.role.get(id) as { role: AgentRole } | undefined)?.role ?? null;
  }

  /** Every account, enabled ones first, by name (team admin). */
  accounts(): Array<{ id: string; name: string; email: string; color: string; role: AgentRole; disabled: boolean; skills: string[]; capacity: number | null }> {
    return (this.q.all.all() as AgentRow[]).map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      color: r.color,
      role: r.role,
      disabled: r.disabled_at !== null,
      skills: skillList(r.skills),
      capacity: r.capacity,
    }));
  }

  /**
   * Each enabled agent's skills and capacity (null: the server's default), by id: what routing reads
   * (the team frame, transfers to a skill's queue, automatic assignment). Cached until an admin changes one.
   */
  routing(): ReadonlyMap<string, AgentRouting> {
    if (!this.routingCache) {
      const rows = this.q.routing.all() as Array<{ id: string; skills: string; capacity: number | null }>;
      this.routingCache = new Map(rows.map((r) => [r.id, { skills: skillList(r.skills), capacity: r.capacity }]));
    }
    return this.routingCache;
  }

  /** Skills as given (ROUTING_HINT_PATTERN each, checked by the caller): kept once each, sorted. */
  setSkills(id: string, skills: readonly string[]): void {
    this.q.setSkills.run([...new Set(skills)].sort().join(' '), id);
    this.routingCache = null;
  }

  setCapacity(id: string, capacity: number | null): void {
    this.q.setCapacity.run(capacity, id);
    this.routingCache = null;
  }

  setRole(id: string, role: AgentRole): void {
    this.q.setRole.run(role, id);
  }

  /** `at`: when (disabled), or null (enabled again). */
  setDisabled(id: string, at: number | null): void {
    this.q.setDisabled.run(at, id);
    this.routingCache = null;
  }

  setPasswordHash(id: string, hash: string): void {
    this.q.setPassword.run(hash, id);
  }

  enabledAdmins(): number {
    return (this.q.enabledAdmins.get() as { n: number }).n;
  }

  deleteSessionsOf(agentId: string): void {
    this.q.deleteSessionsOf.run(agentId);
  }

  count(): number {
    return (this.q.count.get() as { n: number }).n;
  }

  /** Stores a session for the (already random) token; also drops expired sessions, so the table stays small. */
  createSession(token: string, agentId: string, now: number, ttlMs: number): void {
    this.q.purgeSessions.run(now);
    this.q.insertSession.run(sha256Hex(token), agentId, now, now + ttlMs);
  }

  /** The live session for a token from the cookie, or null (unknown, expired, or agent gone). */
  session(token: string, now: number): AgentSession | null {
    const tokenHash = sha256Hex(token);
    const row = this.q.session.get(tokenHash, now) as { agent_id: string; expires_at: number } | undefined;
    if (!row) return null;
    const agent = this.publicById(row.agent_id);
    return agent ? { agent, tokenHash, expiresAt: row.expires_at } : null;
  }

  deleteSession(tokenHash: string): void {
    this.q.deleteSession.run(tokenHash);
  }
}

/** What routing knows of an enabled agent (./assignment.ts). */
export interface AgentRouting {
  /** None: they take any conversation. */
  skills: string[];
  /** Concurrent chats automatic assignment gives them (null: the server's default). */
  capacity: number | null;
}

const skillList = (column: string): string[] => (column ? column.split(' ') : []);

function toRecord(row: AgentRow | undefined): AgentRecord | null {
  if (!row) return null;
  return { id: row.id, name: row.name, color: row.color, email: row.email, passwordHash: row.password_hash, role: row.role, disabled: row.disabled_at !== null };
}
