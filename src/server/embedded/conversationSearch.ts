/**
 * Finding conversations again (issue 17): a person's other conversations, full-text search over
 * messages, visitors and tags (SQLite FTS5, migration 9), and the tags themselves. Answers carry the
 * same summaries as the queue (ChatStore.summary), so every list in the console reads alike.
 */
import type Database from 'better-sqlite3';
import {
  SEARCH_RESULTS_MAX,
  TAGS_PER_CONVERSATION_MAX,
  VISITOR_CONVERSATIONS_MAX,
  type ConversationSummary,
  type SearchFilters,
  type SearchResult,
} from '../../protocol/chat';
import type { ChatStore, ConversationRecord } from './chatStore';

/** Matches looked at before filters and ordering: a word found in more messages than this shows the best-ranked ones. */
const MATCHES_SCANNED = 500;

/**
 * The words of a query as an FTS5 expression: each word quoted (so `AND`, `-`, `"`, `*` typed by an
 * agent are text, never syntax) and a prefix (`invoi` finds "invoice"); all words must match.
 */
export function ftsQuery(query: string): string | null {
  const words = query.normalize('NFKC').match(/[\p{L}\p{N}_]+/gu) ?? [];
  if (!words.length) return null;
  return words.slice(0, 12).map((w) => `"${w.replace(/"/g, '""')}"*`).join(' ');
}

export class ConversationSearch {
  private readonly q;

  constructor(
    db: Database.Database,
    private readonly store: ChatStore,
  ) {
    this.q = {
      // Same browser (visitor id), or the same id the site signed (never a claimed, unverified one).
      person: db.prepare(`
        SELECT id FROM conversations
        WHERE id != @id AND (visitor_id = @visitorId OR (@verifiedId IS NOT NULL
          AND json_extract(context_json, '$.identity.verified.id') = 1 AND json_extract(context_json, '$.identity.id') = @verifiedId))
        ORDER BY created_at DESC, rowid DESC LIMIT ${VISITOR_CONVERSATIONS_MAX}`),
      messages: db.prepare(`
        SELECT m.conversation_id AS id, snippet(messages_fts, 0, '[[', ']]', '…', 14) AS excerpt
        FROM messages_fts JOIN messages m ON m.rowid = messages_fts.rowid
        WHERE messages_fts MATCH ? ORDER BY rank LIMIT ${MATCHES_SCANNED}`),
      people: db.prepare(`
        SELECT c.id AS id, snippet(people_fts, 0, '[[', ']]', '…', 10) AS excerpt
        FROM people_fts JOIN conversations c ON c.rowid = people_fts.rowid
        WHERE people_fts MATCH ? ORDER BY rank LIMIT ${MATCHES_SCANNED}`),
      tagged: db.prepare(`SELECT conversation_id AS id, tag FROM conversation_tags WHERE tag = ? OR tag LIKE ? ESCAPE '\\' LIMIT ${MATCHES_SCANNED}`),
      filtered: db.prepare(`
        SELECT c.id FROM conversations c
        WHERE (@status IS NULL OR c.status = @status) AND (@agentId IS NULL OR c.agent_id = @agentId)
          AND (@tag IS NULL OR EXISTS (SELECT 1 FROM conversation_tags t WHERE t.conversation_id = c.id AND t.tag = @tag))
          AND (@from IS NULL OR c.created_at >= @from) AND (@to IS NULL OR c.created_at < @to)
        ORDER BY c.created_at DESC, c.rowid DESC LIMIT ${SEARCH_RESULTS_MAX}`),
      tags: db.prepare('SELECT tag FROM conversation_tags WHERE conversation_id = ? ORDER BY tag'),
      addTag: db.prepare('INSERT OR IGNORE INTO conversation_tags (conversation_id, tag, agent_id, at) VALUES (?, ?, ?, ?)'),
      removeTag: db.prepare('DELETE FROM conversation_tags WHERE conversation_id = ? AND tag = ?'),
      countTags: db.prepare('SELECT COUNT(*) AS n FROM conversation_tags WHERE conversation_id = ?'),
    };
  }

