/**
 * Glue between the connection, the reducer and the view: holds the state, turns the agent's
 * actions into frames, and runs the side effects the pure reducer cannot (resync after `welcome`,
 * gap fill, typing debounce, sound, notifications, screen-reader announcements).
 */
import {
  CLIENT_ID_PATTERN,
  MESSAGE_MAX_CHARS,
  NOTE_MAX_CHARS,
  type AgentFrame,
  type AgentPresence,
  type AgentServerFrame,
  type ConversationSummary,
  type SearchFilters,
} from '../protocol/chat';
import type { AgentCallFrame } from '../protocol/call';
import { AgentCalls } from './call';
import { backoffDelay } from '../protocol/backoff';
import { AgentConnection, type ConnectionStatus } from './connection';
import { Replies } from './replies';
import type { Notifier } from './notify';
import {
  RETRIED_CODES,
  gapAfter,
  initialState,
  lastIndex,
  newQueueIds,
  pendingFrame,
  reduce,
  resyncFrames,
  visitorName,
  type ConsoleEvent,
  type ConsoleState,
} from './state';
import { text } from './strings';

/** Typing `on` goes out on the first keystroke; `off` after this much idle time (or on send). */
export const TYPING_IDLE_MS = 2000;
const SYNC_TIMEOUT_MS = 10_000;

