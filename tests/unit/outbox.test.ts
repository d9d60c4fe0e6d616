// withOutbox (src/core/chat/outbox.ts) over the fake transport and a recording store: written
// before sent, removed only on ack, one in flight, resent in order after a drop or a reload,
// retryable refusals retried with backoff (or after the server's retryAfterMs), bounded with a visible refusal; and ChatSession over it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OUTBOX_FULL, OUTBOX_MAX_BYTES, OUTBOX_MAX_MESSAGES, RETRY_AFTER_MAX_MS, withOutbox, type OutboxStore } from '../../src/core/chat/outbox';
import { ChatSession } from '../../src/core/chat/session';
import type { ChatTransportError, PendingMessage } from '../../src/core/chat/transport';
import type { ChatMessage } from '../../src/protocol/chat';
import { fakeChatTransport } from '../fakes/chatTransport';

/** A store that records the order of operations and can hold writes until released. */
function recordingStore(initial: PendingMessage[] = []) {
  const map = new Map(initial.map((m) => [m.clientId, m]));
  const log: string[] = [];
  let hold: (() => void)[] | null = null;
  const wait = () => (hold ? new Promise<void>((r) => hold!.push(r)) : Promise.resolve());
  const store: OutboxStore = {
    kind: 'memory',
    load: async () => [...map.values()].sort((a, b) => a.seq - b.seq),
    put: async (m) => {
      await wait();
      log.push(`put ${m.clientId}`);
      map.set(m.clientId, m);
    },
    del: async (id) => {
      log.push(`del ${id}`);
      map.delete(id);
    },
  };
  return {
    store,
    map,
    log,
    holdWrites: () => void (hold = []),
    releaseWrites: () => {
      const h = hold ?? [];
      hold = null;
      for (const r of h) r();
    },
  };
}

const flush = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

const committed = (clientId: string, index: number, text = `t-${clientId}`): ChatMessage => ({
  id: `m${index}`,
  conversationId: 'c1',
  index,
  clientId,
  sender: 'visitor',
  text,
  at: 1_700_000_000_000 + index,
});

function setup(initial: PendingMessage[] = []) {
  const f = fakeChatTransport();
  const s = recordingStore(initial);
  const sentIds: string[] = [];
  f.t.send.mockImplementation((m) => {
    s.log.push(`send ${m.clientId}`);
    sentIds.push(m.clientId);
    return true;
  });
  const t = withOutbox(f.t, s.store, { random: () => 0 });
  const errors: ChatTransportError[] = [];
  t.on('error', (e) => errors.push(e));
  return { f, s, t, sentIds, errors };
}

afterEach(() => vi.useRealTimers());

