import type { KeyValueStore } from '../core/ports';

/** The in-memory store: used when IndexedDB is unavailable (private mode, blocked storage, quota). */
export function memoryStore(): KeyValueStore {
  const map = new Map<string, unknown>();
  return {
    kind: 'memory',
    async get<T>(key: string) {
      return map.get(key) as T | undefined;
    },
    async set(key, value) {
      map.set(key, structuredClone(value));
    },
    async del(key) {
      map.delete(key);
    },
    async clear() {
      map.clear();
    },
  };
}
