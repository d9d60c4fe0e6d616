/**
 * Agent accounts and login: password check, rate limit, session cookie.
 */
import type { IncomingMessage } from 'node:http';
import { AGENT_SESSION_COOKIE, AGENT_SESSION_COOKIE_HTTPS, type AgentPublic, type AgentRole } from '../../protocol/chat';
import { AgentLoginSchema, parseBody } from '../../protocol/chatSchema';
import type { AgentSession, AgentStore } from './agentStore';
import { cameOverHttps, readCookie } from './http';
import { addressKey } from './clientAddress';
import {
  AGENT_NAME_MAX_CHARS,
  AGENT_PASSWORD_MIN_CHARS,
  LOGIN_DELAY_BASE_MS,
  LOGIN_DELAY_FREE_FAILURES,
  LOGIN_DELAY_MAX_MS,
  LOGIN_FAILURES_MAX,
  LOGIN_FAILURES_PER_ADDRESS_MAX,
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

/** The wait before an attempt for an e-mail that failed `failures` times in the window (see LOGIN_DELAY_*). */
export function loginDelayMs(failures: number): number {
  if (failures <= LOGIN_DELAY_FREE_FAILURES) return 0;
  return Math.min(LOGIN_DELAY_MAX_MS, LOGIN_DELAY_BASE_MS * 2 ** (failures - LOGIN_DELAY_FREE_FAILURES - 1));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class AgentAuth {
  /** Failures per e-mail + address: the lock. */
  private readonly perPair = new AttemptLimiter(LOGIN_FAILURES_MAX, LOGIN_FAILURE_WINDOW_MS, LOGIN_LIMITER_KEYS_MAX);
  /** Failures per address, any e-mail: the lock on credential stuffing. */
  private readonly perAddress = new AttemptLimiter(LOGIN_FAILURES_PER_ADDRESS_MAX, LOGIN_FAILURE_WINDOW_MS, LOGIN_LIMITER_KEYS_MAX);
  /** Failures per e-mail from anywhere: counted for the progressive delay only, never a lock. */
  private readonly perEmail = new AttemptLimiter(Number.MAX_SAFE_INTEGER, LOGIN_FAILURE_WINDOW_MS, LOGIN_LIMITER_KEYS_MAX);

  private constructor(
    private readonly agents: AgentStore,
    /** Checked against when the e-mail is unknown, so both failures take the same time. */
    private readonly decoyHash: string,
    /** How the progressive delay waits (a test passes one that records instead of sleeping). */
    private readonly wait: (ms: number) => Promise<void>,
  ) {}

  static async create(agents: AgentStore, options: { wait?: (ms: number) => Promise<void> } = {}): Promise<AgentAuth> {
    return new AgentAuth(agents, await hashPassword(newSecret()), options.wait ?? sleep);
  }

  /** Validates and creates an agent. Throws a readable Error on a bad field or a taken e-mail. */
  async createAgent(a: { email: string; name: string; password: string; role?: AgentRole }, now: number = Date.now()): Promise<AgentPublic> {
    const fields = parseBody(AgentLoginSchema, { email: a?.email, password: a?.password });
    if (!fields.ok) throw new Error(`createAgent: ${fields.message}`);
    const name = typeof a.name === 'string' ? a.name.trim() : '';
    if (name === '' || name.length > AGENT_NAME_MAX_CHARS) throw new Error(`createAgent: name must be 1..${AGENT_NAME_MAX_CHARS} characters`);
    if (a.password.length < AGENT_PASSWORD_MIN_CHARS) throw new Error(`createAgent: password must be at least ${AGENT_PASSWORD_MIN_CHARS} characters`);
    if (this.agents.byEmail(fields.value.email)) throw new Error(`createAgent: an agent with the e-mail ${fields.value.email} already exists`);
    const passwordHash = await hashPassword(a.password);
    return this.agents.create({ email: fields.value.email, name, passwordHash, ...(a.role ? { role: a.role } : {}) }, now);
  }

  /**
   * Checks a login. Unknown e-mail and wrong password fail the same way, in the same time.
   * LOGIN_FAILURES_MAX failures per window for one e-mail from one address lock that pair (never
   * the e-mail from elsewhere); LOGIN_FAILURES_PER_ADDRESS_MAX lock the address; failures for the
   * e-mail from anywhere delay each attempt for it (loginDelayMs).
   */
  async login(email: string, password: string, address: string, now: number = Date.now()): Promise<LoginResult> {
    const who = email.toLowerCase();
    const from = addressKey(address);
    const pair = `${who}\n${from}`;
    const wait = Math.max(this.perPair.retryAfterMs(pair, now), this.perAddress.retryAfterMs(from, now));
    if (wait > 0) return { ok: false, reason: 'rate_limited', retryAfterMs: wait };
    const delay = loginDelayMs(this.perEmail.count(who, now));
    // Counted before the delay and the slow check (see AttemptLimiter); forgiven on success.
    this.perPair.record(pair, now);
    this.perAddress.record(from, now);
    this.perEmail.record(who, now);
    if (delay > 0) await this.wait(delay);

    const agent = this.agents.byEmail(email);
    const matches = await verifyPassword(password, agent?.passwordHash ?? this.decoyHash);
    // A disabled agent gets the same answer as a wrong password (after the same work).
    if (!agent || !matches || agent.disabled) return { ok: false, reason: 'wrong_credentials' };

    this.perPair.forgiveLast(pair);
    this.perAddress.forgiveLast(from);
    this.perEmail.forgiveLast(who);
    const token = newSecret();
    this.agents.createSession(token, agent.id, Date.now(), SESSION_TTL_SECONDS * 1000);
    return { ok: true, agent: { id: agent.id, name: agent.name, color: agent.color }, token };
  }

  /** The session named by the request's cookie, if it is live. Over https only the `__Host-` cookie counts. */
  sessionOf(req: IncomingMessage, now: number = Date.now()): AgentSession | null {
    const token = readCookie(req, sessionCookieName(cameOverHttps(req)));
    return token ? this.agents.session(token, now) : null;
  }

  endSession(session: AgentSession): void {
    this.agents.deleteSession(session.tokenHash);
  }
}

/** `__Host-baton_agent` over https, `baton_agent` over plain http (where the prefix cannot be used). */
export function sessionCookieName(secure: boolean): string {
  return secure ? AGENT_SESSION_COOKIE_HTTPS : AGENT_SESSION_COOKIE;
}

/** The session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site sends it), Secure and `__Host-` over https. */
export function sessionCookie(token: string, secure: boolean): string {
  return `${sessionCookieName(secure)}=${token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SESSION_TTL_SECONDS}${secure ? '; Secure' : ''}`;
}

export function clearedSessionCookie(secure: boolean): string {
  return `${sessionCookieName(secure)}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0${secure ? '; Secure' : ''}`;
}
