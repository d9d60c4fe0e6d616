/**
 * Replies by e-mail (issue 15). When an agent answers a conversation whose visitor left an e-mail
 * address, an e-mail is due REPLY_MAIL_DELAY_MS later (the first reply sets the time, so a burst of
 * replies is one e-mail). When it comes due, it goes only if the visitor is gone (no socket open) and
 * has not read those replies; it carries the conversation's latest messages and a link back: the page
 * they wrote from with a resume token (a handoff link, ./handoffs.ts, valid 7 days, once), and the
 * replies wait in the chat as well. A visitor can also ask for the whole transcript (`transcript()`).
 *
 * The state is in SQLite (`mail_due_at`, `mailed_index`: migration 8), so a restart loses nothing; a
 * failed send stays due and is tried again a minute later, without a second e-mail for the same replies.
 */
import type Database from 'better-sqlite3';
import type { ContextSnapshot } from '../../protocol/context';
import { HANDOFF_PARAM } from '../../protocol/handoff';
import type { Mailer, OutgoingMail } from '../mail/mailer';
import { Transcripts } from './transcripts';
import { MAIL_MESSAGES_MAX, TRANSCRIPT_MESSAGES_MAX, replyMail, transcriptMail } from '../mail/templates';
import type { ConversationRecord } from './chatStore';
import type { Desk } from './desk';
import type { Handoffs } from './handoffs';

/** A reply waits this long before its e-mail goes (replies meanwhile join it): 2 minutes. */
export const REPLY_MAIL_DELAY_MS = 2 * 60_000;
/** A send that failed is tried again after this long: 1 minute. */
export const REPLY_MAIL_RETRY_MS = 60_000;
/** How long the link in an e-mail works (once): 7 days. */
export const MAIL_LINK_TTL_MS = 7 * 24 * 60 * 60_000;
/** At most this many e-mails are looked at per pass of the timer. */
const DUE_PER_PASS = 20;

export interface ReplyMailOptions {
  mailer: Mailer;
  /** Resume links for e-mails (a handoffs store whose links live MAIL_LINK_TTL_MS). */
  links: Handoffs;
  delayMs?: number;
  /** ms since the epoch (tests pass a fake clock). */
  clock?: () => number;
}

export class ReplyMail {
  private readonly q;
  private readonly delayMs: number;
  private readonly clock: () => number;
  private readonly sending = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  /** Transcripts the visitors asked for: one per conversation, limited (./transcripts.ts). */
  readonly transcripts: Transcripts;

  constructor(
    private readonly desk: Desk,
    db: Database.Database,
    private readonly options: ReplyMailOptions,
  ) {
    this.delayMs = options.delayMs ?? REPLY_MAIL_DELAY_MS;
    this.clock = options.clock ?? Date.now;
    this.transcripts = new Transcripts(db);
    this.q = {
      due: db.prepare('UPDATE conversations SET mail_due_at = COALESCE(mail_due_at, ?) WHERE id = ?'),
      dueList: db.prepare('SELECT id FROM conversations WHERE mail_due_at IS NOT NULL AND mail_due_at <= ? ORDER BY mail_due_at LIMIT ?'),
      next: db.prepare('SELECT MIN(mail_due_at) AS at FROM conversations WHERE mail_due_at IS NOT NULL'),
      settle: db.prepare('UPDATE conversations SET mail_due_at = NULL, mailed_index = MAX(mailed_index, ?) WHERE id = ?'),
      retry: db.prepare('UPDATE conversations SET mail_due_at = ? WHERE id = ?'),
      mailedIndex: db.prepare('SELECT mailed_index AS i FROM conversations WHERE id = ?'),
      visitorEmail: db.prepare('SELECT email FROM visitors WHERE id = ?'),
      unseen: db.prepare("SELECT COUNT(*) AS n FROM messages WHERE conversation_id = ? AND sender IN ('agent', 'bot') AND idx > ?"),
    };
    this.schedule();
  }

