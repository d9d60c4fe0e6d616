/**
 * The endpoint the site's server exposes for a visitor starting a Twilio chat: checks the identity
 * proof, creates (or reuses) the visitor's conversation with the context attached, adds the visitor
 * as a participant and mints an access token for the browser.
 */
import type twilio from 'twilio';
import type { ContextSnapshot } from '../../protocol/context';
import type { TwilioConversationCsat } from '../../protocol/twilio';
import { verifyContext } from '../embedded/verifyContext';
import type { TwilioChatConfig } from './config';
import { conversationAttributes, preEngagementData } from './flex';
import { toTwilioIdentity } from '../twilio/identity';
import { mintChatToken } from './token';

export interface TwilioChatSessionOptions {
  config: TwilioChatConfig;
  /** A `twilio(...)` client (API key + secret and the account SID). */
  client: twilio.Twilio;
  /** The secret shared with the site's server for identity proofs (HMAC or HS256 JWT). */
  identitySecret: string;
  ttlSeconds?: number;
}

export interface TwilioChatSessionInput {
  visitorId: string;
  context: ContextSnapshot;
  /**
   * Called just before a new conversation is created for this visitor (none yet, or the last one
   * closed): throw to refuse it (the handler's per-address limit on new conversations). A returning
   * visitor never calls it.
   */
  beforeCreate?: () => void;
}

export interface TwilioChatSession {
  token: string;
  conversationSid: string;
  /** The visitor's Twilio identity (also the conversation's uniqueName). */
  identity: string;
  /** True when the visitor's id was proven by the site's server (HMAC or JWT). */
  verified: boolean;
}

const VISITOR_ID_MAX = 200;

function httpStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

export function createTwilioChatSession({ config, client, identitySecret, ttlSeconds = 3600 }: TwilioChatSessionOptions): (input: TwilioChatSessionInput) => Promise<TwilioChatSession> {
  if (typeof identitySecret !== 'string' || identitySecret === '') throw new TypeError('createTwilioChatSession: identitySecret is required');
  const service = client.conversations.v1.services(config.conversationsServiceSid);

  return async ({ visitorId, context, beforeCreate }) => {
    if (typeof visitorId !== 'string' || visitorId === '' || visitorId.length > VISITOR_ID_MAX) {
      throw new TypeError(`createTwilioChatSession: visitorId must be a string of 1..${VISITOR_ID_MAX} characters`);
    }
    // The browser's `verified` flags and proof are dropped; the server's verdict replaces them.
    const snapshot = verifyContext(context, identitySecret);
    const verified = snapshot.identity?.verified.id === true;
    const identity = toTwilioIdentity(`visitor_${visitorId}`);
    const attributes = conversationAttributes(snapshot);
    const friendlyName = preEngagementData(snapshot).friendlyName.slice(0, 256);

    let conversationSid: string;
    let created = false;
    try {
      const found = await service.conversations(identity).fetch();
      conversationSid = found.sid;
      if (found.state === 'closed') {
        // Closed (by the agent's desk, e.g. Flex after wrap-up): a closed conversation takes no
        // messages, so it keeps its history under another uniqueName and the visitor gets a new one.
        await service.conversations(found.sid).update({ uniqueName: `closed_${found.sid}` });
        throw Object.assign(new Error('closed'), { status: 404 });
      }
    } catch (error) {
      if (httpStatus(error) !== 404) throw error;
      beforeCreate?.();
      try {
        conversationSid = (await service.conversations.create({ uniqueName: identity, friendlyName, attributes })).sid;
        created = true;
      } catch (createError) {
        // Another request created it first (uniqueName taken): use that one.
        if (httpStatus(createError) !== 409) throw createError;
        conversationSid = (await service.conversations(identity).fetch()).sid;
      }
    }
    if (!created) {
      // Reused: refresh the context the agent sees.
      await service.conversations(conversationSid).update({ attributes });
    }
    try {
      await service.conversations(conversationSid).participants.create({ identity });
    } catch (error) {
      // Already a participant (reused conversation).
      if (httpStatus(error) !== 409) throw error;
    }
    return { token: mintChatToken({ config, identity, ttlSeconds }), conversationSid, identity, verified };
  };
}

