/**
 * The site's bot on the embedded server: after each visitor message in a conversation its bot is
 * answering (queued, nobody claimed it, nobody asked for a person), the `bot` hook is asked
 * (../bot/hook.ts) and its reply stored as a `bot` message; a handover (the visitor's "Talk to a
 * person", the hook's, or the rules below) stops the bot for good in that conversation, and the
 * agents are told through the queue (`bot: 'handed_over'`: the console rings then, not before).
 *
 * Rules kept here, whatever the hook does:
 * - never after an agent claimed, or after a handover: checked again when the hook answers, in
 *   the transaction that stores the reply (a claim meanwhile wins, the reply is dropped);
 * - one turn at a time per conversation: messages that arrive during a turn are answered by one
 *   more turn, about the latest (a visitor typing three lines gets one answer, not three);
 * - only visitor messages start a turn (the bot never answers itself), at most BOT_REPLIES_MAX
 *   replies per conversation, the same reply twice in a row is a handover (a loop);
 * - rate limited per visitor (BOT_TURNS_PER_VISITOR_PER_MINUTE) and in all (BOT_TURNS_IN_FLIGHT_MAX):
 *   over either, the conversation goes to a person rather than wait for a bot that will not come.
 */
import type { ChatMessage } from '../../protocol/chat';
import type { ContextSnapshot } from '../../protocol/context';
import { BOT_REPLIES_MAX, BOT_TURN_MESSAGES, askBot, type BotDecision, type BotHook, type HandoverReason } from '../bot/hook';
import { botStrings } from '../bot/strings';
import { isWithBot, type ConversationRecord } from './chatStore';
import type { Desk } from './desk';
import { LIMITER_KEYS_MAX } from './limits';
import { newId } from './secrets';
import { KeyedTokenBuckets } from './rateLimits';

/**
 * Bot turns per visitor: 10 a minute, bursts of 5 (BOT_REPLIES_MAX: a conversation's worth). A
 * person reads each answer before asking again; a burst of messages is one turn anyway.
 */
export const BOT_TURNS_PER_VISITOR_PER_MINUTE = 10;
export const BOT_TURNS_PER_VISITOR_BURST = 5;
/** Hook calls running at once on this server (each may be a call to a paid service). */
export const BOT_TURNS_IN_FLIGHT_MAX = 100;

export interface BotTurnsOptions {
  hook: BotHook;
  timeoutMs?: number;
}

export class BotTurns {
  /** Conversations with a turn running -> the latest visitor message that arrived meanwhile. */
  private readonly running = new Map<string, ChatMessage | null>();
  private readonly perVisitor = new KeyedTokenBuckets(BOT_TURNS_PER_VISITOR_PER_MINUTE, BOT_TURNS_PER_VISITOR_BURST, LIMITER_KEYS_MAX);
  private stopped = false;

  constructor(
    private readonly desk: Desk,
    private readonly options: BotTurnsOptions,
  ) {}

  /** A visitor message was committed in `conversation`: the bot's turn, if it is answering there. */
  visitorMessage(conversation: ConversationRecord, message: ChatMessage): void {
    if (this.stopped || message.sender !== 'visitor' || !isWithBot(conversation)) return;
    if (this.running.has(conversation.id)) {
      this.running.set(conversation.id, message);
      return;
    }
    this.running.set(conversation.id, null);
    void this.turns(conversation.id, message);
  }

  /** "Talk to a person" (the visitor's `handover` frame). True when the bot was answering. */
  visitorAsked(conversation: ConversationRecord): boolean {
    return this.handOver(conversation.id, 'visitor', null);
  }

  stop(): void {
    this.stopped = true;
  }

  private async turns(conversationId: string, first: ChatMessage): Promise<void> {
    let message: ChatMessage | null = first;
    try {
      while (message && !this.stopped) {
        await this.turn(conversationId, message);
        message = this.running.get(conversationId) ?? null;
        this.running.set(conversationId, null);
      }
    } catch (error) {
      console.error('[baton] bot turn failed:', error);
    } finally {
      this.running.delete(conversationId);
    }
  }

  private async turn(conversationId: string, message: ChatMessage): Promise<void> {
    const { store, hub } = this.desk;
    const conversation = store.conversation(conversationId);
    if (!conversation || !isWithBot(conversation)) return;
    const now = Date.now();
    if (conversation.botReplies >= BOT_REPLIES_MAX || this.perVisitor.take(conversation.visitorId, now) > 0 || this.running.size > BOT_TURNS_IN_FLIGHT_MAX) {
      this.handOver(conversationId, 'limit', null);
      return;
    }
    const messages = store.latestMessages(conversationId, BOT_TURN_MESSAGES);
    const previous = [...messages].reverse().find((m) => m.sender === 'bot')?.text ?? null;
    const context = conversation.contextJson ? (JSON.parse(conversation.contextJson) as ContextSnapshot) : null;
    const decision: BotDecision = await askBot(
      this.options.hook,
      { conversation: { id: conversationId, status: conversation.status, messages, botReplies: conversation.botReplies }, message, context, agentsOnline: hub.agentsOnline() },
      previous,
      this.options.timeoutMs,
    );
    if (this.stopped || decision.kind === 'nothing') return;
    if (decision.kind === 'handover') {
      this.handOver(conversationId, decision.reason, decision.text);
      return;
    }
    const stored = store.transaction(() => {
      const now = store.conversation(conversationId);
      if (!now || !isWithBot(now)) return null; // claimed, handed over or closed while the hook ran
      store.countBotReply(conversationId);
      return store.appendMessage({ conversationId, clientId: botClientId(), sender: 'bot', text: decision.text, agentId: null, now: Date.now() });
    });
    if (stored) this.deliver(conversation, stored);
  }

  /** The bot stops and a person is wanted: stored with the bot's sentence, told to both sides. */
  private handOver(conversationId: string, reason: HandoverReason, said: string | null): boolean {
    const { store, hub } = this.desk;
    const result = store.transaction(() => {
      const conversation = store.conversation(conversationId);
      if (!conversation || !isWithBot(conversation)) return null;
      const now = Date.now();
      store.handOver(conversationId, now);
      const t = botStrings(conversation.contextJson ? (JSON.parse(conversation.contextJson) as ContextSnapshot) : null);
      const sentence = hub.agentsOnline() > 0 ? t.handoverOnline : t.handoverOffline;
      const text = said ? `${said}\n\n${sentence}` : sentence;
      const message = store.appendMessage({ conversationId, clientId: botClientId(), sender: 'bot', text, agentId: null, now });
      return { conversation: store.conversation(conversationId)!, message };
    });
    if (!result) return false;
    if (reason !== 'visitor') console.info(`[baton] bot handed conversation ${conversationId} over (${reason})`);
    this.deliver(result.conversation, result.message);
    this.desk.tellVisitorStatus(result.conversation);
    return true;
  }

  private deliver(conversation: ConversationRecord, message: ChatMessage): void {
    const { hub } = this.desk;
    hub.toVisitor(conversation.visitorId, { type: 'message', message });
    hub.toWatchers(conversation.id, null, { type: 'message', message });
    this.desk.queueChanged(conversation.id); // the summary's last message (and, after a handover, the agents' ring)
  }
}

/** Bot messages get their own client ids (the messages table keeps them unique per conversation). */
const botClientId = (): string => newId('b');
