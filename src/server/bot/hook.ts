/**
 * The bot hook: what a site plugs into Baton's server to answer unclaimed conversations
 * (createEmbeddedServer's `bot` option; createTwilioChatHandler's, from the Conversations webhook). Called once per
 * visitor message while the bot is answering; it returns a reply, a handover, or nothing.
 *
 *   bot: async ({ conversation, message, context }) =>
 *     /order status/i.test(message.text) ? { reply: 'Your order ships today.' } : { handover: true }
 *
 * The server around it keeps the rules the visitor relies on (../embedded/bot.ts): the bot never answers
 * after an agent claimed or after a handover, answers only visitor messages (never itself), at
 * most BOT_REPLIES_MAX times per conversation, within BOT_TURN_TIMEOUT_MS; a hook that throws, is
 * late, repeats itself or returns something malformed hands over to a person.
 */
import { MESSAGE_MAX_CHARS, type ChatMessage, type ConversationStatus } from '../../protocol/chat';
import type { ContextSnapshot } from '../../protocol/context';

export interface BotTurn {
  conversation: {
    id: string;
    status: ConversationStatus;
    /** The latest messages (at most BOT_TURN_MESSAGES), oldest first, including `message`. */
    messages: ChatMessage[];
    /** Replies the bot already gave in this conversation. */
    botReplies: number;
  };
  /** The visitor's message to answer. */
  message: ChatMessage;
  /** The visitor's context as the agent sees it (identity verified by the server), or null. */
  context: ContextSnapshot | null;
  /** Agents online now (0: a handover leaves a message for later). */
  agentsOnline: number;
}

/**
 * - `{ reply }` (or a plain string): the bot answers with this text (1..4,000 characters);
 * - `{ handover: true }`: a person takes over; the bot says `reply` (if any) followed by the
 *   server's sentence for it ("I'm getting a person for you…", or "Nobody is online…");
 * - null / undefined: the bot says nothing this time (the conversation stays with it).
 */
export type BotAnswer = string | { reply: string; handover?: false } | { handover: true; reply?: string } | null | undefined;

export type BotHook = (turn: BotTurn) => BotAnswer | Promise<BotAnswer>;

/** Why a conversation went to a person, as the agent's side records it. */
export type HandoverReason = 'visitor' | 'bot' | 'limit' | 'failed';

/** A reply the bot gives once the hook's answer is checked. */
export type BotDecision =
  | { kind: 'reply'; text: string }
  | { kind: 'handover'; text: string | null; reason: HandoverReason }
  | { kind: 'nothing' };

/** At most this many bot replies per conversation; the next visitor message goes to a person. */
export const BOT_REPLIES_MAX = 5;
/** The hook's answer must come within this (an LLM call fits); later, a person takes over. */
export const BOT_TURN_TIMEOUT_MS = 10_000;
/** Messages handed to the hook with the turn. */
export const BOT_TURN_MESSAGES = 20;

/** Checks what a hook returned. Anything malformed is a handover (`failed`), never a thrown error. */
export function decide(answer: unknown, previousReply: string | null): BotDecision {
  if (answer === null || answer === undefined) return { kind: 'nothing' };
  const reply = typeof answer === 'string' ? answer : typeof answer === 'object' ? (answer as { reply?: unknown }).reply : undefined;
  const handover = typeof answer === 'object' && (answer as { handover?: unknown }).handover === true;
  const text = typeof reply === 'string' ? reply.trim() : null;
  if (reply !== undefined && (text === null || text.length > MESSAGE_MAX_CHARS)) return { kind: 'handover', text: null, reason: 'failed' };
  if (handover) return { kind: 'handover', text: text || null, reason: 'bot' };
  if (!text) return { kind: 'handover', text: null, reason: 'failed' };
  // Saying the same thing twice in a row is a loop: a person does better.
  if (previousReply !== null && text === previousReply.trim()) return { kind: 'handover', text: null, reason: 'bot' };
  return { kind: 'reply', text };
}

const LATE = Symbol('late');

/** Runs the hook with the timeout; a throw or a late answer becomes a `failed` handover. */
export async function askBot(hook: BotHook, turn: BotTurn, previousReply: string | null, timeoutMs = BOT_TURN_TIMEOUT_MS): Promise<BotDecision> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const late = new Promise<typeof LATE>((resolve) => (timer = setTimeout(() => resolve(LATE), timeoutMs)));
    const answer = await Promise.race([Promise.resolve().then(() => hook(turn)), late]);
    if (answer === LATE) {
      console.warn(`[baton] the bot hook did not answer within ${timeoutMs} ms; the conversation goes to a person`);
      return { kind: 'handover', text: null, reason: 'failed' };
    }
    return decide(answer, previousReply);
  } catch (error) {
    console.error('[baton] the bot hook failed; the conversation goes to a person:', error);
    return { kind: 'handover', text: null, reason: 'failed' };
  } finally {
    clearTimeout(timer);
  }
}
