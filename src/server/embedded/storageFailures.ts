/**
 * When SQLite cannot commit (the database is locked by another process past the busy timeout,
 * the disk is full, an I/O error): nothing was stored, so nothing is acknowledged. The sender
 * gets `unavailable` with its clientId, which clients treat as "keep it and send it again later"
 * (the same clientId is stored once when it finally commits). A `hello` that could not be
 * answered closes the socket with 1013 (try again later) so the client reconnects with backoff.
 */
import { CLIENT_ID_PATTERN } from '../../protocol/chat';
import type { Connection } from './connections';

/** SQLite result codes (better-sqlite3's SqliteError.code) meaning "could not write now". */
const UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|FULL|IOERR|CANTOPEN|READONLY|PROTOCOL)/;
/** WebSocket close code 1013: try again later. */
export const TRY_AGAIN_LATER_CLOSE = 1013;

export function isStorageUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && UNAVAILABLE.test(code);
}

/**
 * Answers a frame whose handler threw because storage refused: true when it did (the caller
 * reports any other error as a bug).
 */
export function answerStorageFailure(conn: Connection<unknown>, raw: string, error: unknown): boolean {
  if (!isStorageUnavailable(error)) return false;
  let frame: { type?: unknown; clientId?: unknown } = {};
  try {
    frame = JSON.parse(raw) ?? {};
  } catch {
    // the handler parsed it before failing; nothing more to learn here
  }
  if (frame.type === 'hello') {
    conn.ws.close(TRY_AGAIN_LATER_CLOSE, 'storage unavailable');
    return true;
  }
  const clientId = typeof frame.clientId === 'string' && CLIENT_ID_PATTERN.test(frame.clientId) ? { clientId: frame.clientId } : {};
  conn.send({ type: 'error', code: 'unavailable', message: 'The server could not store this now: send it again later', ...clientId });
  return true;
}
