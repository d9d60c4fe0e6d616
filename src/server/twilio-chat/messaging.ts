/**
 * "Continue by SMS / on WhatsApp" (issue 19): the visitor's open conversation gets a messaging
 * participant (Conversations' "Add an SMS participant": `messagingBinding.address` is the visitor's
 * number, `messagingBinding.proxyAddress` the company's; both prefixed `whatsapp:` for WhatsApp), so
 * the same conversation, with its messages and context, carries on by text message: the agent's
 * replies reach the phone, the visitor's texts land in the thread, and the web chat shows all of it.
 *
 * The number is read by libphonenumber-js here (the browser sends it as typed) and the visitor
 * confirms it as the server read it: `confirm: false` only checks (no Twilio call), `confirm: true`
 * adds the participant and posts one line in the thread, "Continued by SMS at +44 7700 900123",
 * which the agent's desk shows and which is also the first text the visitor receives.
 */
import type twilio from 'twilio';
import type { CountryCode } from 'libphonenumber-js/min';
import type { MessagingChannel, TwilioChatContinueResponse } from '../../protocol/twilio';
import { readPhoneNumber } from '../phoneNumbers';
import type { TwilioChatConfig } from './config';
import { twilioConversationOf } from './session';

/** What the visitor's messaging participant carries in its attributes (the widget reads it to say where the chat continues). */
export interface MessagingParticipantAttributes {
  messaging: { channel: MessagingChannel; address: string; display: string; at: number };
}

export type ContinueOutcome =
  | { ok: true; answer: TwilioChatContinueResponse }
  /** No number or sender for this channel in the server's config. */
  | { ok: false; reason: 'not_configured' }
  /** libphonenumber-js found no valid number (or it is the company's own). */
  | { ok: false; reason: 'invalid_number' }
  /** The visitor has no open conversation (nothing to continue). */
  | { ok: false; reason: 'no_conversation' }
  /** The conversation already continues on this channel (the number it continues at). */
  | { ok: false; reason: 'already'; display: string }
  /** Twilio refused the pair (error 50416): this number already takes part in another open conversation with the same company number. */
  | { ok: false; reason: 'in_use' };

export interface ContinueOnMessagingInput {
  config: TwilioChatConfig;
  client: twilio.Twilio;
  visitorId: string;
  channel: MessagingChannel;
  phone: string;
  confirm: boolean;
  /** How to read a number typed without + (ISO 3166 alpha-2); without it such numbers are invalid. */
  country?: CountryCode | undefined;
  now?: () => number;
}

/** The company's number for `channel`, or undefined when none is configured. */
export function senderFor(config: TwilioChatConfig, channel: MessagingChannel): string | undefined {
  return channel === 'sms' ? config.smsNumber : config.whatsappNumber;
}

/** The channels this config can continue on (the session answer's `continueOn`). */
export function messagingChannelsOf(config: TwilioChatConfig): MessagingChannel[] {
  return (['sms', 'whatsapp'] as const).filter((c) => !!senderFor(config, c));
}

const CHANNEL_NAME: Record<MessagingChannel, string> = { sms: 'SMS', whatsapp: 'WhatsApp' };
const bindingOf = (channel: MessagingChannel, e164: string) => (channel === 'whatsapp' ? `whatsapp:${e164}` : e164);

function twilioError(error: unknown): { status?: number; code?: number } {
  const e = error as { status?: unknown; code?: unknown } | null;
  return { ...(typeof e?.status === 'number' ? { status: e.status } : {}), ...(typeof e?.code === 'number' ? { code: e.code } : {}) };
}

/**
 * The number checked against the config, nothing sent: the answer the visitor confirms
 * (`continued: false`), or why not (`not_configured`, `invalid_number`).
 */
export function checkContinue({ config, channel, phone, country }: Pick<ContinueOnMessagingInput, 'config' | 'channel' | 'phone' | 'country'>): ContinueOutcome {
  const sender = senderFor(config, channel);
  if (!sender) return { ok: false, reason: 'not_configured' };
  const read = readPhoneNumber(phone, country);
  if (!read || read.number === sender) return { ok: false, reason: 'invalid_number' };
  return { ok: true, answer: { channel, address: read.number, display: read.international, continued: false } };
}

/** checkContinue, then (with `confirm`) the participant added to the visitor's open conversation and the line in the thread. */
export async function continueOnMessaging(input: ContinueOnMessagingInput): Promise<ContinueOutcome> {
  const checked = checkContinue(input);
  if (!checked.ok || !input.confirm) return checked;
  const { config, client, visitorId, channel, now = Date.now } = input;
  const { answer } = checked;
  const sender = senderFor(config, channel)!;
  const read = { number: answer.address, international: answer.display };
  const sid = await twilioConversationOf({ config, client, visitorId });
  if (!sid) return { ok: false, reason: 'no_conversation' };
  const conversation = client.conversations.v1.services(config.conversationsServiceSid).conversations(sid);
  // One messaging participant per channel: a second number would split the replies.
  for (const p of await conversation.participants.list({ limit: 100 })) {
    const binding = p.messagingBinding as { type?: string; address?: string } | null;
    if (!binding?.address) continue;
    const isWhatsapp = binding.address.startsWith('whatsapp:');
    if ((channel === 'whatsapp') !== isWhatsapp) continue;
    const e164 = binding.address.replace(/^whatsapp:/, '');
    return { ok: false, reason: 'already', display: readPhoneNumber(e164)?.international ?? e164 };
  }
  const attributes: MessagingParticipantAttributes = { messaging: { channel, address: read.number, display: read.international, at: now() } };
  try {
    await conversation.participants.create({
      'messagingBinding.address': bindingOf(channel, read.number),
      'messagingBinding.proxyAddress': bindingOf(channel, sender),
      attributes: JSON.stringify(attributes),
    });
  } catch (error) {
    const e = twilioError(error);
    if (e.code === 50416 || e.code === 50425) return { ok: false, reason: 'in_use' };
    throw error;
  }
  // After the participant: the line reaches the phone too, as the first text of the conversation there.
  await conversation.messages.create({
    author: 'system',
    body: `Continued by ${CHANNEL_NAME[channel]} at ${read.international}. Replies to this number reach the same conversation.`,
    attributes: JSON.stringify({ messaging: { channel, address: read.number } }),
  });
  return { ok: true, answer: { ...answer, continued: true } };
}
