// The one fake BatonSession (src/core/session.ts) the UI tests render against: it keeps listeners
// like the real session does (src/api/createBaton.ts): setOpen() changes isOpen() and emits
// 'open'/'close'; a 'context' event replaces the snapshot getContext() answers with and tells the
// onChange listeners. The chat is whatever the test passes (by default one that never connects).
import { vi } from 'vitest';
import type { BatonEventName, BatonEvents, BatonOptions } from '../../src/api/types';
import type { ChatHandle } from '../../src/core/chat/session';
import type { BatonSession } from '../../src/core/session';
import type { ContextSnapshot } from '../../src/protocol/context';
import { contextSnapshot } from '../fixtures/contextSnapshot';

export interface FakeSessionInit {
  snapshot?: ContextSnapshot;
  /** Whether the UI starts open (a panel rendered on its own is open). */
  open?: boolean;
  chat?: () => Promise<ChatHandle>;
}

export function fakeBatonSession(options: BatonOptions = {}, init: FakeSessionInit = {}) {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const listen = (name: string, fn: (p: unknown) => void) => {
    const set = listeners.get(name) ?? new Set();
    listeners.set(name, set);
    set.add(fn);
    return () => void set.delete(fn);
  };
  let open = init.open ?? false;
  let snap = init.snapshot ?? contextSnapshot();
  /** Plays a public event; 'context' also becomes the snapshot and reaches onChange listeners. */
  const emit = <E extends BatonEventName>(event: E, payload: BatonEvents[E]) => {
    if (event === 'context') {
      snap = payload as ContextSnapshot;
      for (const l of [...(listeners.get('change') ?? [])]) l(undefined);
    }
    for (const l of [...(listeners.get(event) ?? [])]) l(payload);
  };
  const session = {
    options,
    getContext: async () => snap,
    onChange: (fn: () => void) => listen('change', fn),
    on: <E extends BatonEventName>(event: E, l: (p: BatonEvents[E]) => void) => listen(event, l as (p: unknown) => void),
    setOpen: vi.fn((o: boolean) => {
      if (o === open) return;
      open = o;
      emit(o ? 'open' : 'close', undefined);
    }),
    isOpen: () => open,
    consent: vi.fn(),
    shareLocation: vi.fn(async () => true),
    setPart: vi.fn(),
    reportError: vi.fn(),
    chat: vi.fn(init.chat ?? (() => new Promise<ChatHandle>(() => {}))),
  } satisfies BatonSession;
  /** How many listeners an event has (a UI that unmounts must leave none). */
  const count = (event: string) => listeners.get(event)?.size ?? 0;
  return { session, emit, count };
}
