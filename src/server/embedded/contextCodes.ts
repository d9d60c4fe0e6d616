/**
 * Context codes for click-to-call from a phone: the widget shows a 6-digit code, the caller types it,
 * and the voice webhook's Gather action redeems it to attach the conversation's context to the call.
 *
 * - A code is 6 digits from crypto.randomInt, kept as a string ('004217' stays '004217').
 * - Single use (redeeming deletes it), valid 10 minutes, one live code per conversation (issuing
 *   again replaces the previous one), so at most one live code per open conversation.
 * - Stored in plain text, on purpose: a hash of a 20-bit secret protects nothing (all 1,000,000
 *   candidates hash in well under a second), and whoever can read this file already reads the
 *   conversations and contexts themselves. The code's short life and single use are the protection.
 * - Lookups are rate-limited per requester (the caller's number), in SQLite so a restart does not
 *   reset the count: after 10 failures within 10 minutes every lookup is refused, the right code too.
 *
 * Odds of guessing: with L live codes each guess hits with probability L / 1,000,000. One requester
 * gets at most 10 failed guesses per 10 minutes, i.e. 1,440 a day: with one live code that is
 * 10 / 1e6 = 0.001% over the code's 10-minute life and about 0.14% per day of nonstop calling; with
 * 100 open conversations' codes live at once, 0.1% per window. Caller ids can be spoofed, so a global
 * ceiling (default 200 failures per 10 minutes across all requesters) bounds a distributed attempt to
 * 200 * L / 1e6 per window (0.02% per live code). A hit only attaches someone's context to the
 * attacker's call on the agent's screen: agents must not read it back to the caller unchecked.
 */
import { randomInt } from 'node:crypto';
import type Database from 'better-sqlite3';

export const CONTEXT_CODE_TTL_MS = 10 * 60 * 1000;
export const CONTEXT_CODE_FAILURES_MAX = 10;
export const CONTEXT_CODE_FAILURE_WINDOW_MS = 10 * 60 * 1000;
export const CONTEXT_CODE_GLOBAL_FAILURES_MAX = 200;
const CODE_PATTERN = /^[0-9]{6}$/;
const REQUESTER_MAX_CHARS = 128;

export interface ContextCodeOptions {
  now?: () => number;
  ttlMs?: number;
  /** Failures per requester within the window before lookups are refused. */
  maxFailures?: number;
  /** Failures across all requesters within the window before every lookup is refused. */
  maxGlobalFailures?: number;
  windowMs?: number;
}

export type RedeemResult =
  | { status: 'ok'; conversationId: string }
  | { status: 'not_found' }
  | { status: 'rate_limited'; retryAfterMs: number };

export interface ContextCodes {
  /** A fresh 6-digit code for the conversation, replacing any earlier one; expires after ttlMs. */
  issueCode(conversationId: string): { code: string; expiresAt: number };
  /** The conversation the code was issued for (consuming the code), or why not. */
  redeemCode(code: string, requester: string): RedeemResult;
}

export function createContextCodes(db: Database.Database, options: ContextCodeOptions = {}): ContextCodes {
  const now = options.now ?? Date.now;
  const ttlMs = options.ttlMs ?? CONTEXT_CODE_TTL_MS;
  const maxFailures = options.maxFailures ?? CONTEXT_CODE_FAILURES_MAX;
  const maxGlobal = options.maxGlobalFailures ?? CONTEXT_CODE_GLOBAL_FAILURES_MAX;
  const windowMs = options.windowMs ?? CONTEXT_CODE_FAILURE_WINDOW_MS;
  const q = {
    purgeCodes: db.prepare('DELETE FROM context_codes WHERE expires_at <= ?'),
    purgeFailures: db.prepare('DELETE FROM context_code_failures WHERE at <= ?'),
    dropForConversation: db.prepare('DELETE FROM context_codes WHERE conversation_id = ?'),
    insert: db.prepare('INSERT OR IGNORE INTO context_codes (code, conversation_id, created_at, expires_at) VALUES (?, ?, ?, ?)'),
    take: db.prepare('DELETE FROM context_codes WHERE code = ? RETURNING conversation_id, expires_at'),
    failures: db.prepare('SELECT COUNT(*) AS n, MIN(at) AS first FROM (SELECT at FROM context_code_failures WHERE requester = ? AND at > ? ORDER BY at DESC LIMIT ?)'),
    globalFailures: db.prepare('SELECT COUNT(*) AS n, MIN(at) AS first FROM (SELECT at FROM context_code_failures WHERE at > ? ORDER BY at DESC LIMIT ?)'),
    fail: db.prepare('INSERT INTO context_code_failures (requester, at) VALUES (?, ?)'),
  };

  const issue = db.transaction((conversationId: string) => {
    const t = now();
    q.purgeCodes.run(t);
    q.dropForConversation.run(conversationId);
    // A collision with another live code is retried; with few live codes it almost never happens.
    for (let attempt = 0; attempt < 20; attempt++) {
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      if (q.insert.run(code, conversationId, t, t + ttlMs).changes === 1) return { code, expiresAt: t + ttlMs };
    }
    throw new Error('issueCode: no free code found');
  });

  const redeem = db.transaction((code: string, requester: string): RedeemResult => {
    const t = now();
    const key = requester.slice(0, REQUESTER_MAX_CHARS);
    const since = t - windowMs;
    q.purgeFailures.run(since);
    const mine = q.failures.get(key, since, maxFailures) as { n: number; first: number | null };
    const all = q.globalFailures.get(since, maxGlobal) as { n: number; first: number | null };
    if (mine.n >= maxFailures || all.n >= maxGlobal) {
      const retry = Math.max(mine.n >= maxFailures ? mine.first! + windowMs - t : 0, all.n >= maxGlobal ? all.first! + windowMs - t : 0);
      return { status: 'rate_limited', retryAfterMs: Math.max(1, retry) };
    }
    const row = CODE_PATTERN.test(code) ? (q.take.get(code) as { conversation_id: string; expires_at: number } | undefined) : undefined;
    if (row && row.expires_at > t) return { status: 'ok', conversationId: row.conversation_id };
    q.fail.run(key, t);
    return { status: 'not_found' };
  });

  return {
    issueCode: (conversationId) => issue.immediate(conversationId),
    redeemCode: (code, requester) => redeem.immediate(code, requester),
  };
}
