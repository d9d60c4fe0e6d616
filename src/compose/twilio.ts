/**
 * The Twilio transport as a registered part (src/core/transports.ts): chat on Twilio Conversations,
 * calls on Twilio Voice, each SDK a further chunk loaded on the visitor's intent (a chat started,
 * "Call" pressed). The script-tag build registers it (boot option `transport: 'twilio'`); npm
 * sites import it on purpose from `baton-sdk/twilio` (src/twilio.ts), so `baton-sdk` alone never
 * makes a bundler look for the Twilio SDKs.
 */
import type { BatonTransport } from '../core/transports';

export const twilio: BatonTransport = {
  name: 'twilio',
  chat: () => import('./twilioChat'),
  call: () => import('../transports/twilio-voice/index'),
  // The phone line's context codes come from Baton's server (the embedded server's route) in Twilio mode too.
  phoneLine: () => import('../transports/local/phoneLine'),
};
