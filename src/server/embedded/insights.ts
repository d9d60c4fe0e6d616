/**
 * Insights (issue 20): GET HTTP_AGENT_INSIGHTS_PATH for a signed-in agent, as JSON or CSV
 * (src/protocol/insights.ts says what each number means).
 *
 * Computed from `contact_facts` (./contactFacts.ts: one row per conversation and fact, written when
 * it opened), never by parsing contexts: one covering-index range scan per kind for the period,
 * the conversations' satisfaction and close time by primary key, and a GROUP BY for the previous
 * period. A call is a conversation with a call's system line in it (client ids `call-…`, the
 * unique index on messages). Bounded: a period of at most INSIGHTS_DAYS_MAX days; the benchmark
 * (scripts/bench-insights.mjs) answers a year of 100,000 conversations.
 */
import type Database from 'better-sqlite3';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  INSIGHT_KINDS,
  INSIGHTS_CHANNELS,
  INSIGHTS_DAYS_DEFAULT,
  INSIGHTS_DAYS_MAX,
  INSIGHTS_EXAMPLES_MAX,
  INSIGHTS_TOP_DEFAULT,
  INSIGHTS_TOP_MAX,
  type InsightDriver,
  type InsightKind,
  type Insights,
  type InsightsChannel,
} from '../../protocol/insights';
import type { AgentAuth } from './agentAuth';
import { HttpError, sendJson, sendText } from './http';
import { insightsCsv } from './insightsCsv';
import type { Surveys } from './surveys';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface InsightsQuery {
  from: number;
  to: number;
  channel: InsightsChannel;
  top: number;
}

export interface InsightRoutes {
  insights(req: IncomingMessage, res: ServerResponse): void;
  compute(query: InsightsQuery): Insights;
}

/** The conversation has a call in it: a system line the call flow wrote (./calls.ts: client ids `call-…`). */
const HAS_CALL = (id: string) =>
  `EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = ${id} AND m.client_id >= 'call-' AND m.client_id < 'call.' AND m.sender = 'system')`;

const channelFilter = (channel: InsightsChannel, id: string) => (channel === 'all' ? '' : channel === 'call' ? `AND ${HAS_CALL(id)}` : `AND NOT ${HAS_CALL(id)}`);

type DriverRow = [key: string, contacts: number, label: string, csatCount: number, csatAverage: number | null, resolutionMedian: number | null];

