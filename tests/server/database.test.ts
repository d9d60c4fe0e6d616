// The SQLite file: durability pragmas, versioned migrations, and data surviving a restart.
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../src/server/embedded/database';
import { MIGRATIONS, migrate } from '../../src/server/embedded/migrations';
import { startCheckpoints } from '../../src/server/embedded/walCheckpoints';
import { SECRET, newClientId, visitor } from './helpers';
import { createEmbeddedServer } from '../../src/server/index';

const dir = mkdtempSync(join(tmpdir(), 'baton-db-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openDatabase', () => {
  it('uses WAL, synchronous FULL, foreign keys, a busy timeout, and the latest schema', () => {
    const db = openDatabase(join(dir, 'nested', 'a.sqlite'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    expect(db.prepare('SELECT version FROM schema_version').get()).toEqual({ version: MIGRATIONS.length });
    db.close();
    // Reopening runs nothing twice.
    const again = openDatabase(join(dir, 'nested', 'a.sqlite'));
    expect(again.prepare('SELECT COUNT(*) AS n FROM schema_version').get()).toEqual({ n: 1 });
    again.close();
  });

  it('runs pending migrations in order, each in a transaction, and refuses a newer file', () => {
    const db = new Database(':memory:');
    const ran: number[] = [];
    const steps = [() => ran.push(1), () => ran.push(2)];
    expect(migrate(db, steps)).toBe(2);
    expect(migrate(db, [...steps, (d: Database.Database) => { ran.push(3); d.exec('CREATE TABLE t (x)'); }])).toBe(3);
    expect(ran).toEqual([1, 2, 3]);
    // A failing migration leaves the previous version and no half-applied change.
    expect(() => migrate(db, [...steps, () => {}, (d: Database.Database) => { d.exec('CREATE TABLE half (x)'); throw new Error('boom'); }])).toThrow('boom');
    expect(db.prepare('SELECT version FROM schema_version').get()).toEqual({ version: 3 });
    expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'half'").get()).toEqual({ n: 0 });
    expect(() => migrate(db, steps)).toThrow(/newer than this Baton/);
    db.close();
  });
});

describe('WAL checkpoints (issue 13: never on the event loop)', () => {
  it('are run by a worker thread: the server connection never checkpoints, yet the WAL reaches the database file', async () => {
    const path = join(dir, 'wal.sqlite');
    const db = openDatabase(path);
    const checkpoints = startCheckpoints(db, path, 50);
    try {
      expect(checkpoints.mode).toBe('worker');
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      const before = statSync(path).size;
      // 1.5 MB: under SQLite's own threshold (1,000 pages, 4 MB), so only the worker can move it.
      db.exec('CREATE TABLE filler (x TEXT)');
      const insert = db.prepare('INSERT INTO filler (x) VALUES (?)');
      for (let i = 0; i < 300; i++) insert.run(`${i}`.padEnd(5000, 'x'));
      await vi.waitFor(() => expect(statSync(path).size).toBeGreaterThan(before + 1_500_000), { timeout: 10_000, interval: 50 });
      await vi.waitFor(() => expect(checkpoints.last?.checkpointed).toBe(checkpoints.last?.log), { timeout: 10_000, interval: 50 });
      // A commit after a complete checkpoint starts the WAL over (new salts in its header) and
      // reuses the file rather than growing it. (A commit that meets the worker mid-round leaves
      // it to the next one: small rows until it happens.)
      const walSize = statSync(`${path}-wal`).size;
      const salts = walSalts(`${path}-wal`);
      await vi.waitFor(
        () => {
          insert.run('one more');
          expect(walSalts(`${path}-wal`)).not.toEqual(salts);
        },
        { timeout: 10_000, interval: 20 },
      );
      expect(statSync(`${path}-wal`).size).toBeLessThan(walSize + 64 * 1024);
    } finally {
      await checkpoints.stop();
      db.close();
    }
    expect(readDbCount(path)).toBeGreaterThan(300);
  });

  it('stay with SQLite for an in-memory database (no file, no worker)', async () => {
    const db = openDatabase(':memory:');
    const checkpoints = startCheckpoints(db, ':memory:');
    expect(checkpoints.mode).toBe('sqlite');
    await checkpoints.stop();
    db.close();
  });
});

/** Salt-1 and salt-2 of a WAL file's header (bytes 16..23): new ones each time the WAL starts over. */
function walSalts(walPath: string): string {
  return readFileSync(walPath).subarray(16, 24).toString('hex');
}

function readDbCount(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM filler').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('restart', () => {
  it('keeps visitors, conversations and messages across a restart', async () => {
    const dbPath = join(dir, 'restart.sqlite');
    const consoleDir = join(dir, 'console');
    const first = await createEmbeddedServer({ dbPath, identitySecret: SECRET, consoleDir });
    const ts1 = { server: first, url: first.url, wsUrl: first.url.replace('http', 'ws'), origin: first.url, dbPath, close: () => first.close() };
    const v1 = await visitor(ts1);
    await v1.client.request({ type: 'send', clientId: newClientId(), text: 'before restart' }, 'ack');
    await first.close();

    const second = await createEmbeddedServer({ dbPath, identitySecret: SECRET, consoleDir });
    const ts2 = { server: second, url: second.url, wsUrl: second.url.replace('http', 'ws'), origin: second.url, dbPath, close: () => second.close() };
    const v2 = await visitor(ts2, { credential: v1.welcome.credential });
    expect(v2.welcome.visitorId).toBe(v1.welcome.visitorId);
    expect(v2.welcome.conversation.messages[0].text).toBe('before restart');
    v2.client.close();
    await second.close();
  });
});
