// The local transport wrapped in the outbox (what src/compose/localChat.ts builds), over a fake
// WebSocket: a page that goes into the back/forward cache with a message in flight and comes back
// sends that message again once (same clientId, which the server stores once) and nothing that
// was already acknowledged; a server restart (every socket dropped) resends only the pending ones.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { withOutbox, type OutboxStore } from '../../src/core/chat/outbox';
import type { PendingMessage } from '../../src/core/chat/transport';
import type { ChatMessage, VisitorServerFrame } from '../../src/protocol/chat';
import { memoryStore } from '../../src/storage/memoryStore';
import { createLocalTransport } from '../../src/transports/local/transport';
import { FakeSocket, lastSocket } from '../fakes/visitorSocket';

const last = lastSocket;

function memoryOutbox(): OutboxStore {
  const map = new Map<string, PendingMessage>();
  return {
    kind: 'memory',
    load: async () => [...map.values()],
    put: async (m) => void map.set(m.clientId, m),
    del: async (id) => void map.delete(id),
  };
}

const welcome: VisitorServerFrame = { type: 'welcome', visitorId: 'v1', credential: 'cred', conversation: null, agentsOnline: 1, unread: 0 };
const committed = (clientId: string, index: number): ChatMessage => ({ id: `m${index}`, conversationId: 'c1', index, clientId, sender: 'visitor', text: clientId, at: index });

async function connected() {
  FakeSocket.all = [];
  const local = createLocalTransport({
    server: 'http://baton.test',
    store: memoryStore(),
    consentGranted: () => false,
    WebSocket: FakeSocket as never,
    random: () => 0,
  });
  const t = withOutbox(local, memoryOutbox(), { random: () => 0 });
  t.connect(null);
  await vi.advanceTimersByTimeAsync(0);
  last().open();
  last().frame(welcome);
  return t;
}

const pageEvent = (type: 'pagehide' | 'pageshow') => dispatchEvent(Object.assign(new Event(type), { persisted: true }));

afterEach(() => vi.useRealTimers());

describe('outbox over the local transport', () => {
  it('back from the back/forward cache: the in-flight message goes once more, an acknowledged one never', async () => {
    vi.useFakeTimers();
    const t = await connected();
    t.send({ clientId: 'acked-0001', text: 'one' });
    await vi.advanceTimersByTimeAsync(0);
    last().frame({ type: 'ack', clientId: 'acked-0001', message: committed('acked-0001', 1) });
    t.send({ clientId: 'inflight01', text: 'two' });
    await vi.advanceTimersByTimeAsync(0);
    expect(last().sends()).toEqual(['acked-0001', 'inflight01']);

    pageEvent('pagehide'); // into the cache: the socket is closed
    const before = last();
    expect(before.readyState).toBe(3);
    pageEvent('pageshow'); // restored
    await vi.advanceTimersByTimeAsync(0);
    expect(last()).not.toBe(before);
    last().open();
    last().frame(welcome);
    await vi.advanceTimersByTimeAsync(0);
    expect(last().sends()).toEqual(['inflight01']);
    last().frame({ type: 'ack', clientId: 'inflight01', message: committed('inflight01', 2) });
    await vi.advanceTimersByTimeAsync(5000);
    expect(last().sends()).toEqual(['inflight01']);
    t.disconnect();
  });

  it('after a server restart (the socket drops) it reconnects after the backoff and resends only what is pending, in order', async () => {
    vi.useFakeTimers();
    const t = await connected();
    t.send({ clientId: 'restart-01', text: 'a' });
    t.send({ clientId: 'restart-02', text: 'b' });
    await vi.advanceTimersByTimeAsync(0);
    last().frame({ type: 'ack', clientId: 'restart-01', message: committed('restart-01', 1) });
    await vi.advanceTimersByTimeAsync(0);
    last().drop(); // restart-02 in flight: committed or not, nobody knows
    const dropped = last();
    await vi.advanceTimersByTimeAsync(999);
    expect(last()).toBe(dropped); // waits for the backoff (1 s at most, jitter takes off up to 40%)
    await vi.advanceTimersByTimeAsync(1);
    last().open();
    last().frame(welcome);
    t.send({ clientId: 'restart-03', text: 'c' });
    await vi.advanceTimersByTimeAsync(0);
    expect(last().sends()).toEqual(['restart-02']);
    last().frame({ type: 'ack', clientId: 'restart-02', message: committed('restart-02', 2) });
    await vi.advanceTimersByTimeAsync(0);
    expect(last().sends()).toEqual(['restart-02', 'restart-03']);
    t.disconnect();
  });
});
