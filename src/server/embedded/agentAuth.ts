/**
 * Agent accounts and login: password check, rate limit, session cookie.
 */
import type { IncomingMessage } from 'node:http';
import { AGENT_SESSION_COOKIE, type AgentPublic } from '../../protocol/chat';
import { AgentLoginSchema, parseBody } from '../../protocol/chatSchema';
import type { AgentSession, AgentStore } from './agentStore';
import { readCookie } from './http';
import {
  AGENT_NAME_MAX_CHARS,
  AGENT_PASSWORD_MIN_CHARS,
  LOGIN_FAILURES_MAX,
  LOGIN_FAILURE_WINDOW_MS,
  LOGIN_LIMITER_KEYS_MAX,
  SESSION_TTL_SECONDS,
} from './limits';
import { hashPassword, verifyPassword } from './passwords';
import { AttemptLimiter } from './rateLimits';
import { newSecret } from './secrets';

export type LoginResult =
  | { ok: true; agent: AgentPublic; token: string }
  | { ok: false; reason: 'wrong_credentials' }
  | { ok: false; reason: 'rate_limited'; retryAfterMs: number };

export class AgentAuth {
  private readonly limiter = new AttemptLimiter(LOGIN_FAILURES_MAX, LOGIN_FAILURE_WINDOW_MS, LOGIN_LIMITER_KEYS_MAX);

  private constructor(
    private readonly agents: AgentStore,
    /** Checked against when the e-mail is unknown, so both failures take the same time. */
    private readonly decoyHash: string,
  ) {}

  static async create(agents: AgentStore): Promise<AgentAuth> {
    return new AgentAuth(agents, await hashPassword(newSecret()));
  }

  /** Validates and creates an agent. Throws a readable Error on a bad field or a taken e-mail. */
  async createAgent(a: { email: string; name: string; password: string }, now: number = Date.now()): Promise<AgentPublic> {
    const fields = parseBody(AgentLoginSchema, { email: a?.email, password: a?.password });
    if (!fields.ok) throw new Error(`createAgent: ${fields.message}`);
    const name = typeof a.name === 'string' ? a.name.trim() : '';
    if (name === '' || name.length > AGENT_NAME_MAX_CHARS) throw new Error(`createAgent: name must be 1..${AGENT_NAME_MAX_CHARS} characters`);
    if (a.password.length < AGENT_PASSWORD_MIN_CHARS) throw new Error(`createAgent: password must be at least ${AGENT_PASSWORD_MIN_CHARS} characters`);
    if (this.agents.byEmail(fields.value.email)) throw new Error(`createAgent: an agent with the e-mail ${fields.value.email} already exists`);
    const passwordHash = await hashPassword(a.password);
    return this.agents.create({ email: fields.value.email, name, passwordHash }, now);
  }

  /**
   * Checks a login. Unknown e-mail and wrong password fail the same way, in the same time.
   * LOGIN_FAILURES_MAX failures per window from one address, or for one e-mail, lock further tries.
   */
  async login(email: string, password: string, address: string, now: number = Date.now()): Promise<LoginResult> {
    const keys = [`ip:${address}`, `email:${email.toLowerCase()}`];
    const wait = Math.max(...keys.map((k) => this.limiter.retryAfterMs(k, now)));
    if (wait > 0) return { ok: false, reason: 'rate_limited', retryAfterMs: wait };
    for (const k of keys) this.limiter.record(k, now); // counted before the slow check (see AttemptLimiter)

    const agent = this.agents.byEmail(email);
    const matches = await verifyPassword(password, agent?.passwordHash ?? this.decoyHash);
    if (!agent || !matches) return { ok: false, reason: 'wrong_credentials' };

    for (const k of keys) this.limiter.forgiveLast(k);
    const token = newSecret();
    this.agents.createSession(token, agent.id, Date.now(), SESSION_TTL_SECONDS * 1000);
    return { ok: true, agent: { id: agent.id, name: agent.name, color: agent.color }, token };
  }

  /** The session named by the request's cookie, if it is live. */
  sessionOf(req: IncomingMessage, now: number = Date.now()): AgentSession | null {
    const token = readCookie(req, AGENT_SESSION_COOKIE);
    return token ? this.agents.session(token, now) : null;
  }

  endSession(session: AgentSession): void {
    this.agents.deleteSession(session.tokenHash);
  }
}

/** The session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site sends it), Secure over https. */
export function sessionCookie(token: string, secure: boolean): string {
  return `${AGENT_SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SESSION_TTL_SECONDS}${secure ? '; Secure' : ''}`;
}

export function clearedSessionCookie(secure: boolean): string {
  return `${AGENT_SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0${secure ? '; Secure' : ''}`;
}
