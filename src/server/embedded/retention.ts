/**
 * Retention: what the embedded server keeps, and for how long. Conversations hold what visitors
 * wrote and their context (pages, identity): nothing is kept forever.
 *
 * - A conversation with no activity (created, last message, closed) for `maxAgeMs` (default 90
 *   days, option `retentionDays`) is deleted with its messages and context codes.
 * - A visitor without a conversation (who never wrote, or whose conversations were deleted) and
 *   last seen more than a day ago is deleted: their credential and context (journey, identity)
 *   serve nothing but a chat that never came. Messages go with their conversation.
 * - A visitor with a socket open now is never deleted (their next message needs the row).
 *
 * The job runs at start and every RETENTION_SWEEP_INTERVAL_MS, in batches of RETENTION_BATCH rows
 * per transaction so a first sweep of a large, old database never blocks the event loop for long.
 * Files kept beside the database for a conversation (photos, when they come) must go with it:
 * register them with `onConversationsDeleted`, called with the ids after each batch commits.
 */
import type Database from 'better-sqlite3';

export const DEFAULT_RETENTION_DAYS = 90;
/** A visitor who never wrote is kept this long after they were last seen. */
export const SILENT_VISITOR_MAX_AGE_MS = 24 * 60 * 60 * 1000;
/** How often the job runs. Hourly: deletion is due by the day, the sweep finds little each time. */
export const RETENTION_SWEEP_INTERVAL_MS = 60 * 60 * 1000;
/** Rows per transaction (one batch takes a few milliseconds). */
export const RETENTION_BATCH = 500;
/** `retentionDays` allowed: at least a day, at most 100 years. */
export const RETENTION_DAYS_MIN = 1;
export const RETENTION_DAYS_MAX = 36_500;

export interface RetentionOptions {
  /** Conversations and visitors idle this long are deleted. */
  maxAgeMs: number;
  /** The clock (tests pass their own). */
  now?: () => number;
  /** True for a visitor with a socket open now: never deleted. */
  isLive?: (visitorId: string) => boolean;
}

export interface SweepResult {
  conversations: number;
  messages: number;
  visitors: number;
}

export class Retention {
  private readonly listeners: Array<(conversationIds: string[]) => void> = [];
  private readonly q;
  private readonly now: () => number;

  constructor(
    private readonly db: Database.Database,
    private readonly options: RetentionOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.q = {
      staleConversations: db.prepare(`
        SELECT c.id FROM conversations c
        LEFT JOIN messages m ON m.conversation_id = c.id AND m.idx = c.last_index
        WHERE MAX(c.created_at, COALESCE(c.closed_at, 0), COALESCE(m.at, 0)) < ?
        LIMIT ?`),
      deleteMessages: db.prepare('DELETE FROM messages WHERE conversation_id = ?'),
      deleteConversation: db.prepare('DELETE FROM conversations WHERE id = ?'),
      staleVisitors: db.prepare(`
        SELECT v.id FROM visitors v
        WHERE v.last_seen_at < @silentCutoff
          AND NOT EXISTS (SELECT 1 FROM conversations c WHERE c.visitor_id = v.id)
        ORDER BY v.last_seen_at
        LIMIT @limit OFFSET @skip`),
      deleteVisitor: db.prepare('DELETE FROM visitors WHERE id = ?'),
    };
  }

  /** Called with the ids of conversations just deleted (committed): delete what lives outside the database. */
  onConversationsDeleted(listener: (conversationIds: string[]) => void): void {
    this.listeners.push(listener);
  }

  /** Deletes everything due now. Returns what it deleted. */
  sweep(): SweepResult {
    const now = this.now();
    const cutoff = now - this.options.maxAgeMs;
    const result: SweepResult = { conversations: 0, messages: 0, visitors: 0 };
    for (;;) {
      const ids = (this.q.staleConversations.all(cutoff, RETENTION_BATCH) as { id: string }[]).map((r) => r.id);
      if (ids.length === 0) break;
      this.db.transaction(() => {
        for (const id of ids) {
          result.messages += this.q.deleteMessages.run(id).changes;
          result.conversations += this.q.deleteConversation.run(id).changes; // context codes: ON DELETE CASCADE
        }
      }).immediate();
      for (const listener of this.listeners) {
        try {
          listener(ids);
        } catch (error) {
          console.error('[baton] retention: a listener failed on deleted conversations:', error);
        }
      }
      if (ids.length < RETENTION_BATCH) break;
    }
    const silentCutoff = now - SILENT_VISITOR_MAX_AGE_MS;
    const isLive = this.options.isLive ?? (() => false);
    let skip = 0; // live visitors stay in the candidates: page past them
    for (;;) {
      const ids = (this.q.staleVisitors.all({ silentCutoff, limit: RETENTION_BATCH, skip }) as { id: string }[]).map((r) => r.id);
      if (ids.length === 0) break;
      const due = ids.filter((id) => !isLive(id));
      skip += ids.length - due.length;
      this.db.transaction(() => {
        for (const id of due) result.visitors += this.q.deleteVisitor.run(id).changes;
      }).immediate();
      if (ids.length < RETENTION_BATCH) break;
    }
    return result;
  }
}

/** `retentionDays` as milliseconds; throws a TypeError naming the allowed range. */
export function retentionMaxAgeMs(days: number = DEFAULT_RETENTION_DAYS): number {
  if (typeof days !== 'number' || !Number.isFinite(days) || days < RETENTION_DAYS_MIN || days > RETENTION_DAYS_MAX) {
    throw new TypeError(`createEmbeddedServer: retentionDays must be a number of days from ${RETENTION_DAYS_MIN} to ${RETENTION_DAYS_MAX}`);
  }
  return days * 24 * 60 * 60 * 1000;
}

/** Sweeps once after the current I/O (so at start), then every RETENTION_SWEEP_INTERVAL_MS; logs what it deleted. Returns stop(). */
export function scheduleRetention(retention: Retention): () => void {
  const run = () => {
    try {
      const done = retention.sweep();
      if (done.conversations || done.visitors) {
        console.log(`[baton] retention: deleted ${done.conversations} conversations (${done.messages} messages) and ${done.visitors} visitors`);
      }
    } catch (error) {
      console.error('[baton] retention sweep failed:', error);
    }
  };
  const first = setImmediate(run);
  const timer = setInterval(run, RETENTION_SWEEP_INTERVAL_MS);
  timer.unref();
  return () => {
    clearImmediate(first);
    clearInterval(timer);
  };
}
