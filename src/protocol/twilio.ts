/**
 * Between the browser's Twilio chat transport (src/transports/twilio-chat) and the Twilio chat
 * routes of the site's server (`createTwilioChatHandler` in baton-sdk/server): the HTTP paths, the
 * JSON bodies, their valibot schemas, and the limits Twilio Conversations puts on what we store.
 * (Voice paths live in their own file.)
 */
import * as v from 'valibot';
import { ContextSnapshotSchema } from './contextSchema';
import type { ContextSnapshot } from './context';
import { CSAT_COMMENT_MAX_CHARS } from './chat';

/** POST: a session for the visitor (identity verified, conversation created or reused, access token). Also the token refresh. */
export const TWILIO_CHAT_SESSION_PATH = '/twilio/chat/session';
/** POST: the visitor's context changed (navigation): the server rewrites the conversation's attributes. */
export const TWILIO_CHAT_CONTEXT_PATH = '/twilio/chat/context';
/** POST (from Twilio, form-encoded, signed): Conversations post-event webhooks (onMessageAdded...). */
export const TWILIO_CHAT_WEBHOOK_PATH = '/twilio/chat/webhook';
/** "Talk to a person" while the site's bot answers (`{ visitorId }`, 204): the server hands the conversation over. */
export const TWILIO_CHAT_HANDOVER_PATH = '/twilio/chat/handover';
/**
 * The satisfaction survey's answer (`{ visitorId, conversationSid, score, comment? }`, 204), once the
 * conversation is closed: the server writes it into the conversation's attributes (`csat`), once.
 */
export const TWILIO_CHAT_RATE_PATH = '/twilio/chat/rate';
/**
 * "Continue by SMS / on WhatsApp" (issue 19): `{ visitorId, channel, phone, confirm }`. With
 * `confirm: false` the server only checks the number (E.164 via libphonenumber-js) and answers how
 * it reads it, for the visitor to confirm; with `confirm: true` it adds the messaging participant
 * to the visitor's open conversation and notes the change in the thread.
 */
export const TWILIO_CHAT_CONTINUE_PATH = '/twilio/chat/continue';
/** The site's bot's identity in a conversation (its messages' author, a participant whose attributes hold its state). */
export const TWILIO_BOT_IDENTITY = 'baton_bot';

/** Twilio's limit on a conversation's attributes (JSON): 16 KB. */
export const TWILIO_CONVERSATION_ATTRIBUTES_MAX_BYTES = 16 * 1024;
/** Twilio's limit on a message's attributes (JSON): 4 KB. Ours hold the clientId and, rarely, an e-mail. */
export const TWILIO_MESSAGE_ATTRIBUTES_MAX_BYTES = 4 * 1024;
/**
 * The visitor's id in the browser: 22 url-safe random characters (132 bits), like a clientId. It is the
 * key to the visitor's conversation (whoever holds it gets a token for it), so it is kept like the
 * embedded server's credential: in IndexedDB with consent, in memory without.
 */
export const TWILIO_VISITOR_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

export interface TwilioChatSessionRequest {
  visitorId: string;
  context: ContextSnapshot;
}

export interface TwilioChatSessionResponse {
  /** A Conversations access token (JWT with a ChatGrant) for the visitor's identity. */
  token: string;
  /** Seconds the token lives: the transport refreshes it on the SDK's `tokenAboutToExpire`. */
  ttlSeconds: number;
  conversationSid: string;
  /** The visitor's Twilio identity: their messages' author. */
  identity: string;
  /** The server's verdict on the site's identity proof. */
  verified: boolean;
  /** The messaging channels the conversation can continue on (a number or sender configured); absent: none. */
  continueOn?: MessagingChannel[];
  /** The company's WhatsApp number (E.164) when `continueOn` has whatsapp: the widget links to it (wa.me) so the visitor can write first. */
  whatsappNumber?: string;
}

/** Where a Twilio conversation can continue besides the web chat (Conversations' messaging participants). */
export const MESSAGING_CHANNELS = ['sms', 'whatsapp'] as const;
export type MessagingChannel = (typeof MESSAGING_CHANNELS)[number];
/** A phone number as typed: at most this many characters (E.164 is 16 with the +; room for spaces and dashes). */
export const PHONE_INPUT_MAX_CHARS = 40;

export interface TwilioChatContinueResponse {
  channel: MessagingChannel;
  /** The visitor's number in E.164 (`+447700900123`). */
  address: string;
  /** The same, written for people (`+44 7700 900123`): what the visitor confirms. */
  display: string;
  /** True once the participant was added (confirm: true); false for a check only. */
  continued: boolean;
}

export type TwilioChatContextRequest = TwilioChatSessionRequest;

const VisitorIdSchema = v.pipe(v.string(), v.regex(TWILIO_VISITOR_ID_PATTERN, 'visitorId must be 16 to 64 characters of A-Z a-z 0-9 _ -'));

export const TwilioChatSessionRequestSchema = v.strictObject({ visitorId: VisitorIdSchema, context: ContextSnapshotSchema });
export const TwilioChatContextRequestSchema = TwilioChatSessionRequestSchema;
export const TwilioChatHandoverRequestSchema = v.strictObject({ visitorId: VisitorIdSchema });
export const TwilioChatRateRequestSchema = v.strictObject({
  visitorId: VisitorIdSchema,
  conversationSid: v.pipe(v.string(), v.regex(/^CH[0-9a-fA-F]{32}$/, 'conversationSid must be CH followed by 32 hex characters')),
  score: v.pipe(v.number('score must be a number'), v.integer('score must be a whole number'), v.minValue(1, 'score is 1 to 5'), v.maxValue(5, 'score is 1 to 5')),
  comment: v.exactOptional(v.pipe(v.string('comment must be a string'), v.trim(), v.maxLength(CSAT_COMMENT_MAX_CHARS, `comment is over ${CSAT_COMMENT_MAX_CHARS} characters`))),
});
export const TwilioChatContinueRequestSchema = v.strictObject({
  visitorId: VisitorIdSchema,
  channel: v.picklist(MESSAGING_CHANNELS, 'channel is sms or whatsapp'),
  phone: v.pipe(v.string('phone must be a string'), v.trim(), v.minLength(1, 'phone is empty'), v.maxLength(PHONE_INPUT_MAX_CHARS, `phone is over ${PHONE_INPUT_MAX_CHARS} characters`)),
  confirm: v.boolean('confirm must be true or false'),
});
/** What the conversation's attributes hold under `csat` once the visitor answered (docs/twilio.md). */
export interface TwilioConversationCsat {
  score: number;
  comment?: string;
  /** When the answer was written, ms since the epoch. */
  at: number;
}
