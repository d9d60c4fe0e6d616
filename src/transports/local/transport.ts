/**
 * The local transport: the visitor's WebSocket to Baton's embedded server (src/protocol/chat.ts).
 * Its own lazy chunk, imported when the visitor opens the panel or has an open conversation.
 *
 * - `hello` first, with the stored credential (if any) and the current context; the credential
 *   from `welcome` is kept in the KeyValueStore (key `visitor`) only while consent is granted,
 *   in memory otherwise (so nothing is stored before consent);
 * - reconnects with Baton's backoff (src/protocol/backoff.ts: 1 s doubling to 20 s, jittered), and
 *   at once when the browser comes back online or the page becomes visible again;
 * - `ping` every 25 s; no frame for 30 s means the link is dead: reconnect;
 * - after a reconnection, `sync` from the highest index it has seen, so missed messages arrive.
 */
import {
  PROTOCOL_VERSION,
  WS_VISITOR_PATH,
  type ChatMessage,
  type VisitorFrame,
  type VisitorServerFrame,
} from '../../protocol/chat';
import { createMediaChannel } from './media';
import { backoffDelay } from '../../protocol/backoff';
import type { VisitorCallFrame, VisitorCallServerFrame } from '../../protocol/call';
import type { ContextSnapshot } from '../../protocol/context';
import { createEmitter } from '../../core/events';
import type { CallDeclineFrame, CallInviteFrame, CallSignals } from '../../core/call/signalling';
import {
  STORED_VISITOR_KEY,
  type ChatTransport,
  type ChatTransportDeps,
  type ChatTransportEvents,
  type ConnectionState,
  type OutgoingMessage,
  type StoredVisitor,
} from '../../core/chat/transport';

export const PING_INTERVAL_MS = 25_000;
/** No frame (not even a pong) for this long: the connection is dead. */
export const DEAD_LINK_MS = 30_000;

/** `https://baton.example/x/` -> `wss://baton.example/x/ws/visitor`. */
export function visitorSocketUrl(server: string): string {
  return server.replace(/\/+$/, '').replace(/^https?:/i, (p) => (p.length > 5 ? 'wss:' : 'ws:')) + WS_VISITOR_PATH;
}

