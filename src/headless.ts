/**
 * `baton-sdk/headless`: the same API as `baton-sdk` without any UI. `open()` and `close()` only
 * emit 'open' and 'close' for your own UI; `getContext()` gives it what the agent will see.
 */
import type { Baton, BatonOptions } from './api/types';
import { composeBaton } from './compose/entry';

export type * from './api/types';

export function createBaton(options: BatonOptions = {}): Baton {
  const { api, fail } = composeBaton({});
  // No widget to show a call in, and no call handle for a custom UI yet: said, never a silent no-op.
  api.call = () => fail('unsupported', "call() needs Baton's widget: baton-sdk/headless has no calls yet (use baton-sdk, or the script tag)");
  api.boot(options);
  return api;
}