  /** Where to write to the conversation's visitor (the conversation's address, else the visitor's), or null. */
  addressOf(conversation: ConversationRecord): string | null {
    return conversation.email ?? (this.q.visitorEmail.get(conversation.visitorId) as { email: string | null } | undefined)?.email ?? null;
  }

  /** An agent wrote in `conversation`: an e-mail is due, if the visitor left an address. */
  replied(conversation: ConversationRecord): void {
    if (!this.addressOf(conversation)) return;
    this.q.due.run(this.clock() + this.delayMs, conversation.id);
    this.schedule();
  }

  /** The transcript the visitor asked for (ends, for this conversation, any reply e-mail still due). */
  async transcript(conversation: ConversationRecord): Promise<boolean> {
    const to = this.addressOf(conversation);
    if (!to) return false;
    const messages = this.desk.store.latestMessages(conversation.id, TRANSCRIPT_MESSAGES_MAX);
    const content = transcriptMail({ messages, context: contextOf(conversation), link: null });
    await this.options.mailer.send({ kind: 'transcript', to, conversationId: conversation.id, ...content });
    this.q.settle.run(conversation.lastIndex, conversation.id);
    return true;
  }

  /** Sends what is due now; returns how many e-mails went. */
  async sendDue(): Promise<number> {
    const now = this.clock();
    let sent = 0;
    for (const { id } of this.q.dueList.all(now, DUE_PER_PASS) as { id: string }[]) {
      if (this.sending.has(id)) continue;
      this.sending.add(id);
      try {
        if (await this.sendOne(id, now)) sent++;
      } catch (error) {
        console.error('[baton] a reply e-mail could not be sent (tried again in a minute):', error);
        this.q.retry.run(now + REPLY_MAIL_RETRY_MS, id);
      } finally {
        this.sending.delete(id);
      }
    }
    this.schedule();
    return sent;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async sendOne(id: string, now: number): Promise<boolean> {
    const { store, hub } = this.desk;
    const conversation = store.conversation(id);
    const to = conversation ? this.addressOf(conversation) : null;
    if (!conversation || !to) return void this.q.retry.run(null, id), false;
    const mailed = (this.q.mailedIndex.get(id) as { i: number }).i;
    const seen = Math.max(mailed, conversation.readIndex);
    // Here now (the widget shows the reply and its unread count), or already read: no e-mail.
    if (hub.socketsOfVisitor(conversation.visitorId).length > 0 || (this.q.unseen.get(id, seen) as { n: number }).n === 0) {
      this.q.settle.run(mailed, id);
      return false;
    }
    const context = contextOf(conversation);
    const messages = store.latestMessages(id, MAIL_MESSAGES_MAX);
    const content = replyMail({ messages, context, link: this.linkFor(conversation, context, now) });
    const mail: OutgoingMail = { kind: 'reply', to, conversationId: id, ...content };
    await this.options.mailer.send(mail);
    this.q.settle.run(conversation.lastIndex, id);
    return true;
  }

  /** The page the visitor wrote from, with a token that resumes the conversation there (once, 7 days). */
  private linkFor(conversation: ConversationRecord, context: ContextSnapshot | null, now: number): string | null {
    let url: URL;
    try {
      url = new URL(context?.page.url ?? '');
    } catch {
      return null;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    const { token } = this.options.links.issue({ visitorId: conversation.visitorId, conversationId: conversation.id, fromDevice: 'the e-mail link', now });
    url.hash = `${HANDOFF_PARAM}=${token}`;
    return url.href;
  }

  /** One timer, for the next due e-mail (none while nothing is due). */
  private schedule(): void {
    const at = (this.q.next.get() as { at: number | null }).at;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (at === null) return;
    this.timer = setTimeout(() => void this.sendDue(), Math.max(0, Math.min(at - this.clock(), 2 ** 31 - 1)));
    this.timer.unref();
  }
}

function contextOf(conversation: ConversationRecord): ContextSnapshot | null {
  try {
    return conversation.contextJson ? (JSON.parse(conversation.contextJson) as ContextSnapshot) : null;
  } catch {
    return null;
  }
}