/** A message clientId: 32 hex characters (a UUID without dashes), matching CLIENT_ID_PATTERN. */
export function newClientId(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID().replace(/-/g, '');
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface Announcement {
  text: string;
  n: number;
}

interface ConnectionLike {
  start(): void;
  stop(): void;
  retryNow(): void;
  send(frame: AgentFrame | AgentCallFrame): boolean;
}

export interface StoreOptions {
  notifier?: Notifier;
  onUnauthorized?(): void;
  checkAuth?(): Promise<boolean>;
  /** Tests: a fake connection instead of the WebSocket one. */
  connect?(handlers: { onFrame(f: AgentServerFrame): void; onStatus(s: ConnectionStatus): void }): ConnectionLike;
}

export class ConsoleStore {
  state: ConsoleState = initialState();
  connection: ConnectionStatus = { state: 'connecting', attempt: 0 };
  announcement: Announcement = { text: '', n: 0 };
  private readonly listeners = new Set<() => void>();
  private readonly conn: ConnectionLike;
  private readonly typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Conversations with a `sync` in flight, and since when (an unanswered one is retried after SYNC_TIMEOUT_MS). */
  private readonly syncing = new Map<string, number>();
  private welcomed = false;
  /** Messages the server could not store yet: how many times each was sent again. */
  private readonly resends = new Map<string, number>();
  /** Embedded calls (./call.ts): ringing, answering, the call under way. */
  readonly calls: AgentCalls;
  /** The read index last told to the server per conversation ("Seen", markRead). */
  private readonly seenSent = new Map<string, number>();
  /** Canned replies (./replies.ts): fetched when first needed, again when the server says they changed. */
  readonly replies = new Replies();
  /** A keyboard command the thread carries out (ui/Keyboard.tsx asks, ui/Thread.tsx answers): `n` counts requests. */
  intent: { kind: 'close' | 'transfer' | 'note' | 'reply'; n: number } | null = null;

  constructor(private readonly o: StoreOptions = {}) {
    this.calls = new AgentCalls({
      send: (f) => this.conn.send(f),
      changed: () => this.emit(),
      ...(o.notifier ? { notifier: o.notifier } : {}),
      onRing: (call) => {
        const c = this.state.conversations[call.conversationId];
        const name = (c && visitorName(c.summary, c.context)) ?? text.visitor;
        this.announce(text.callAnnounce(name));
        this.o.notifier?.desktop(text.callAnnounce(name), c?.summary.page?.title ?? '', call.callId, () => this.select(call.conversationId));
        // The ringing conversation is shown (thread and context) unless the agent is in another one.
        if (!this.state.selectedId || !this.state.mine.includes(this.state.selectedId)) this.select(call.conversationId);
      },
    });
    const handlers = { onFrame: (f: AgentServerFrame) => this.onFrame(f), onStatus: (s: ConnectionStatus) => this.onStatus(s) };
    this.conn = o.connect
      ? o.connect(handlers)
      : new AgentConnection({ ...handlers, ...(o.checkAuth ? { checkAuth: o.checkAuth } : {}) });
  }

  start(): void {
    this.conn.start();
  }

  stop(): void {
    this.calls.stop();
    for (const t of this.typingTimers.values()) clearTimeout(t);
    this.typingTimers.clear();
    this.conn.stop();
  }

  retryNow(): void {
    this.conn.retryNow();
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => void this.listeners.delete(fn);
  }

  dispatch(event: ConsoleEvent): void {
    this.state = reduce(this.state, event, Date.now());
    this.emit();
  }

  private emit() {
    for (const fn of [...this.listeners]) fn();
  }

  private send(frame: AgentFrame): boolean {
    return this.conn.send(frame);
  }

  private onStatus(s: ConnectionStatus) {
    this.connection = s;
    if (s.state !== 'open' && this.state.ready) this.state = reduce(this.state, { type: '@disconnected' });
    if (s.state !== 'open') {
      this.historyAsked.clear();
      this.calls.disconnected();
      this.syncing.clear();
      for (const t of this.typingTimers.values()) clearTimeout(t);
      this.typingTimers.clear();
    }
    if (s.state === 'unauthorized') this.o.onUnauthorized?.();
    this.emit();
  }

  private onFrame(frame: AgentServerFrame) {
    const prev = this.state;
    const next = reduce(prev, frame, Date.now());
    this.state = next;
    if (frame.type.startsWith('call_')) this.calls.onFrame(frame as Extract<AgentServerFrame, { type: `call_${string}` }>);

    switch (frame.type) {
      case 'queue':
        // The last page of the queue that follows `welcome`: now the console knows what is queued
        // and what is its own, it fills gaps, re-opens a previewed conversation and resends.
        if (!frame.last) break;
        for (const f of resyncFrames(next)) {
          if (f.type === 'sync') this.syncing.set(f.conversationId, Date.now());
          this.send(f);
        }
        this.welcomed = true;
        break;
      case 'queue_changes':
        // A handover by the site's bot comes as `updated`: it rings then (newQueueIds).
        if (this.welcomed) this.onQueueArrivals(newQueueIds(prev.queue, [...frame.added, ...frame.updated]));
        break;
      case 'message': {
        const m = frame.message;
        const c = next.conversations[m.conversationId];
        const isNew = !prev.conversations[m.conversationId]?.messages.some((x) => x.id === m.id);
        if (c && isNew && m.sender === 'visitor') {
          const name = visitorName(c.summary, c.context) ?? text.visitor;
          if (next.mine.includes(m.conversationId) || next.selectedId === m.conversationId) {
            this.announce(text.newMessageAnnounce(name, m.text));
          }
          const hidden = typeof document !== 'undefined' && document.hidden;
          if (next.mine.includes(m.conversationId) && (hidden || next.selectedId !== m.conversationId)) {
            this.o.notifier?.chime('message');
          }
        }
        this.fillGap(m.conversationId);
        break;
      }
      case 'ack':
        this.fillGap(frame.message.conversationId);
        break;
      case 'history':
        this.syncing.delete(frame.conversationId);
        if (frame.messages.length > 0) this.fillGap(frame.conversationId);
        break;
      case 'conversation': {
        const id = frame.conversation.id;
        this.fillGap(id);
        // Given to this agent without their claim (automatic assignment, a teammate's transfer): say so.
        if (this.welcomed && !prev.mine.includes(id) && next.mine.includes(id) && prev.claiming !== id) {
          const c = next.conversations[id];
          const name = (c && visitorName(c.summary, c.context)) ?? text.visitor;
          this.announce(text.assignedAnnounce(name));
          this.o.notifier?.chime('conversation');
          this.o.notifier?.desktop(text.assignedTitle, text.notificationBody(name, c?.summary.lastMessage?.text ?? null), id, () => this.select(id));
        }
        break;
      }
      case 'error':
        if (frame.clientId && RETRIED_CODES.includes(frame.code)) this.resendLater(frame.clientId);
        break;
      case 'closed':
        this.calls.conversationClosed(frame.conversationId);
        break;
      case 'transferred':
        this.announce(frame.to ? text.transferredAnnounce(frame.to.name) : text.transferredToQueueAnnounce(frame.toSkill ?? ''));
        break;
      case 'welcome': // changes made while this socket was away
      case 'replies_changed':
        this.replies.stale();
        break;
    }
    if (next.ready) this.askHistory();
    this.emit();
  }

  /** Asks for the missing messages when the known ones have a hole (one request in flight per conversation). */
  private fillGap(id: string) {
    const c = this.state.conversations[id];
    const since = this.syncing.get(id);
    if (!c || (since !== undefined && Date.now() - since < SYNC_TIMEOUT_MS)) return;
    const gap = gapAfter(c.messages);
    if (gap === null) return;
    if (this.send({ type: 'sync', conversationId: id, afterIndex: gap })) this.syncing.set(id, Date.now());
  }

  private onQueueArrivals(ids: string[]) {
    if (ids.length === 0) return;
    const first = this.state.queue.find((q) => q.id === ids[0]);
    if (!first) return;
    const name = visitorName(first) ?? text.visitor;
    this.announce(text.newConversationAnnounce(name));
    this.o.notifier?.chime('conversation');
    this.o.notifier?.desktop(text.notificationTitle, text.notificationBody(name, first.lastMessage?.text ?? null), first.id, () =>
      this.select(first.id),
    );
  }

  announce(t: string): void {
    this.announcement = { text: t, n: this.announcement.n + 1 };
  }

  // ---- what the agent does ----

  select(id: string | null, summary?: ConversationSummary): void {
    this.dispatch(summary ? { type: '@select', conversationId: id, summary } : { type: '@select', conversationId: id });
    if (!id) return;
    // Opened by the server in full: queued ones (read-only, live until claimed), the agent's own,
    // and closed ones (read-only: a visitor's history, a search result); never another's live one.
    const c = this.state.conversations[id];
    const queued = this.state.queue.some((q) => q.id === id);
    const own = !!c && !!this.state.agent && c.summary.agent?.id === this.state.agent.id;
    if (queued || ((own || c?.summary.status === 'closed') && !c?.loaded)) this.send({ type: 'open', conversationId: id });
    // Asked again on every pick: the person may have started another conversation since.
    this.historyAsked.delete(id);
    if (this.send({ type: 'visitor_conversations', conversationId: id })) this.historyAsked.add(id);
  }

  /**
   * Opens a conversation known only by its id (an Insights example): the server answers with it
   * when this agent may read it (queued, closed, their own), else with an error, as for any `open`.
   */
  openById(id: string): void {
    if (this.state.conversations[id] || this.state.queue.some((q) => q.id === id)) return this.select(id);
    this.dispatch({ type: '@select', conversationId: id });
    if (!this.send({ type: 'open', conversationId: id })) this.offlineError();
  }

  /** Conversations whose person's other conversations were asked for (once each, on this connection). */
  private readonly historyAsked = new Set<string>();

  /** The person's other conversations, once per conversation shown (however it came to be shown: a click, a claim, a call). */
  private askHistory(): void {
    const id = this.state.selectedId;
    if (!id || id in this.state.history || this.historyAsked.has(id)) return;
    if (this.send({ type: 'visitor_conversations', conversationId: id })) this.historyAsked.add(id);
  }

  /** "Load earlier messages": the ones before the first shown (answered by `history`). */
  loadEarlier(conversationId: string): void {
    const first = this.state.conversations[conversationId]?.messages[0];
    if (first && first.index > 1) this.send({ type: 'sync', conversationId, afterIndex: 0, beforeIndex: first.index });
  }

  /** Full-text search with filters (./ui/Search.tsx); the answer replaces `state.search.results`. */
  search(query: string, filters: SearchFilters): void {
    const requestId = newClientId();
    this.dispatch({ type: '@search', requestId });
    if (!this.send({ type: 'search', requestId, query, filters })) this.offlineError();
  }

  /** Adds or removes a tag; every agent's console hears `tags`. */
  tag(conversationId: string, tag: string, on: boolean): void {
    if (!this.send({ type: 'tag', conversationId, tag, on })) this.offlineError();
  }

  claim(id: string): void {
    if (!this.send({ type: 'claim', conversationId: id })) {
      this.offlineError();
      return;
    }
    this.dispatch({ type: '@claim', conversationId: id });
  }

  /** Sends a message (kept as `sending` until acknowledged, resent after a reconnection). */
  sendMessage(conversationId: string, raw: string): boolean {
    const t = raw.trim();
    if (!t || t.length > MESSAGE_MAX_CHARS) return false;
    const clientId = newClientId();
    if (!CLIENT_ID_PATTERN.test(clientId)) return false;
    this.stopTyping(conversationId);
    this.dispatch({ type: '@send', conversationId, clientId, text: t });
    this.send({ type: 'send', conversationId, clientId, text: t });
    return true;
  }

  /** Adds an internal note (agents only; never sent to the visitor), kept as `sending` until the server stores it. */
  sendNote(conversationId: string, raw: string): boolean {
    const t = raw.trim();
    if (!t || t.length > MESSAGE_MAX_CHARS) return false;
    const clientId = newClientId();
    if (!CLIENT_ID_PATTERN.test(clientId)) return false;
    this.dispatch({ type: '@send', conversationId, clientId, text: t, note: true });
    this.send({ type: 'note', conversationId, clientId, text: t });
    return true;
  }

  /**
   * The server could not store a message now: send the same clientId again after Baton's backoff
   * (src/protocol/backoff.ts) while it is still pending. The console's outbox is its
   * state in memory: messages still `sending` are also resent after every reconnection.
   */
  private resendLater(clientId: string): void {
    const attempt = (this.resends.get(clientId) ?? 0) + 1;
    this.resends.set(clientId, attempt);
    setTimeout(() => {
      for (const [conversationId, c] of Object.entries(this.state.conversations)) {
        const p = c.pending.find((x) => x.clientId === clientId && x.status === 'sending');
        if (p) return void this.send(pendingFrame(conversationId, p));
      }
      this.resends.delete(clientId);
    }, backoffDelay(attempt - 1));
  }

  retry(conversationId: string, clientId: string): void {
    const p = this.state.conversations[conversationId]?.pending.find((x) => x.clientId === clientId);
    if (!p) return;
    this.dispatch({ type: '@retry', conversationId, clientId });
    this.send(pendingFrame(conversationId, p));
  }

  discard(conversationId: string, clientId: string): void {
    this.dispatch({ type: '@discard', conversationId, clientId });
  }

  close(conversationId: string, note: string): boolean {
    const n = note.trim().slice(0, NOTE_MAX_CHARS);
    this.stopTyping(conversationId);
    const ok = this.send(n ? { type: 'close', conversationId, note: n } : { type: 'close', conversationId });
    if (!ok) this.offlineError();
    return ok;
  }

  /** Hands the conversation to a teammate, or back to the queue for a skill, with an optional note. */
  transfer(conversationId: string, to: { agentId: string } | { skill: string }, note: string): boolean {
    const n = note.trim().slice(0, NOTE_MAX_CHARS);
    this.stopTyping(conversationId);
    const target = 'skill' in to ? { toSkill: to.skill } : { toAgentId: to.agentId };
    const ok = this.send({ type: 'transfer', conversationId, ...target, ...(n ? { note: n } : {}) });
    if (!ok) this.offlineError();
    return ok;
  }

  requestIntent(kind: 'close' | 'transfer' | 'note' | 'reply'): void {
    this.intent = { kind, n: (this.intent?.n ?? 0) + 1 };
    this.emit();
  }

  /** Away (or back online) for teammates. */
  setPresence(status: AgentPresence): void {
    if (!this.send({ type: 'presence', status })) this.offlineError();
  }

  remove(conversationId: string): void {
    this.dispatch({ type: '@remove', conversationId });
  }

  markRead(conversationId: string): void {
    const c = this.state.conversations[conversationId];
    if (!c) return;
    const last = lastIndex(c);
    if (last > c.readIndex) this.dispatch({ type: '@read', conversationId });
    // The visitor sees "Seen" (issue 15): only for the agent's own conversation (a preview answers
    // nothing), once per new message read (the server keeps the highest).
    if (last > (this.seenSent.get(conversationId) ?? 0) && this.state.mine.includes(conversationId) && c.summary.status === 'active' && this.send({ type: 'read', conversationId, index: last })) {
      this.seenSent.set(conversationId, last);
    }
  }

  clearError(): void {
    this.dispatch({ type: '@clearError' });
  }

  /** Call on every keystroke in the composer: `typing on` once, `off` after 2 s without one. */
  typed(conversationId: string): void {
    const had = this.typingTimers.get(conversationId);
    if (had) clearTimeout(had);
    else if (!this.send({ type: 'typing', conversationId, on: true })) return;
    this.typingTimers.set(
      conversationId,
      setTimeout(() => this.stopTyping(conversationId), TYPING_IDLE_MS),
    );
  }

  stopTyping(conversationId: string): void {
    const t = this.typingTimers.get(conversationId);
    if (!t) return;
    clearTimeout(t);
    this.typingTimers.delete(conversationId);
    this.send({ type: 'typing', conversationId, on: false });
  }

  private offlineError() {
    this.state = {
      ...this.state,
      error: { code: 'not_ready', message: text.offlineAction, at: Date.now(), conversationId: null, local: true },
    };
    this.emit();
  }
}
