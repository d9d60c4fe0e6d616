/**
 * Insights (issue 20): what led visitors to contact the team, from the context each conversation
 * carried when it began. Computed by the embedded server (src/server/embedded/insights.ts) from the
 * contact facts it extracts when a conversation opens (src/server/embedded/contactFacts.ts).
 *
 *   GET HTTP_AGENT_INSIGHTS_PATH?days=30&channel=all&top=10            (agent session) -> Insights | 400 | 401
 *   GET HTTP_AGENT_INSIGHTS_PATH?from=2026-11-01&to=2026-12-01          the same for a chosen period
 *   GET HTTP_AGENT_INSIGHTS_PATH?days=30&format=csv                      text/csv, one row per driver
 *
 * Aggregates only: counts, shares, averages, medians, and up to INSIGHTS_EXAMPLES_MAX conversation
 * ids per driver (an agent may open those anyway). Contacts whose visitor did not grant consent to
 * the context are not counted at all.
 */
export const HTTP_AGENT_INSIGHTS_PATH = '/api/agent/insights';
export const INSIGHTS_DAYS_DEFAULT = 30;
/** A period is at most a year and a day (a leap year's whole year). */
export const INSIGHTS_DAYS_MAX = 366;
/** Drivers listed per section: `top` is 1..INSIGHTS_TOP_MAX (default INSIGHTS_TOP_DEFAULT). */
export const INSIGHTS_TOP_DEFAULT = 10;
export const INSIGHTS_TOP_MAX = 50;
/** Example conversations per driver (the most recent). */
export const INSIGHTS_EXAMPLES_MAX = 3;

export type InsightsChannel = 'chat' | 'call' | 'all';
export const INSIGHTS_CHANNELS: readonly InsightsChannel[] = ['all', 'chat', 'call'];

/**
 * The kinds of contact facts, one section each:
 * - `page`: the page or SPA route the visitor was on when they made contact (path without the query);
 * - `rage_click`: the element rage-clicked (a CSS-like description), `error`: an error's message
 *   (uncaught errors and unhandled rejections), `form_invalid`: a refused form submit ("form / field");
 * - `campaign`: "utm_source / utm_medium / utm_campaign" of the visit; `click_id`: the click id's
 *   parameter name (gclid, fbclid, msclkid...), never its value;
 * - `entry`: how the conversation was started when it was not the launcher: `proactive:<rule id>`;
 * - `article`: a help article read in the panel before contacting anyway (its id; label: its title).
 */
export type InsightKind = 'page' | 'rage_click' | 'error' | 'form_invalid' | 'campaign' | 'click_id' | 'entry' | 'article';
export const INSIGHT_KINDS: readonly InsightKind[] = ['page', 'rage_click', 'error', 'form_invalid', 'campaign', 'click_id', 'entry', 'article'];

export interface InsightDriver {
  key: string;
  /** The page's title, the signal's page, the rule's message, the article's title ('' when none). */
  label: string;
  /** Contacts in the period this driver preceded. */
  contacts: number;
  /** contacts / all contacts in the period (0..1, 4 decimals). */
  share: number;
  /** The same count over the previous period of the same length, and contacts - previous. */
  previous: number;
  change: number;
  /** Satisfaction answers (1..5) of those contacts: how many, and their average (1 decimal). */
  csatCount: number;
  csatAverage: number | null;
  /** Median time from the conversation's start to its close, over those closed (null: none closed). */
  resolutionMedianMs: number | null;
  /** Up to INSIGHTS_EXAMPLES_MAX conversation ids, the most recent first. */
  examples: string[];
}

/** Micro-survey answers (src/protocol/surveys.ts) per page and question, in the period (every channel: they are not contacts). */
export interface InsightSurvey {
  /** The page it was asked on (path, no query). */
  path: string;
  /** The proactive rule that asked it. */
  rule: string;
  question: string;
  scale: 'five' | 'yes_no';
  answers: number;
  /** The mean answer: 1..5, or for yes/no the share of yes (0..1); 2 decimals. */
  average: number;
  /** Answers at or under SURVEY_POOR_MAX (1-2 of 5, or no). */
  poor: number;
}

export interface Insights {
  /** The period, ms since the epoch: [from, to). The previous period is [2 * from - to, from). */
  from: number;
  to: number;
  channel: InsightsChannel;
  /** Contacts (conversations and calls with consented context) in the period and in the previous one. */
  contacts: number;
  previousContacts: number;
  /** Per kind, the top drivers by contacts (most first). */
  drivers: Record<InsightKind, InsightDriver[]>;
  /** Micro-survey answers per page and question, most answered first (at most `top`). */
  surveys: InsightSurvey[];
}
