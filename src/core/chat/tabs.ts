/**
 * withTabs(create, tabs): one live connection per visitor across the site's tabs. The tab that
 * holds the leader lock (Web Locks in browsers: src/platform/tabs.ts) creates the real transport
 * (`create()`: the WebSocket wrapped in the outbox) and relays everything it reports to the other
 * tabs (BroadcastChannel); the other tabs hand their messages, typing, context and read marks to
 * the leader. When the leader tab closes its lock is released and a waiting tab takes over at
 * once: it creates its own transport, whose outbox finds in IndexedDB whatever the old leader had
 * not sent, and connects.
 *
 * A message typed in any tab reaches the service once (through the leader's outbox) and appears
 * once in every tab (the leader relays the `ack`; ChatSession deduplicates by clientId).
 * A follower keeps the messages it handed over until their ack, and hands them again to a new
 * leader (the same clientId is stored once).
 *
 * Without a TabChannel (no Web Locks or no BroadcastChannel) each tab connects on its own, which
 * is also correct, only with one socket per tab.
 */
import { createEmitter, notify } from '../events';
import type { ContextSnapshot } from '../../protocol/context';
import type { ChatMessage } from '../../protocol/chat';
import type { ChatTransport, ChatTransportEvents, ChatWelcome, ConnectionState, OutgoingMedia, OutgoingMessage } from './transport';

/** The tab coordination port (browser implementation: src/platform/tabs.ts). */
export interface TabChannel {
  /** Asks for the leader lock; `onLead` runs once this tab holds it. Returns a function that gives it up. */
  lead(onLead: () => void): () => void;
  /** To every other tab of the site (not to this one). */
  post(message: TabMessage): void;
  onMessage(fn: (message: TabMessage) => void): () => void;
  close(): void;
}

type EventName = keyof ChatTransportEvents;

export type TabMessage =
  /** Leader -> tabs: an event of the real transport. */
  | { k: 'ev'; e: EventName; p: unknown }
  /** Leader -> tabs: a tab has just become the leader (followers hand their unacknowledged messages again). */
  | { k: 'leader' }
  /** Follower -> leader: I just started; tell me where things are. */
  | { k: 'hello'; from: string }
  /** Leader -> one follower: the connection state and the conversation so far. */
  | { k: 'snap'; to: string; state: ConnectionState; welcome: ChatWelcome | null }
  | { k: 'send'; m: OutgoingMessage }
  /** Follower -> leader: a photo (the Blob crosses the channel; progress comes back as `progress` events). */
  | { k: 'media'; m: Omit<OutgoingMedia, 'onProgress'> }
  /** Follower -> leader: show a photo; leader -> follower: its bytes (a blob: URL belongs to the tab that made it). */
  | { k: 'mediaGet'; from: string; id: string }
  | { k: 'mediaIs'; to: string; id: string; blob: Blob | null }
  | { k: 'typing'; on: boolean }
  | { k: 'context'; c: ContextSnapshot }
  | { k: 'read'; i: number }
  | { k: 'handover' }
  | { k: 'email'; e: string }
  | { k: 'rate'; s: number; c?: string | undefined }
  | { k: 'transcript'; e?: string | undefined }
  /** Follower -> leader: an embedded call's frame to send on the connection (src/core/call/signalling.ts). */
  | { k: 'call'; f: unknown }
  /** Leader -> tabs: a call frame from the server (each call transport keeps only its own callId's). */
  | { k: 'callev'; f: unknown };

/** Messages kept for a follower's snapshot (the welcome's own limit). */
const SNAPSHOT_MESSAGES = 200;

