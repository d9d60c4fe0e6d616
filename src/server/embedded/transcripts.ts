/**
 * Transcripts by e-mail (issue 15): once a conversation has ended, its visitor can ask for all of
 * it by e-mail (ReplyMail.transcript: the conversation's language, no tracking). The visitor
 * chooses the recipient, so this must not become a way to mail strangers: one transcript per
 * conversation (table `transcripts`, migration 14), and per hour a few per visitor, per client
 * address and per recipient (./limits.ts).
 */
import type Database from 'better-sqlite3';
import type { ConversationRecord } from './chatStore';
import { LIMITER_KEYS_MAX, TRANSCRIPTS_PER_ADDRESS_PER_HOUR, TRANSCRIPTS_PER_RECIPIENT_PER_HOUR, TRANSCRIPTS_PER_VISITOR_PER_HOUR } from './limits';
import { KeyedTokenBuckets } from './rateLimits';

export type TranscriptRefusal =
  | { code: 'not_found'; message: string }
  | { code: 'forbidden'; message: string }
  | { code: 'unavailable'; message: string }
  | { code: 'rate_limited'; message: string; retryAfterMs: number };

export class Transcripts {
  private readonly q;
  private readonly perVisitor = new KeyedTokenBuckets(TRANSCRIPTS_PER_VISITOR_PER_HOUR / 60, TRANSCRIPTS_PER_VISITOR_PER_HOUR, LIMITER_KEYS_MAX);
  private readonly perAddress = new KeyedTokenBuckets(TRANSCRIPTS_PER_ADDRESS_PER_HOUR / 60, TRANSCRIPTS_PER_ADDRESS_PER_HOUR, LIMITER_KEYS_MAX);
  private readonly perRecipient = new KeyedTokenBuckets(TRANSCRIPTS_PER_RECIPIENT_PER_HOUR / 60, TRANSCRIPTS_PER_RECIPIENT_PER_HOUR, LIMITER_KEYS_MAX);

  constructor(db: Database.Database) {
    this.q = {
      sent: db.prepare('SELECT 1 FROM transcripts WHERE conversation_id = ?').pluck(),
      // Taken before sending (one per conversation even when two sockets ask at once), given back when sending failed.
      take: db.prepare('INSERT OR IGNORE INTO transcripts (conversation_id, to_address, at) VALUES (?, ?, ?)'),
      giveBack: db.prepare('DELETE FROM transcripts WHERE conversation_id = ?'),
    };
  }

  /** `{ transcript: 'sent' }` for the visitor's frames, or nothing. */
  field(conversationId: string): { transcript?: 'sent' } {
    return this.q.sent.get(conversationId) ? { transcript: 'sent' } : {};
  }

  /**
   * Sends the transcript of `conversation` (ended) to `to` with `send` (the mailer), or says why
   * not. `address` is the client's address key (./clientAddress.ts).
   */
  async request(opts: {
    conversation: ConversationRecord | null;
    to: string | null;
    visitorId: string;
    address: string;
    now: number;
    send: (conversation: ConversationRecord, to: string) => Promise<void>;
  }): Promise<TranscriptRefusal | null> {
    const { conversation, to, now } = opts;
    if (!conversation) return { code: 'not_found', message: 'There is no conversation to send' };
    if (conversation.status !== 'closed') return { code: 'forbidden', message: 'The transcript comes once the conversation has ended' };
    if (this.q.sent.get(conversation.id)) return { code: 'forbidden', message: 'The transcript of this conversation was already sent' };
    if (!to) return { code: 'forbidden', message: 'Give an e-mail address for the transcript' };
    const recipient = to.toLowerCase();
    const wait = Math.max(this.perVisitor.take(opts.visitorId, now), this.perAddress.take(opts.address, now), this.perRecipient.take(recipient, now));
    if (wait > 0) return { code: 'rate_limited', message: 'Too many transcripts asked for; try again later', retryAfterMs: wait };
    if (this.q.take.run(conversation.id, to, now).changes !== 1) return { code: 'forbidden', message: 'The transcript of this conversation was already sent' };
    try {
      await opts.send(conversation, to);
    } catch (error) {
      this.q.giveBack.run(conversation.id);
      console.error('[baton] a transcript e-mail could not be sent:', error);
      return { code: 'unavailable', message: 'The transcript could not be sent; try again in a moment' };
    }
    return null;
  }
}
