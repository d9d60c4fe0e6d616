/**
 * "Continue on your phone" links (issue 16), in SQLite: issued for a visitor's conversation,
 * redeemed once by another device within HANDOFF_TTL_MS, which then gets a credential of its own
 * for the same visitor (table visitor_credentials; ChatStore.visitorByCredential knows both kinds).
 *
 * The token is `<id>.<HMAC-SHA256(key, id)>`: the server checks its own signature (in constant
 * time) before it looks anything up, so a made-up id costs no query, and nothing in the link lets
 * anyone act as the visitor until the server has redeemed it, once. The key is 32 random bytes
 * made on first use and kept in the database (table server_keys), so links survive a restart.
 * Issuing a new link for a conversation retires its earlier unused ones.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type Database from 'better-sqlite3';
import { HANDOFF_TOKEN_PATTERN, HANDOFF_TTL_MS, type HandoffRefusal } from '../../protocol/handoff';
import { newId, newSecret, sha256Hex } from './secrets';
import { JOURNEY_MAX_ENTRIES, type JourneyEntry } from '../../protocol/context';

/**
 * A journey from before a device switch, then the new device's: the earlier entries the new
 * journey does not have (same time and path), oldest first, at most JOURNEY_MAX_ENTRIES (the
 * oldest go first).
 */
export function joinJourneys(before: readonly JourneyEntry[], after: readonly JourneyEntry[]): JourneyEntry[] {
  const seen = new Set(after.map((e) => `${e.at} ${e.path}`));
  const joined = [...before.filter((e) => !seen.has(`${e.at} ${e.path}`)), ...after].sort((a, b) => a.at - b.at);
  return joined.slice(-JOURNEY_MAX_ENTRIES);
}

export type RedeemOutcome =
  | { ok: true; visitorId: string; conversationId: string; from: string; credential: string }
  | { ok: false; refusal: HandoffRefusal };

export interface Handoffs {
  issue(a: { visitorId: string; conversationId: string; fromDevice: string; now: number }): { id: string; token: string; expiresAt: number };
  redeem(token: string, toDevice: string, now: number): RedeemOutcome;
  /**
   * The journey of the conversation up to its latest device switch (empty when none): what the
   * desktop had walked before the phone took over, kept under the phone's later contexts.
   */
  journeyBefore(conversationId: string): JourneyEntry[];
  /** What became of the visitor's link `id` (null: not theirs, or gone). */
  state(visitorId: string, id: string, now: number): { state: 'waiting' | 'used' | 'expired'; to?: string } | null;
}

interface Row {
  visitor_id: string;
  conversation_id: string;
  from_device: string;
  expires_at: number;
  used_at: number | null;
  to_device: string | null;
}

export function createHandoffs(db: Database.Database, ttlMs: number = HANDOFF_TTL_MS): Handoffs {
  const q = {
    key: db.prepare("SELECT key FROM server_keys WHERE name = 'handoff'"),
    addKey: db.prepare("INSERT OR IGNORE INTO server_keys (name, key, created_at) VALUES ('handoff', ?, ?)"),
    retire: db.prepare('UPDATE handoffs SET expires_at = MIN(expires_at, ?) WHERE conversation_id = ? AND used_at IS NULL'),
    insert: db.prepare('INSERT INTO handoffs (id, visitor_id, conversation_id, from_device, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)'),
    byId: db.prepare('SELECT visitor_id, conversation_id, from_device, expires_at, used_at, to_device FROM handoffs WHERE id = ?'),
    use: db.prepare(`UPDATE handoffs SET used_at = ?, to_device = ?,
      from_journey_json = (SELECT json_extract(context_json, '$.journey') FROM conversations WHERE id = handoffs.conversation_id)
      WHERE id = ? AND used_at IS NULL`),
    journey: db.prepare('SELECT from_journey_json AS j FROM handoffs WHERE conversation_id = ? AND used_at IS NOT NULL ORDER BY used_at DESC LIMIT 1'),
    addCredential: db.prepare('INSERT INTO visitor_credentials (credential_hash, visitor_id, handoff_id, created_at) VALUES (?, ?, ?, ?)'),
  };

  let key: Buffer | null = null;
  const keyOf = (now: number): Buffer => {
    if (key) return key;
    q.addKey.run(randomBytes(32), now);
    key = (q.key.get() as { key: Buffer }).key;
    return key;
  };
  const sign = (id: string, now: number) => createHmac('sha256', keyOf(now)).update(id, 'utf8').digest('base64url');

  const redeem = db.transaction((token: string, toDevice: string, now: number): RedeemOutcome => {
    if (!HANDOFF_TOKEN_PATTERN.test(token)) return { ok: false, refusal: 'handoff_invalid' };
    const [id, mac] = token.split('.') as [string, string];
    const expected = Buffer.from(sign(id, now), 'utf8');
    const given = Buffer.from(mac, 'utf8');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, refusal: 'handoff_invalid' };
    const row = q.byId.get(id) as Row | undefined;
    // Signed but gone: its conversation was deleted (retention), which is as good as expired.
    if (!row) return { ok: false, refusal: 'handoff_expired' };
    if (row.used_at !== null) return { ok: false, refusal: 'handoff_used' };
    if (row.expires_at <= now) return { ok: false, refusal: 'handoff_expired' };
    q.use.run(now, toDevice, id);
    const credential = newSecret();
    q.addCredential.run(sha256Hex(credential), row.visitor_id, id, now);
    return { ok: true, visitorId: row.visitor_id, conversationId: row.conversation_id, from: row.from_device, credential };
  });

  return {
    issue({ visitorId, conversationId, fromDevice, now }) {
      const id = newId('h');
      const expiresAt = now + ttlMs;
      db.transaction(() => {
        q.retire.run(now, conversationId);
        q.insert.run(id, visitorId, conversationId, fromDevice, now, expiresAt);
      }).immediate();
      return { id, token: `${id}.${sign(id, now)}`, expiresAt };
    },
    redeem: (token, toDevice, now) => redeem.immediate(token, toDevice, now),
    journeyBefore(conversationId) {
      const row = q.journey.get(conversationId) as { j: string | null } | undefined;
      try {
        const journey = row?.j ? (JSON.parse(row.j) as unknown) : [];
        return Array.isArray(journey) ? (journey as JourneyEntry[]) : [];
      } catch {
        return [];
      }
    },
    state(visitorId, id, now) {
      const row = q.byId.get(id) as Row | undefined;
      if (!row || row.visitor_id !== visitorId) return null;
      if (row.used_at !== null) return { state: 'used', to: row.to_device ?? '' };
      return { state: row.expires_at <= now ? 'expired' : 'waiting' };
    },
  };
}
