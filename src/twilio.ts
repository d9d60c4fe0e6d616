/**
 * `baton-sdk/twilio`: the Twilio transport (chat on Twilio Conversations, calls on Twilio Voice),
 * for a site that chose Twilio: `createBaton({ transport: twilio, server: 'https://your.site' })`.
 * It needs the optional peers `@twilio/conversations` and `@twilio/voice-sdk` installed; each SDK
 * is a lazy chunk, loaded once the visitor starts a chat or a call (docs/twilio.md).
 */
export { twilio } from './compose/twilio';
export type { BatonTransport } from './api/types';
