/**
 * The console's HTTP calls (same origin; the session is an HttpOnly cookie the page never sees):
 *   POST /api/agent/login  { email, password } -> 200 { agent } | 401 | 429 (Retry-After)
 *   POST /api/agent/logout
 *   GET  /api/agent/me     -> 200 { agent } | 401
 *   GET  /api/agent/self-service -> 200 SelfServiceStats | 401
 *   GET  /api/agent/reports?days=&tz= -> 200 Reports | 401
 *   GET  /api/agent/insights?days=&channel= -> 200 Insights | 401 (and &format=csv: the download link)
 */
import type { AgentPublic } from '../protocol/chat';
import { HTTP_AGENT_SELF_SERVICE_PATH, type SelfServiceStats } from '../protocol/selfService';
import { HTTP_AGENT_REPORTS_PATH, type Reports } from '../protocol/reports';
import { HTTP_AGENT_INSIGHTS_PATH, type Insights, type InsightsChannel } from '../protocol/insights';

export type Agent = AgentPublic & { email?: string };

export type LoginResult =
  | { ok: true; agent: Agent }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'rate_limited'; retryAfterS: number | null }
  | { ok: false; reason: 'network' | 'server' };

/** Retry-After in seconds: a number of seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Math.max(1, Number(v));
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(1, Math.ceil((at - now) / 1000));
}

function readAgent(body: unknown): Agent | null {
  const a = (body as { agent?: unknown } | null)?.agent as Partial<Agent> | undefined;
  if (!a || typeof a.id !== 'string') return null;
  return {
    id: a.id,
    name: typeof a.name === 'string' && a.name ? a.name : a.id,
    color: typeof a.color === 'string' ? a.color : '#3b4a6b',
    ...(typeof a.email === 'string' ? { email: a.email } : {}),
  };
}

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json' };

export async function login(email: string, password: string): Promise<LoginResult> {
  let res: Response;
  try {
    res = await fetch('/api/agent/login', {
      method: 'POST',
      headers: JSON_HEADERS,
      credentials: 'same-origin',
      body: JSON.stringify({ email, password }),
    });
  } catch {
    return { ok: false, reason: 'network' };
  }
  if (res.status === 401 || res.status === 400) return { ok: false, reason: 'invalid' };
  if (res.status === 429) return { ok: false, reason: 'rate_limited', retryAfterS: parseRetryAfter(res.headers.get('retry-after')) };
  if (!res.ok) return { ok: false, reason: 'server' };
  const agent = readAgent(await res.json().catch(() => null));
  return agent ? { ok: true, agent } : { ok: false, reason: 'server' };
}

/** The signed-in agent, null when the cookie is missing or expired, 'error' when the server cannot say. */
export async function me(): Promise<Agent | null | 'error'> {
  try {
    const res = await fetch('/api/agent/me', { headers: { accept: 'application/json' }, credentials: 'same-origin' });
    if (res.status === 401 || res.status === 403) return null;
    if (!res.ok) return 'error';
    return readAgent(await res.json().catch(() => null)) ?? 'error';
  } catch {
    return 'error';
  }
}

export async function logout(): Promise<void> {
  try {
    await fetch('/api/agent/logout', { method: 'POST', headers: JSON_HEADERS, credentials: 'same-origin', body: '{}' });
  } catch {
    /* the cookie dies with the server session anyway */
  }
}

/** Conversations help articles avoided (src/server/embedded/selfService.ts); null when the server cannot say. */
export async function selfServiceStats(): Promise<SelfServiceStats | null> {
  try {
    const res = await fetch(HTTP_AGENT_SELF_SERVICE_PATH, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
    if (!res.ok) return null;
    const s = (await res.json()) as Partial<SelfServiceStats>;
    return typeof s.avoided === 'number' && typeof s.helped === 'number' && typeof s.days === 'number' && typeof s.contactedAfterHelp === 'number' ? (s as SelfServiceStats) : null;
  } catch {
    return null;
  }
}

/** The Reports page's numbers (src/server/embedded/reports.ts) for the last `days` days in this browser's time zone; null on failure. */
export async function reports(days: number): Promise<Reports | null> {
  try {
    const res = await fetch(`${HTTP_AGENT_REPORTS_PATH}?days=${days}&tz=${new Date().getTimezoneOffset()}`, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
    if (!res.ok) return null;
    const r = (await res.json()) as Partial<Reports>;
    return Array.isArray(r.days) && r.totals && typeof r.totals === 'object' ? (r as Reports) : null;
  } catch {
    return null;
  }
}

/** The Insights query for the last `days` days and a channel (src/server/embedded/insights.ts); `csv`: the download's URL. */
export const insightsUrl = (days: number, channel: InsightsChannel, csv = false): string =>
  `${HTTP_AGENT_INSIGHTS_PATH}?days=${days}&channel=${channel}${csv ? '&format=csv' : ''}`;

/** Contact drivers for the Insights page; null on failure. */
export async function insights(days: number, channel: InsightsChannel): Promise<Insights | null> {
  try {
    const res = await fetch(insightsUrl(days, channel), { headers: { accept: 'application/json' }, credentials: 'same-origin' });
    if (!res.ok) return null;
    const r = (await res.json()) as Partial<Insights>;
    return typeof r.contacts === 'number' && r.drivers && typeof r.drivers === 'object' ? (r as Insights) : null;
  } catch {
    return null;
  }
}
