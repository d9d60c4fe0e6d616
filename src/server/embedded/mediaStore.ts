/**
 * Photo files beside the database (issue 16). Content-addressed: a file is named by the SHA-256 of
 * its bytes (`<dir>/ab/abcdef...`), written once (to a temporary name, then renamed, so a reader
 * never sees half a file), and deleted when no `media` row names it any more. The rows say which
 * conversation each attachment belongs to; who may read it is the routes' business (./mediaRoutes.ts).
 *
 * A conversation holds at most MEDIA_CONVERSATION_MAX_BYTES in MEDIA_CONVERSATION_MAX_FILES files.
 * When conversations are deleted (the retention job), `sweepOrphans()` deletes their rows and
 * the files nobody else names; it also runs at start, for a crash between the two.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { ChatMedia } from '../../protocol/chat';
import { MEDIA_CONVERSATION_MAX_BYTES, MEDIA_CONVERSATION_MAX_FILES } from './limits';
import type { InspectedImage } from './imageBytes';
import { newId } from './secrets';

export interface StoredFile {
  id: string;
  conversationId: string;
  contentType: string;
  size: number;
  path: string;
}

/** Thrown inside a commit's transaction when the conversation's photos are at their quota: nothing is stored. */
export class QuotaExceeded extends Error {
  constructor(
    readonly limit: 'bytes' | 'files',
    max: number,
  ) {
    super(
      limit === 'bytes'
        ? `This conversation's photos are at their limit (${Math.round(max / (1024 * 1024))} MB)`
        : `This conversation has the most photos it can hold (${max})`,
    );
  }
}

export interface MediaQuota {
  maxBytes: number;
  maxFiles: number;
}

export class MediaStore {
  private readonly q;

  constructor(
    private readonly db: Database.Database,
    /** The folder beside the database that holds the files. */
    readonly dir: string,
    private readonly quota: MediaQuota = { maxBytes: MEDIA_CONVERSATION_MAX_BYTES, maxFiles: MEDIA_CONVERSATION_MAX_FILES },
  ) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.q = {
      insert: db.prepare('INSERT INTO media (id, conversation_id, message_id, sha256, content_type, size, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      byId: db.prepare('SELECT id, conversation_id, sha256, content_type, size FROM media WHERE id = ?'),
      usage: db.prepare('SELECT COUNT(*) AS files, COALESCE(SUM(size), 0) AS bytes FROM media WHERE conversation_id = ?'),
      refs: db.prepare('SELECT 1 FROM media WHERE sha256 = ? LIMIT 1'),
      orphans: db.prepare('SELECT id, sha256 FROM media WHERE conversation_id NOT IN (SELECT id FROM conversations) LIMIT 500'),
      deleteRow: db.prepare('DELETE FROM media WHERE id = ?'),
    };
  }

  /**
   * Writes the bytes (if no file has them yet) and returns what a message will carry. Call before
   * the transaction that commits the message; `attach` then records the row inside it, and
   * `release` removes the file again if that transaction stored nothing.
   */
  write(image: InspectedImage, now: number): { sha256: string; media: ChatMedia; createdAt: number } {
    const sha256 = createHash('sha256').update(image.bytes).digest('hex');
    const path = this.pathOf(sha256);
    if (!existsSync(path)) {
      mkdirSync(join(this.dir, sha256.slice(0, 2)), { recursive: true, mode: 0o700 });
      const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
      // On disk before the message that names it commits (the message is acknowledged as stored).
      const fd = openSync(tmp, 'wx', 0o600);
      try {
        writeSync(fd, image.bytes);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, path);
    }
    const media: ChatMedia = { id: newId('f'), contentType: image.type, filename: null, size: image.bytes.length, width: image.width, height: image.height };
    return { sha256, media, createdAt: now };
  }

  /** Inside the commit's transaction: refuses (throws QuotaExceeded) when the conversation is full. */
  checkQuota(conversationId: string | null, size: number): void {
    if (!conversationId) return;
    const { files, bytes } = this.q.usage.get(conversationId) as { files: number; bytes: number };
    if (files + 1 > this.quota.maxFiles) throw new QuotaExceeded('files', this.quota.maxFiles);
    if (bytes + size > this.quota.maxBytes) throw new QuotaExceeded('bytes', this.quota.maxBytes);
  }

  /** Inside the commit's transaction: the row naming the file for this conversation and message. */
  attach(written: { sha256: string; media: ChatMedia; createdAt: number }, conversationId: string, messageId: string): void {
    const m = written.media;
    this.q.insert.run(m.id, conversationId, messageId, written.sha256, m.contentType, m.size, written.createdAt);
  }

  /** After a transaction that did not attach it: the file goes unless another row names it. */
  release(sha256: string): void {
    if (!this.q.refs.get(sha256)) this.unlink(sha256);
  }

  file(mediaId: string): StoredFile | null {
    const row = this.q.byId.get(mediaId) as { id: string; conversation_id: string; sha256: string; content_type: string; size: number } | undefined;
    if (!row) return null;
    return { id: row.id, conversationId: row.conversation_id, contentType: row.content_type, size: row.size, path: this.pathOf(row.sha256) };
  }

  /** Rows whose conversation is gone, and their files when nobody else names them. Returns how many rows. */
  sweepOrphans(): number {
    let removed = 0;
    for (;;) {
      const rows = this.q.orphans.all() as { id: string; sha256: string }[];
      if (rows.length === 0) return removed;
      this.db.transaction(() => {
        for (const r of rows) this.q.deleteRow.run(r.id);
      }).immediate();
      removed += rows.length;
      for (const sha of new Set(rows.map((r) => r.sha256))) this.release(sha);
    }
  }

  private pathOf(sha256: string): string {
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  private unlink(sha256: string): void {
    try {
      unlinkSync(this.pathOf(sha256));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') console.error('[baton] could not delete a photo file:', error);
    }
  }
}

/** The folder for photos beside a database file (`baton.sqlite-media`, like SQLite's own `-wal`; the e-mail outbox's is `-outbox`); a throwaway `:memory:` database gets a temporary one. */
export function mediaDirBeside(dbPath: string, tmp: () => string, suffix = 'media'): { dir: string; dispose(): void } {
  if (dbPath === ':memory:') {
    const dir = tmp();
    return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
  }
  return { dir: `${dbPath}-${suffix}`, dispose: () => undefined };
}