export function createInsights(deps: { db: Database.Database; auth: AgentAuth; surveys?: Surveys; now?: () => number }): InsightRoutes {
  const { db, auth, surveys } = deps;
  const now = deps.now ?? Date.now;
  const statements = new Map<InsightsChannel, ReturnType<typeof prepare>>();
  // Every statement reads the covering indexes of migration 13 (contactFacts): contact_facts(kind, key, at, label)
  // and conversations(id, created_at, closed_at, csat_score); `median` is SQLite's (3.47+, built
  // into better-sqlite3).
  const prepare = (channel: InsightsChannel) => {
    const inPeriod = (f: string) => `${f}.at >= @from AND ${f}.at < @to ${channelFilter(channel, `${f}.conversation_id`)}`;
    return {
      // Every contact has exactly one page fact.
      contacts: db.prepare(`SELECT COUNT(*) FROM contact_facts f WHERE f.kind = 'page' AND ${inPeriod('f')}`).pluck(),
      previousContacts: db.prepare(`SELECT COUNT(*) FROM contact_facts f WHERE f.kind = 'page' AND f.at >= @previous AND f.at < @from ${channelFilter(channel, 'f.conversation_id')}`).pluck(),
      // The top keys by a GROUP BY over the index, then their contacts' satisfaction and resolution.
      drivers: db
        .prepare(
          `WITH top AS (
             SELECT f.key, COUNT(*) AS n, MAX(f.label) AS label FROM contact_facts f
             WHERE f.kind = @kind AND ${inPeriod('f')}
             GROUP BY f.key ORDER BY n DESC, f.key LIMIT @top)
           SELECT top.key, top.n, top.label, COUNT(c.csat_score), AVG(c.csat_score), median(c.closed_at - c.created_at)
           FROM top
           JOIN contact_facts f ON f.kind = @kind AND f.key = top.key AND ${inPeriod('f')}
           JOIN conversations c ON c.id = f.conversation_id
           GROUP BY top.key ORDER BY top.n DESC, top.key`,
        )
        .raw(),
      examples: db
        .prepare(`SELECT f.conversation_id FROM contact_facts f WHERE f.kind = @kind AND f.key = @key AND ${inPeriod('f')} ORDER BY f.at DESC LIMIT ${INSIGHTS_EXAMPLES_MAX}`)
        .pluck(),
      previous: db
        .prepare(`SELECT COUNT(*) FROM contact_facts f WHERE f.kind = @kind AND f.key = @key AND f.at >= @previous AND f.at < @from ${channelFilter(channel, 'f.conversation_id')}`)
        .pluck(),
    };
  };
  const q = (channel: InsightsChannel) => {
    let s = statements.get(channel);
    if (!s) statements.set(channel, (s = prepare(channel)));
    return s;
  };

  const compute = ({ from, to, channel, top }: InsightsQuery): Insights => {
    const s = q(channel);
    const period = { from, to, previous: from - (to - from) };
    const total = s.contacts.get(period) as number;
    const drivers = {} as Record<InsightKind, InsightDriver[]>;
    for (const kind of INSIGHT_KINDS) {
      drivers[kind] = (s.drivers.all({ ...period, kind, top }) as DriverRow[]).map(([key, contacts, label, csatCount, csatAverage, resolution]) => {
        const before = s.previous.get({ ...period, kind, key }) as number;
        return {
          key,
          label,
          contacts,
          share: total ? Math.round((contacts / total) * 10_000) / 10_000 : 0,
          previous: before,
          change: contacts - before,
          csatCount,
          csatAverage: csatAverage === null ? null : Math.round(csatAverage * 10) / 10,
          resolutionMedianMs: resolution === null ? null : Math.round(resolution),
          examples: s.examples.all({ ...period, kind, key }) as string[],
        };
      });
    }
    return { from, to, channel, contacts: total, previousContacts: s.previousContacts.get(period) as number, drivers, surveys: surveys?.insights(from, to, top) ?? [] };
  };

  return {
    compute,
    insights(req, res) {
      const t = now();
      if (!auth.sessionOf(req, t)) throw new HttpError(401, 'unauthorized', 'Not logged in');
      const params = new URL(req.url ?? '/', 'http://baton.invalid').searchParams;
      const query = parseQuery(params, t);
      const format = params.get('format') ?? 'json';
      if (format !== 'json' && format !== 'csv') throw new HttpError(400, 'bad_request', 'format must be json or csv');
      const result = compute(query);
      if (format === 'json') return sendJson(res, 200, result);
      const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
      sendText(res, 200, insightsCsv(result), 'text/csv; charset=utf-8', {
        'Content-Disposition': `attachment; filename="baton-insights-${day(query.from)}-${day(query.to)}-${query.channel}.csv"`,
      });
    },
  };
}

/** The period, channel and list length from the query string; a clear 400 for anything out of bounds. */
export function parseQuery(params: URLSearchParams, now: number): InsightsQuery {
  const bad = (message: string) => new HttpError(400, 'bad_request', message);
  const channel = (params.get('channel') ?? 'all') as InsightsChannel;
  if (!INSIGHTS_CHANNELS.includes(channel)) throw bad('channel must be chat, call or all');
  const top = params.has('top') ? Number(params.get('top')) : INSIGHTS_TOP_DEFAULT;
  if (!Number.isInteger(top) || top < 1 || top > INSIGHTS_TOP_MAX) throw bad(`top must be a whole number from 1 to ${INSIGHTS_TOP_MAX}`);
  let from: number;
  let to: number;
  if (params.has('from') || params.has('to')) {
    if (params.has('days')) throw bad('Give either days or from and to, not both');
    from = instant(params.get('from'));
    to = instant(params.get('to'));
    if (Number.isNaN(from) || Number.isNaN(to)) throw bad('from and to must both be dates (2026-11-01, ISO 8601) or ms since the epoch');
    if (to <= from) throw bad('to must be after from');
    if (to - from > INSIGHTS_DAYS_MAX * DAY_MS) throw bad(`The period is at most ${INSIGHTS_DAYS_MAX} days`);
  } else {
    const days = params.has('days') ? Number(params.get('days')) : INSIGHTS_DAYS_DEFAULT;
    if (!Number.isInteger(days) || days < 1 || days > INSIGHTS_DAYS_MAX) throw bad(`days must be a whole number from 1 to ${INSIGHTS_DAYS_MAX}`);
    // The last `days` days up to and including this millisecond: the period is [from, to), so an
    // answer or a contact stored in the same millisecond as the query still counts.
    to = now + 1;
    from = to - days * DAY_MS;
  }
  return { from, to, channel, top };
}

/** ms since the epoch, or an ISO 8601 date or date-time (a date alone is UTC midnight); NaN otherwise. */
function instant(value: string | null): number {
  if (value === null || value === '') return NaN;
  if (/^\d{1,15}$/.test(value)) return Number(value);
  if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) return NaN;
  return Date.parse(value);
}
