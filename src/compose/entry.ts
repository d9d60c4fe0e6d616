/**
 * The one wiring of Baton's browser entries (src/index.ts, src/headless.ts, src/cdn.ts): the
 * public API over IndexedDB storage, with the UI and the transports each entry brings. An entry
 * names only what differs: its UI (none in `baton-sdk/headless`, which must never reach src/ui),
 * its default server, and the transports its build registers.
 */
import { createBatonApi, type BatonParts } from '../api/createBaton';
import type { Baton, BatonOptions } from '../api/types';
import { idbStore } from '../storage/idbStore';

export type EntryParts = Omit<BatonParts, 'store'>;

/** The API behind the global (`call(method, args)`) and behind createBaton(). */
export function composeBaton(parts: EntryParts): ReturnType<typeof createBatonApi> {
  return createBatonApi({ store: idbStore, ...parts });
}

/** createBaton(options) of the npm entries: composed and booted. */
export function bootBaton(parts: EntryParts, options: BatonOptions): Baton {
  const { api } = composeBaton(parts);
  api.boot(options);
  return api;
}
