/**
 * Twilio webhooks, handled once per event. A signed webhook stays valid forever (X-Twilio-Signature
 * covers the URL and the parameters, no time), so whoever captured one could replay it; and Twilio
 * itself retries one it thinks failed. Each event is recorded under a key made of exactly what the
 * signature covers: a replay carries the same parameters (or its signature would not match), so it
 * finds its key and changes nothing. Kept in SQLite (createWebhookEventLog), a replay after a restart
 * changes nothing either; the in-memory log (the default) holds for the life of the process only.
 */
import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { peer } from '../peers';

/** How long an event's key is kept: as long as Baton keeps conversations (retention, 90 days). */
export const WEBHOOK_EVENT_KEEP_MS = 90 * 24 * 60 * 60 * 1000;
/** The in-memory log forgets the oldest keys beyond this. */
const MEMORY_KEYS_MAX = 50_000;

export interface WebhookEventLog {
  /** Records `key`: true the first time, false for a replay or a retry of a handled event (do nothing again). */
  first(key: string): boolean;
  /** Handling failed (Twilio will retry): forget the key so the retry is handled. */
  forget(key: string): void;
}

/** The key of one signed webhook: a hash of the URL and every parameter, in a fixed order. */
export function webhookEventKey(url: string, params: Record<string, string>): string {
  const hash = createHash('sha256').update(url, 'utf8');
  for (const name of Object.keys(params).sort()) hash.update(`\0${name}\0${params[name]}`, 'utf8');
  return hash.digest('base64url');
}

/** Keys in memory, for one process's life (a restart forgets them: use createWebhookEventLog in production). */
export function memoryWebhookEventLog(): WebhookEventLog {
  const keys = new Set<string>();
  return {
    first(key) {
      if (keys.has(key)) return false;
      keys.add(key);
      if (keys.size > MEMORY_KEYS_MAX) keys.delete(keys.values().next().value!);
      return true;
    },
    forget: (key) => void keys.delete(key),
  };
}

/**
 * Keys in a SQLite file (its folder is created; `:memory:` works for tests), kept WEBHOOK_EVENT_KEEP_MS.
 * `npm start` keeps it beside its database. `close()` when the server stops.
 */
export function createWebhookEventLog(options: { path: string; keepMs?: number; now?: () => number }): WebhookEventLog & { close(): void } {
  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
  const db = new (peer<typeof Database>('better-sqlite3'))(options.path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL'); // recorded means durable: a replay right after a crash is still refused
  db.exec('CREATE TABLE IF NOT EXISTS twilio_webhook_events (key TEXT PRIMARY KEY, at INTEGER NOT NULL)');
  db.exec('CREATE INDEX IF NOT EXISTS twilio_webhook_events_by_time ON twilio_webhook_events(at)');
  const keepMs = options.keepMs ?? WEBHOOK_EVENT_KEEP_MS;
  const now = options.now ?? Date.now;
  const insert = db.prepare('INSERT OR IGNORE INTO twilio_webhook_events (key, at) VALUES (?, ?)');
  const remove = db.prepare('DELETE FROM twilio_webhook_events WHERE key = ?');
  const purge = db.prepare('DELETE FROM twilio_webhook_events WHERE at < ?');
  purge.run(now() - keepMs);
  let sincePurge = 0;
  return {
    first(key) {
      const t = now();
      // Old keys go now and then (every 1,000 events): the table holds about keepMs of traffic.
      if (++sincePurge >= 1000) {
        sincePurge = 0;
        purge.run(t - keepMs);
      }
      return insert.run(key, t).changes === 1;
    },
    forget: (key) => void remove.run(key),
    close: () => db.close(),
  };
}
