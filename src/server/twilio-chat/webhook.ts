/**
 * Twilio Conversations post-event webhooks: the event Baton hands to
 * `onEvent` (a plain object with the fields Twilio documents for each event, validated).
 * Twilio adds fields over time, so unknown fields are ignored, never refused.
 */
import * as v from 'valibot';

/** The post-events Baton understands (Conversations docs, "Conversations Webhooks"). */
export const TWILIO_CHAT_POST_EVENTS = [
  'onMessageAdded',
  'onMessageUpdated',
  'onMessageRemoved',
  'onConversationAdded',
  'onConversationUpdated',
  'onConversationRemoved',
  'onConversationStateUpdated',
  'onParticipantAdded',
  'onParticipantUpdated',
  'onParticipantRemoved',
  'onDeliveryUpdated',
] as const;

export interface TwilioChatWebhookEvent {
  type: (typeof TWILIO_CHAT_POST_EVENTS)[number];
  accountSid: string;
  conversationSid: string;
  /** Message events. */
  messageSid?: string;
  /** Message events: Twilio's 0-based index. */
  index?: number;
  author?: string;
  body?: string;
  /** Message or conversation attributes (JSON text, as Twilio sends it). */
  attributes?: string;
  /** Participant events. */
  identity?: string;
  /** onConversationStateUpdated: active, inactive or closed. */
  state?: string;
}

const sid = (prefix: string) => v.pipe(v.string(), v.regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), `must be ${prefix} followed by 32 hex characters`));
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));

const WebhookSchema = v.looseObject({
  EventType: v.picklist(TWILIO_CHAT_POST_EVENTS, `EventType must be one of ${TWILIO_CHAT_POST_EVENTS.join(', ')}`),
  AccountSid: sid('AC'),
  ConversationSid: sid('CH'),
  MessageSid: v.optional(sid('IM')),
  Index: v.optional(v.pipe(v.string(), v.regex(/^\d{1,10}$/, 'Index must be a whole number'))),
  Author: v.optional(text(256)),
  Body: v.optional(text(32 * 1024)),
  Attributes: v.optional(text(16 * 1024)),
  Identity: v.optional(text(256)),
  StateTo: v.optional(text(32)),
});

export function parseWebhookEvent(params: Record<string, string>): { ok: true; event: TwilioChatWebhookEvent } | { ok: false; message: string } {
  const r = v.safeParse(WebhookSchema, params);
  if (!r.success) {
    const issue = r.issues[0];
    const field = issue.path?.map((p) => String(p.key)).join('.') ?? '(body)';
    return { ok: false, message: `Invalid webhook: ${field}: ${issue.message}` };
  }
  const p = r.output;
  const event: TwilioChatWebhookEvent = { type: p.EventType, accountSid: p.AccountSid, conversationSid: p.ConversationSid };
  if (p.MessageSid !== undefined) event.messageSid = p.MessageSid;
  if (p.Index !== undefined) event.index = Number(p.Index);
  if (p.Author !== undefined) event.author = p.Author;
  if (p.Body !== undefined) event.body = p.Body;
  if (p.Attributes !== undefined) event.attributes = p.Attributes;
  if (p.Identity !== undefined) event.identity = p.Identity;
  if (p.StateTo !== undefined) event.state = p.StateTo;
  return { ok: true, event };
}
