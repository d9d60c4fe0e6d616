// @ts-check
// The WAL checkpointer's thread (./walCheckpoints.ts starts it): its own SQLite connection to the
// server's file copies committed pages from the WAL into the database, with the fsyncs that takes,
// so none of that ever runs on the server's event loop. Plain JavaScript so that Node runs it as
// is, from the sources (tests) and from dist/server alike; it imports only better-sqlite3.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

/** @type {{ path: string, intervalMs: number }} */
const { path, intervalMs } = workerData;
const db = new Database(path, { fileMustExist: true });
// The server's own durability: the database file is fsynced before the WAL is reused.
db.pragma('synchronous = FULL');

function checkpoint() {
  try {
    // PASSIVE: copies what it can without waiting for the server's writes or any reader.
    const [result] = /** @type {{ log: number, checkpointed: number }[]} */ (db.pragma('wal_checkpoint(PASSIVE)'));
    if (result) parentPort?.postMessage({ log: result.log, checkpointed: result.checkpointed });
  } catch {
    // SQLITE_BUSY and the like: the next round tries again.
  }
}

const timer = setInterval(checkpoint, intervalMs);
parentPort?.on('message', (message) => {
  if (message === 'stop') {
    clearInterval(timer);
    db.close();
    parentPort?.close();
  } else if (message === 'now') {
    checkpoint();
  }
});
