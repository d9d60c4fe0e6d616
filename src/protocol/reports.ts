/**
 * The console's Reports page (issue 15) over the agent API: one JSON answer with what the charts
 * draw, computed by the embedded server with bounded SQL (src/server/embedded/reports.ts).
 *
 *   GET HTTP_AGENT_REPORTS_PATH?days=14&tz=-60  (agent session) -> Reports | 401
 *
 * `days`: 1..REPORT_DAYS_MAX, up to today (default REPORT_DAYS_DEFAULT); `tz`: the console's
 * `Date.getTimezoneOffset()` in minutes (-840..840), so days are the agent's days.
 */
export const HTTP_AGENT_REPORTS_PATH = '/api/agent/reports';
export const REPORT_DAYS_DEFAULT = 14;
export const REPORT_DAYS_MAX = 90;
/** At most this many conversations are read for one report (the newest); `truncated` says when more were. */
export const REPORT_CONVERSATIONS_MAX = 20_000;

export interface ReportDay {
  /** The agent's local day, YYYY-MM-DD. */
  day: string;
  /** Conversations opened that day with no call in them. */
  chats: number;
  /** Conversations opened that day with a call (embedded WebRTC). */
  calls: number;
  /** Calls nobody answered, by the day their conversation opened. */
  missedCalls: number;
  /** Median time from the visitor's first message to the first agent message, for that day's conversations. */
  firstResponseMedianMs: number | null;
  /** Satisfaction answers given that day, and their average (1..5). */
  csatCount: number;
  csatAverage: number | null;
  /** Callbacks due that day and marked done; null when the server has no callbacks. */
  callbacksKept: number;
  callbacksDue: number;
}

export interface Reports {
  days: ReportDay[];
  /** Over the whole period. */
  totals: {
    chats: number;
    calls: number;
    missedCalls: number;
    firstResponseMedianMs: number | null;
    /** How many conversations had a first agent response (the median's sample). */
    firstResponses: number;
    csatCount: number;
    csatAverage: number | null;
    /** Answers per score, [score 1, ..., score 5]. */
    csatDistribution: [number, number, number, number, number];
    /** null: no callbacks on this server (the Callbacks list is not in use). */
    callbacksKept: number;
    callbacksDue: number;
  };
  /** More than REPORT_CONVERSATIONS_MAX conversations in the period: the oldest were left out. */
  truncated: boolean;
}
