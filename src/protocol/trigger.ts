/**
 * Limits of a proactive rule as the context carries it (`trigger`, ./context.ts), shared by the
 * rule engine (src/core/proactive/rules.ts) and the server's schema (./contextSchema.ts). A file of
 * its own so that only the proactive chunk brings them to the browser, never the page's first load.
 */

/** The message as shown: 1..140 characters. */
export const TRIGGER_MESSAGE_MAX = 140;
/** What made it fire (a friction signal's type and detail, whose detail is at most SIGNAL_MESSAGE_MAX). */
export const TRIGGER_SIGNAL_MAX = 240;
/** Proactive rule ids: 1..64 characters of [A-Za-z0-9_.:-]. */
export const TRIGGER_RULE_PATTERN = /^[\w.:-]{1,64}$/;
