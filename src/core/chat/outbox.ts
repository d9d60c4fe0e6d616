/**
 * withOutbox(transport, store): the visitor's messages survive a lost connection, a reload, and a
 * closed tab. Each message is written to the outbox store BEFORE it is handed to the transport,
 * and removed only when the service acknowledges it (the embedded server acknowledges only after
 * its commit). Pending messages are sent again, in the order typed and with the same clientId (the
 * service stores a clientId once), after every reconnection and when the chat starts on a later
 * page. Errors that mean "not stored, try again" (the database was busy, the server failed,
 * rate limited) are retried with Baton's backoff (src/protocol/backoff.ts), or after the wait the
 * server named (`retryAfterMs` of a `rate_limited` refusal, a photo upload's Retry-After: sooner
 * would be refused again, later leaves the visitor waiting); any other refusal is the sender's to see (ChatSession shows it
 * failed, with Retry).
 *
 * One message is in flight at a time (the next one goes when the previous is acknowledged): a
 * retried message can never land after a later one, so the order typed is the order stored.
 *
 * Bounded: OUTBOX_MAX_MESSAGES messages and OUTBOX_MAX_BYTES bytes of text pending at most; a
 * message beyond that is refused at once with the error code OUTBOX_FULL (shown to the visitor).
 *
 * Photos (sendMedia) go through the same queue, in the same order, kept as Blobs in the same
 * store (IndexedDB keeps Blobs), within their own bound: OUTBOX_MAX_PHOTO_BYTES. Their upload
 * progress is reported as `progress` events (so another tab, or a later page, shows it too).
 */
import { backoffDelay } from '../../protocol/backoff';
import { createEmitter } from '../events';
import type { ChatTransport, ChatTransportEvents, OutgoingMedia, OutgoingMessage, PendingMessage } from './transport';

/** At most this many unacknowledged messages are kept. */
export const OUTBOX_MAX_MESSAGES = 100;
/** At most this many bytes of unacknowledged text (UTF-8) are kept: 256 KB. */
export const OUTBOX_MAX_BYTES = 256 * 1024;
/** At most this many bytes of unsent photos: 20 MB (a few downscaled photos; IndexedDB quotas are far larger). */
export const OUTBOX_MAX_PHOTO_BYTES = 20 * 1024 * 1024;
/** The error code of a message refused because the outbox is full. */
export const OUTBOX_FULL = 'outbox_full';
/** Server error codes that mean "not stored, send it again later" (the same clientId is stored once). */
export const RETRYABLE_CODES: readonly string[] = ['unavailable', 'server_error', 'rate_limited', 'not_ready'];
/** A server's `retryAfterMs` is followed up to this (10 minutes): a longer one is read as this. */
export const RETRY_AFTER_MAX_MS = 10 * 60_000;

/** Where pending messages are kept (IndexedDB in browsers: src/storage/outboxStore.ts; memory otherwise). */
export interface OutboxStore {
  /** 'indexeddb' or 'memory'. */
  readonly kind: string;
  /** Every stored message, in the order they were added. */
  load(): Promise<PendingMessage[]>;
  put(message: PendingMessage): Promise<void>;
  del(clientId: string): Promise<void>;
  /** Follows consent: without it, nothing is written to the browser's storage (and what was, is deleted). */
  setPersistent?(granted: boolean): void;
}

/** UTF-8 length of a message's text (and e-mail): what counts against OUTBOX_MAX_BYTES. */
export function messageBytes(m: OutgoingMessage): number {
  const enc = new TextEncoder();
  return enc.encode(m.text).length + (m.email ? enc.encode(m.email).length : 0);
}

export interface OutboxOptions {
  /** For tests: jitter source. */
  random?: () => number;
  /** For tests: the clock used for `at` of pending messages. */
  now?: () => number;
}

export interface OutboxTransport extends ChatTransport {
  /** Resolves with how many messages were pending from earlier pages once they are loaded. */
  readonly restored: Promise<number>;
}

