/**
 * The Reports page's numbers (issue 15): GET HTTP_AGENT_REPORTS_PATH for a signed-in agent.
 * Every query is bounded: one period of at most REPORT_DAYS_MAX days, at most
 * REPORT_CONVERSATIONS_MAX conversations (the newest), and per conversation an index lookup into its
 * messages (first visitor and agent message, the call's system lines). Satisfaction answers are read
 * by their time (index conversations_by_csat); callbacks from the Callbacks list's table
 * (`callbacks`), counted on the day they were due.
 */
import type Database from 'better-sqlite3';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { REPORT_CONVERSATIONS_MAX, REPORT_DAYS_DEFAULT, REPORT_DAYS_MAX, type ReportDay, type Reports } from '../../protocol/reports';
import type { AgentAuth } from './agentAuth';
import { HttpError, sendJson } from './http';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ReportRoutes {
  reports(req: IncomingMessage, res: ServerResponse): void;
  /** The numbers for `days` days up to `now`, days cut at the offset `tz` (minutes, as getTimezoneOffset). */
  compute(days: number, tz: number, now: number): Reports;
}

interface ConversationRow {
  created_at: number;
  has_call: number;
  missed: number;
  first_visitor: number | null;
  first_agent: number | null;
}

export function createReports(deps: { db: Database.Database; auth: AgentAuth; now?: () => number }): ReportRoutes {
  const { db, auth } = deps;
  const now = deps.now ?? Date.now;
  const q = {
    conversations: db.prepare(`
      SELECT c.created_at,
        EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.sender = 'system' AND m.client_id LIKE 'call-%') AS has_call,
        (SELECT COUNT(*) FROM messages m WHERE m.conversation_id = c.id AND m.sender = 'system' AND m.client_id LIKE 'call-ended-%' AND m.text LIKE 'Missed call%') AS missed,
        (SELECT MIN(m.at) FROM messages m WHERE m.conversation_id = c.id AND m.sender = 'visitor') AS first_visitor,
        (SELECT MIN(m.at) FROM messages m WHERE m.conversation_id = c.id AND m.sender = 'agent') AS first_agent
      FROM conversations c WHERE c.created_at >= ? AND c.created_at < ?
      ORDER BY c.created_at DESC LIMIT ?`),
    csat: db.prepare('SELECT csat_score AS score, csat_at AS at FROM conversations WHERE csat_at >= ? AND csat_at < ?'),
    // The Callbacks list's table (migration 10): due_at, status booked | done | no_answer | cancelled.
    callbacks: db.prepare('SELECT due_at AS at, status FROM callbacks WHERE due_at >= ? AND due_at < ?'),
  };

  const compute = (days: number, tz: number, t: number): Reports => {
    const offset = tz * 60_000;
    // Local midnight of today (UTC - offset), then back `days - 1` days.
    const todayStart = Math.floor((t - offset) / DAY_MS) * DAY_MS + offset;
    const from = todayStart - (days - 1) * DAY_MS;
    const to = todayStart + DAY_MS;
    const keyOf = (at: number) => new Date(at - offset).toISOString().slice(0, 10);
    const list: (ReportDay & { responses: number[]; csatSum: number })[] = [];
    const byDay = new Map<string, ReportDay & { responses: number[]; csatSum: number }>();
    for (let d = from; d < to; d += DAY_MS) {
      const day = { day: keyOf(d), chats: 0, calls: 0, missedCalls: 0, firstResponseMedianMs: null, csatCount: 0, csatAverage: null, callbacksKept: 0, callbacksDue: 0, responses: [] as number[], csatSum: 0 };
      byDay.set(day.day, day);
      list.push(day);
    }
    const rows = q.conversations.all(from, to, REPORT_CONVERSATIONS_MAX + 1) as ConversationRow[];
    const truncated = rows.length > REPORT_CONVERSATIONS_MAX;
    const all: number[] = [];
    for (const r of rows.slice(0, REPORT_CONVERSATIONS_MAX)) {
      const day = byDay.get(keyOf(r.created_at));
      if (!day) continue;
      if (r.has_call) day.calls++;
      else day.chats++;
      day.missedCalls += r.missed;
      if (r.first_visitor !== null && r.first_agent !== null && r.first_agent >= r.first_visitor) {
        day.responses.push(r.first_agent - r.first_visitor);
        all.push(r.first_agent - r.first_visitor);
      }
    }
    const distribution: [number, number, number, number, number] = [0, 0, 0, 0, 0];
    let csatSum = 0;
    let csatCount = 0;
    for (const r of q.csat.all(from, to) as { score: number; at: number }[]) {
      const day = byDay.get(keyOf(r.at));
      if (!day || r.score < 1 || r.score > 5) continue;
      day.csatCount++;
      day.csatSum += r.score;
      distribution[r.score - 1]!++;
      csatSum += r.score;
      csatCount++;
    }
    let kept = 0;
    let due = 0;
    for (const r of q.callbacks.all(from, to) as { at: number; status: string }[]) {
      const day = byDay.get(keyOf(r.at));
      if (!day || r.status === 'cancelled') continue;
      day.callbacksDue++;
      due++;
      if (r.status === 'done') {
        day.callbacksKept++;
        kept++;
      }
    }
    const days_: ReportDay[] = list.map(({ responses, csatSum: sum, ...d }) => {
      const day = byDay.get(d.day)!;
      return { ...d, callbacksKept: day.callbacksKept, callbacksDue: day.callbacksDue, csatCount: day.csatCount, firstResponseMedianMs: median(responses), csatAverage: day.csatCount ? round1(sum / day.csatCount) : null };
    });
    const totals = days_.reduce((s, d) => ({ chats: s.chats + d.chats, calls: s.calls + d.calls, missed: s.missed + d.missedCalls }), { chats: 0, calls: 0, missed: 0 });
    return {
      days: days_,
      totals: {
        chats: totals.chats,
        calls: totals.calls,
        missedCalls: totals.missed,
        firstResponseMedianMs: median(all),
        firstResponses: all.length,
        csatCount,
        csatAverage: csatCount ? round1(csatSum / csatCount) : null,
        csatDistribution: distribution,
        callbacksKept: kept,
        callbacksDue: due,
      },
      truncated,
    };
  };

  return {
    compute,
    reports(req, res) {
      if (!auth.sessionOf(req)) throw new HttpError(401, 'unauthorized', 'Not logged in');
      const params = new URL(req.url ?? '/', 'http://x').searchParams;
      const days = params.has('days') ? Number(params.get('days')) : REPORT_DAYS_DEFAULT;
      const tz = params.has('tz') ? Number(params.get('tz')) : 0;
      if (!Number.isInteger(days) || days < 1 || days > REPORT_DAYS_MAX) throw new HttpError(400, 'bad_request', `days must be a whole number from 1 to ${REPORT_DAYS_MAX}`);
      if (!Number.isInteger(tz) || tz < -840 || tz > 840) throw new HttpError(400, 'bad_request', 'tz must be minutes from -840 to 840 (Date.getTimezoneOffset())');
      sendJson(res, 200, compute(days, tz, now()));
    },
  };
}

function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2);
}

const round1 = (n: number) => Math.round(n * 10) / 10;