interface SocketLike {
  readyState: number;
  onopen: ((e: unknown) => void) | null;
  onmessage: ((e: { data: unknown }) => void) | null;
  onclose: ((e: unknown) => void) | null;
  onerror: ((e: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface LocalTransportOptions extends ChatTransportDeps {
  /** For tests: the WebSocket constructor (default: the browser's). */
  WebSocket?: new (url: string) => SocketLike;
  /** For tests: jitter source (default Math.random). */
  random?: () => number;
}

const OPEN = 1;

/** The call channel this transport offers (ChatTransport.callSignals): Baton's embedded server's call frames, on the chat's socket. */
export type EmbeddedCallSignals = CallSignals<VisitorCallFrame, VisitorCallServerFrame>;
/** The frames core reads of this channel (an agent's call to the visitor, src/core/call/signalling.ts) are these ones: a type error otherwise. */
export type InviteFramesMatch = [Extract<VisitorCallServerFrame, { type: 'call_invite' }>, Extract<VisitorCallFrame, { type: 'call_hangup' }>] extends [CallInviteFrame, CallDeclineFrame] ? true : never;
const inviteFramesMatch: InviteFramesMatch = true;
void inviteFramesMatch;

/**
 * Follows the page's events (online/offline, the back/forward cache, visibility). A worker or
 * Node (the soak) has no page: nothing to follow there. Returns the stop function.
 */
function followPage(on: Record<'online' | 'offline' | 'pagehide' | 'pageshow', (e: Event) => void>, onVisibility: () => void): () => void {
  const target = typeof addEventListener === 'function' ? globalThis : null;
  const doc = typeof document !== 'undefined' ? document : null;
  const names = Object.keys(on) as (keyof typeof on)[];
  for (const n of names) target?.addEventListener(n, on[n]);
  doc?.addEventListener('visibilitychange', onVisibility);
  return () => {
    for (const n of names) target?.removeEventListener(n, on[n]);
    doc?.removeEventListener('visibilitychange', onVisibility);
  };
}

/** The name every transport module exports (BatonTransport.chat in src/core/transports.ts). */
export { createLocalTransport as createTransport };

export function createLocalTransport(opts: LocalTransportOptions): ChatTransport {
  const events = createEmitter<ChatTransportEvents>();
  const url = visitorSocketUrl(opts.server);
  const WS = opts.WebSocket ?? (WebSocket as unknown as new (url: string) => SocketLike);

  /** What ChatSession assumes before the first event. */
  let state: ConnectionState = 'connecting';
  let started = false;
  let ws: SocketLike | null = null;
  let welcomed = false;
  /** Welcomed at least once on this page: the next welcome is a reconnection. */
  let everWelcomed = false;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let pingTimer: ReturnType<typeof setInterval> | undefined;
  let deadTimer: ReturnType<typeof setTimeout> | undefined;
  let context: ContextSnapshot | null = null;
  let credential: string | undefined;
  let credentialLoaded: Promise<void> | null = null;
  let stored: StoredVisitor | null = null;
  let consent = opts.consentGranted();
  let conversationId: string | null = null;
  let open = false;
  let highest = 0;
  let readPending = 0;
  const callListeners = new Set<(f: VisitorCallServerFrame) => void>();

  const setState = (s: ConnectionState) => {
    if (s === state) return;
    state = s;
    events.emit('state', s);
  };

  const raw = (frame: VisitorFrame | VisitorCallFrame): boolean => {
    if (!ws || ws.readyState !== OPEN) return false;
    try {
      ws.send(JSON.stringify(frame));
      return true;
    } catch {
      return false;
    }
  };
  /** Frames other than hello wait for the welcome. */
  const frame = (f: VisitorFrame | VisitorCallFrame): boolean => welcomed && raw(f);

  /** The stored credential, read once (and only with consent: reading would create the database). */
  const loadCredential = (): Promise<void> =>
    (credentialLoaded ||= (consent
      ? opts.store.get<StoredVisitor>(STORED_VISITOR_KEY).then(
          (v) => {
            if (v && typeof v.credential === 'string') {
              stored = v;
              credential ||= v.credential;
            }
          },
          () => undefined,
        )
      : Promise.resolve()));

  /** Writes { credential, open } when consent allows and it changed. */
  const persist = () => {
    if (!consent || !credential) return;
    if (stored && stored.credential === credential && !!stored.open === open) return;
    stored = { credential, open };
    opts.store.set(STORED_VISITOR_KEY, stored).catch(() => undefined);
  };

  const seen = (messages: readonly ChatMessage[]) => {
    for (const m of messages) if (m.conversationId === conversationId && m.index > highest) highest = m.index;
  };
  const follow = (id: string, status: string) => {
    if (id !== conversationId) {
      conversationId = id;
      highest = 0;
    }
    open = status !== 'closed';
  };

  const clearTimers = () => {
    clearTimeout(retryTimer);
    clearInterval(pingTimer);
    clearTimeout(deadTimer);
    retryTimer = pingTimer = deadTimer = undefined;
  };

  const alive = () => {
    clearTimeout(deadTimer);
    deadTimer = setTimeout(() => drop(), DEAD_LINK_MS);
  };

  /** Forgets the current socket (without waiting for a close that a dead link may never deliver). */
  const detach = () => {
    const s = ws;
    ws = null;
    welcomed = false;
    if (s) {
      s.onmessage = s.onclose = s.onerror = null;
      // Closing a socket that is still connecting makes the browser log a warning: close it once open.
      if (s.readyState === 0) s.onopen = () => s.close(1000);
      else {
        s.onopen = null;
        try {
          s.close(1000);
        } catch {
          // already closed
        }
      }
    }
  };

  /** The connection is lost: try again after a backoff delay. */
  const drop = () => {
    detach();
    clearTimers();
    if (!started) return;
    const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
    setState(offline ? 'offline' : 'reconnecting');
    // Offline, the 'online' event reconnects at once; meanwhile try only now and then, in case the
    // browser is wrong about it.
    retryTimer = setTimeout(dial, offline ? backoffDelay(99, opts.random) : backoffDelay(attempt++, opts.random));
  };

  /** A message of the visitor's is committed (over the socket, or a photo's upload). */
  const acked = (clientId: string, message: ChatMessage) => {
    follow(message.conversationId, 'waiting');
    seen([message]);
    persist();
    events.emit('ack', { clientId, message });
  };
  // Photos go over HTTP (a frame is at most 64 KiB), with the credential this connection holds.
  const media = createMediaChannel({
    server: opts.server,
    credential: () => (welcomed ? (credential ?? null) : null),
    onAck: acked,
    onError: (e) => events.emit('error', e),
  });

  const onFrame = (data: unknown) => {
    alive();
    let f: VisitorServerFrame;
    try {
      f = JSON.parse(String(data));
    } catch {
      return;
    }
    if (!f || typeof f !== 'object') return;
    switch (f.type) {
      case 'welcome': {
        const reconnect = everWelcomed;
        const before = highest;
        const beforeId = conversationId;
        welcomed = everWelcomed = true;
        attempt = 0;
        credential = f.credential || credential;
        const c = f.conversation;
        if (c) {
          follow(c.id, c.status);
          seen(c.messages);
        } else open = false;
        persist();
        setState('online');
        events.emit('welcome', { conversation: c, agentsOnline: f.agentsOnline, unread: f.unread });
        // Messages committed while we were away: from the highest index we had, so each arrives once.
        if (reconnect && c && c.id === beforeId) frame({ type: 'sync', conversationId: c.id, afterIndex: before });
        if (c && c.id === beforeId && readPending > c.readIndex) frame({ type: 'read', index: readPending });
        break;
      }
      case 'ack':
        acked(f.clientId, f.message);
        break;
      case 'message':
        seen([f.message]);
        events.emit('message', f.message);
        break;
      case 'history':
        seen(f.messages);
        events.emit('history', { conversationId: f.conversationId, messages: f.messages });
        break;
      case 'status':
        follow(f.conversationId, f.status);
        persist();
        events.emit('status', {
          conversationId: f.conversationId,
          status: f.status,
          agent: f.agent,
          position: f.position,
          agentsOnline: f.agentsOnline,
          ...(f.bot ? { bot: f.bot } : {}),
          ...(f.email ? { email: f.email } : {}),
          ...(f.survey ? { survey: f.survey } : {}),
          ...(f.transcript ? { transcript: f.transcript } : {}),
          ...(f.seen ? { seen: f.seen } : {}),
        });
        break;
      case 'typing':
        events.emit('typing', !!f.on);
        break;
      case 'presence':
        events.emit('presence', f.agentsOnline);
        break;
      case 'error':
        events.emit('error', {
          code: f.code,
          message: f.message,
          ...(f.clientId ? { clientId: f.clientId } : {}),
          ...(f.retryAfterMs !== undefined ? { retryAfterMs: f.retryAfterMs } : {}),
        });
        break;
      default:
        // Embedded calls (src/protocol/call.ts) share this socket: their frames go to the call transport.
        if (typeof f.type === 'string' && f.type.startsWith('call_')) for (const fn of [...callListeners]) fn(f as VisitorCallServerFrame);
      // pong, or a frame type this version does not know: the link is alive, nothing else to do.
    }
  };

  function dial(): void {
    clearTimers();
    detach();
    if (!started) return;
    const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
    if (offline || state !== 'reconnecting') setState(offline ? 'offline' : everWelcomed ? 'reconnecting' : 'connecting');
    void loadCredential().then(() => {
      if (!started || ws) return;
      let s: SocketLike;
      try {
        s = new WS(url);
      } catch {
        return drop();
      }
      ws = s;
      s.onopen = () => {
        alive();
        raw({ type: 'hello', v: PROTOCOL_VERSION, ...(credential ? { credential } : {}), ...(context ? { context } : {}) });
        pingTimer = setInterval(() => raw({ type: 'ping' }), PING_INTERVAL_MS);
      };
      s.onmessage = (e) => onFrame(e.data);
      s.onclose = () => drop();
      s.onerror = () => undefined; // a close follows
      alive();
    });
  }

  /** Reconnect now, rather than waiting for the backoff timer (online again, page visible again). */
  const now = () => {
    if (started && !welcomed && (!ws || ws.readyState !== OPEN)) {
      attempt = 0;
      dial();
    } else if (welcomed) raw({ type: 'ping' }); // after a sleep the socket may be dead: ask
  };
  const onVisible = () => {
    if (typeof document !== 'undefined' && document.visibilityState === 'visible') now();
  };
  const onOffline = () => {
    if (started && ws) drop();
  };
  // Keeping a socket open makes the page ineligible for the back/forward cache: close it when the
  // page is hidden for navigation, and reconnect if the page comes back from that cache.
  const onPageHide = (e: Event) => {
    if ((e as PageTransitionEvent).persisted && started) {
      clearTimers();
      detach();
    }
  };
  const onPageShow = (e: Event) => {
    if ((e as PageTransitionEvent).persisted) now();
  };
  let unfollowPage = () => {};

  return {
    connect(ctx) {
      if (ctx) context = ctx;
      if (started) return;
      started = true;
      unfollowPage = followPage({ online: now, offline: onOffline, pagehide: onPageHide, pageshow: onPageShow }, onVisible);
      dial();
    },
    disconnect() {
      if (!started) return;
      started = false;
      unfollowPage();
      clearTimers();
      detach();
      setState('offline');
    },
    send(m: OutgoingMessage) {
      return frame({ type: 'send', clientId: m.clientId, text: m.text, ...(m.email ? { email: m.email } : {}), ...(m.code ? { code: m.code } : {}) });
    },
    typing(on) {
      frame({ type: 'typing', on });
    },
    context(ctx) {
      context = ctx;
      frame({ type: 'context', context: ctx });
    },
    read(index) {
      if (index <= readPending) return;
      readPending = index;
      frame({ type: 'read', index });
    },
    handover: () => frame({ type: 'handover' }),
    setEmail: (email) => frame({ type: 'email', email }),
    rate: (score, comment) => frame({ type: 'rate', score, ...(comment ? { comment } : {}) }),
    transcript: (email) => frame({ type: 'transcript', ...(email ? { email } : {}) }),
    setConsent(granted) {
      consent = granted;
      if (granted) persist();
      else stored = null; // the store was erased with the refusal
    },
    on: (event, listener) => events.on(event, listener),
    sendMedia: media.send,
    mediaUrl: media.url,
    mediaBlob: media.blob,
    callSignals: (): EmbeddedCallSignals => ({
      send: (f) => frame(f),
      on(fn) {
        callListeners.add(fn);
        return () => void callListeners.delete(fn);
      },
    }),
  };
}
