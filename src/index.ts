/**
 * `baton-sdk`: createBaton() with Baton's widget. For your own UI, import `baton-sdk/headless`;
 * for Twilio, pass `transport: twilio` from `baton-sdk/twilio`.
 */
import type { Baton, BatonOptions } from './api/types';
import { bootBaton } from './compose/entry';
import { local } from './compose/transports';
import { mountUi } from './ui/launcher';

export type * from './api/types';

/** Boots Baton with `options` and returns the API (the same methods as the `Baton(...)` global). */
export function createBaton(options: BatonOptions = {}): Baton {
  // The site's own origin is the default server, unless boot({ server }) names Baton's server.
  return bootBaton({ ui: mountUi, server: location.origin, transports: [local] }, options);
}
