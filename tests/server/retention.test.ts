// Retention (issue 13): conversations idle longer than the configured age (default 90 days) are
// deleted with their messages and context codes, visitors without a conversation a day after they
// were last seen; a connected visitor never. Tested with a clock (Retention's injectable now()) on
// a real SQLite file, then through the server, whose job runs at start.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AgentStore } from '../../src/server/embedded/agentStore';
import { ChatStore } from '../../src/server/embedded/chatStore';
import { createContextCodes } from '../../src/server/embedded/contextCodes';
import { openDatabase } from '../../src/server/embedded/database';
import { DEFAULT_RETENTION_DAYS, Retention, SILENT_VISITOR_MAX_AGE_MS, retentionMaxAgeMs } from '../../src/server/embedded/retention';
import { createEmbeddedServer } from '../../src/server/index';
import { SECRET, count, readDb } from './helpers';

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2026, 0, 1);
const dirs: string[] = [];
const tempDb = () => {
  const dir = mkdtempSync(join(tmpdir(), 'baton-retention-'));
  dirs.push(dir);
  return join(dir, 'baton.sqlite');
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A visitor who wrote `texts` at the given times (ms after T0), in one conversation. */
function chat(store: ChatStore, at: number[], closedAt?: number): { visitorId: string; conversationId: string } {
  const { id: visitorId } = store.createVisitor(T0 + at[0]!);
  const conversation = store.createConversation({ visitorId, status: 'waiting', email: null, now: T0 + at[0]! });
  for (const [i, t] of at.entries()) store.appendMessage({ conversationId: conversation.id, clientId: `client_${i}_${visitorId}`, sender: 'visitor', text: 'hello', agentId: null, now: T0 + t });
  store.touchVisitor(visitorId, T0 + at[at.length - 1]!);
  if (closedAt !== undefined) store.close(conversation.id, null as never, null, T0 + closedAt);
  return { visitorId, conversationId: conversation.id };
}

describe('Retention, with a clock', () => {
  it(`deletes conversations idle ${DEFAULT_RETENTION_DAYS} days with their messages and codes, visitors without a conversation after a day, never a connected one`, () => {
    const dbPath = tempDb();
    const db = openDatabase(dbPath);
    try {
      const store = new ChatStore(db, new AgentStore(db));
      const old = chat(store, [0, DAY]); // last message on day 1
      const closedLate = chat(store, [0], 50 * DAY); // closed on day 50: activity then
      const recent = chat(store, [80 * DAY]); // day 80
      const codes = createContextCodes(db);
      codes.issueCode(old.conversationId);
      const silentOld = store.createVisitor(T0 + 90 * DAY).id; // last seen day 90
      const silentNew = store.createVisitor(T0 + 91 * DAY - SILENT_VISITOR_MAX_AGE_MS / 2).id; // seen 12 h before "now"
      const silentLive = store.createVisitor(T0).id; // connected right now
      let now = T0 + 91 * DAY + 1;
      const deleted: string[][] = [];
      const retention = new Retention(db, { maxAgeMs: retentionMaxAgeMs(90), now: () => now, isLive: (id) => id === silentLive });
      retention.onConversationsDeleted((ids) => deleted.push(ids));

      expect(retention.sweep()).toEqual({ conversations: 1, messages: 2, visitors: 2 });
      expect(deleted).toEqual([[old.conversationId]]);
      const left = (table: string, column = 'id') => readDb(dbPath, (d) => (d.prepare(`SELECT ${column} AS id FROM ${table}`).all() as { id: string }[]).map((r) => r.id).sort());
      expect(left('conversations')).toEqual([closedLate.conversationId, recent.conversationId].sort());
      expect(count(dbPath, 'messages', 'conversation_id = ?', old.conversationId)).toBe(0);
      expect(count(dbPath, 'context_codes')).toBe(0);
      // The old chat's visitor (no conversation left) and the silent one seen on day 90 are gone.
      expect(left('visitors')).toEqual([closedLate.visitorId, recent.visitorId, silentNew, silentLive].sort());
      expect(left('visitors')).not.toContain(silentOld);

      // Nothing more is due until the clock moves on: the closed-on-day-50 one goes at day 140.
      expect(retention.sweep()).toEqual({ conversations: 0, messages: 0, visitors: 0 });
      now = T0 + 140 * DAY + 1;
      expect(retention.sweep()).toMatchObject({ conversations: 1 });
      expect(left('conversations')).toEqual([recent.conversationId]);
    } finally {
      db.close();
    }
  });

  it('refuses a retention age outside 1 day..100 years', () => {
    expect(() => retentionMaxAgeMs(0)).toThrow(/retentionDays/);
    expect(() => retentionMaxAgeMs(Number.NaN)).toThrow(/retentionDays/);
    expect(retentionMaxAgeMs()).toBe(90 * DAY);
  });
});

describe('the server runs it', () => {
  it('deletes what is due when it starts, with the configured age', async () => {
    const dbPath = tempDb();
    const db = openDatabase(dbPath);
    const store = new ChatStore(db, new AgentStore(db));
    const now = Date.now();
    const stale = chat(store, [now - T0 - 31 * DAY]); // 31 days idle
    const fresh = chat(store, [now - T0 - 29 * DAY]); // 29 days idle
    db.close();
    const server = await createEmbeddedServer({ dbPath, identitySecret: SECRET, retentionDays: 30, consoleDir: join(dbPath, '..', 'console') });
    try {
      await expect.poll(() => count(dbPath, 'conversations', 'id = ?', stale.conversationId)).toBe(0);
      expect(count(dbPath, 'conversations', 'id = ?', fresh.conversationId)).toBe(1);
      expect(count(dbPath, 'visitors', 'id = ?', stale.visitorId)).toBe(0);
    } finally {
      await server.close();
    }
    await expect(createEmbeddedServer({ dbPath, identitySecret: SECRET, retentionDays: 0 })).rejects.toThrow(/retentionDays/);
  });
});
