/**
 * Twilio Conversations post-event webhooks: the form body, and the event Baton hands to
 * `onEvent` (a plain object with the fields Twilio documents for each event, validated).
 * Twilio adds fields over time, so unknown fields are ignored, never refused.
 */
import type { IncomingMessage } from 'node:http';
import * as v from 'valibot';
import { HttpError } from '../embedded/http';

/** A webhook body is a few KB (a message body is at most 32 KB in Conversations); more is refused. */
export const WEBHOOK_BODY_MAX_BYTES = 64 * 1024;

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

/** Reads an application/x-www-form-urlencoded body of at most WEBHOOK_BODY_MAX_BYTES. Repeated keys keep the last value. */
export function readFormBody(req: IncomingMessage): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/x-www-form-urlencoded') {
      req.resume();
      reject(new HttpError(415, 'unsupported_media_type', 'Twilio webhooks are application/x-www-form-urlencoded'));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (failed) return;
      if (size > WEBHOOK_BODY_MAX_BYTES) {
        failed = true;
        req.resume();
        reject(new HttpError(413, 'too_large', `The body is over ${WEBHOOK_BODY_MAX_BYTES} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (failed) return;
      const out: Record<string, string> = {};
      for (const [k, val] of new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) out[k] = val;
      resolve(out);
    });
    req.on('error', (e) => {
      if (!failed) reject(e);
      failed = true;
    });
  });
}