export function withOutbox(inner: ChatTransport, store: OutboxStore, opts: OutboxOptions = {}): OutboxTransport {
  const events = createEmitter<ChatTransportEvents>();
  const random = opts.random ?? Math.random;
  const now = opts.now ?? Date.now;
  /** Pending messages in send order; the first may be in flight. */
  const queue: PendingMessage[] = [];
  let inFlight: string | null = null;
  /** Messages whose write to the store has finished: only those are handed to the transport. */
  const written = new Set<string>();
  let online = false;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let seq = now() * 1000;
  /** Store writes run one after another, so a message is on disk before the next is even queued. */
  let writes: Promise<unknown> = Promise.resolve();
  const serial = <T>(op: () => Promise<T>): Promise<T | undefined> => {
    const p = writes.then(op).catch(() => undefined);
    writes = p;
    return p;
  };

  const bytes = () => queue.reduce((n, m) => n + messageBytes(m), 0);
  const photoBytes = () => queue.reduce((n, m) => n + (m.photo?.file.size ?? 0), 0);
  const progress = (clientId: string) => (fraction: number) => events.emit('progress', { clientId, fraction });
  const indexOf = (clientId: string) => queue.findIndex((m) => m.clientId === clientId);

  /** Sends the first pending message when connected and nothing is in flight. */
  const pump = () => {
    if (!online || inFlight || retryTimer !== undefined) return;
    const next = queue[0];
    if (!next || !written.has(next.clientId)) return;
    if (next.photo) {
      const media: OutgoingMedia = { clientId: next.clientId, file: next.photo.file, onProgress: progress(next.clientId) };
      if (next.photo.filename) media.filename = next.photo.filename;
      // A transport without photos (it changed between pages): refused for good, with Retry shown.
      if (!inner.sendMedia) return void queueMicrotask(() => refuse(next.clientId, 'unsupported', 'This chat cannot carry photos'));
      if (inner.sendMedia(media)) inFlight = next.clientId;
      return;
    }
    const out: OutgoingMessage = { clientId: next.clientId, text: next.text, ...(next.email ? { email: next.email } : {}), ...(next.code ? { code: next.code } : {}) };
    if (inner.send(out)) inFlight = next.clientId;
  };

  const remove = (clientId: string) => {
    const i = indexOf(clientId);
    if (i >= 0) queue.splice(i, 1);
    if (inFlight === clientId) inFlight = null;
    written.delete(clientId);
    void serial(() => store.del(clientId));
  };

  /**
   * Sends the first pending message again later: after `serverWait` ms when the server named one,
   * else after the backoff. A photo says when (a `progress` event with `retryAt`): the visitor
   * sees it waiting, not a bar stuck where the refused upload left it.
   */
  const retryLater = (clientId: string, serverWait?: number) => {
    inFlight = null;
    if (retryTimer !== undefined) return;
    const named = serverWait !== undefined && Number.isFinite(serverWait) && serverWait >= 0;
    const wait = named ? Math.min(Math.ceil(serverWait), RETRY_AFTER_MAX_MS) : backoffDelay(attempt++, random);
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      pump();
    }, wait);
    if (queue[indexOf(clientId)]?.photo) events.emit('progress', { clientId, fraction: 0, retryAt: now() + wait });
  };

  const add = (m: PendingMessage): boolean => {
    if (indexOf(m.clientId) >= 0) return false;
    queue.push(m);
    queue.sort((a, b) => a.seq - b.seq);
    return true;
  };

  // Messages left by an earlier page (or another tab that closed) come first, in their order.
  const restored = serial(() => store.load()).then((stored) => {
    let n = 0;
    for (const m of stored ?? []) {
      if (add(m)) {
        written.add(m.clientId);
        n++;
        seq = Math.max(seq, m.seq + 1);
        events.emit('pending', m);
      }
    }
    pump();
    return n;
  });

  inner.on('state', (s) => {
    online = s === 'online';
    // Whatever was in flight may or may not have arrived: it goes again (same clientId) once back.
    if (!online) inFlight = null;
    events.emit('state', s);
    if (online) {
      attempt = 0;
      clearTimeout(retryTimer);
      retryTimer = undefined;
      pump();
    }
  });
  inner.on('ack', (a) => {
    remove(a.clientId);
    attempt = 0;
    events.emit('ack', a);
    pump();
  });
  /** Refused for good (bad frame, forbidden, not an image...): the visitor sees it failed and may retry. */
  const refuse = (clientId: string, code: string, message: string) => {
    remove(clientId);
    events.emit('error', { code, message, clientId });
    pump();
  };
  inner.on('error', (e) => {
    if (!e.clientId || indexOf(e.clientId) < 0) return events.emit('error', e);
    // The wait the server named (a socket's rate_limited frame, an upload's Retry-After), else the backoff.
    if (RETRYABLE_CODES.includes(e.code)) return retryLater(e.clientId, e.retryAfterMs);
    refuse(e.clientId, e.code, e.message);
  });
  for (const ev of ['welcome', 'message', 'typing', 'status', 'history', 'presence', 'pending', 'progress', 'messaging'] as const) {
    inner.on(ev, (p) => events.emit(ev, p as never));
  }

  /** Keeps a message (or photo) in the outbox, written to the store before it is handed to the transport. */
  const keep = (m: OutgoingMessage, photo?: PendingMessage['photo']): boolean => {
    if (indexOf(m.clientId) >= 0) return true; // a retry of a message still pending
    const full =
      queue.length >= OUTBOX_MAX_MESSAGES || bytes() + messageBytes(m) > OUTBOX_MAX_BYTES
        ? `Too many unsent messages (at most ${OUTBOX_MAX_MESSAGES}, ${OUTBOX_MAX_BYTES / 1024} KB): wait until they are sent`
        : photo && photoBytes() + photo.file.size > OUTBOX_MAX_PHOTO_BYTES
          ? `Too many unsent photos (at most ${OUTBOX_MAX_PHOTO_BYTES / (1024 * 1024)} MB): wait until they are sent`
          : null;
    if (full) {
      queueMicrotask(() => events.emit('error', { code: OUTBOX_FULL, message: full, clientId: m.clientId }));
      return true;
    }
    const p: PendingMessage = { ...m, at: now(), seq: ++seq, ...(photo ? { photo } : {}) };
    add(p);
    // Written first; handed to the transport only once stored.
    void serial(() => store.put(p)).then(() => {
      if (indexOf(p.clientId) >= 0) written.add(p.clientId);
      pump();
    });
    return true;
  };

  return {
    durable: true,
    restored,
    ...(inner.contextIntervalMs !== undefined ? { contextIntervalMs: inner.contextIntervalMs } : {}),
    connect: (c) => inner.connect(c),
    disconnect() {
      clearTimeout(retryTimer);
      retryTimer = undefined;
      inner.disconnect();
    },
    send: (m) => keep(m),
    typing: (on) => inner.typing(on),
    context: (c) => inner.context(c),
    read: (i) => inner.read(i),
    ...(inner.handover ? { handover: () => inner.handover!() } : {}),
    ...(inner.setEmail ? { setEmail: (e: string) => inner.setEmail!(e) } : {}),
    ...(inner.rate ? { rate: (s: number, c?: string) => inner.rate!(s, c) } : {}),
    ...(inner.continueOn ? { continueOn: (ch: Parameters<NonNullable<ChatTransport['continueOn']>>[0], p: string, c: boolean) => inner.continueOn!(ch, p, c) } : {}),
    ...(inner.transcript ? { transcript: (e?: string) => inner.transcript!(e) } : {}),
    setConsent(granted) {
      store.setPersistent?.(granted);
      // Granted later: what is pending from now on is kept across pages too.
      if (granted) for (const m of queue) void serial(() => store.put(m));
      inner.setConsent?.(granted);
    },
    on: (event, listener) => events.on(event, listener),
    // Photos wait in the outbox like text (progress comes as `progress` events).
    ...(inner.sendMedia ? { sendMedia: (m: OutgoingMedia) => keep({ clientId: m.clientId, text: '' }, m.filename ? { file: m.file, filename: m.filename } : { file: m.file }) } : {}),
    ...(inner.mediaUrl ? { mediaUrl: (id: string) => inner.mediaUrl!(id) } : {}),
    ...(inner.mediaBlob ? { mediaBlob: (id: string) => inner.mediaBlob!(id) } : {}),
    // Embedded calls signal on the inner connection (src/core/call/signalling.ts); nothing to keep.
    ...(inner.callSignals ? { callSignals: () => inner.callSignals!() } : {}),
    ...(inner.credential ? { credential: () => inner.credential!() } : {}),
  };
}
