// The outbox's storage (src/storage/outboxStore.ts) where IndexedDB is missing (happy-dom has
// none, like some private modes): messages are kept in memory, in order, and the fallback is
// reported once; without consent nothing is even attempted, so nothing is reported.
import { describe, expect, it, vi } from 'vitest';
import { createOutboxStore } from '../../src/storage/outboxStore';

const pending = (clientId: string, seq: number) => ({ clientId, text: clientId, at: seq, seq });

describe('createOutboxStore', () => {
  it('falls back to memory without IndexedDB, says so once, and keeps the order', async () => {
    expect(typeof indexedDB).toBe('undefined');
    const onFallback = vi.fn();
    const store = createOutboxStore({ consentGranted: () => true, onFallback });
    await store.put(pending('second-1', 2));
    await store.put(pending('first-01', 1));
    await store.put(pending('third-01', 3));
    await store.del('third-01');
    expect((await store.load()).map((m) => m.clientId)).toEqual(['first-01', 'second-1']);
    expect(onFallback).toHaveBeenCalledTimes(1);
    expect(onFallback.mock.calls[0]![0]).toMatch(/memory only: IndexedDB is not available/);
    expect(store.kind).toBe('memory');
  });

  it('with consent required and not given, keeps messages in memory without trying the browser storage', async () => {
    const onFallback = vi.fn();
    const store = createOutboxStore({ consentGranted: () => false, onFallback });
    await store.put(pending('noconsent', 1));
    expect((await store.load()).map((m) => m.clientId)).toEqual(['noconsent']);
    expect(onFallback).not.toHaveBeenCalled();
  });
});
