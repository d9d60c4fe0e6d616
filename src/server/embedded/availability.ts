/**
 * The availability the panel shows before the visitor types (src/protocol/availability.ts): business
 * hours on the server's clock, the median first-response time of the latest answered conversations
 * (one bounded query, cached a minute), and the waiting queue's length.
 */
import type Database from 'better-sqlite3';
import { REPLY_TIME_SAMPLE_MAX, REPLY_TIME_SAMPLE_MIN, type Availability } from '../../protocol/availability';
import { isOpen, nextOpening, type BusinessHours } from '../businessHours';

/** The reply time is recomputed at most this often. */
const REPLY_TIME_CACHE_MS = 60_000;
/** A first reply later than this (an offline message answered the next day) says nothing about live replies. */
const LIVE_REPLY_MAX_MS = 4 * 3_600_000;

export class AvailabilityService {
  private cached: { at: number; minutes: number | null } | null = null;
  private readonly firstReplies: Database.Statement<[number]>;
  private readonly waitingCount: Database.Statement<[]>;

  constructor(
    db: Database.Database,
    /** The site's hours; null: always open. */
    readonly hours: BusinessHours | null,
    /** The server's clock (createEmbeddedServer's `clock`). */
    readonly now: () => number,
  ) {
    // The latest conversations by rowid (insertion order, no index needed), each with its first
    // visitor message and first agent message (each found through the per-conversation index):
    // at most REPLY_TIME_SAMPLE_MAX rows, whatever the database holds.
    this.firstReplies = db.prepare(`
      SELECT
        (SELECT MIN(at) FROM messages m WHERE m.conversation_id = c.id AND m.sender = 'visitor') AS first_visitor,
        (SELECT MIN(at) FROM messages m WHERE m.conversation_id = c.id AND m.sender = 'agent') AS first_reply
      FROM conversations c ORDER BY c.rowid DESC LIMIT ?`);
    this.waitingCount = db.prepare(`SELECT COUNT(*) AS n FROM conversations WHERE status = 'waiting'`);
  }

  isOpen(at = this.now()): boolean {
    return !this.hours || isOpen(this.hours, at);
  }

  current(): Availability {
    const at = this.now();
    const open = this.isOpen(at);
    return {
      open,
      nextOpen: open || !this.hours ? null : nextOpening(this.hours, at),
      replyMinutes: this.replyMinutes(at),
      waiting: (this.waitingCount.get() as { n: number }).n,
    };
  }

  /** The median first reply in whole minutes (rounded up, at least 1), or null with too few answered. */
  private replyMinutes(at: number): number | null {
    if (this.cached && at - this.cached.at >= 0 && at - this.cached.at < REPLY_TIME_CACHE_MS) return this.cached.minutes;
    const waits = (this.firstReplies.all(REPLY_TIME_SAMPLE_MAX) as { first_visitor: number | null; first_reply: number | null }[])
      .filter((r) => r.first_visitor !== null && r.first_reply !== null && r.first_reply >= r.first_visitor)
      .map((r) => r.first_reply! - r.first_visitor!)
      .filter((w) => w <= LIVE_REPLY_MAX_MS)
      .sort((a, b) => a - b);
    let minutes: number | null = null;
    if (waits.length >= REPLY_TIME_SAMPLE_MIN) {
      const mid = waits.length >> 1;
      const median = waits.length % 2 ? waits[mid]! : (waits[mid - 1]! + waits[mid]!) / 2;
      minutes = Math.max(1, Math.ceil(median / 60_000));
    }
    this.cached = { at, minutes };
    return minutes;
  }
}
