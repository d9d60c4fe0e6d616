// Photos through the outbox (issue 16): kept in the store like text (as Blobs), in the order
// sent with the text, uploaded one at a time, progress reported as events (so another tab or a
// later page sees it), retried after a retryable refusal, failed with Retry after a final one,
// bounded; and ChatSession showing them (preview, progress, sent).
import { describe, expect, it, vi } from 'vitest';
import { OUTBOX_FULL, OUTBOX_MAX_PHOTO_BYTES, withOutbox, type OutboxStore } from '../../src/core/chat/outbox';
import { ChatSession } from '../../src/core/chat/session';
import type { OutgoingMedia, PendingMessage } from '../../src/core/chat/transport';
import type { ChatMessage } from '../../src/protocol/chat';
import { fakeChatTransport } from '../fakes/chatTransport';

const flush = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

function setup(initial: PendingMessage[] = []) {
  const f = fakeChatTransport();
  const uploads: OutgoingMedia[] = [];
  const t = Object.assign(f.t, { sendMedia: vi.fn((m: OutgoingMedia) => (uploads.push(m), true)) });
  const map = new Map(initial.map((m) => [m.clientId, m]));
  const store: OutboxStore = {
    kind: 'memory',
    load: async () => [...map.values()].sort((a, b) => a.seq - b.seq),
    put: async (m) => void map.set(m.clientId, m),
    del: async (id) => void map.delete(id),
  };
  const outbox = withOutbox(t, store, { random: () => 0 });
  return { f, t, outbox, uploads, map };
}

const photo = (bytes = 1000) => new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' });
const committed = (clientId: string, index: number): ChatMessage => ({
  id: `m${index}`,
  conversationId: 'c1',
  index,
  clientId,
  sender: 'visitor',
  text: '',
  at: 1_700_000_000_000 + index,
  media: [{ id: `f_${index}`, contentType: 'image/jpeg', filename: null, size: 1000 }],
});

