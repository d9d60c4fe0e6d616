/**
 * Canned replies on the embedded server (table `canned_replies`, migration 11), over HTTP with the
 * agent's session cookie (see src/protocol/cannedReplies.ts):
 *
 *   GET  HTTP_AGENT_REPLIES_PATH                                  -> RepliesResponse
 *   POST HTTP_AGENT_REPLIES_CHANGE_PATH  RepliesChangeRequest     -> RepliesResponse
 *
 * The team's replies are everyone's to use and admins' to change; a personal reply is its owner's
 * only. After a change the agents concerned get `replies_changed` on their sockets (the team's: all
 * of them; a personal one: its owner's tabs), so every console's `/` list stays current.
 */
import type Database from 'better-sqlite3';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { REPLIES_MAX_PER_OWNER, type CannedReply, type RepliesResponse, type ReplyScope } from '../../protocol/cannedReplies';
import { RepliesChangeSchema } from '../../protocol/cannedRepliesSchema';
import { parseBody } from '../../protocol/chatSchema';
import type { AgentAuth } from './agentAuth';
import type { AgentStore } from './agentStore';
import type { Hub } from './hub';
import { HttpError, readJsonBody, sendJson } from './http';
import { newId } from './secrets';

interface ReplyRow {
  id: string;
  owner_id: string | null;
  shortcut: string;
  text: string;
  created_at: number;
  updated_at: number;
}

export class CannedReplyStore {
  private readonly q;

  constructor(db: Database.Database) {
    this.q = {
      visibleTo: db.prepare('SELECT * FROM canned_replies WHERE owner_id IS NULL OR owner_id = ? ORDER BY shortcut, owner_id IS NOT NULL, created_at'),
      byId: db.prepare('SELECT * FROM canned_replies WHERE id = ?'),
      countOf: db.prepare('SELECT COUNT(*) AS n FROM canned_replies WHERE owner_id IS ?'),
      sameShortcut: db.prepare('SELECT id FROM canned_replies WHERE owner_id IS ? AND shortcut = ? AND id != ?'),
      insert: db.prepare('INSERT INTO canned_replies (id, owner_id, shortcut, text, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)'),
      update: db.prepare('UPDATE canned_replies SET shortcut = ?, text = ?, updated_at = ? WHERE id = ?'),
      remove: db.prepare('DELETE FROM canned_replies WHERE id = ?'),
    };
  }

  /** The team's and the agent's own, by shortcut (the team's first for the same shortcut). */
  visibleTo(agentId: string): CannedReply[] {
    return (this.q.visibleTo.all(agentId) as ReplyRow[]).map(toReply);
  }

  row(id: string): { ownerId: string | null } | null {
    const row = this.q.byId.get(id) as ReplyRow | undefined;
    return row ? { ownerId: row.owner_id } : null;
  }

  /** Throws an HttpError when the owner has REPLIES_MAX_PER_OWNER already or the shortcut is taken. */
  create(ownerId: string | null, shortcut: string, text: string, now: number): void {
    if ((this.q.countOf.get(ownerId) as { n: number }).n >= REPLIES_MAX_PER_OWNER) {
      throw new HttpError(409, 'bad_request', `At most ${REPLIES_MAX_PER_OWNER} replies ${ownerId ? 'of your own' : 'for the team'}`);
    }
    this.checkShortcut(ownerId, shortcut, '');
    this.q.insert.run(newId('r'), ownerId, shortcut, text, now, now);
  }

  update(id: string, ownerId: string | null, shortcut: string, text: string, now: number): void {
    this.checkShortcut(ownerId, shortcut, id);
    this.q.update.run(shortcut, text, now, id);
  }

  remove(id: string): void {
    this.q.remove.run(id);
  }

  private checkShortcut(ownerId: string | null, shortcut: string, id: string): void {
    if (this.q.sameShortcut.get(ownerId, shortcut, id)) throw new HttpError(409, 'bad_request', `/${shortcut} is already a reply ${ownerId ? 'of yours' : 'of the team'}`);
  }
}

function toReply(row: ReplyRow): CannedReply {
  return { id: row.id, shortcut: row.shortcut, text: row.text, scope: row.owner_id ? 'personal' : 'team', updatedAt: row.updated_at };
}

export interface ReplyRoutes {
  list(req: IncomingMessage, res: ServerResponse): void;
  change(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

export function createReplyRoutes(deps: { db: Database.Database; auth: AgentAuth; agents: AgentStore; hub: Hub; now?: () => number }): ReplyRoutes {
  const store = new CannedReplyStore(deps.db);
  const now = deps.now ?? Date.now;
  const answer = (res: ServerResponse, agentId: string) => {
    const body: RepliesResponse = { replies: store.visibleTo(agentId), canEditTeam: deps.agents.roleOf(agentId) === 'admin' };
    sendJson(res, 200, body);
  };
  const signedIn = (req: IncomingMessage) => {
    const session = deps.auth.sessionOf(req);
    if (!session) throw new HttpError(401, 'unauthorized', 'Not logged in');
    return session.agent.id;
  };
  return {
    list(req, res) {
      answer(res, signedIn(req));
    },

    async change(req, res) {
      const me = signedIn(req);
      const body = parseBody(RepliesChangeSchema, await readJsonBody(req));
      if (!body.ok) throw new HttpError(400, 'bad_request', body.message);
      const change = body.value;
      const isAdmin = deps.agents.roleOf(me) === 'admin';
      let scope: ReplyScope;
      if (change.op === 'create') {
        scope = change.scope;
        if (scope === 'team' && !isAdmin) throw new HttpError(403, 'forbidden', 'Only admins change the team’s replies');
        store.create(scope === 'team' ? null : me, change.shortcut, change.text, now());
      } else {
        const row = store.row(change.id);
        // Someone else's personal reply is as good as missing: its existence is not revealed.
        if (!row || (row.ownerId !== null && row.ownerId !== me)) throw new HttpError(404, 'not_found', 'No such reply');
        scope = row.ownerId === null ? 'team' : 'personal';
        if (scope === 'team' && !isAdmin) throw new HttpError(403, 'forbidden', 'Only admins change the team’s replies');
        if (change.op === 'update') store.update(change.id, row.ownerId, change.shortcut, change.text, now());
        else store.remove(change.id);
      }
      const frame = { type: 'replies_changed' } as const;
      if (scope === 'team') deps.hub.toAllAgents(frame);
      else deps.hub.toAgent(me, frame);
      answer(res, me);
    },
  };
}
