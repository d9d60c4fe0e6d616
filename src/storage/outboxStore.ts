/**
 * The outbox's storage (core's OutboxStore port): one IndexedDB record per pending message,
 * keyed by clientId, in a database of its own ('baton-outbox'; see docs/ARCHITECTURE.md for why
 * not Baton's 'baton' database). Shared by every tab of the site, so a message typed in a tab
 * that was closed before it was sent is found and sent by the next page.
 *
 * With consent required and not (yet) given nothing is written: the messages live in memory
 * only. When IndexedDB is missing or fails, memory too, reported once through `onFallback`.
 */
import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';
import type { OutboxStore } from '../core/chat/outbox';
import type { PendingMessage } from '../core/chat/transport';
import { OUTBOX_DB_NAME } from './idbStore';

const STORE_NAME = 'pending';

// idb-keyval's createStore, with the object store's own verbs rather than idb-keyval's get/set/del:
// those would be pulled into the page's bundle, where idb-keyval already lives (src/storage/idbStore.ts).
const write = (s: UseStore, fn: (o: IDBObjectStore) => void) =>
  s('readwrite', (o) => {
    fn(o);
    // Committed at once: the tab may be closing right after the visitor pressed Send.
    o.transaction.commit?.();
    return promisifyRequest(o.transaction);
  });

export interface OutboxStoreOptions {
  /** Whether the visitor's consent allows writing to the browser's storage now. */
  consentGranted(): boolean;
  /** Called once when IndexedDB cannot be used and messages are kept in memory only. */
  onFallback(reason: string): void;
}

const isPending = (v: unknown): v is PendingMessage => {
  const m = v as PendingMessage;
  return !!m && typeof m.clientId === 'string' && typeof m.text === 'string' && typeof m.seq === 'number' && typeof m.at === 'number';
};

export function createOutboxStore(opts: OutboxStoreOptions): OutboxStore {
  /** What this page put and has not deleted (all there is without IndexedDB). */
  const memory = new Map<string, PendingMessage>();
  let persistent = opts.consentGranted();
  let idb: UseStore | null = null;
  let failed = false;

  const fallBack = (e: unknown) => {
    idb = null;
    if (failed) return;
    failed = true;
    opts.onFallback(`the outbox keeps unsent messages in memory only: ${String((e as Error)?.message ?? e)}`);
  };
  const open = (): UseStore | null => {
    if (!persistent || failed) return null;
    if (idb) return idb;
    try {
      if (typeof indexedDB === 'undefined' || !indexedDB) throw new Error('IndexedDB is not available');
      idb = createStore(OUTBOX_DB_NAME, STORE_NAME);
    } catch (e) {
      fallBack(e);
    }
    return idb;
  };
  const run = async (op: (s: UseStore) => Promise<unknown>) => {
    const s = open();
    if (!s) return;
    try {
      await op(s);
    } catch (e) {
      fallBack(e);
    }
  };

  return {
    get kind() {
      return open() ? 'indexeddb' : 'memory';
    },
    async load() {
      const s = open();
      let stored: unknown[] = [];
      if (s) {
        try {
          stored = await s('readonly', (o) => promisifyRequest(o.getAll()));
        } catch (e) {
          fallBack(e);
        }
      }
      // What is stored (by any tab) plus what this page holds in memory only; not cached, since
      // other tabs add and delete meanwhile.
      const all = new Map(memory);
      for (const m of stored) if (isPending(m)) all.set(m.clientId, m);
      return [...all.values()].sort((a, b) => a.seq - b.seq);
    },
    async put(m) {
      memory.set(m.clientId, m);
      await run((s) => write(s, (o) => o.put(m, m.clientId)));
    },
    async del(clientId) {
      memory.delete(clientId);
      await run((s) => write(s, (o) => o.delete(clientId)));
    },
    setPersistent(granted) {
      if (granted === persistent) return;
      persistent = granted;
      if (granted) return;
      // Consent withdrawn: nothing of the visitor stays in the browser's storage.
      const s = idb;
      idb = null;
      void (async () => {
        if (s) {
          await write(s, (o) => o.clear());
          // Our open connection would block the deletion: close it first.
          (await s('readonly', (o) => Promise.resolve(o.transaction.db))).close();
        }
        await promisifyRequest(indexedDB.deleteDatabase(OUTBOX_DB_NAME));
      })().catch(() => undefined);
    },
  };
}