describe('withOutbox', () => {
  it('writes a message before handing it to the transport, and deletes it only on ack', async () => {
    const { f, s, t } = setup();
    f.emit('state', 'online');
    s.holdWrites();
    expect(t.send({ clientId: 'aaaaaaaa1', text: 'hello' })).toBe(true);
    await flush();
    expect(s.log).toEqual([]); // not written yet: not sent either
    s.releaseWrites();
    await flush();
    expect(s.log).toEqual(['put aaaaaaaa1', 'send aaaaaaaa1']);
    expect(s.map.has('aaaaaaaa1')).toBe(true);
    f.emit('ack', { clientId: 'aaaaaaaa1', message: committed('aaaaaaaa1', 1) });
    await flush();
    expect(s.log.at(-1)).toBe('del aaaaaaaa1');
    expect(s.map.size).toBe(0);
  });

  it('keeps one message in flight and sends the next in order after each ack', async () => {
    const { f, t, sentIds } = setup();
    f.emit('state', 'online');
    for (const id of ['msg00001', 'msg00002', 'msg00003']) t.send({ clientId: id, text: id });
    await flush();
    expect(sentIds).toEqual(['msg00001']);
    f.emit('ack', { clientId: 'msg00001', message: committed('msg00001', 1) });
    await flush();
    expect(sentIds).toEqual(['msg00001', 'msg00002']);
    f.emit('ack', { clientId: 'msg00002', message: committed('msg00002', 2) });
    f.emit('ack', { clientId: 'msg00003', message: committed('msg00003', 3) });
    await flush();
    expect(sentIds).toEqual(['msg00001', 'msg00002', 'msg00003']);
  });

  it('sends nothing while disconnected and resends the unacknowledged message, same clientId, once back', async () => {
    const { f, t, sentIds } = setup();
    t.send({ clientId: 'offline1', text: 'one' });
    t.send({ clientId: 'offline2', text: 'two' });
    await flush();
    expect(sentIds).toEqual([]);
    f.emit('state', 'online');
    await flush();
    expect(sentIds).toEqual(['offline1']);
    // The connection drops before the ack: the same message goes again after reconnecting.
    f.emit('state', 'reconnecting');
    f.emit('state', 'online');
    await flush();
    expect(sentIds).toEqual(['offline1', 'offline1']);
    f.emit('ack', { clientId: 'offline1', message: committed('offline1', 1) });
    f.emit('ack', { clientId: 'offline2', message: committed('offline2', 2) });
    await flush();
    expect(sentIds).toEqual(['offline1', 'offline1', 'offline2']);
  });

  it('restores what an earlier page left, shows it as pending and sends it first, in order', async () => {
    const left = [
      { clientId: 'earlier2', text: 'second', at: 2, seq: 20 },
      { clientId: 'earlier1', text: 'first', at: 1, seq: 10 },
    ];
    const { f, t, sentIds } = setup(left);
    const pending: string[] = [];
    t.on('pending', (m) => pending.push(m.clientId));
    expect(await t.restored).toBe(2);
    expect(pending).toEqual(['earlier1', 'earlier2']);
    t.send({ clientId: 'now00001', text: 'third' });
    f.emit('state', 'online');
    await flush();
    f.emit('ack', { clientId: 'earlier1', message: committed('earlier1', 1) });
    await flush();
    f.emit('ack', { clientId: 'earlier2', message: committed('earlier2', 2) });
    await flush();
    expect(sentIds).toEqual(['earlier1', 'earlier2', 'now00001']);
  });

  it('retries a message the server could not store (database busy) with backoff, and does not report it failed', async () => {
    vi.useFakeTimers();
    const { f, t, sentIds, errors } = setup();
    f.emit('state', 'online');
    t.send({ clientId: 'busy0001', text: 'x' });
    await vi.advanceTimersByTimeAsync(0);
    f.emit('error', { code: 'unavailable', message: 'busy', clientId: 'busy0001' });
    await vi.advanceTimersByTimeAsync(999);
    expect(sentIds).toEqual(['busy0001']);
    await vi.advanceTimersByTimeAsync(1);
    expect(sentIds).toEqual(['busy0001', 'busy0001']);
    f.emit('error', { code: 'unavailable', message: 'busy', clientId: 'busy0001' });
    await vi.advanceTimersByTimeAsync(1999);
    expect(sentIds).toHaveLength(2); // 2 s the second time
    await vi.advanceTimersByTimeAsync(1);
    expect(sentIds).toHaveLength(3);
    expect(errors).toEqual([]);
  });

  it("waits what the server says after a rate_limited refusal (retryAfterMs), not its own backoff", async () => {
    vi.useFakeTimers();
    const { f, t, sentIds, errors } = setup();
    f.emit('state', 'online');
    t.send({ clientId: 'limited1', text: 'x' });
    t.send({ clientId: 'limited2', text: 'y' });
    await vi.advanceTimersByTimeAsync(0);
    // Longer than the first backoff (1 s): sooner would be refused again.
    f.emit('error', { code: 'rate_limited', message: 'Too many messages; wait a moment', clientId: 'limited1', retryAfterMs: 4_500 });
    await vi.advanceTimersByTimeAsync(4_499);
    expect(sentIds).toEqual(['limited1']);
    await vi.advanceTimersByTimeAsync(1);
    expect(sentIds).toEqual(['limited1', 'limited1']);
    // Shorter than the backoff would be (2 s the second time): no longer than needed.
    f.emit('error', { code: 'rate_limited', message: 'Too many messages; wait a moment', clientId: 'limited1', retryAfterMs: 300 });
    await vi.advanceTimersByTimeAsync(299);
    expect(sentIds).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(sentIds).toEqual(['limited1', 'limited1', 'limited1']);
    // Stored: the next one goes, in order; nothing was reported failed.
    f.emit('ack', { clientId: 'limited1', message: committed('limited1', 1) });
    expect(sentIds.at(-1)).toBe('limited2');
    // Without a wait named, the backoff (from its first step again after an ack).
    f.emit('error', { code: 'rate_limited', message: 'slow down', clientId: 'limited2' });
    await vi.advanceTimersByTimeAsync(999);
    expect(sentIds).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(1);
    expect(sentIds).toHaveLength(5);
    // A wait past RETRY_AFTER_MAX_MS is read as that.
    f.emit('error', { code: 'rate_limited', message: 'slow down', clientId: 'limited2', retryAfterMs: 1e12 });
    await vi.advanceTimersByTimeAsync(RETRY_AFTER_MAX_MS - 1);
    expect(sentIds).toHaveLength(5);
    await vi.advanceTimersByTimeAsync(1);
    expect(sentIds).toHaveLength(6);
    expect(errors).toEqual([]);
  });

  it('passes a final refusal on to the sender and forgets the message', async () => {
    const { f, s, t, errors } = setup();
    f.emit('state', 'online');
    t.send({ clientId: 'refused1', text: 'x' });
    await flush();
    f.emit('error', { code: 'bad_frame', message: 'no', clientId: 'refused1' });
    await flush();
    expect(errors).toEqual([{ code: 'bad_frame', message: 'no', clientId: 'refused1' }]);
    expect(s.map.size).toBe(0);
  });

  it(`refuses message ${OUTBOX_MAX_MESSAGES + 1} with ${OUTBOX_FULL}, and a message that would pass ${OUTBOX_MAX_BYTES} bytes`, async () => {
    const { t, errors, s } = setup();
    for (let i = 0; i < OUTBOX_MAX_MESSAGES; i++) t.send({ clientId: `fill${String(i).padStart(5, '0')}`, text: 'x' });
    t.send({ clientId: 'onetoomany', text: 'x' });
    await flush();
    expect(errors.map((e) => [e.code, e.clientId])).toEqual([[OUTBOX_FULL, 'onetoomany']]);
    await vi.waitFor(() => expect(s.map.size).toBe(OUTBOX_MAX_MESSAGES));

    const b = setup();
    const big = 'é'.repeat(4000); // 8,000 bytes
    const fit = Math.floor(OUTBOX_MAX_BYTES / 8000);
    for (let i = 0; i < fit; i++) b.t.send({ clientId: `big${String(i).padStart(5, '0')}`, text: big });
    b.t.send({ clientId: 'bigtoomuch', text: big });
    await flush();
    expect(b.errors.map((e) => e.clientId)).toEqual(['bigtoomuch']);
  });

  it("passes on the transport's context interval, so the chat's one throttle follows it", () => {
    const f = fakeChatTransport();
    expect(withOutbox(f.t, recordingStore().store).contextIntervalMs).toBeUndefined();
    expect(withOutbox({ ...f.t, contextIntervalMs: 5000 }, recordingStore().store).contextIntervalMs).toBe(5000);
  });
});

