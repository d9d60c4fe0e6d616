/**
 * Internal notes in SQLite (table `notes`, migration 11): the team's words about a conversation,
 * never the visitor's to read. They are kept apart from `messages` on purpose: the visitor's socket
 * reads only `messages` (welcome, sync, unread count), so no visitor path can carry a note.
 */
import type Database from 'better-sqlite3';
import { NOTES_SHOWN_MAX, type InternalNote } from '../../protocol/chat';
import type { AgentStore } from './agentStore';
import { newId } from './secrets';

interface NoteRow {
  id: string;
  conversation_id: string;
  client_id: string;
  agent_id: string | null;
  after_index: number;
  text: string;
  at: number;
  transfer_to: string | null;
  transfer_skill: string | null;
}

export class NoteStore {
  private readonly q;

  constructor(
    db: Database.Database,
    private readonly agents: AgentStore,
  ) {
    this.q = {
      insert: db.prepare(`
        INSERT INTO notes (id, conversation_id, client_id, agent_id, after_index, text, at, transfer_to, transfer_skill)
        SELECT @id, c.id, @clientId, @agentId, c.last_index, @text, @at, @transferTo, @transferSkill FROM conversations c WHERE c.id = @conversationId`),
      byId: db.prepare('SELECT * FROM notes WHERE id = ?'),
      byClientId: db.prepare('SELECT * FROM notes WHERE conversation_id = ? AND client_id = ?'),
      latest: db.prepare('SELECT * FROM (SELECT *, rowid AS r FROM notes WHERE conversation_id = ? ORDER BY at DESC, rowid DESC LIMIT ?) ORDER BY at, r'),
    };
  }

  /** Stores a note after the conversation's latest message. Call inside a transaction, after `byClientId` found none. */
  add(a: { conversationId: string; clientId: string; agentId: string; text: string; now: number; transferTo?: string; transferSkill?: string }): InternalNote {
    const id = newId('n');
    this.q.insert.run({ id, conversationId: a.conversationId, clientId: a.clientId, agentId: a.agentId, text: a.text, at: a.now, transferTo: a.transferTo ?? null, transferSkill: a.transferSkill ?? null });
    return this.toNote(this.q.byId.get(id) as NoteRow);
  }

  byClientId(conversationId: string, clientId: string): InternalNote | null {
    const row = this.q.byClientId.get(conversationId, clientId) as NoteRow | undefined;
    return row ? this.toNote(row) : null;
  }

  /** The latest NOTES_SHOWN_MAX notes of a conversation, oldest first. */
  latest(conversationId: string): InternalNote[] {
    return (this.q.latest.all(conversationId, NOTES_SHOWN_MAX) as NoteRow[]).map((r) => this.toNote(r));
  }

  private toNote(row: NoteRow): InternalNote {
    const transferTo = row.transfer_to ? this.agents.publicById(row.transfer_to) : null;
    return {
      ...(transferTo ? { transferTo } : {}),
      ...(row.transfer_skill ? { transferSkill: row.transfer_skill } : {}),
      id: row.id,
      conversationId: row.conversation_id,
      clientId: row.client_id,
      afterIndex: row.after_index,
      text: row.text,
      at: row.at,
      agent: row.agent_id ? this.agents.publicById(row.agent_id) : null,
    };
  }
}
