/** Baton's Twilio chat transport: chat over Twilio Conversations (see ./transport.ts, ./status.ts and docs/twilio.md). */
export { createTwilioChatTransport, type TwilioChatTransportOptions } from './transport';
export { resume } from './status';
