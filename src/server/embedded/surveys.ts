/**
 * Micro-survey answers on the embedded server (issue 20): POST HTTP_SURVEY_PATH from the widget's
 * survey chunk (src/ui/microSurvey.ts), and their counts per page for Insights (./insights.ts).
 *
 * Bounds: per address and per page session (sid) SURVEY_ANSWERS_PER_WINDOW answers per
 * SURVEY_WINDOW_MS (then 429 with Retry-After), one answer per page session and rule (a second is
 * ignored: the first stands), SURVEY_ROWS_PER_DAY in all per day, rows kept SURVEY_KEEP_DAYS days.
 * Nothing about the person is stored: see src/protocol/surveys.ts.
 */
import type Database from 'better-sqlite3';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseBody } from '../../protocol/chatSchema';
import type { InsightSurvey } from '../../protocol/insights';
import { SURVEY_ANSWERS_PER_WINDOW, SURVEY_POOR_MAX, SURVEY_WINDOW_MS, type SurveyScale } from '../../protocol/surveys';
import { SurveyAnswerSchema } from '../../protocol/surveysSchema';
import type { ClientAddressOf } from './clientAddress';
import { HttpError, readJsonBody, sendJson } from './http';
import { AttemptLimiter } from './rateLimits';

export const SURVEY_ROWS_PER_DAY = 20_000;
export const SURVEY_KEEP_DAYS = 400;
const DAY_MS = 24 * 60 * 60 * 1000;
const LIMITER_KEYS_MAX = 10_000;

export interface Surveys {
  answer(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Answers in [from, to) per page and question, most answered first, at most `top`. */
  insights(from: number, to: number, top: number): InsightSurvey[];
}

const tooMany = (ms: number) => {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return new HttpError(429, 'rate_limited', `Too many answers; try again in ${seconds} s`, { 'Retry-After': String(seconds) });
};

export function createSurveys(deps: { db: Database.Database; addressOf: ClientAddressOf; now?: () => number }): Surveys {
  const { db } = deps;
  const now = deps.now ?? Date.now;
  const perAddress = new AttemptLimiter(SURVEY_ANSWERS_PER_WINDOW, SURVEY_WINDOW_MS, LIMITER_KEYS_MAX);
  const perSession = new AttemptLimiter(SURVEY_ANSWERS_PER_WINDOW, SURVEY_WINDOW_MS, LIMITER_KEYS_MAX);
  const q = {
    insert: db.prepare('INSERT OR IGNORE INTO survey_answers (sid, rule, question, scale, answer, path, at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    countSince: db.prepare('SELECT COUNT(*) FROM survey_answers WHERE at >= ?').pluck(),
    purge: db.prepare('DELETE FROM survey_answers WHERE at < ?'),
    insights: db
      .prepare(
        `SELECT path, rule, question, scale, COUNT(*), AVG(answer),
           SUM(CASE WHEN scale = 'five' THEN answer <= ${SURVEY_POOR_MAX.five} ELSE answer <= ${SURVEY_POOR_MAX.yes_no} END)
         FROM survey_answers WHERE at >= ? AND at < ?
         GROUP BY path, rule, question, scale ORDER BY COUNT(*) DESC, path, rule LIMIT ?`,
      )
      .raw(),
  };
  let purgedAt = 0;

  return {
    async answer(req, res) {
      const t = now();
      const address = deps.addressOf(req);
      const wait = perAddress.retryAfterMs(address, t);
      if (wait > 0) throw tooMany(wait);
      const body = parseBody(SurveyAnswerSchema, await readJsonBody(req));
      if (!body.ok) throw new HttpError(400, 'bad_request', body.message);
      const a = body.value;
      const waitSession = perSession.retryAfterMs(a.sid, t);
      if (waitSession > 0) throw tooMany(waitSession);
      perAddress.record(address, t);
      perSession.record(a.sid, t);
      if ((q.countSince.get(t - DAY_MS) as number) >= SURVEY_ROWS_PER_DAY) throw tooMany(60 * 60 * 1000);
      if (t - purgedAt > 60 * 60 * 1000) {
        purgedAt = t;
        q.purge.run(t - SURVEY_KEEP_DAYS * DAY_MS);
      }
      q.insert.run(a.sid, a.rule, a.question, a.scale, a.answer, a.path, t);
      sendJson(res, 200, { ok: true });
    },
    insights(from, to, top) {
      return (q.insights.all(from, to, top) as [string, string, string, SurveyScale, number, number, number][]).map(([path, rule, question, scale, answers, average, poor]) => ({
        path,
        rule,
        question,
        scale,
        answers,
        average: Math.round(average * 100) / 100,
        poor,
      }));
    },
  };
}
