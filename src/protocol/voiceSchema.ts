/**
 * Validation of every input of the Twilio Voice routes and the phone-code route (./voice.ts):
 * the browser's JSON bodies and Twilio's form-encoded webhook parameters.
 */
import * as v from 'valibot';
import { ContextSnapshotSchema } from './contextSchema';
import { CONTEXT_REF_PATTERN } from './voice';

/** A chat credential: the Twilio chat's visitorId (TWILIO_VISITOR_ID_PATTERN) or an embedded credential (43 characters). */
const credential = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{16,64}$/, 'credential must be 16..64 characters of [A-Za-z0-9_-]'));
/** The refresh secret: 32 random bytes, base64url. */
const refresh = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/, 'refresh must be the value the server gave'));

export const VoiceTokenRequestSchema = v.union([
  v.strictObject({ context: ContextSnapshotSchema, credential: v.optional(credential) }),
  v.strictObject({ refresh }),
]);

export const PhoneCodeRequestSchema = v.strictObject({
  credential: v.optional(v.pipe(v.string('credential must be a string'), v.minLength(1), v.maxLength(256))),
  context: v.optional(ContextSnapshotSchema),
});

export const PhoneLookupRequestSchema = v.strictObject({
  code: v.pipe(v.string('code must be a string'), v.regex(/^[0-9]{6}$/, 'code must be 6 digits')),
});

/** Twilio's values stay short; this bounds what we store and log. */
const field = (max: number) => v.pipe(v.string(), v.maxLength(max));
const callSid = v.pipe(v.string(), v.regex(/^CA[0-9a-f]{32}$/, 'CallSid must be CA + 32 hex digits'));

/**
 * The voice webhook's parameters (Twilio sends many more: they are kept for the signature check
 * and ignored). `contextRef` is optional: phone callers have none.
 */
export const VoiceWebhookParamsSchema = v.looseObject({
  CallSid: callSid,
  From: v.optional(field(256)),
  To: v.optional(field(256)),
  contextRef: v.optional(v.pipe(v.string(), v.regex(CONTEXT_REF_PATTERN, 'contextRef is malformed'))),
});

/** The `<Gather>` action: Digits is what the caller typed (6 digits expected; anything else is a miss). */
export const VoiceCodeParamsSchema = v.looseObject({
  CallSid: callSid,
  From: v.optional(field(256)),
  Digits: v.optional(v.pipe(v.string(), v.regex(/^[0-9*#]{0,32}$/, 'Digits must be DTMF keys'))),
});

/** Twilio's call statuses (https://www.twilio.com/docs/voice/api/call-resource#call-status-values). */
export const CALL_STATUSES = ['queued', 'initiated', 'ringing', 'in-progress', 'completed', 'busy', 'failed', 'no-answer', 'canceled'] as const;
export type TwilioCallStatus = (typeof CALL_STATUSES)[number];

export const VoiceStatusParamsSchema = v.looseObject({
  CallSid: callSid,
  CallStatus: v.picklist(CALL_STATUSES, 'CallStatus is not a Twilio call status'),
  CallDuration: v.optional(v.pipe(v.string(), v.regex(/^[0-9]{1,7}$/, 'CallDuration must be whole seconds'))),
  Timestamp: v.optional(field(64)),
});

/** An id the site gives a callback or a conversation (a Twilio CH sid, an embedded c_…). */
const reference = (name: string) => v.pipe(v.string(`${name} must be a string`), v.regex(/^[A-Za-z0-9_-]{1,64}$/, `${name} must be 1..64 characters of [A-Za-z0-9_-]`));

/** POST /api/twilio/voice/callback-call (an agent's desk; src/server/twilio-voice/callbackCall.ts). */
export const VoiceCallbackCallRequestSchema = v.strictObject({
  to: v.pipe(v.string('to must be a string'), v.regex(/^\+[1-9][0-9]{6,14}$/, 'to must be an E.164 number, e.g. +33612345678')),
  callbackId: v.optional(reference('callbackId')),
  conversationId: v.optional(reference('conversationId')),
});
