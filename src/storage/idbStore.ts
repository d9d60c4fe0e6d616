import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';
import type { KeyValueStore } from '../core/ports';
import { memoryStore } from './memoryStore';

/** Baton's IndexedDB database and object store; consent revocation deletes the database itself. */
export const DB_NAME = 'baton';
const STORE_NAME = 'kv';
/** The chat outbox's own database (src/storage/outboxStore.ts): deleted with Baton's on consent revocation. */
export const OUTBOX_DB_NAME = 'baton-outbox';

/**
 * IndexedDB through idb-keyval, opened on first use (opening creates the database, which must not
 * happen before consent). When IndexedDB is missing or refuses to open, every call is served from
 * memory instead and `onFallback` is called once: storage failing is a normal case.
 */
export function idbStore(onFallback: (reason: string) => void): KeyValueStore {
  let idb: UseStore | null = null;
  let fallback: KeyValueStore | null = null;
  const useMemory = (reason: string): KeyValueStore => {
    if (!fallback) {
      fallback = memoryStore();
      onFallback(reason);
    }
    return fallback;
  };
  const open = (): UseStore | null => {
    if (idb || fallback) return idb;
    try {
      if (typeof indexedDB === 'undefined' || !indexedDB) throw new Error('IndexedDB is not available');
      idb = createStore(DB_NAME, STORE_NAME);
    } catch (e) {
      useMemory(String((e as Error)?.message ?? e));
    }
    return idb;
  };
  // Any failed operation (open refused, quota, blocked) moves everything to memory from then on.
  const run = async <T>(op: (s: UseStore) => Promise<T>, mem: (m: KeyValueStore) => Promise<T>): Promise<T> => {
    const s = open();
    if (s) {
      try {
        return await op(s);
      } catch (e) {
        idb = null;
        return mem(useMemory(String((e as Error)?.message ?? e)));
      }
    }
    return mem(fallback!);
  };
  // idb-keyval's own get/set, minus their default-store argument, which would pull the unused
  // 'keyval-store' code into the page's bundle. Writes commit at once (`commit()`, where the
  // browser has it) instead of when the event loop is idle: the page may be going away.
  const write = (s: UseStore, fn: (o: IDBObjectStore) => void) =>
    s('readwrite', (o) => {
      fn(o);
      o.transaction.commit?.();
      return promisifyRequest(o.transaction);
    });
  return {
    get kind() {
      return fallback ? 'memory' : 'indexeddb';
    },
    get: <T>(key: string) => run((s) => s('readonly', (o) => promisifyRequest<T>(o.get(key))), (m) => m.get<T>(key)),
    set: (key, value) => run((s) => write(s, (o) => o.put(value, key)), (m) => m.set(key, value)),
    del: (key) => run((s) => write(s, (o) => o.delete(key)), (m) => m.del(key)),
    async clear() {
      if (fallback) return fallback.clear();
      const s = idb;
      idb = null;
      try {
        // Close our connection first: an open connection would block the deletion.
        if (s) (await s('readonly', (o) => Promise.resolve(o.transaction.db))).close();
        // Deleting the database leaves no trace of Baton in the visitor's browser.
        for (const name of [DB_NAME, OUTBOX_DB_NAME]) await promisifyRequest(indexedDB.deleteDatabase(name));
      } catch {
        // Not available: nothing was stored there.
      }
    },
  };
}
