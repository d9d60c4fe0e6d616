/**
 * The database schema, as an ordered list of migrations. Migration i (0-based) brings the schema from
 * version i to i + 1; each runs in its own transaction together with the version bump, so a crash
 * mid-upgrade leaves the previous version intact. Never edit a shipped migration: append a new one.
 */
import type Database from 'better-sqlite3';
import type { ContextSnapshot } from '../../protocol/context';
import { contactFactsOf } from './contactFacts';

export type Migration = ((db: Database.Database) => void) & {
  /**
   * Runs with foreign keys off (a table rebuild), then `foreign_key_check` must find nothing before
   * the commit. SQLite ignores `PRAGMA foreign_keys` inside a transaction, so migrate() sets it around.
   */
  withoutForeignKeys?: boolean;
};

/** Version 1: visitors, agents, sessions, conversations, messages. */
const initialSchema: Migration = (db) => {
  db.exec(`
    -- A visitor is known only by the hash of the credential their browser keeps.
    CREATE TABLE visitors (
      id               TEXT PRIMARY KEY,
      credential_hash  TEXT NOT NULL UNIQUE,
      created_at       INTEGER NOT NULL,
      last_seen_at     INTEGER NOT NULL,
      -- latest verified ContextSnapshot (proof stripped), copied into a conversation when it opens
      context_json     TEXT
    );

    CREATE TABLE agents (
      id             TEXT PRIMARY KEY,
      email          TEXT NOT NULL UNIQUE COLLATE NOCASE,
      name           TEXT NOT NULL,
      password_hash  TEXT NOT NULL,
      color          TEXT NOT NULL,
      created_at     INTEGER NOT NULL
    );

    CREATE TABLE sessions (
      token_hash  TEXT PRIMARY KEY,
      agent_id    TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
      created_at  INTEGER NOT NULL,
      expires_at  INTEGER NOT NULL
    );
    CREATE INDEX sessions_by_expiry ON sessions(expires_at);

    CREATE TABLE conversations (
      id                TEXT PRIMARY KEY,
      visitor_id        TEXT NOT NULL REFERENCES visitors(id),
      status            TEXT NOT NULL CHECK (status IN ('waiting', 'active', 'offline', 'closed')),
      agent_id          TEXT REFERENCES agents(id),
      created_at        INTEGER NOT NULL,
      waiting_since     INTEGER NOT NULL,
      closed_at         INTEGER,
      close_note        TEXT,
      email             TEXT,
      -- latest verified ContextSnapshot; the columns after it are derived from it for queue summaries
      context_json      TEXT,
      visitor_name      TEXT,
      visitor_email     TEXT,
      visitor_verified  INTEGER NOT NULL DEFAULT 0,
      page_title        TEXT,
      page_path         TEXT,
      read_index        INTEGER NOT NULL DEFAULT 0,
      last_index        INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX conversations_by_visitor ON conversations(visitor_id, created_at);
    CREATE INDEX conversations_by_status ON conversations(status, waiting_since);
    CREATE INDEX conversations_by_agent ON conversations(agent_id, status);

    CREATE TABLE messages (
      id               TEXT PRIMARY KEY,
      conversation_id  TEXT NOT NULL REFERENCES conversations(id),
      idx              INTEGER NOT NULL,
      client_id        TEXT NOT NULL,
      sender           TEXT NOT NULL CHECK (sender IN ('visitor', 'agent', 'system')),
      text             TEXT NOT NULL,
      at               INTEGER NOT NULL,
      agent_id         TEXT REFERENCES agents(id),
      UNIQUE (conversation_id, client_id),
      UNIQUE (conversation_id, idx)
    );
  `);
};

/** Version 2: click-to-call context codes (./contextCodes.ts) and their failed lookups, for rate limiting. */
const contextCodes: Migration = (db) => {
  db.exec(`
    -- Plain 6-digit codes, single use, 10-minute life: see contextCodes.ts for why not hashed.
    CREATE TABLE context_codes (
      code             TEXT PRIMARY KEY,
      conversation_id  TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
      created_at       INTEGER NOT NULL,
      expires_at       INTEGER NOT NULL
    );
    CREATE INDEX context_codes_by_conversation ON context_codes(conversation_id);
    CREATE INDEX context_codes_by_expiry ON context_codes(expires_at);

    CREATE TABLE context_code_failures (
      requester  TEXT NOT NULL,
      at         INTEGER NOT NULL
    );
    CREATE INDEX context_code_failures_by_requester ON context_code_failures(requester, at);
    CREATE INDEX context_code_failures_by_time ON context_code_failures(at);
  `);
};

