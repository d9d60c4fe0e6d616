// A fake ChatTransport for unit tests: records what was sent, lets the test play server events,
// and can refuse sends (as a transport does while disconnected). Shared by the session, panel and
// API tests; a transport conformance suite can use it as its reference double.
import { vi } from 'vitest';
import type { ChatTransport, ChatTransportEvents, OutgoingMessage } from '../../src/core/chat/transport';

export function fakeChatTransport() {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const sent: OutgoingMessage[] = [];
  let accept = true;
  const t = {
    connect: vi.fn(),
    disconnect: vi.fn(),
    send: vi.fn((m: OutgoingMessage) => {
      if (accept) sent.push(m);
      return accept;
    }),
    typing: vi.fn(),
    context: vi.fn(),
    read: vi.fn(),
    handover: vi.fn(() => true),
    setEmail: vi.fn((_email: string) => accept),
    rate: vi.fn((_score: number, _comment?: string) => accept),
    transcript: vi.fn((_email?: string) => accept),
    setConsent: vi.fn(),
    on<E extends keyof ChatTransportEvents>(event: E, fn: (p: ChatTransportEvents[E]) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(fn as (p: unknown) => void);
      return () => void set.delete(fn as (p: unknown) => void);
    },
  } satisfies ChatTransport;
  const emit = <E extends keyof ChatTransportEvents>(event: E, payload: ChatTransportEvents[E]) => {
    for (const fn of listeners.get(event) ?? []) fn(payload);
  };
  return {
    t,
    sent,
    emit,
    /** true: sends fail (return false), as while disconnected. */
    refuse: (r: boolean) => void (accept = !r),
    listenerCount: () => [...listeners.values()].reduce((n, s) => n + s.size, 0),
  };
}
