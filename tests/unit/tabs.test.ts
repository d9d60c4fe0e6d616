// withTabs (src/core/chat/tabs.ts) over an in-memory TabChannel (a lock queue and a broadcast bus,
// as Web Locks and BroadcastChannel behave): one transport for all tabs, messages from any tab,
// events relayed to every tab, a late tab catching up, and a new leader when the leader closes.
import { describe, expect, it } from 'vitest';
import { withTabs, type TabChannel, type TabMessage } from '../../src/core/chat/tabs';
import type { ChatTransport, ChatTransportEvents } from '../../src/core/chat/transport';
import type { VisitorCallFrame, VisitorCallServerFrame } from '../../src/protocol/call';
import type { ChatMessage } from '../../src/protocol/chat';
import { fakeChatTransport } from '../fakes/chatTransport';

/** Tabs of one site: a FIFO lock and a bus that delivers to every other tab, asynchronously. */
function site() {
  const waiting: { tab: string; onLead: () => void }[] = [];
  let holder: string | null = null;
  const subs = new Map<string, Set<(m: TabMessage) => void>>();
  const grant = () => {
    if (holder || !waiting.length) return;
    const next = waiting.shift()!;
    holder = next.tab;
    next.onLead();
  };
  const channel = (tab: string): TabChannel => ({
    lead(onLead) {
      waiting.push({ tab, onLead });
      queueMicrotask(grant);
      return () => {
        const i = waiting.findIndex((w) => w.tab === tab);
        if (i >= 0) waiting.splice(i, 1);
        if (holder === tab) {
          holder = null;
          queueMicrotask(grant);
        }
      };
    },
    post(m) {
      const copy = structuredClone(m);
      for (const [t, fns] of subs) if (t !== tab) for (const fn of fns) queueMicrotask(() => fn(copy));
    },
    onMessage(fn) {
      const set = subs.get(tab) ?? new Set();
      subs.set(tab, set);
      set.add(fn);
      return () => void set.delete(fn);
    },
    close: () => void subs.delete(tab),
  });
  return { channel, holder: () => holder };
}

const flush = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};
const committed = (clientId: string, index: number): ChatMessage => ({ id: `m${index}`, conversationId: 'c1', index, clientId, sender: 'visitor', text: clientId, at: index });

function tab(s: ReturnType<typeof site>, id: string) {
  const made: ReturnType<typeof fakeChatTransport>[] = [];
  const t = withTabs(() => {
    const f = fakeChatTransport();
    made.push(f);
    return f.t;
  }, s.channel(id), id);
  const seen: string[] = [];
  const acks: string[] = [];
  t.on('state', (st) => seen.push(st));
  t.on('ack', (a) => acks.push(a.clientId));
  return { t, made, seen, acks };
}

describe('withTabs', () => {
  it('connects once for all tabs; a message from any tab goes through the leader; acks reach every tab', async () => {
    const s = site();
    const a = tab(s, 'A');
    const b = tab(s, 'B');
    a.t.connect(null);
    await flush();
    b.t.connect(null);
    await flush();
    expect([a.made.length, b.made.length]).toEqual([1, 0]);
    const inner = a.made[0]!;
    expect(inner.t.connect).toHaveBeenCalledTimes(1);
    inner.emit('state', 'online');
    await flush();
    expect(b.seen.at(-1)).toBe('online');

    b.t.send({ clientId: 'from-b-1', text: 'hi from B' });
    a.t.send({ clientId: 'from-a-1', text: 'hi from A' });
    await flush();
    expect(inner.sent.map((m) => m.clientId).sort()).toEqual(['from-a-1', 'from-b-1']);
    inner.emit('ack', { clientId: 'from-b-1', message: committed('from-b-1', 1) });
    await flush();
    expect(a.acks).toEqual(['from-b-1']);
    expect(b.acks).toEqual(['from-b-1']);
  });

  it('gives a tab that starts later the connection state and the conversation so far', async () => {
    const s = site();
    const a = tab(s, 'A');
    a.t.connect(null);
    await flush();
    const inner = a.made[0]!;
    inner.emit('state', 'online');
    inner.emit('welcome', { conversation: { id: 'c1', status: 'active', agent: null, position: null, messages: [committed('x1', 1)], readIndex: 0 }, agentsOnline: 1, unread: 0 });
    inner.emit('ack', { clientId: 'x2', message: committed('x2', 2) });
    await flush();

    const b = tab(s, 'B');
    const welcomes: ChatTransportEvents['welcome'][] = [];
    b.t.on('welcome', (w) => welcomes.push(w));
    b.t.connect(null);
    await flush();
    expect(b.seen).toEqual(['online']);
    expect(welcomes.map((w) => w.conversation?.messages.map((m) => m.index))).toEqual([[1, 2]]);
  });

  it('when the leader tab closes, another takes over, connects, and hands over what was not acknowledged', async () => {
    const s = site();
    const a = tab(s, 'A');
    const b = tab(s, 'B');
    a.t.connect(null);
    await flush();
    b.t.connect(null);
    await flush();
    a.made[0]!.emit('state', 'online');
    b.t.send({ clientId: 'unacked-b', text: 'still waiting' });
    await flush();
    expect(a.made[0]!.sent.map((m) => m.clientId)).toEqual(['unacked-b']);

    a.t.disconnect(); // the tab closed
    await flush();
    expect(s.holder()).toBe('B');
    expect(b.made).toHaveLength(1);
    expect(b.made[0]!.t.connect).toHaveBeenCalledTimes(1);
    expect(b.made[0]!.sent.map((m) => m.clientId)).toEqual(['unacked-b']);
  });

  it('hands a message typed before the tab connected to the leader once it connects', async () => {
    const s = site();
    const a = tab(s, 'A');
    a.t.connect(null);
    await flush();
    const b = tab(s, 'B');
    b.t.send({ clientId: 'early-b', text: 'typed first' }); // the session sends, then connects
    b.t.connect(null);
    await flush();
    expect(a.made[0]!.sent.map((m) => m.clientId)).toEqual(['early-b']);
  });

  it('carries an embedded call\'s signalling from any tab over the leader\'s connection', async () => {
    const s = site();
    const fake = fakeChatTransport();
    const sentCalls: unknown[] = [];
    const serverCalls = new Set<(f: VisitorCallServerFrame) => void>();
    const inner: ChatTransport = {
      ...fake.t,
      callSignals: () => ({
        send: (f) => (sentCalls.push(f), true),
        on: (fn) => (serverCalls.add(fn), () => void serverCalls.delete(fn)),
      }),
    };
    const leader = withTabs(() => inner, s.channel('L'), 'L');
    const follower = withTabs(() => inner, s.channel('F'), 'F');
    leader.connect(null);
    await flush();
    follower.connect(null);
    await flush();
    fake.emit('state', 'online');
    await flush();
    const got: unknown[] = [];
    follower.callSignals!().on((f) => got.push(f));
    const start = { type: 'call_start', callId: 'call-0001' } as VisitorCallFrame;
    expect(follower.callSignals!().send(start)).toBe(true);
    await flush();
    expect(sentCalls).toEqual([start]);
    const ringing = { type: 'call_ringing', callId: 'call-0001' } as unknown as VisitorCallServerFrame;
    for (const fn of serverCalls) fn(ringing);
    await flush();
    expect(got).toEqual([ringing]);
  });

  it('without tab coordination each tab uses its own transport', () => {
    const f = fakeChatTransport();
    expect(withTabs(() => f.t, null, 'A')).toBe(f.t);
  });
});
