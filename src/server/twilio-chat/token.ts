/** Twilio Conversations access tokens for the visitor's browser. */
import type twilio from 'twilio';
import { peer } from '../peers';

/** The twilio package, loaded on first use (an optional peer: src/server/peers.ts). */
const sdk = () => peer<typeof twilio>('twilio');
import { isTwilioIdentity } from '../twilio/identity';
import type { TwilioChatConfig } from './config';

export interface MintChatTokenOptions {
  config: TwilioChatConfig;
  /** Already a Twilio identity (see `toTwilioIdentity`); checked, never rewritten. */
  identity: string;
  ttlSeconds?: number;
}

/** An HS256 access token (signed with the API secret) carrying a ChatGrant for the Conversations service. */
export function mintChatToken({ config, identity, ttlSeconds = 3600 }: MintChatTokenOptions): string {
  if (!isTwilioIdentity(identity)) {
    throw new TypeError('mintChatToken: identity must be 1..121 characters of [A-Za-z0-9_] (use toTwilioIdentity)');
  }
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0 || ttlSeconds > 86_400) {
    throw new RangeError('mintChatToken: ttlSeconds must be an integer from 1 to 86400');
  }
  const token = new (sdk().jwt.AccessToken)(config.accountSid, config.apiKey, config.apiSecret, { identity, ttl: ttlSeconds });
  token.addGrant(new (sdk().jwt.AccessToken.ChatGrant)({ serviceSid: config.conversationsServiceSid }));
  return token.toJwt();
}