  /** The other conversations of `conversation`'s visitor, newest first. */
  visitorConversations(conversation: ConversationRecord): ConversationSummary[] {
    let verifiedId: string | null = null;
    try {
      const identity = conversation.contextJson ? (JSON.parse(conversation.contextJson) as { identity?: { id?: string; verified?: { id?: boolean } } | null }).identity : null;
      if (identity?.verified?.id === true && identity.id) verifiedId = identity.id;
    } catch {
      verifiedId = null; // a context the server wrote itself; unreadable means no verified id
    }
    const rows = this.q.person.all({ id: conversation.id, visitorId: conversation.visitorId, verifiedId }) as { id: string }[];
    return rows.map((r) => this.store.summary(r.id)).filter((s): s is ConversationSummary => s !== null);
  }

  /**
   * Conversations whose messages, visitor (name, e-mail, id) or tags hold every word of `query`
   * (prefixes), within `filters`; newest first, at most SEARCH_RESULTS_MAX. An empty query lists
   * the newest conversations the filters allow.
   */
  search(query: string, filters: SearchFilters = {}): SearchResult[] {
    const f = { status: filters.status ?? null, agentId: filters.agentId ?? null, tag: filters.tag?.toLowerCase() ?? null, from: filters.from ?? null, to: filters.to ?? null };
    const fts = ftsQuery(query);
    if (!fts) {
      return (this.q.filtered.all(f) as { id: string }[]).flatMap((r) => {
        const conversation = this.store.summary(r.id);
        return conversation ? [{ conversation }] : [];
      });
    }
    const found = new Map<string, { excerpt: string; matchedIn: NonNullable<SearchResult['matchedIn']> }>();
    const add = (rows: { id: string; excerpt: string }[], matchedIn: NonNullable<SearchResult['matchedIn']>) => {
      for (const r of rows) if (!found.has(r.id)) found.set(r.id, { excerpt: r.excerpt, matchedIn });
    };
    add(this.q.people.all(fts) as { id: string; excerpt: string }[], 'visitor');
    add(this.q.messages.all(fts) as { id: string; excerpt: string }[], 'message');
    const whole = query.trim().toLowerCase();
    if (whole) {
      const like = `${whole.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      add((this.q.tagged.all(whole, like) as { id: string; tag: string }[]).map((r) => ({ id: r.id, excerpt: `[[${r.tag}]]` })), 'tag');
    }
    const results: SearchResult[] = [];
    for (const [id, match] of found) {
      const conversation = this.store.summary(id);
      if (!conversation || !matches(conversation, f)) continue;
      results.push({ conversation, excerpt: match.excerpt, matchedIn: match.matchedIn });
    }
    results.sort((a, b) => b.conversation.createdAt - a.conversation.createdAt || (a.conversation.id < b.conversation.id ? 1 : -1));
    return results.slice(0, SEARCH_RESULTS_MAX);
  }

  tagsOf(conversationId: string): string[] {
    return (this.q.tags.all(conversationId) as { tag: string }[]).map((r) => r.tag);
  }

  /**
   * Adds or removes a tag (stored lower-case). Returns the conversation's tags after, or null when a
   * new tag would pass TAGS_PER_CONVERSATION_MAX. Call inside `store.transaction()`.
   */
  setTag(conversationId: string, tag: string, on: boolean, agentId: string, now: number): string[] | null {
    const t = tag.trim().toLowerCase();
    if (on) {
      const { n } = this.q.countTags.get(conversationId) as { n: number };
      if (n >= TAGS_PER_CONVERSATION_MAX && !this.tagsOf(conversationId).includes(t)) return null;
      this.q.addTag.run(conversationId, t, agentId, now);
    } else this.q.removeTag.run(conversationId, t);
    return this.tagsOf(conversationId);
  }
}

function matches(c: ConversationSummary, f: { status: string | null; agentId: string | null; tag: string | null; from: number | null; to: number | null }): boolean {
  if (f.status !== null && c.status !== f.status) return false;
  if (f.agentId !== null && c.agent?.id !== f.agentId) return false;
  if (f.tag !== null && !(c.tags ?? []).includes(f.tag)) return false;
  if (f.from !== null && c.createdAt < f.from) return false;
  if (f.to !== null && c.createdAt >= f.to) return false;
  return true;
}