describe('photos in the outbox', () => {
  it('stores the photo before uploading it, in order with text, and forgets it on ack', async () => {
    const { f, outbox, uploads, map } = setup();
    outbox.send({ clientId: 'text-0001', text: 'look' });
    outbox.sendMedia!({ clientId: 'photo-001', file: photo(), filename: 'a.jpg' });
    await flush();
    expect(map.get('photo-001')?.photo?.file.size).toBe(1000);
    f.emit('state', 'online');
    await flush();
    expect(f.sent.map((m) => m.clientId)).toEqual(['text-0001']);
    expect(uploads).toHaveLength(0); // one in flight: the text first
    f.emit('ack', { clientId: 'text-0001', message: (({ media: _, ...m }) => ({ ...m, text: 'look' }))(committed('text-0001', 1)) });
    await flush();
    expect(uploads.map((u) => [u.clientId, u.filename])).toEqual([['photo-001', 'a.jpg']]);
    f.emit('ack', { clientId: 'photo-001', message: committed('photo-001', 2) });
    await flush();
    expect(map.size).toBe(0);
  });

  it('reports progress as events, and retries a retryable refusal with the same clientId', async () => {
    vi.useFakeTimers();
    const { f, outbox, uploads } = setup();
    const progress: number[] = [];
    outbox.on('progress', (p) => progress.push(p.fraction));
    f.emit('state', 'online');
    outbox.sendMedia!({ clientId: 'photo-001', file: photo() });
    await vi.advanceTimersByTimeAsync(0);
    uploads[0]!.onProgress!(0.5);
    expect(progress).toEqual([0.5]);
    f.emit('error', { code: 'unavailable', message: 'busy', clientId: 'photo-001' });
    await vi.advanceTimersByTimeAsync(5000);
    expect(uploads.map((u) => u.clientId)).toEqual(['photo-001', 'photo-001']);
    vi.useRealTimers();
  });

  it('a photo refused with a wait (429 Retry-After) goes again after exactly that wait, shown waiting until then', async () => {
    vi.useFakeTimers({ now: 1_800_000_000_000 });
    const { f, outbox, uploads } = setup();
    const chat = new ChatSession(outbox);
    const events: { fraction: number; retryAt?: number }[] = [];
    outbox.on('progress', ({ fraction, retryAt }) => events.push(retryAt === undefined ? { fraction } : { fraction, retryAt }));
    f.emit('state', 'online');
    f.emit('welcome', { conversation: null, agentsOnline: 1, unread: 0 });
    const r = chat.sendPhoto(photo());
    const id = r.ok ? r.clientId : '';
    await vi.advanceTimersByTimeAsync(0);
    uploads[0]!.onProgress!(0.99);
    f.emit('error', { code: 'rate_limited', message: 'Too many photos; try again in 42 s', clientId: id, retryAfterMs: 42_000 });
    expect(events.at(-1)).toEqual({ fraction: 0, retryAt: 1_800_000_000_000 + 42_000 });
    const item = () => chat.getState().messages.find((m) => m.clientId === id)!;
    expect(item()).toMatchObject({ status: 'sending', retryAt: 1_800_000_000_000 + 42_000 });
    // Not a moment sooner (Baton's own backoff would have tried after about a second).
    await vi.advanceTimersByTimeAsync(41_999);
    expect(uploads).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(uploads.map((u) => u.clientId)).toEqual([id, id]);
    uploads[1]!.onProgress!(0.2);
    expect(item().retryAt).toBeUndefined();
    expect(item().progress).toBe(0.2);
    f.emit('ack', { clientId: id, message: committed(id, 1) });
    expect(item().status).toBe('sent');
    vi.useRealTimers();
  });

  it('a photo refused for good fails with its reason; Retry in the session uploads it again', async () => {
    const { f, outbox, uploads } = setup();
    const chat = new ChatSession(outbox);
    f.emit('state', 'online');
    f.emit('welcome', { conversation: null, agentsOnline: 1, unread: 0 });
    const r = chat.sendPhoto(photo(), 'p.jpg');
    expect(r.ok).toBe(true);
    const id = (r as { clientId: string }).clientId;
    expect(chat.getState().messages[0]).toMatchObject({ status: 'sending', progress: 0, media: [{ id: 'local', contentType: 'image/jpeg' }] });
    expect(chat.getState().messages[0]!.file).toBeInstanceOf(Blob);
    await flush();
    f.emit('error', { code: 'unsupported_media_type', message: 'not a photo', clientId: id });
    expect(chat.getState().messages[0]).toMatchObject({ status: 'failed', error: 'unsupported_media_type' });
    expect(chat.retry(id)).toBe(true);
    await flush();
    expect(uploads.map((u) => u.clientId)).toEqual([id, id]);
    f.emit('ack', { clientId: id, message: committed(id, 1) });
    expect(chat.getState().messages[0]).toMatchObject({ status: 'sent', index: 1, media: [{ id: 'f_1' }] });
    // Its own preview stays (nothing downloaded back).
    expect(chat.getState().messages[0]!.file).toBeInstanceOf(Blob);
  });

  it('a photo left by an earlier page is shown sending and uploaded once online', async () => {
    const left: PendingMessage = { clientId: 'photo-old', text: '', at: 1, seq: 1, photo: { file: photo(), filename: 'x.jpg' } };
    const { f, outbox, uploads } = setup([left]);
    const chat = new ChatSession(outbox);
    await outbox.restored;
    expect(chat.getState().messages[0]).toMatchObject({ clientId: 'photo-old', status: 'sending', media: [{ id: 'local' }] });
    f.emit('state', 'online');
    await flush();
    expect(uploads.map((u) => u.clientId)).toEqual(['photo-old']);
  });

  it('refuses photos beyond its bound, visibly', async () => {
    const { f, outbox } = setup();
    const errors: string[] = [];
    outbox.on('error', (e) => errors.push(`${e.clientId} ${e.code}`));
    outbox.sendMedia!({ clientId: 'photo-big1', file: photo(OUTBOX_MAX_PHOTO_BYTES - 10) });
    outbox.sendMedia!({ clientId: 'photo-big2', file: photo(100) });
    await flush();
    expect(errors).toEqual([`photo-big2 ${OUTBOX_FULL}`]);
    void f;
  });
});