describe('ChatSession over withOutbox', () => {
  it('keeps a message "sending" through a lost connection and shows it once "sent" after the resend', async () => {
    const { f, t } = setup();
    const chat = new ChatSession(t);
    chat.start();
    f.emit('state', 'online');
    f.emit('welcome', { conversation: null, agentsOnline: 1, unread: 0 });
    const r = chat.send('through the tunnel');
    await flush();
    f.emit('state', 'reconnecting');
    expect(chat.getState().messages.map((m) => m.status)).toEqual(['sending']);
    expect(chat.getState().durable).toBe(true);
    f.emit('state', 'online');
    await flush();
    const id = r.ok ? r.clientId : '';
    f.emit('ack', { clientId: id, message: committed(id, 1, 'through the tunnel') });
    expect(chat.getState().messages.map((m) => `${m.text}:${m.status}`)).toEqual(['through the tunnel:sent']);
  });

  it('shows messages restored from an earlier page as sending, then sent once', async () => {
    const { f, t } = setup([{ clientId: 'leftover1', text: 'typed before the tab closed', at: 5, seq: 1 }]);
    const chat = new ChatSession(t);
    await t.restored;
    expect(chat.getState().messages.map((m) => `${m.text}:${m.status}`)).toEqual(['typed before the tab closed:sending']);
    f.emit('state', 'online');
    // The welcome already has it (the ack was lost last time): still one line.
    f.emit('welcome', { conversation: { id: 'c1', status: 'waiting', agent: null, position: 1, messages: [committed('leftover1', 1, 'typed before the tab closed')], readIndex: 0 }, agentsOnline: 1, unread: 0 });
    f.emit('ack', { clientId: 'leftover1', message: committed('leftover1', 1, 'typed before the tab closed') });
    expect(chat.getState().messages.map((m) => `${m.index}:${m.text}:${m.status}`)).toEqual(['1:typed before the tab closed:sent']);
  });

  it('marks a message refused by a full outbox failed with the reason', async () => {
    const { t } = setup();
    const chat = new ChatSession(t);
    for (let i = 0; i < OUTBOX_MAX_MESSAGES; i++) chat.send(`m${i}`);
    chat.send('one too many');
    await flush();
    const last = chat.getState().messages.at(-1)!;
    expect([last.text, last.status, last.error]).toEqual(['one too many', 'failed', OUTBOX_FULL]);
  });
});
