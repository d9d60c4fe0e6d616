/** Baton's Twilio chat transport: chat over Twilio Conversations (see ./transport.ts and docs/twilio.md). */
export { createTwilioChatTransport, type TwilioChatTransportOptions } from './transport';
