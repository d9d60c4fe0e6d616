/**
 * Self-service over HTTP (embedded server): the widget says a help article answered the visitor's
 * question ("That helped", with no conversation open), and the agent console reads how many
 * conversations articles avoided. Paths, bodies and limits; the schema is ./selfServiceSchema.ts.
 *
 *   POST HTTP_SELF_SERVICE_PATH        { sid, article: { id, title } }  -> 200 { ok: true } | 400 | 429
 *   GET  HTTP_AGENT_SELF_SERVICE_PATH  (agent session)                  -> SelfServiceStats
 */
export const HTTP_SELF_SERVICE_PATH = '/api/visitor/self-service';
export const HTTP_AGENT_SELF_SERVICE_PATH = '/api/agent/self-service';

/** A page's self-service session: random, 16..64 url-safe characters, made by the widget per page. */
export const SELF_SERVICE_SID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
/** The stats cover this many days, up to now. */
export const SELF_SERVICE_STATS_DAYS = 7;

export interface SelfServiceHelpedRequest {
  sid: string;
  article: { id: string; title: string };
}

/** Over the last SELF_SERVICE_STATS_DAYS days. */
export interface SelfServiceStats {
  days: number;
  /** Page sessions in which an article was marked "That helped" while no conversation was open. */
  helped: number;
  /** Conversations opened after an article was marked "That helped" (their context says so). */
  contactedAfterHelp: number;
  /** helped - contactedAfterHelp, never below 0: conversations the articles avoided. */
  avoided: number;
}
