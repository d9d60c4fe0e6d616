/**
 * WAL checkpoints off the event loop (issue 13). SQLite's default moves pages from the WAL into
 * the database file inside whichever commit pushes the WAL past 1,000 pages: on this server that
 * is a message's commit, on the event loop, and with synchronous=FULL it fsyncs the database file
 * too (the relay bench saw the loop blocked up to 158 ms). Here the server's connection never
 * checkpoints (wal_autocheckpoint = 0) and a worker thread with its own connection runs PASSIVE
 * checkpoints every CHECKPOINT_INTERVAL_MS (./checkpointWorker.mjs): it never waits for the
 * server's writes, and the server's next commit after a complete one starts the WAL over.
 * If the worker cannot start, SQLite's own checkpoints are put back (slower, never unsafe).
 */
import type Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CHECKPOINT_INTERVAL_MS, WAL_SIZE_LIMIT_BYTES } from './limits';

/** SQLite's default wal_autocheckpoint (pages), restored when the worker is not there. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1000;
/** How long stop() waits for the worker to close its connection before terminating it. */
const STOP_TIMEOUT_MS = 2000;

export interface Checkpointer {
  /** 'worker' while the worker thread checkpoints; 'sqlite' when SQLite's own autocheckpoint does. */
  readonly mode: 'worker' | 'sqlite';
  /** The worker's latest round: frames in the WAL and how many of them are in the database file now. */
  readonly last: { log: number; checkpointed: number } | null;
  /** Stops the worker and closes its connection (before the server's own connection closes). */
  stop(): Promise<void>;
}

/**
 * The worker's file: beside this module in the sources, beside the bundle that holds this module
 * (dist/server/index.js, where rollup writes it), or one folder up from a chunk (dist/server/chunks/).
 */
function workerFile(): URL | null {
  for (const candidate of ['./checkpointWorker.mjs', '../checkpointWorker.mjs']) {
    const url = new URL(candidate, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return null;
}

export function startCheckpoints(db: Database.Database, path: string, intervalMs = CHECKPOINT_INTERVAL_MS): Checkpointer {
  // After a complete checkpoint the next commit rewinds the WAL; this keeps its file from staying huge after a burst.
  db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  const file = path === ':memory:' ? null : workerFile();
  if (!file) return sqliteCheckpoints(db, path === ':memory:' ? null : 'the checkpoint worker file is missing');

  db.pragma('wal_autocheckpoint = 0');
  const worker = new Worker(file, { workerData: { path, intervalMs } });
  worker.unref(); // never keeps the process alive on its own
  let mode: 'worker' | 'sqlite' = 'worker';
  let stopping = false;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const fallBack = (why: string) => {
    if (stopping || mode === 'sqlite' || !db.open) return;
    mode = 'sqlite';
    db.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`);
    console.error(`[baton] WAL checkpoints back on the event loop: ${why}`);
  };
  worker.on('error', (error) => fallBack(error.message));
  worker.on('exit', (code) => fallBack(`the checkpoint worker exited (${code})`));
  let last: { log: number; checkpointed: number } | null = null;
  worker.on('message', (m: { log: number; checkpointed: number }) => (last = m));

  return {
    get mode() {
      return mode;
    },
    get last() {
      return last;
    },
    async stop() {
      if (stopping) return exited;
      stopping = true;
      worker.postMessage('stop');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise<void>((resolve) => (timer = setTimeout(resolve, STOP_TIMEOUT_MS)))]);
      clearTimeout(timer);
      await worker.terminate();
    },
  };
}

function sqliteCheckpoints(db: Database.Database, why: string | null): Checkpointer {
  if (why) console.error(`[baton] WAL checkpoints stay on the event loop: ${why}`);
  db.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`);
  return { mode: 'sqlite', last: null, stop: async () => {} };
}