/** Version 3: retention (./retention.ts) finds visitors by when they were last seen. */
const retentionIndexes: Migration = (db) => {
  db.exec('CREATE INDEX visitors_by_last_seen ON visitors(last_seen_at)');
};

/** Version 4 (issue 16): photos (./mediaStore.ts). */
const photos: Migration = (db) => {
  db.exec(`
    -- The photos attached to a message, as ChatMedia[] JSON (null: a text message).
    ALTER TABLE messages ADD COLUMN media_json TEXT;

    -- One row per attached file. The bytes live beside the database, named by their SHA-256
    -- (content-addressed: the same photo sent twice is one file). No foreign key on the
    -- conversation: the rows outlive a deleted conversation by one step, so the files they name
    -- can be found and deleted (MediaStore.sweepOrphans).
    CREATE TABLE media (
      id               TEXT PRIMARY KEY,
      conversation_id  TEXT NOT NULL,
      message_id       TEXT NOT NULL,
      sha256           TEXT NOT NULL,
      content_type     TEXT NOT NULL,
      size             INTEGER NOT NULL,
      created_at       INTEGER NOT NULL
    );
    CREATE INDEX media_by_conversation ON media(conversation_id);
    CREATE INDEX media_by_sha ON media(sha256);
  `);
};

/** Version 5 (issue 16): "Continue on your phone" (./handoffs.ts). */
const handoffs: Migration = (db) => {
  db.exec(`
    -- Keys the server signs with, made on first use (name 'handoff': the links' HMAC key).
    CREATE TABLE server_keys (
      name             TEXT PRIMARY KEY,
      key              BLOB NOT NULL,
      created_at       INTEGER NOT NULL
    );

    -- More credentials for one visitor: the phone that redeemed a handoff link gets its own (as a
    -- SHA-256, like visitors.credential_hash), so the desktop's never travels.
    CREATE TABLE visitor_credentials (
      credential_hash  TEXT PRIMARY KEY,
      visitor_id       TEXT NOT NULL REFERENCES visitors(id) ON DELETE CASCADE,
      handoff_id       TEXT NOT NULL,
      created_at       INTEGER NOT NULL
    );
    CREATE INDEX visitor_credentials_by_visitor ON visitor_credentials(visitor_id);

    -- The links: single use, 10 minutes; the link carries the id and its HMAC, never a credential.
    -- Deleted with their conversation (retention), so the record of a device switch goes with it.
    CREATE TABLE handoffs (
      id               TEXT PRIMARY KEY,
      visitor_id       TEXT NOT NULL REFERENCES visitors(id) ON DELETE CASCADE,
      conversation_id  TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
      from_device      TEXT NOT NULL,
      created_at       INTEGER NOT NULL,
      expires_at       INTEGER NOT NULL,
      used_at          INTEGER,
      to_device        TEXT,
      -- The journey the conversation's context had when the phone took over (JourneyEntry[] JSON):
      -- the phone's contexts carry only its own pages, the agent keeps seeing the whole way.
      from_journey_json TEXT
    );
    CREATE INDEX handoffs_by_conversation ON handoffs(conversation_id);
  `);
};


/**
 * Version 6: "That helped" answers on help articles (./selfService.ts), counted against the
 * conversations that follow them: what the console reports as conversations avoided.
 */
const selfServiceHelped: Migration = (db) => {
  db.exec(`
    -- One row per page session (sid: random, made by the widget) and article; nothing about the person.
    CREATE TABLE self_service_helped (
      sid         TEXT NOT NULL,
      article_id  TEXT NOT NULL,
      title       TEXT NOT NULL,
      at          INTEGER NOT NULL,
      PRIMARY KEY (sid, article_id)
    );
    CREATE INDEX self_service_helped_by_time ON self_service_helped(at);
  `);
};

