/**
 * The site's bot on Twilio Conversations (docs/bot.md, docs/twilio.md): the same `bot` hook as the
 * embedded server's, driven by the Conversations webhook. On the visitor's messages (onMessageAdded)
 * the hook is asked and the bot answers through the REST API as a participant of its own
 * (TWILIO_BOT_IDENTITY, the author of its messages, `{ bot: { name } }` in their attributes). Its
 * state lives in that participant's attributes (`{ state: 'answering' | 'handed_over', replies }`),
 * apart from the conversation's attributes (the context, rewritten on every navigation), so the
 * browser reads it like any participant. A handover (the visitor's "Talk to a person", the hook's,
 * the limits) sets `handed_over`, says so, and creates the Flex task when the handler routes to Flex
 * (with a bot, the task waits for the handover instead of the first message). An agent joining the
 * conversation stops the bot too.
 *
 * Agents online (the hook's `agentsOnline`, and which handover sentence the bot says): with Flex,
 * the TaskRouter workers of its workspace whose activity is available (the Workers list,
 * Available=true, at most AGENTS_COUNTED); without Flex, Baton cannot see the desk's presence
 * (Conversations has none: agents join conversations, they are not online in it), so it counts 1,
 * "a person is coming" (docs/bot.md).
 *
 * Rules kept whatever the hook does, as on the embedded server: never after a handover or an agent,
 * checked again before the reply is posted; one turn at a time per conversation (messages during a
 * turn are not answered: the visitor reads the answer first); at most BOT_REPLIES_MAX replies; the
 * same reply twice, a throw, a late or malformed answer hand over; BOT_TURNS_PER_VISITOR_PER_MINUTE
 * per conversation.
 */
import type twilio from 'twilio';
import type { ChatMessage } from '../../protocol/chat';
import type { ContextSnapshot } from '../../protocol/context';
import { TWILIO_BOT_IDENTITY } from '../../protocol/twilio';
import { BOT_REPLIES_MAX, BOT_TURN_MESSAGES, askBot, type BotHook, type HandoverReason } from '../bot/hook';
import { botStrings } from '../bot/strings';
import { BOT_TURNS_PER_VISITOR_BURST, BOT_TURNS_PER_VISITOR_PER_MINUTE } from '../embedded/bot';
import { KeyedTokenBuckets } from '../embedded/rateLimits';
import type { TwilioChatConfig } from './config';
import { createFlexTask, type FlexRouting } from './flexTask';

export interface TwilioBotState {
  state: 'answering' | 'handed_over';
  replies: number;
}

export interface TwilioBotOptions {
  client: twilio.Twilio;
  config: TwilioChatConfig;
  hook: BotHook;
  name: string;
  flex?: FlexRouting;
  timeoutMs?: number;
}

export interface TwilioBot {
  /** A verified onMessageAdded: the bot's turn when the author is the visitor and the bot answers. */
  visitorMessage(conversationSid: string): Promise<void>;
  /** The bot stops and a person is wanted. True when the bot was answering. */
  handOver(conversationSid: string, reason: HandoverReason, said?: string | null): Promise<boolean>;
  /** Someone other than the visitor and the bot joined (an agent): the bot stops, quietly. */
  agentJoined(conversationSid: string): Promise<void>;
}

const status = (error: unknown) => (error as { status?: unknown } | null)?.status;

/** Available Flex workers are counted up to this (one page of TaskRouter's Workers list). */
export const AGENTS_COUNTED = 100;

