/**
 * `baton-sdk/headless`: the same API as `baton-sdk` without any UI. `open()` and `close()` only
 * emit 'open' and 'close' for your own UI; `getContext()` gives it what the agent will see.
 */
import type { Baton, BatonOptions } from './api/types';
import { bootBaton } from './compose/entry';

export type * from './api/types';

export function createBaton(options: BatonOptions = {}): Baton {
  return bootBaton({}, options);
}
