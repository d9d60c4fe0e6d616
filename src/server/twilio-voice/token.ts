/**
 * Twilio Voice access tokens for the browser (Voice JS SDK `Device`): a visitor's click-to-call
 * (outgoing through the TwiML App only) and an agent's softphone (outgoing + incoming).
 */
import type twilio from 'twilio';
import { peer } from '../peers';

/** The twilio package, loaded on first use (an optional peer: src/server/peers.ts). */
const sdk = () => peer<typeof twilio>('twilio');
import { isTwilioIdentity } from '../twilio/identity';

/** Twilio caps access tokens at 24 hours. */
export const VOICE_TOKEN_TTL_MAX_SECONDS = 24 * 60 * 60;

export interface VoiceTokenOptions {
  /** AC + 32 hex. */
  accountSid: string;
  /** API key SID: SK + 32 hex. */
  apiKey: string;
  apiSecret: string;
  /** Must already be a valid Twilio identity (see `toTwilioIdentity`). */
  identity: string;
  /** The TwiML App (AP + 32 hex) whose voice URL receives the browser's outgoing calls. */
  outgoingApplicationSid: string;
  /** True for agents (their browser rings on `<Dial><Client>`), false for visitors. */
  incomingAllow: boolean;
  /** 1..86,400 seconds; default 3,600. */
  ttlSeconds?: number;
}

const SID = (prefix: string) => new RegExp(`^${prefix}[0-9a-fA-F]{32}$`);

/** A signed (HS256, with the API secret) Voice access token. Throws on malformed options. */
export function mintVoiceToken(options: VoiceTokenOptions): string {
  const { accountSid, apiKey, apiSecret, identity, outgoingApplicationSid, incomingAllow, ttlSeconds = 3600 } = options;
  if (!SID('AC').test(accountSid)) throw new Error('mintVoiceToken: accountSid must be AC + 32 hex digits');
  if (!SID('SK').test(apiKey)) throw new Error('mintVoiceToken: apiKey must be SK + 32 hex digits');
  if (!apiSecret) throw new Error('mintVoiceToken: apiSecret is required');
  if (!SID('AP').test(outgoingApplicationSid)) throw new Error('mintVoiceToken: outgoingApplicationSid must be AP + 32 hex digits');
  if (!isTwilioIdentity(identity)) throw new Error('mintVoiceToken: identity must be 1..121 characters of [A-Za-z0-9_] (use toTwilioIdentity)');
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > VOICE_TOKEN_TTL_MAX_SECONDS) {
    throw new Error(`mintVoiceToken: ttlSeconds must be an integer in 1..${VOICE_TOKEN_TTL_MAX_SECONDS}`);
  }
  const { AccessToken } = sdk().jwt;
  const token = new AccessToken(accountSid, apiKey, apiSecret, { identity, ttl: ttlSeconds });
  token.addGrant(new AccessToken.VoiceGrant({ outgoingApplicationSid, incomingAllow }));
  return token.toJwt('HS256');
}
