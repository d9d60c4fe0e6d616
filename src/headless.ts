/**
 * `baton-sdk/headless`: the same API as `baton-sdk` without any UI. `open()` and `close()` only
 * emit 'open' and 'close' for your own UI; `getContext()` gives it what the agent will see.
 */
import { createBatonApi } from './api/createBaton';
import type { Baton, BatonOptions } from './api/types';
import { idbStore } from './storage/idbStore';

export type * from './api/types';

export function createBaton(options: BatonOptions = {}): Baton {
  const { api } = createBatonApi({ store: idbStore });
  api.boot(options);
  return api;
}
