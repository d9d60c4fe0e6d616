/**
 * The local outbox: the embedded server's default mailer. Nothing leaves the machine: each e-mail
 * is a row in `mail_outbox` (migration 8) and an `.eml` file in a folder beside the database
 * (`<dbPath>-outbox/`), which any mail client opens and `cat` shows (README: "E-mail"). The file
 * is written to a temporary name and renamed, so a reader never sees half of one.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { newId } from '../embedded/secrets';
import type { Mailer, OutgoingMail, SentMail } from './mailer';
import { buildMime, newMessageId } from './mime';

/** The `From:` of the local outbox's e-mails when the site names none. */
export const DEFAULT_MAIL_FROM = 'Baton <no-reply@baton.invalid>';

export interface OutboxEntry {
  id: string;
  conversationId: string | null;
  kind: OutgoingMail['kind'];
  to: string;
  subject: string;
  /** The `.eml` file's full path. */
  path: string;
  at: number;
}

export interface LocalOutbox extends Mailer {
  readonly dir: string;
  /** The latest e-mails, newest first (at most `limit`, 1..500). */
  list(limit?: number): OutboxEntry[];
}

export function createLocalOutbox(db: Database.Database, dir: string, from: string = DEFAULT_MAIL_FROM, clock: () => number = Date.now): LocalOutbox {
  const q = {
    insert: db.prepare('INSERT INTO mail_outbox (id, conversation_id, kind, to_address, subject, file, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    list: db.prepare('SELECT id, conversation_id, kind, to_address, subject, file, created_at FROM mail_outbox ORDER BY created_at DESC, rowid DESC LIMIT ?'),
  };
  return {
    name: 'outbox',
    from,
    dir,
    async send(mail: OutgoingMail): Promise<SentMail> {
      const now = clock();
      const id = newId('e');
      const messageId = newMessageId(from);
      const eml = buildMime({ from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, date: now, messageId });
      mkdirSync(dir, { recursive: true });
      const file = `${new Date(now).toISOString().replace(/[:.]/g, '-')}-${id}.eml`;
      const tmp = join(dir, `.${file}.tmp`);
      writeFileSync(tmp, eml, { mode: 0o600 });
      renameSync(tmp, join(dir, file));
      q.insert.run(id, mail.conversationId, mail.kind, mail.to, mail.subject, file, now);
      return { messageId };
    },
    list(limit = 50) {
      const rows = q.list.all(Math.min(500, Math.max(1, Math.floor(limit)))) as { id: string; conversation_id: string | null; kind: OutgoingMail['kind']; to_address: string; subject: string; file: string; created_at: number }[];
      return rows.map((r) => ({ id: r.id, conversationId: r.conversation_id, kind: r.kind, to: r.to_address, subject: r.subject, path: join(dir, r.file), at: r.created_at }));
    },
  };
}
