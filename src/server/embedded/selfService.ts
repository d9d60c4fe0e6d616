/**
 * Self-service on the embedded server: the widget's "That helped" on a help article (while no
 * conversation was open), and the console's count of conversations the articles avoided.
 *
 *   POST HTTP_SELF_SERVICE_PATH        { sid, article: { id, title } } -> 200 { ok: true }
 *   GET  HTTP_AGENT_SELF_SERVICE_PATH  (agent session)                 -> SelfServiceStats
 *
 * "Avoided" over the last SELF_SERVICE_STATS_DAYS days: page sessions with a "That helped", minus
 * the conversations opened afterwards whose context lists an article marked helped before the
 * conversation began (the visitor still needed someone). Nothing about the person is stored: the
 * sid is random per page, the article is the site's own.
 *
 * Bounds: SELF_SERVICE_PER_ADDRESS answers per address per 10 minutes, SELF_SERVICE_ROWS_PER_DAY
 * in all per day (then 429), rows kept SELF_SERVICE_KEEP_DAYS days.
 */
import type Database from 'better-sqlite3';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseBody } from '../../protocol/chatSchema';
import { SELF_SERVICE_STATS_DAYS, type SelfServiceStats } from '../../protocol/selfService';
import { SelfServiceHelpedSchema } from '../../protocol/selfServiceSchema';
import type { AgentAuth } from './agentAuth';
import type { ClientAddressOf } from './clientAddress';
import { HttpError, readJsonBody, sendJson } from './http';
import { AttemptLimiter } from './rateLimits';

/** One address (an office, a carrier NAT) may mark 60 articles helpful per 10 minutes. */
export const SELF_SERVICE_PER_ADDRESS = 60;
export const SELF_SERVICE_WINDOW_MS = 10 * 60 * 1000;
/** However many addresses: at most this many answers are stored per 24 hours. */
export const SELF_SERVICE_ROWS_PER_DAY = 20_000;
export const SELF_SERVICE_KEEP_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;
const LIMITER_KEYS_MAX = 10_000;

export interface SelfService {
  helped(req: IncomingMessage, res: ServerResponse): Promise<void>;
  stats(req: IncomingMessage, res: ServerResponse): void;
  /** The figures the console shows, as of `at`. */
  statsAt(at: number): SelfServiceStats;
}

const tooMany = (ms: number) => {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return new HttpError(429, 'rate_limited', `Too many answers; try again in ${seconds} s`, { 'Retry-After': String(seconds) });
};

export function createSelfService(deps: { db: Database.Database; auth: AgentAuth; addressOf: ClientAddressOf; now?: () => number }): SelfService {
  const { db, auth } = deps;
  const now = deps.now ?? Date.now;
  const perAddress = new AttemptLimiter(SELF_SERVICE_PER_ADDRESS, SELF_SERVICE_WINDOW_MS, LIMITER_KEYS_MAX);
  const q = {
    insert: db.prepare('INSERT OR IGNORE INTO self_service_helped (sid, article_id, title, at) VALUES (?, ?, ?, ?)'),
    countSince: db.prepare('SELECT COUNT(*) AS n FROM self_service_helped WHERE at >= ?').pluck(),
    sessionsSince: db.prepare('SELECT COUNT(DISTINCT sid) AS n FROM self_service_helped WHERE at >= ?').pluck(),
    purge: db.prepare('DELETE FROM self_service_helped WHERE at < ?'),
    // Conversations begun after an article was marked helped: their context says so (selfService).
    contactedSince: db
      .prepare(
        `SELECT COUNT(*) FROM conversations c WHERE c.created_at >= ? AND c.context_json IS NOT NULL AND EXISTS (
           SELECT 1 FROM json_each(c.context_json, '$.selfService.articles') a
           WHERE json_extract(a.value, '$.helped') = 1 AND json_extract(a.value, '$.at') <= c.created_at)`,
      )
      .pluck(),
  };
  let purgedAt = 0;

  const statsAt = (at: number): SelfServiceStats => {
    const since = at - SELF_SERVICE_STATS_DAYS * DAY_MS;
    const helped = q.sessionsSince.get(since) as number;
    const contactedAfterHelp = q.contactedSince.get(since) as number;
    return { days: SELF_SERVICE_STATS_DAYS, helped, contactedAfterHelp, avoided: Math.max(0, helped - contactedAfterHelp) };
  };

  return {
    async helped(req, res) {
      const t = now();
      const address = deps.addressOf(req);
      const wait = perAddress.retryAfterMs(address, t);
      if (wait > 0) throw tooMany(wait);
      const body = parseBody(SelfServiceHelpedSchema, await readJsonBody(req));
      if (!body.ok) throw new HttpError(400, 'bad_request', body.message);
      perAddress.record(address, t);
      if ((q.countSince.get(t - DAY_MS) as number) >= SELF_SERVICE_ROWS_PER_DAY) throw tooMany(60 * 60 * 1000);
      if (t - purgedAt > 60 * 60 * 1000) {
        purgedAt = t;
        q.purge.run(t - SELF_SERVICE_KEEP_DAYS * DAY_MS);
      }
      const { sid, article } = body.value;
      q.insert.run(sid, article.id, article.title, t);
      sendJson(res, 200, { ok: true });
    },
    stats(req, res) {
      if (!auth.sessionOf(req)) throw new HttpError(401, 'unauthorized', 'Not logged in');
      sendJson(res, 200, statsAt(now()));
    },
    statsAt,
  };
}