export function withTabs(
  create: () => ChatTransport,
  tabs: TabChannel | null,
  tabId: string,
  /** How a follower shows a photo the leader handed it (the page's URL.createObjectURL); absent: it cannot. */
  objectUrl?: (blob: Blob) => string,
): ChatTransport {
  if (!tabs) return create();
  const channel = tabs;
  const events = createEmitter<ChatTransportEvents>();
  let inner: ChatTransport | null = null;
  let started = false;
  let context: ContextSnapshot | null = null;
  let consent: boolean | null = null;
  let release: (() => void) | null = null;
  let offMessages: (() => void) | null = null;
  let state: ConnectionState = 'connecting';
  /** The conversation as the leader knows it, for a follower that starts later. */
  let view: ChatWelcome | null = null;
  /** A follower's messages handed to the leader and not yet acknowledged, in order. */
  const handed = new Map<string, OutgoingMessage>();
  /** A follower's photos handed to the leader and not yet acknowledged. */
  const handedMedia = new Map<string, Omit<OutgoingMedia, 'onProgress'>>();
  /** A follower's photos asked of the leader, by media id. */
  const asked = new Map<string, (blob: Blob | null) => void>();
  const handAll = () => {
    for (const m of handed.values()) channel.post({ k: 'send', m });
    for (const m of handedMedia.values()) channel.post({ k: 'media', m });
  };
  /** This tab's listeners for call frames (the call's signalling rides on the leader's connection). */
  const callListeners = new Set<(f: unknown) => void>();
  const toCalls = (f: unknown) => {
    notify(callListeners, f, 'call frames');
  };

  const merge = (m: ChatMessage) => {
    const c = view?.conversation;
    if (!view) return;
    if (!c || c.id !== m.conversationId) {
      view = { ...view, conversation: { id: m.conversationId, status: 'waiting', agent: null, position: null, messages: [m], readIndex: 0 } };
      return;
    }
    if (c.messages.some((x) => x.index === m.index)) return;
    c.messages = [...c.messages, m].sort((a, b) => a.index - b.index).slice(-SNAPSHOT_MESSAGES);
  };
  /** Keeps the snapshot a late follower gets. */
  const follow = <E extends EventName>(e: E, p: ChatTransportEvents[E]) => {
    if (e === 'state') state = p as ConnectionState;
    else if (e === 'welcome') view = structuredClone(p as ChatWelcome);
    else if (e === 'ack') merge((p as ChatTransportEvents['ack']).message);
    else if (e === 'message') merge(p as ChatMessage);
    else if (e === 'history') for (const m of (p as ChatTransportEvents['history']).messages) merge(m);
    else if (e === 'status' && view) {
      const s = p as ChatTransportEvents['status'];
      const c = view.conversation;
      view.agentsOnline = s.agentsOnline;
      const bot = s.bot ? { bot: s.bot } : {};
      if (c?.id === s.conversationId) Object.assign(c, { status: s.status, agent: s.agent, position: s.position }, bot, s.seen ? { seen: s.seen } : {});
      else view.conversation = { id: s.conversationId, status: s.status, agent: s.agent, position: s.position, messages: [], readIndex: 0, ...bot };
    }
  };
  /** An event for this tab's session; a follower also forgets what was acknowledged or refused. */
  const deliver = <E extends EventName>(e: E, p: ChatTransportEvents[E]) => {
    if (e === 'ack') {
      handed.delete((p as ChatTransportEvents['ack']).clientId);
      handedMedia.delete((p as ChatTransportEvents['ack']).clientId);
    }
    if (e === 'error') {
      const id = (p as ChatTransportEvents['error']).clientId;
      if (id) handed.delete(id);
      if (id) handedMedia.delete(id);
    }
    if (e === 'state') state = p as ConnectionState;
    events.emit(e, p);
  };

  const becomeLeader = () => {
    if (!started || inner) return;
    const t = create();
    inner = t;
    const names: EventName[] = ['state', 'welcome', 'ack', 'message', 'typing', 'status', 'history', 'presence', 'error', 'pending', 'progress'];
    for (const e of names) {
      t.on(e, (p) => {
        follow(e, p);
        deliver(e, p);
        channel.post({ k: 'ev', e, p });
      });
    }
    t.callSignals?.().on((f) => {
      toCalls(f);
      channel.post({ k: 'callev', f });
    });
    if (consent !== null) t.setConsent?.(consent);
    t.connect(context);
    // What this tab handed to the old leader and was not acknowledged goes through our own outbox.
    for (const m of handed.values()) t.send(m);
    handed.clear();
    for (const m of handedMedia.values()) t.sendMedia?.(m);
    handedMedia.clear();
    channel.post({ k: 'leader' });
  };

  const onMessage = (msg: TabMessage) => {
    if (inner) {
      // Leader: act for the followers.
      if (msg.k === 'send') inner.send(msg.m);
      else if (msg.k === 'typing') inner.typing(msg.on);
      else if (msg.k === 'context') inner.context(msg.c);
      else if (msg.k === 'read') inner.read(msg.i);
      else if (msg.k === 'handover') inner.handover?.();
      else if (msg.k === 'email') inner.setEmail?.(msg.e);
      else if (msg.k === 'rate') inner.rate?.(msg.s, msg.c);
      else if (msg.k === 'transcript') inner.transcript?.(msg.e);
      else if (msg.k === 'hello') channel.post({ k: 'snap', to: msg.from, state, welcome: view });
      else if (msg.k === 'call') inner.callSignals?.().send(msg.f);
      else if (msg.k === 'media') inner.sendMedia?.(msg.m);
      else if (msg.k === 'mediaGet') void (inner.mediaBlob?.(msg.id) ?? Promise.resolve(null)).then((blob) => channel.post({ k: 'mediaIs', to: msg.from, id: msg.id, blob }));
      return;
    }
    if (msg.k === 'mediaIs' && msg.to === tabId) return asked.get(msg.id)?.(msg.blob);
    if (msg.k === 'ev') deliver(msg.e, msg.p as never);
    else if (msg.k === 'callev') toCalls(msg.f);
    else if (msg.k === 'snap' && msg.to === tabId) {
      deliver('state', msg.state);
      if (msg.welcome) deliver('welcome', msg.welcome);
    } else if (msg.k === 'leader') handAll();
  };

  /** To the leader: this tab's own transport when it leads, else the channel. */
  const toLeader = (local: (t: ChatTransport) => void, msg: TabMessage) => {
    if (inner) local(inner);
    else if (started) channel.post(msg);
  };

  return {
    durable: true,
    connect(ctx) {
      if (ctx) context = ctx;
      if (started) return;
      started = true;
      offMessages = channel.onMessage(onMessage);
      release = channel.lead(becomeLeader);
      channel.post({ k: 'hello', from: tabId });
      // Typed before the chat connected: to the current leader (or to our own transport if we lead).
      handAll();
    },
    disconnect() {
      if (!started) return;
      started = false;
      offMessages?.();
      release?.();
      inner?.disconnect();
      inner = null;
      channel.close();
      deliver('state', 'offline');
    },
    send(m) {
      if (inner) return inner.send(m);
      handed.set(m.clientId, m);
      if (started) channel.post({ k: 'send', m });
      return true;
    },
    typing: (on) => toLeader((t) => t.typing(on), { k: 'typing', on }),
    context(ctx) {
      context = ctx;
      toLeader((t) => t.context(ctx), { k: 'context', c: ctx });
    },
    read: (i) => toLeader((t) => t.read(i), { k: 'read', i }),
    sendMedia(m) {
      if (inner) return inner.sendMedia?.(m) ?? false;
      const { onProgress: _p, ...rest } = m;
      handedMedia.set(m.clientId, rest);
      if (started) channel.post({ k: 'media', m: rest });
      return true;
    },
    mediaUrl(id) {
      if (inner) return inner.mediaUrl?.(id) ?? Promise.resolve(null);
      if (!started) return Promise.resolve(null);
      return new Promise<Blob | null>((resolve) => {
        asked.set(id, resolve);
        channel.post({ k: 'mediaGet', from: tabId, id });
      }).then((blob) => {
        asked.delete(id);
        return blob && objectUrl ? objectUrl(blob) : null;
      });
    },
    handover() {
      if (inner) return inner.handover?.() ?? false;
      if (!started || state !== 'online') return false;
      channel.post({ k: 'handover' });
      return true;
    },
    setEmail(e) {
      if (inner) return inner.setEmail?.(e) ?? false;
      if (!started || state !== 'online') return false;
      channel.post({ k: 'email', e });
      return true;
    },
    rate(s, c) {
      if (inner) return inner.rate?.(s, c) ?? false;
      if (!started || state !== 'online') return false;
      channel.post({ k: 'rate', s, c });
      return true;
    },
    transcript(e) {
      if (inner) return inner.transcript?.(e) ?? false;
      if (!started || state !== 'online') return false;
      channel.post({ k: 'transcript', e });
      return true;
    },
    setConsent(granted) {
      consent = granted;
      inner?.setConsent?.(granted);
    },
    on: (event, listener) => events.on(event, listener),
    // The leader's; a follower tab has none (its call is then not bound to the conversation).
    credential: () => inner?.credential?.() ?? null,
    callSignals: () => ({
      send(f) {
        if (inner) return inner.callSignals?.().send(f) ?? false;
        if (!started || state !== 'online') return false;
        channel.post({ k: 'call', f });
        return true;
      },
      on(fn) {
        callListeners.add(fn);
        return () => void callListeners.delete(fn);
      },
    }),
  };
}
