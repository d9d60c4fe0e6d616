/**
 * Opens the SQLite file the embedded server keeps everything in.
 *
 * better-sqlite3 is synchronous: a statement has committed when the call returns, which is what
 * lets the server send `ack` only after the message is durably stored, with no callback juggling.
 * One connection serves the whole process (Node runs handlers one at a time anyway).
 */
import type Database from 'better-sqlite3';
import { peer } from '../peers';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DB_BUSY_TIMEOUT_MS } from './limits';
import { migrate } from './migrations';

export function openDatabase(path: string, busyTimeoutMs = DB_BUSY_TIMEOUT_MS): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new (peer<typeof Database>('better-sqlite3'))(path);
  try {
    // WAL: readers (backups, inspection) never block the server's writes.
    db.pragma('journal_mode = WAL');
    // FULL: the WAL is fsynced at every commit, so an acknowledged message survives a power cut.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
