/**
 * `baton-sdk`: createBaton() with Baton's widget. For your own UI, import `baton-sdk/headless`.
 */
import { createBatonApi } from './api/createBaton';
import type { Baton, BatonOptions } from './api/types';
import { idbStore } from './storage/idbStore';
import { mountUi } from './ui/launcher';

export type * from './api/types';

/** Boots Baton with `options` and returns the API (the same methods as the `Baton(...)` global). */
export function createBaton(options: BatonOptions = {}): Baton {
  const { api } = createBatonApi({
    store: idbStore,
    ui: mountUi,
    chat: {
      // The site's own origin, unless boot({ server }) names Baton's server.
      server: location.origin,
      transport: () => import('./compose/localChat'),
      status: () => import('./transports/local/status'),
      // boot({ transport: 'twilio' }): Twilio Conversations (the SDK is a further chunk, loaded on the visitor's intent).
      twilio: {
        transport: () => import('./compose/twilioChat'),
        status: () => import('./transports/twilio-chat/status'),
      },
    },
    // Embedded calls (WebRTC, signalled through Baton's server): imported when the visitor presses "Call".
    // With transport: 'twilio', calls go through Twilio Voice (its chunk and the SDK's, on "Call").
    call: { transport: () => import('./transports/local/call'), twilio: () => import('./transports/twilio-voice/index') },
  });
  api.boot(options);
  return api;
}