/**
 * Version 7: the site's bot (./bot.ts). A conversation remembers whether its bot is answering or
 * handed it over, and how many replies the bot gave (its cap); messages may come from the bot.
 *
 * SQLite cannot alter a CHECK constraint, so `messages` is rebuilt with `'bot'` allowed, the way
 * SQLite's documentation says (sqlite.org/lang_altertable.html, "other kinds of table schema
 * changes"): the new table from the old one's own SQL (so columns a later feature added are kept),
 * rows copied, old dropped, new renamed, indexes made again, with foreign keys off (a table
 * referring to messages must neither block nor cascade the drop) and checked before the commit.
 */
const botConversations: Migration = Object.assign((db: Database.Database) => {
  db.exec(`
    ALTER TABLE conversations ADD COLUMN bot_state TEXT CHECK (bot_state IN ('answering', 'handed_over'));
    ALTER TABLE conversations ADD COLUMN bot_replies INTEGER NOT NULL DEFAULT 0;
  `);
  const table = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'messages'").get() as { sql: string };
  const check = /CHECK\s*\(\s*sender\s+IN\s*\(\s*'visitor',\s*'agent',\s*'system'\s*\)\s*\)/i;
  if (!check.test(table.sql)) throw new Error('migration 7: the messages table does not have the expected sender CHECK');
  const created = table.sql.replace(check, "CHECK (sender IN ('visitor', 'agent', 'bot', 'system'))").replace(/^CREATE TABLE\s+"?messages"?/i, 'CREATE TABLE messages_v7');
  const indexes = (db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'messages' AND sql IS NOT NULL").all() as { sql: string }[]).map((r) => r.sql);
  db.exec(`${created};
    INSERT INTO messages_v7 SELECT * FROM messages;
    DROP TABLE messages;
    ALTER TABLE messages_v7 RENAME TO messages;`);
  for (const sql of indexes) db.exec(sql);
}, { withoutForeignKeys: true });

/**
 * Version 8 (issue 15): replies by e-mail and the satisfaction survey.
 * - The visitor's e-mail, asked in the thread when nobody can answer live, is kept with the visitor
 *   (so a later conversation knows it) as well as on the conversation (`conversations.email`, v1).
 * - A reply the visitor has not seen goes by e-mail once the conversation's `mail_due_at` comes
 *   (set by the first such reply, so a burst of replies is one e-mail); `mailed_index` is the last
 *   message an e-mail carried.
 * - One satisfaction answer per conversation (1..5 and an optional comment), after a chat closes
 *   or a call ends; the server keeps the first.
 * - The local outbox (../mail/localOutbox.ts): every e-mail the embedded default "sends", its
 *   `.eml` file beside the database. Rows go with their conversation (retention).
 */
const mailAndSatisfaction: Migration = (db) => {
  db.exec(`
    ALTER TABLE visitors ADD COLUMN email TEXT;
    ALTER TABLE conversations ADD COLUMN mail_due_at INTEGER;
    ALTER TABLE conversations ADD COLUMN mailed_index INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX conversations_by_mail_due ON conversations(mail_due_at) WHERE mail_due_at IS NOT NULL;
    ALTER TABLE conversations ADD COLUMN csat_score INTEGER CHECK (csat_score BETWEEN 1 AND 5);
    ALTER TABLE conversations ADD COLUMN csat_comment TEXT;
    ALTER TABLE conversations ADD COLUMN csat_at INTEGER;
    CREATE INDEX conversations_by_csat ON conversations(csat_at) WHERE csat_at IS NOT NULL;

    CREATE TABLE mail_outbox (
      id               TEXT PRIMARY KEY,
      conversation_id  TEXT REFERENCES conversations(id) ON DELETE CASCADE,
      kind             TEXT NOT NULL CHECK (kind IN ('reply', 'transcript')),
      to_address       TEXT NOT NULL,
      subject          TEXT NOT NULL,
      -- the .eml file's name in the outbox folder beside the database
      file             TEXT NOT NULL,
      created_at       INTEGER NOT NULL
    );
    CREATE INDEX mail_outbox_by_time ON mail_outbox(created_at);
    CREATE INDEX mail_outbox_by_conversation ON mail_outbox(conversation_id);
  `);
};

/**
 * Version 9 (issue 17): finding conversations again (./conversationSearch.ts).
 * - `messages_fts`: FTS5 over messages' text, an external-content index kept by triggers (so the
 *   retention job's deletes and any insert keep it true). A later migration that rebuilds `messages`
 *   (as version 7 did) must rebuild this index too: the rowids change.
 * - `people_fts`: FTS5 over each conversation's visitor (name, e-mail, the site's id), keyed by the
 *   conversation's rowid, kept by triggers on `conversations`.
 * - `conversation_tags`: agents' tags, lower-case, deleted with their conversation.
 * - An index on the verified id in a conversation's context: a returning visitor's conversations
 *   from another browser are found by it (never by an unverified, claimed id).
 */
const conversationSearch: Migration = (db) => {
  const who = (c: string) =>
    `coalesce(${c}.visitor_name, '') || ' ' || coalesce(${c}.visitor_email, '') || ' ' || coalesce(json_extract(${c}.context_json, '$.identity.id'), '') || ' ' || coalesce(${c}.email, '')`;
  db.exec(`
    CREATE VIRTUAL TABLE messages_fts USING fts5(text, content='messages', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
    INSERT INTO messages_fts(rowid, text) SELECT rowid, text FROM messages;
    CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
      INSERT INTO messages_fts(rowid, text) VALUES (new.rowid, new.text);
    END;
    CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
      INSERT INTO messages_fts(messages_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
    END;
    CREATE TRIGGER messages_fts_update AFTER UPDATE OF text ON messages BEGIN
      INSERT INTO messages_fts(messages_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
      INSERT INTO messages_fts(rowid, text) VALUES (new.rowid, new.text);
    END;

    CREATE VIRTUAL TABLE people_fts USING fts5(who, tokenize='unicode61 remove_diacritics 2');
    INSERT INTO people_fts(rowid, who) SELECT c.rowid, ${who('c')} FROM conversations c;
    CREATE TRIGGER people_fts_insert AFTER INSERT ON conversations BEGIN
      INSERT INTO people_fts(rowid, who) VALUES (new.rowid, ${who('new')});
    END;
    CREATE TRIGGER people_fts_update AFTER UPDATE OF visitor_name, visitor_email, context_json, email ON conversations BEGIN
      DELETE FROM people_fts WHERE rowid = old.rowid;
      INSERT INTO people_fts(rowid, who) VALUES (new.rowid, ${who('new')});
    END;
    CREATE TRIGGER people_fts_delete AFTER DELETE ON conversations BEGIN
      DELETE FROM people_fts WHERE rowid = old.rowid;
    END;

    CREATE TABLE conversation_tags (
      conversation_id  TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
      tag              TEXT NOT NULL,
      agent_id         TEXT REFERENCES agents(id) ON DELETE SET NULL,
      at               INTEGER NOT NULL,
      PRIMARY KEY (conversation_id, tag)
    ) WITHOUT ROWID;
    CREATE INDEX conversation_tags_by_tag ON conversation_tags(tag);

    CREATE INDEX conversations_by_verified_id ON conversations(json_extract(context_json, '$.identity.id'))
      WHERE json_extract(context_json, '$.identity.verified.id') = 1;
    CREATE INDEX conversations_by_created ON conversations(created_at);
  `);
};

/**
 * Version 10: scheduled callbacks (issue 15, ./callbacks.ts). A visitor books a slot within business
 * hours with a phone number (E.164); agents mark it done, no answer, or move it. The Reports page
 * counts "callbacks kept" from `status = 'done'`.
 */
const callbacks: Migration = (db) => {
  db.exec(`
    CREATE TABLE callbacks (
      id               TEXT PRIMARY KEY,
      visitor_id       TEXT NOT NULL REFERENCES visitors(id) ON DELETE CASCADE,
      conversation_id  TEXT REFERENCES conversations(id) ON DELETE CASCADE,
      phone            TEXT NOT NULL,
      due_at           INTEGER NOT NULL,
      status           TEXT NOT NULL CHECK (status IN ('booked', 'done', 'no_answer', 'cancelled')),
      created_at       INTEGER NOT NULL,
      done_at          INTEGER,
      -- SHA-256 of the booking's client address: bookings per address, counted across restarts
      address          TEXT NOT NULL
    );
    CREATE INDEX callbacks_by_status ON callbacks(status, due_at);
    CREATE INDEX callbacks_by_visitor ON callbacks(visitor_id, created_at);
    CREATE INDEX callbacks_by_address ON callbacks(address, created_at);
    CREATE INDEX callbacks_by_conversation ON callbacks(conversation_id);
  `);
};

/**
 * Version 11 (issue 17): the agents' desk. Internal notes live in a table of their own, apart from
 * `messages`: every query a visitor's socket runs reads `messages` only, so a note cannot reach a
 * visitor by any path (live, welcome, sync, unread count). Canned replies: a team's (no owner) or
 * one agent's own. Agents get a role (agents created before are admins: they ran the server) and
 * can be disabled (kept, for the conversations they wrote in, but signed out and refused).
 */
const deskNotesAndReplies: Migration = (db) => {
  db.exec(`
    CREATE TABLE notes (
      id               TEXT PRIMARY KEY,
      conversation_id  TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
      client_id        TEXT NOT NULL,
      agent_id         TEXT REFERENCES agents(id),
      -- the conversation's last message index when it was written: the thread shows it after that one
      after_index      INTEGER NOT NULL,
      text             TEXT NOT NULL,
      at               INTEGER NOT NULL,
      UNIQUE (conversation_id, client_id)
    );

    CREATE TABLE canned_replies (
      id               TEXT PRIMARY KEY,
      -- null: the team's (admins edit them); else that agent's own
      owner_id         TEXT REFERENCES agents(id) ON DELETE CASCADE,
      shortcut         TEXT NOT NULL,
      text             TEXT NOT NULL,
      created_at       INTEGER NOT NULL,
      updated_at       INTEGER NOT NULL
    );
    CREATE INDEX canned_replies_by_owner ON canned_replies(owner_id);

    ALTER TABLE agents ADD COLUMN role TEXT NOT NULL DEFAULT 'admin' CHECK (role IN ('admin', 'agent'));
    ALTER TABLE agents ADD COLUMN disabled_at INTEGER;
  `);
};

/** Version 12 (issue 17): a transfer leaves a note saying to whom (the note's text is the agent's word for them). */
const transferNotes: Migration = (db) => {
  db.exec('ALTER TABLE notes ADD COLUMN transfer_to TEXT REFERENCES agents(id)');
};

/**
 * Version 13 (issue 20): contact facts for Insights (./contactFacts.ts, ./insights.ts). One row per
 * conversation and fact (its page, friction signals, campaign, click ids, entry, articles read), with
 * the conversation's start time, so a period's drivers are one range scan and a GROUP BY, not JSON
 * parsed per conversation. Existing conversations get theirs from the context they hold now (the
 * best this data can tell; new ones from their first context). Deleted with their conversation.
 */
const contactFacts: Migration = (db) => {
  db.exec(`
    CREATE TABLE contact_facts (
      conversation_id  TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
      at               INTEGER NOT NULL,
      kind             TEXT NOT NULL,
      key              TEXT NOT NULL,
      label            TEXT NOT NULL,
      PRIMARY KEY (conversation_id, kind, key)
    ) WITHOUT ROWID;
    -- Covering for a period's drivers of one kind, grouped by key (the primary key adds conversation_id).
    CREATE INDEX contact_facts_by_key ON contact_facts(kind, key, at, label);
    -- What Insights reads of each contact, without the row (its context_json comes first: reading
    -- a column after it walks the JSON's overflow pages).
    CREATE INDEX conversations_outcome ON conversations(id, created_at, closed_at, csat_score);
  `);
  const insert = db.prepare('INSERT OR IGNORE INTO contact_facts (conversation_id, at, kind, key, label) VALUES (?, ?, ?, ?, ?)');
  // In pages of 500 by rowid: a statement cannot write while another still iterates, and a year of
  // contexts (up to 8 KB each) should not sit in memory at once.
  const page = db.prepare('SELECT rowid AS r, id, created_at, context_json FROM conversations WHERE rowid > ? AND context_json IS NOT NULL ORDER BY rowid LIMIT 500');
  for (let after = 0; ; ) {
    const rows = page.all(after) as { r: number; id: string; created_at: number; context_json: string }[];
    if (!rows.length) break;
    for (const row of rows) {
      try {
        for (const f of contactFactsOf(JSON.parse(row.context_json) as ContextSnapshot)) insert.run(row.id, row.created_at, f.kind, f.key, f.label);
      } catch {
        // A context this version cannot read gives no facts; the conversation itself is untouched.
      }
    }
    after = rows[rows.length - 1]!.r;
  }
};

/**
 * Version 14: transcripts sent by e-mail (issue 15, ./transcripts.ts): one per conversation (the
 * primary key), with where it went, so the widget shows "sent" after a reload and a second is refused.
 */
const transcripts: Migration = (db) => {
  db.exec(`
    CREATE TABLE transcripts (
      conversation_id  TEXT PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
      to_address       TEXT NOT NULL,
      at               INTEGER NOT NULL
    ) WITHOUT ROWID;
  `);
};

/**
 * Version 15 (issue 20): micro-survey answers (./surveys.ts): one per page session (sid, random per
 * page) and rule, with the page's path; nothing about the person. Kept SURVEY_KEEP_DAYS days.
 */
const surveyAnswers: Migration = (db) => {
  db.exec(`
    CREATE TABLE survey_answers (
      sid       TEXT NOT NULL,
      rule      TEXT NOT NULL,
      question  TEXT NOT NULL,
      scale     TEXT NOT NULL CHECK (scale IN ('five', 'yes_no')),
      answer    INTEGER NOT NULL,
      path      TEXT NOT NULL,
      at        INTEGER NOT NULL,
      PRIMARY KEY (sid, rule)
    ) WITHOUT ROWID;
    CREATE INDEX survey_answers_by_time ON survey_answers(at);
  `);
};

/**
 * Version 16 (issue 17): routing by skill. An agent's skills (space-separated, ROUTING_HINT_PATTERN
 * each; empty: takes any conversation) and capacity (concurrent chats automatic assignment gives
 * them; null: the server's default); the skill's queue a transfer sent a conversation to (it wins
 * over the visitor's menu choice); a transfer note's skill.
 */
const skillRouting: Migration = (db) => {
  db.exec(`
    ALTER TABLE agents ADD COLUMN skills TEXT NOT NULL DEFAULT '';
    ALTER TABLE agents ADD COLUMN capacity INTEGER;
    ALTER TABLE conversations ADD COLUMN queue_skill TEXT;
    ALTER TABLE notes ADD COLUMN transfer_skill TEXT;
  `);
};

/** Version 17 (issue 19): a code the visitor scanned, kept with its message as ScannedCode JSON (null: none). */
const scannedCodes: Migration = (db) => {
  db.exec('ALTER TABLE messages ADD COLUMN code_json TEXT');
};

/** Version 18 (issue 15): "Seen": the highest message index the conversation's agent has read (0: nothing yet). */
const agentReadIndex: Migration = (db) => {
  db.exec('ALTER TABLE conversations ADD COLUMN agent_read_index INTEGER NOT NULL DEFAULT 0');
};

export const MIGRATIONS: readonly Migration[] = [initialSchema, contextCodes, retentionIndexes, photos, handoffs, selfServiceHelped, botConversations, mailAndSatisfaction, conversationSearch, callbacks, deskNotesAndReplies, transferNotes, contactFacts, transcripts, surveyAnswers, skillRouting, scannedCodes, agentReadIndex];

/** Brings `db` to the latest version. Throws when the file was written by a newer Baton. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const row = db.prepare('SELECT version FROM schema_version').get() as { version: number } | undefined;
  if (!row) db.prepare('INSERT INTO schema_version (version) VALUES (0)').run();
  let version = row?.version ?? 0;
  if (version > migrations.length) {
    throw new Error(`The database is at schema version ${version}, newer than this Baton (${migrations.length}); upgrade Baton.`);
  }
  const bump = db.prepare('UPDATE schema_version SET version = ?');
  for (; version < migrations.length; version++) {
    const step = migrations[version]!;
    const next = version + 1;
    const keysWereOn = db.pragma('foreign_keys', { simple: true }) === 1;
    if (step.withoutForeignKeys) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        step(db);
        if (step.withoutForeignKeys && (db.pragma('foreign_key_check') as unknown[]).length > 0) {
          throw new Error(`migration ${next}: foreign keys no longer hold`);
        }
        bump.run(next);
      }).immediate();
    } finally {
      if (step.withoutForeignKeys && keysWereOn) db.pragma('foreign_keys = ON');
    }
  }
  return version;
}
