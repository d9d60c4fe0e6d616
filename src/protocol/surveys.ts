/**
 * Micro-surveys (issue 20): a proactive rule whose action is one question (docs/proactive.md),
 * answered next to the launcher; the answer goes to Baton's server with the page it was asked on,
 * and Insights counts the answers per page (src/server/embedded/surveys.ts). Paths, bodies, limits;
 * the server's validator is ./surveysSchema.ts.
 *
 *   POST HTTP_SURVEY_PATH  SurveyAnswerRequest -> 200 { ok: true } | 400 | 429
 *
 * Nothing about the person: `sid` is random per page (as self-service's), the question and the rule
 * are the site's own, the path is the page's path without its query. One answer per page session
 * and rule (a second is ignored); per address and per page session at most SURVEY_ANSWERS_PER_WINDOW
 * per SURVEY_WINDOW_MS.
 */
export const HTTP_SURVEY_PATH = '/api/visitor/survey';
/** The scales: 1 to 5, or yes (1) / no (0). */
export type SurveyScale = 'five' | 'yes_no';
/** Answers at or under this (1..5: 1 and 2; yes/no: no) are poor: the survey offers a chat. */
export const SURVEY_POOR_MAX: Record<SurveyScale, number> = { five: 2, yes_no: 0 };
export const SURVEY_QUESTION_MAX = 140;
export const SURVEY_PATH_MAX = 300;
export const SURVEY_ANSWERS_PER_WINDOW = 20;
export const SURVEY_WINDOW_MS = 10 * 60 * 1000;

export interface SurveyAnswerRequest {
  /** The page session (random, 16..64 url-safe characters: SELF_SERVICE_SID_PATTERN). */
  sid: string;
  /** The proactive rule's id. */
  rule: string;
  question: string;
  scale: SurveyScale;
  /** 1..5, or 1 (yes) / 0 (no). */
  answer: number;
  /** The page's path (no query), where it was asked. */
  path: string;
}