export function createTwilioBot(o: TwilioBotOptions): TwilioBot {
  const service = o.client.conversations.v1.services(o.config.conversationsServiceSid);
  const running = new Set<string>();
  const perConversation = new KeyedTokenBuckets(BOT_TURNS_PER_VISITOR_PER_MINUTE, BOT_TURNS_PER_VISITOR_BURST, 10_000);

  const me = (sid: string) => service.conversations(sid).participants(TWILIO_BOT_IDENTITY);
  const stateOf = async (sid: string): Promise<TwilioBotState | null> => {
    try {
      const a = JSON.parse((await me(sid).fetch()).attributes || '{}') as Partial<TwilioBotState>;
      return a.state === 'answering' || a.state === 'handed_over' ? { state: a.state, replies: Number(a.replies) || 0 } : null;
    } catch (error) {
      if (status(error) === 404) return null;
      throw error;
    }
  };
  const setState = (sid: string, s: TwilioBotState) => me(sid).update({ attributes: JSON.stringify(s) });
  const say = (sid: string, body: string) =>
    service.conversations(sid).messages.create({ author: TWILIO_BOT_IDENTITY, body, attributes: JSON.stringify({ bot: { name: o.name } }) });
  const contextOf = async (sid: string): Promise<ContextSnapshot | null> => {
    try {
      return (JSON.parse((await service.conversations(sid).fetch()).attributes || '{}') as { baton?: ContextSnapshot }).baton ?? null;
    } catch {
      return null;
    }
  };
  /** Available Flex workers (1 without Flex: unknown, a person is said to come); a failed count is 1 too. */
  const agentsOnline = async (): Promise<number> => {
    if (!o.flex) return 1;
    try {
      return (await o.client.taskrouter.v1.workspaces(o.flex.workspaceSid).workers.list({ available: 'true', limit: AGENTS_COUNTED })).length;
    } catch (error) {
      console.error('[baton] Twilio bot: the available Flex workers could not be counted:', error);
      return 1;
    }
  };
  /** Another participant than the visitor and the bot: an agent is there. */
  const agentIn = async (sid: string) =>
    (await service.conversations(sid).participants.list({ limit: 50 })).some((p) => p.identity && p.identity !== TWILIO_BOT_IDENTITY && !p.identity.startsWith('visitor_'));

  async function handOver(sid: string, reason: HandoverReason, said: string | null = null): Promise<boolean> {
    const s = await stateOf(sid);
    if (!s || s.state !== 'answering') return false;
    await setState(sid, { ...s, state: 'handed_over' });
    const t = botStrings(await contextOf(sid));
    const sentence = (await agentsOnline()) > 0 ? t.handoverOnline : t.handoverOffline;
    await say(sid, said ? `${said}\n\n${sentence}` : sentence);
    if (reason !== 'visitor') console.info(`[baton] bot handed Twilio conversation ${sid} over (${reason})`);
    if (o.flex) await createFlexTask({ client: o.client, config: o.config, routing: o.flex, conversationSid: sid });
    return true;
  }

  async function turn(sid: string): Promise<void> {
    let s = await stateOf(sid);
    if (!s) {
      // The visitor's first message: the bot joins and answers.
      try {
        await service.conversations(sid).participants.create({ identity: TWILIO_BOT_IDENTITY, attributes: JSON.stringify({ state: 'answering', replies: 0 }) });
      } catch (error) {
        if (status(error) !== 409) throw error;
      }
      s = { state: 'answering', replies: 0 };
    }
    if (s.state !== 'answering') return;
    if (s.replies >= BOT_REPLIES_MAX || perConversation.take(sid, Date.now()) > 0) {
      await handOver(sid, 'limit');
      return;
    }
    const page = await service.conversations(sid).messages.list({ order: 'desc', limit: BOT_TURN_MESSAGES });
    const messages: ChatMessage[] = page.reverse().map((m) => {
      const author = m.author ?? 'system';
      const sender = author === TWILIO_BOT_IDENTITY ? 'bot' : author.startsWith('visitor_') ? 'visitor' : author === 'system' ? 'system' : 'agent';
      return { id: m.sid, conversationId: sid, index: m.index + 1, clientId: m.sid, sender, text: m.body ?? '', at: m.dateCreated?.getTime() ?? Date.now(), ...(sender === 'bot' ? { bot: { name: o.name } } : {}) };
    });
    const message = [...messages].reverse().find((m) => m.sender === 'visitor');
    if (!message) return;
    const previous = [...messages].reverse().find((m) => m.sender === 'bot')?.text ?? null;
    const decision = await askBot(
      o.hook,
      { conversation: { id: sid, status: 'waiting', messages, botReplies: s.replies }, message, context: await contextOf(sid), agentsOnline: await agentsOnline() },
      previous,
      o.timeoutMs,
    );
    if (decision.kind === 'nothing') return;
    if (decision.kind === 'handover') {
      await handOver(sid, decision.reason, decision.text);
      return;
    }
    // Claimed or handed over while the hook ran: the reply is dropped.
    const now = await stateOf(sid);
    if (now?.state !== 'answering' || (await agentIn(sid))) return;
    await setState(sid, { state: 'answering', replies: now.replies + 1 });
    await say(sid, decision.text);
  }

  return {
    async visitorMessage(sid) {
      if (running.has(sid)) return;
      running.add(sid);
      try {
        await turn(sid);
      } catch (error) {
        console.error('[baton] Twilio bot turn failed:', error);
      } finally {
        running.delete(sid);
      }
    },
    handOver,
    async agentJoined(sid) {
      const s = await stateOf(sid);
      if (s?.state === 'answering') await setState(sid, { ...s, state: 'handed_over' });
    },
  };
}
