/**
 * What the panel may truthfully say before the visitor types (issue 15): business hours, a reply
 * time measured from stored conversations, the queue. Sent by the embedded server with the
 * visitor status (`VisitorStatusResponse.availability`); the panel checks every field (status.ts).
 */
export interface Availability {
  /** Within the site's business hours now (always true when the site set none). */
  open: boolean;
  /** When closed: the next opening (ms since the epoch), null when none within the next 31 days. */
  nextOpen: number | null;
  /**
   * Median time from a visitor's first message to the first agent reply over recent conversations,
   * in whole minutes (at least 1); null when too few conversations were answered to say.
   */
  replyMinutes: number | null;
  /** Conversations waiting for an agent now (the queue a new conversation joins at the end of). */
  waiting: number;
}

/** The reply time is measured over the latest this many answered conversations (a bounded query). */
export const REPLY_TIME_SAMPLE_MAX = 200;
/** ...and only once at least this many were answered: fewer say nothing true. */
export const REPLY_TIME_SAMPLE_MIN = 5;

/** The panel's check of what the server sent: a malformed field is dropped, never shown. */
export function readAvailability(x: unknown): Availability | null {
  if (!x || typeof x !== 'object') return null;
  const a = x as Record<string, unknown>;
  const int = (v: unknown, max: number) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max;
  if (typeof a.open !== 'boolean' || !int(a.waiting, 1e6)) return null;
  return {
    open: a.open,
    nextOpen: int(a.nextOpen, 8.64e15) ? (a.nextOpen as number) : null,
    replyMinutes: int(a.replyMinutes, 7 * 24 * 60) && (a.replyMinutes as number) > 0 ? (a.replyMinutes as number) : null,
    waiting: a.waiting as number,
  };
}
