/**
 * The Twilio chat server half's test setup: one TwilioChatConfig, the fake Conversations cloud
 * for it, and the real `twilio` package's REST client talking to that fake.
 */
import twilio from 'twilio';
import { FakeTwilioCloud } from '../fakes/twilioConversations';
import type { TwilioChatConfig } from '../../src/server/index';

export const HEX32 = '0123456789abcdef0123456789abcdef';

export const TWILIO_CHAT_CONFIG: TwilioChatConfig = {
  accountSid: `AC${HEX32}`,
  apiKey: `SK${HEX32}`,
  apiSecret: 'apisecretapisecretapisecret12345',
  conversationsServiceSid: `IS${HEX32}`,
  authToken: 'fedcba9876543210fedcba9876543210',
};

/** A fresh fake cloud for `config`, and a real `twilio` client whose HTTP goes to it. */
export function fakeTwilioChatCloud(config: TwilioChatConfig = TWILIO_CHAT_CONFIG): { cloud: FakeTwilioCloud; client: twilio.Twilio } {
  const cloud = new FakeTwilioCloud({ accountSid: config.accountSid, apiKey: config.apiKey, apiSecret: config.apiSecret, serviceSid: config.conversationsServiceSid });
  const client = twilio(config.apiKey, config.apiSecret, { accountSid: config.accountSid, httpClient: cloud.httpClient as unknown as twilio.RequestClient });
  return { cloud, client };
}