export interface UpdateTwilioChatContextOptions extends Omit<TwilioChatSessionOptions, 'ttlSeconds'>, TwilioChatSessionInput {}

/**
 * Rewrites the visitor's conversation attributes with a new snapshot (navigation), after checking the
 * identity proof again. Resolves false when the visitor has no conversation (no session yet). A
 * closed conversation is left as it ended: its context is the record of that conversation, and its
 * attributes may hold the visitor's satisfaction answer (`csat`), which a rewrite would drop.
 */
export async function updateTwilioChatContext({ config, client, identitySecret, visitorId, context }: UpdateTwilioChatContextOptions): Promise<boolean> {
  if (typeof visitorId !== 'string' || visitorId === '' || visitorId.length > VISITOR_ID_MAX) {
    throw new TypeError(`updateTwilioChatContext: visitorId must be a string of 1..${VISITOR_ID_MAX} characters`);
  }
  const identity = toTwilioIdentity(`visitor_${visitorId}`);
  const attributes = conversationAttributes(verifyContext(context, identitySecret));
  try {
    const conversation = client.conversations.v1.services(config.conversationsServiceSid).conversations(identity);
    if ((await conversation.fetch()).state === 'closed') return true;
    await conversation.update({ attributes });
    return true;
  } catch (error) {
    if (httpStatus(error) === 404) return false;
    throw error;
  }
}

/**
 * The SID of the visitor's open conversation (its uniqueName is the visitor's identity, made from
 * their visitorId, which only their browser holds), or null when they have none or it is closed.
 */
export async function twilioConversationOf({ config, client, visitorId }: { config: TwilioChatConfig; client: twilio.Twilio; visitorId: string }): Promise<string | null> {
  if (typeof visitorId !== 'string' || visitorId === '' || visitorId.length > VISITOR_ID_MAX) return null;
  try {
    const found = await client.conversations.v1.services(config.conversationsServiceSid).conversations(toTwilioIdentity(`visitor_${visitorId}`)).fetch();
    return found.state === 'closed' ? null : found.sid;
  } catch (error) {
    if (httpStatus(error) === 404) return null;
    throw error;
  }
}

export interface RateTwilioConversationInput {
  config: TwilioChatConfig;
  client: twilio.Twilio;
  /** The visitor's chat credential: only a participant of the conversation may answer for it. */
  visitorId: string;
  conversationSid: string;
  score: number;
  comment?: string | undefined;
  now?: () => number;
}

/**
 * The satisfaction survey's answer on Twilio (issue 15): written into the conversation's attributes
 * as `csat: { score, comment?, at }` beside the context, once, after the conversation closed, and
 * only for a conversation the visitor holding `visitorId` takes part in. A desk reads it there
 * (docs/twilio.md). Resolves 'done', 'not_found' (no such conversation, or not the visitor's),
 * 'not_closed' or 'already' (answered before: the first answer stays).
 */
export async function rateTwilioConversation({ config, client, visitorId, conversationSid, score, comment, now = Date.now }: RateTwilioConversationInput): Promise<'done' | 'not_found' | 'not_closed' | 'already'> {
  if (typeof visitorId !== 'string' || visitorId === '' || visitorId.length > VISITOR_ID_MAX) return 'not_found';
  const conversation = client.conversations.v1.services(config.conversationsServiceSid).conversations(conversationSid);
  let found: { state: string; attributes: string };
  try {
    // The participant by identity (Twilio accepts an identity in place of the participant SID).
    await conversation.participants(toTwilioIdentity(`visitor_${visitorId}`)).fetch();
    found = await conversation.fetch();
  } catch (error) {
    if (httpStatus(error) === 404) return 'not_found';
    throw error;
  }
  if (found.state !== 'closed') return 'not_closed';
  let attributes: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(found.attributes || '{}') as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) attributes = parsed as Record<string, unknown>;
  } catch {
    // Not JSON (written by someone else): the answer still goes in, beside nothing.
  }
  if (attributes.csat) return 'already';
  const csat: TwilioConversationCsat = { score, ...(comment ? { comment } : {}), at: now() };
  await conversation.update({ attributes: JSON.stringify({ ...attributes, csat }) });
  return 'done';
}
