/**
 * ChatSession: the headless chat state a UI renders (Baton's panel, or a site's own UI), over any
 * ChatTransport. It owns what the visitor sees: the connection, the conversation (status, agent,
 * place in the queue), the messages in index order with the visitor's own pending ones, the
 * agent's typing, how many agents are online, and the unread count.
 *
 * Rules it keeps:
 * - a message is shown once: deduplicated by clientId (the visitor's own, once acknowledged) and by
 *   index (a message seen in a welcome, then again in a gap fill);
 * - the visitor's message is `sending` until acknowledged (`sent`), `failed` on an error about its
 *   clientId or when the connection drops first; `retry()` resends the SAME clientId, so the
 *   server stores it once even when the first attempt did arrive. Over a durable transport
 *   (withOutbox) a lost connection does not fail anything: the outbox sends it again by itself,
 *   and messages pending from an earlier page or another tab are shown as sending;
 * - text is trimmed and refused (never truncated) over MESSAGE_MAX_CHARS.
 */
import type { ScannedCode } from '../../protocol/scan';
import {
  EMAIL_MAX_CHARS,
  MEDIA_MAX_BYTES,
  MEDIA_TYPES,
  MESSAGE_MAX_CHARS,
  CSAT_COMMENT_MAX_CHARS,
  type AgentPublic,
  type BotPublic,
  type BotState,
  type ChatMedia,
  type ChatMessage,
  type ConversationStatus,
  type Sender,
  type SurveyState,
  type TeamMember,
} from '../../protocol/chat';
import type { Availability } from '../../protocol/availability';
import type { ChatStatusUpdate, ChatTransport, ChatWelcome, ConnectionState, ContinueResult, MessagingState } from './transport';
import type { MessagingChannel } from '../../protocol/twilio';
import { notify } from '../events';

export type MessageStatus = 'sending' | 'sent' | 'failed';

/** One line of the conversation as the visitor sees it. */
export interface ChatItem {
  /** Stable key for rendering: the message's clientId. */
  key: string;
  clientId: string;
  /** Position in the conversation (1, 2, 3...); null until the server has committed it. */
  index: number | null;
  sender: Sender;
  text: string;
  /** Commit time (ms since the epoch); the local send time while not committed. */
  at: number;
  /** Agent messages: who wrote it. */
  agent: AgentPublic | null;
  /** Bot messages (sender `bot`): the bot's name. */
  bot?: BotPublic;
  status: MessageStatus;
  /** Why it failed: an error code ('rate_limited'...), or 'connection' when the connection dropped first. */
  error: string | null;
  /** Attached photos (transports with media); a photo being sent has the id 'local' until committed. */
  media?: ChatMedia[];
  /** A photo being sent: upload progress from 0 to 1. */
  progress?: number;
  /** A photo being sent, refused for now (the server is busy or asked to wait): when it goes again (ms since the epoch). */
  retryAt?: number;
  /** A photo being sent: its bytes, for a preview before the server has it. */
  file?: Blob;
  /** A code the visitor scanned (issue 19): sent as data with the message, whose text is its value. */
  code?: ScannedCode;
}

export type PhotoResult =
  | { ok: true; clientId: string }
  | { ok: false; reason: 'unsupported' }
  | { ok: false; reason: 'bad_type'; types: readonly string[] }
  | { ok: false; reason: 'too_large'; size: number; max: number };

export interface ChatConversation {
  id: string;
  status: ConversationStatus;
  agent: AgentPublic | null;
  /** 1-based place in the queue while waiting, else null. */
  position: number | null;
  /** The site's bot: `answering` (offer "Talk to a person": handover()) or `handed_over`; absent: no bot. */
  bot?: BotState;
  /** Where a reply the visitor has not seen goes by e-mail (setEmail()); absent: nowhere yet. */
  email?: string;
  /** The satisfaction survey: `due` (after the chat closed or a call in it ended: ask it, rate()) or `done`. */
  survey?: SurveyState;
  /** "Seen": the highest message index the agent has read (absent: nothing yet). */
  seen?: number;
  /** The transcript by e-mail (transcript()): asked and not answered yet, sent, or refused (`failed`: ask again). */
  transcript?: 'sending' | 'sent' | 'failed';
}

export interface ChatState {
  /**
   * start() was called: the chat connects on the visitor's intent (focus or typing in the
   * composer, a send), so nothing is sent to the server by merely opening the panel.
   */
  started: boolean;
  /** Meaningful once started ('connecting' until then). */
  connection: ConnectionState;
  /** The first welcome has arrived: `conversation` and `agentsOnline` are known. */
  ready: boolean;
  conversation: ChatConversation | null;
  /** Committed messages in index order, then the visitor's uncommitted ones in the order sent. */
  messages: readonly ChatItem[];
  agentTyping: boolean;
  agentsOnline: number;
  /** Agent and bot messages after `readIndex`. */
  unread: number;
  /** Highest index the visitor has read. */
  readIndex: number;
  /** The visitor left a message while nobody was online, and the server has it. */
  leftMessage: boolean;
  /** Messages typed while disconnected are kept and sent once back (the transport has an outbox). */
  durable: boolean;
  /** The transport carries photos: sendPhoto() can be offered. */
  canSendPhotos?: boolean;
  /** The service answers by e-mail: setEmail() can be offered when nobody can answer live. */
  canEmail?: boolean;
  /** The service e-mails transcripts: transcript() can be offered once the conversation has ended. */
  canTranscript?: boolean;
  /** Where the conversation can continue by text message (continueOn()), and where it does; absent: nowhere (no carrier). */
  messaging?: MessagingState;
}

/** Who is online now, as the panel's home shows it before any conversation. */
export interface Presence {
  agentsOnline: number;
  /** A few of them (names and avatar colours), when the server says. */
  team: TeamMember[];
  /** Business hours, reply time and queue, when the server says (issue 15). */
  availability?: Availability | null;
}

export type SendRefusal =
  | { ok: false; reason: 'empty' }
  | { ok: false; reason: 'too_long'; length: number; max: number }
  | { ok: false; reason: 'bad_email' };
export type SendResult = { ok: true; clientId: string } | SendRefusal;

/** What a UI uses. Baton's BatonSession.chat() resolves to one. */
export interface ChatHandle {
  /** Connects (once). send(), retry() and typing(true) call it too. */
  start(): void;
  getState(): ChatState;
  /** Calls `fn` with the state now and after every change. Returns the unsubscribe function. */
  subscribe(fn: (state: ChatState) => void): () => void;
  /** Sends a message (opens a conversation when none is open). Refuses empty or too long text. */
  send(text: string): SendResult;
  /** Sends a scanned code (issue 19) as a message: its value as the text, the code as data. */
  sendCode(code: ScannedCode): SendResult;
  /** Resends a failed message with the same clientId. False when there is no such failed message. */
  retry(clientId: string): boolean;
  /** Call with true on every keystroke: "typing" goes out at the first, "stopped" after 2 s idle or on send. */
  typing(on: boolean): void;
  /** When nobody is online: a message and, optionally, an e-mail to answer to. */
  leaveMessage(text: string, email?: string): SendResult;
  /** The visitor has seen every message (the panel shows the conversation). */
  markRead(): void;
  /** After a conversation ended: clear it, so the next message opens a new one. */
  startNew(): void;
  /**
   * "Talk to a person", while the site's bot answers (`conversation.bot === 'answering'`): the bot
   * stops, agents are told, and `conversation.bot` becomes `handed_over`. False when there is no
   * bot answering or the chat is not connected (try again once `connection` is `online`).
   */
  handover(): boolean;
  /**
   * Where to answer the open conversation by e-mail (asked when nobody can answer live): checked
   * here, kept by the server with the conversation and the visitor, then `conversation.email`.
   * `offline`: not connected now, or no open conversation (try again once `connection` is `online`).
   */
  setEmail(email: string): { ok: true } | { ok: false; reason: 'bad_email' | 'offline' };
  /**
   * The satisfaction survey's answer (while `conversation.survey === 'due'`): `score` 1..5 and an
   * optional comment (at most CSAT_COMMENT_MAX_CHARS). Once per conversation: the server keeps the first.
   */
  rate(score: number, comment?: string): { ok: true } | { ok: false; reason: 'bad_score' | 'too_long' | 'offline' };
  /**
   * The ended conversation by e-mail (while `state.canTranscript`), to `email` or the address the
   * visitor already gave (`conversation.email`); then `conversation.transcript` is `sending`, and
   * `sent` or `failed`. Once per conversation.
   */
  transcript(email?: string): { ok: true } | { ok: false; reason: 'bad_email' | 'offline' };
  /**
   * "Continue by SMS / on WhatsApp" (while `state.messaging` lists the channel and a conversation is
   * open): `confirm: false` reads the number (answered with `display`, for the visitor to confirm),
   * `confirm: true` continues the conversation there (then `state.messaging.continued` has it).
   */
  continueOn?(channel: MessagingChannel, phone: string, confirm: boolean): Promise<ContinueResult>;
  /**
   * Sends a photo (MEDIA_TYPES, at most MEDIA_MAX_BYTES) when the transport carries media
   * (`state.canSendPhotos`); refused otherwise. Kept in the outbox like text (sent again after a
   * lost connection or on a later page); one refused by the server is failed, with retry().
   * Baton's panel downscales and re-encodes photos first (src/view/photo.ts: no EXIF left).
   */
  sendPhoto?(file: Blob, filename?: string): PhotoResult;
  /** A short-lived URL to show an attached photo (ChatItem.media[].id), or null. */
  mediaUrl?(mediaId: string): Promise<string | null>;
  /**
   * Who is online, without connecting (one small request, where the transport can tell): the
   * panel's home. Null when it cannot say (the server did not answer, a transport without it).
   */
  presence?(): Promise<Presence | null>;
  /**
   * The visitor marked a help article "That helped" while no conversation was open: the server
   * counts it toward conversations avoided (where the transport has such a server).
   */
  reportHelped?(article: { id: string; title: string }): void;
}

export interface ChatSessionOptions {
  /** start() was called for the first time: connect the transport. */
  onStart?(): void;
  /** A new agent (or bot) message arrived while connected (not the history of a first welcome). */
  onAgentMessage?(message: ChatMessage): void;
  /** The unread count changed (and once after the first welcome). */
  onUnread?(count: number): void;
  now?(): number;
  /** Client ids: 22 random url-safe characters by default. */
  newId?(): string;
  /** ChatHandle.presence(), where the transport's part can tell. */
  presence?(): Promise<Presence | null>;
  /** ChatHandle.reportHelped(), where the transport's part has a server to tell. */
  helped?(article: { id: string; title: string }): void;
}

/** Sends "stopped typing" after this long without a keystroke. */
export const TYPING_IDLE_MS = 2000;

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** 22 url-safe random characters (132 bits) from crypto.getRandomValues. */
export function newClientId(): string {
  let id = '';
  for (const b of crypto.getRandomValues(new Uint8Array(22))) id += ID_ALPHABET[b & 63];
  return id;
}

/** The trimmed text, or why it cannot be sent. Never truncates. */
export function checkText(text: string): { ok: true; text: string } | SendRefusal {
  const t = String(text ?? '').trim();
  if (!t) return { ok: false, reason: 'empty' };
  if (t.length > MESSAGE_MAX_CHARS) return { ok: false, reason: 'too_long', length: t.length, max: MESSAGE_MAX_CHARS };
  return { ok: true, text: t };
}

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export class ChatSession implements ChatHandle {
  private _started = false;
  private _connection: ConnectionState = 'connecting';
  /** Sent before the first connection was up: handed to the transport once online. */
  private _queued = new Set<string>();
  private _ready = false;
  private _conv: ChatConversation | null = null;
  /** By key (clientId). */
  private _items = new Map<string, ChatItem & { seq: number; email?: string | undefined }>();
  private _indexes = new Set<number>();
  private _list: ChatItem[] = [];
  private _seq = 0;
  /** Photos not yet committed, by clientId: kept for retry() while the page lives (the outbox keeps them across pages). */
  private _photos = new Map<string, { file: Blob; filename?: string | undefined }>();
  private _agentTyping = false;
  private _agentsOnline = 0;
  private _readIndex = 0;
  private _unread = 0;
  private _lastUnread = -1;
  private _leftId: string | null = null;
  private _left = false;
  /** Conversations the visitor closed with startNew(): never shown again. */
  private _dismissed = new Set<string>();
  private _typingOn = false;
  private _messaging: MessagingState | undefined;
  private _typingTimer: ReturnType<typeof setTimeout> | undefined;
  private _subs = new Set<(s: ChatState) => void>();
  private _offs: (() => void)[];
  private _state!: ChatState;
  private readonly _now: () => number;
  private readonly _newId: () => string;

  constructor(
    private readonly _t: ChatTransport,
    private readonly _opts: ChatSessionOptions = {},
  ) {
    this._now = _opts.now ?? Date.now;
    this._newId = _opts.newId ?? newClientId;
    this._offs = [
      _t.on('state', (s) => this._onState(s)),
      _t.on('welcome', (w) => this._onWelcome(w)),
      _t.on('ack', ({ clientId, message }) => {
        if (this._adopt(message.conversationId)) this._merge(message, true, clientId);
        if (clientId === this._leftId) this._left = true;
        this._changed();
      }),
      _t.on('message', (m) => {
        if (this._adopt(m.conversationId)) {
          if (m.sender === 'agent') this._agentTyping = false;
          this._merge(m, true);
        }
        this._changed();
      }),
      _t.on('history', (h) => {
        if (this._conv?.id === h.conversationId) for (const m of h.messages) this._merge(m, true);
        this._changed();
      }),
      _t.on('typing', (on) => {
        this._agentTyping = on && !!this._conv && this._conv.status !== 'closed';
        this._changed();
      }),
      _t.on('status', (s) => this._onStatus(s)),
      _t.on('presence', (n) => {
        this._agentsOnline = n;
        this._changed();
      }),
      _t.on('pending', (m) => {
        if (this._items.has(m.clientId)) return;
        const photo = m.photo ? this._photoItem(m.photo.file, m.photo.filename) : {};
        if (m.photo) this._photos.set(m.clientId, m.photo);
        this._put({ key: m.clientId, clientId: m.clientId, index: null, sender: 'visitor', text: m.text, at: m.at, agent: null, status: 'sending', error: null, seq: ++this._seq, email: m.email, ...photo });
        this._changed();
      }),
      _t.on('progress', ({ clientId, fraction, retryAt }) => this._progress(clientId, fraction, retryAt)),
      _t.on('messaging', (m) => {
        this._messaging = m;
        this._changed();
      }),
      _t.on('error', (e) => {
        // A refusal without a clientId while a transcript is asked for is the transcript's (no other frame then waits for an answer).
        if (!e.clientId && this._conv?.transcript === 'sending') {
          this._conv = { ...this._conv, transcript: 'failed' };
          this._changed();
        }
        const item = e.clientId ? this._items.get(e.clientId) : undefined;
        if (item && item.status === 'sending') {
          this._put({ ...item, status: 'failed', error: e.code });
          this._changed();
        }
      }),
    ];
    this._build();
  }

  start(): void {
    if (this._started) return;
    this._started = true;
    this._changed();
    this._opts.onStart?.();
  }

  getState(): ChatState {
    return this._state;
  }

  subscribe(fn: (state: ChatState) => void): () => void {
    this._subs.add(fn);
    notify([fn], this._state, 'chat state');
    return () => void this._subs.delete(fn);
  }

  send(text: string): SendResult {
    return this._send(text);
  }

  sendCode(code: ScannedCode): SendResult {
    return this._send(code.value, undefined, code);
  }

  leaveMessage(text: string, email?: string): SendResult {
    const e = String(email ?? '').trim();
    if (e && (e.length > EMAIL_MAX_CHARS || !EMAIL_SHAPE.test(e))) return { ok: false, reason: 'bad_email' };
    const r = this._send(text, e || undefined);
    if (r.ok) {
      this._leftId = r.clientId;
      this._left = false;
    }
    return r;
  }

  retry(clientId: string): boolean {
    const item = this._items.get(clientId);
    if (!item || item.status !== 'failed') return false;
    this._put({ ...item, status: 'sending', error: null });
    this._transmit(item.clientId, item.text, item.email);
    this._changed();
    return true;
  }

  typing(on: boolean): void {
    clearTimeout(this._typingTimer);
    if (!on) return this._stopTyping();
    this.start();
    if (!this._typingOn && this._connection === 'online') {
      this._typingOn = true;
      this._t.typing(true);
    }
    this._typingTimer = setTimeout(() => this._stopTyping(), TYPING_IDLE_MS);
  }

  markRead(): void {
    let max = this._readIndex;
    for (const i of this._indexes) if (i > max) max = i;
    if (max === this._readIndex) return;
    this._readIndex = max;
    this._t.read(max);
    this._changed();
  }

  startNew(): void {
    if (!this._conv || this._conv.status !== 'closed') return;
    this._dismissed.add(this._conv.id);
    this._conv = null;
    this._agentTyping = false;
    this._left = false;
    this._leftId = null;
    this._keepPendingOnly();
    this._changed();
  }

  handover(): boolean {
    if (this._conv?.bot !== 'answering' || this._connection !== 'online' || !this._t.handover) return false;
    return this._t.handover();
  }

  rate(score: number, comment?: string): { ok: true } | { ok: false; reason: 'bad_score' | 'too_long' | 'offline' } {
    if (!Number.isInteger(score) || score < 1 || score > 5) return { ok: false, reason: 'bad_score' };
    const c = String(comment ?? '').trim();
    if (c.length > CSAT_COMMENT_MAX_CHARS) return { ok: false, reason: 'too_long' };
    if (this._conv?.survey !== 'due' || this._connection !== 'online' || !this._t.rate?.(score, c || undefined)) return { ok: false, reason: 'offline' };
    return { ok: true };
  }

  transcript(email?: string): { ok: true } | { ok: false; reason: 'bad_email' | 'offline' } {
    const e = email === undefined ? undefined : String(email).trim();
    if (e !== undefined && (!e || e.length > EMAIL_MAX_CHARS || !EMAIL_SHAPE.test(e))) return { ok: false, reason: 'bad_email' };
    if (!e && !this._conv?.email) return { ok: false, reason: 'bad_email' };
    if (this._conv?.status !== 'closed' || this._conv.transcript === 'sent' || this._connection !== 'online' || !this._t.transcript?.(e)) return { ok: false, reason: 'offline' };
    this._conv = { ...this._conv, transcript: 'sending' };
    this._changed();
    return { ok: true };
  }

  continueOn(channel: MessagingChannel, phone: string, confirm: boolean): Promise<ContinueResult> {
    if (!this._t.continueOn || !this._messaging?.channels.includes(channel)) return Promise.resolve({ ok: false, reason: 'unsupported', message: `the chat cannot continue by ${channel} here` });
    if (!this._conv || this._conv.status === 'closed' || this._connection !== 'online') return Promise.resolve({ ok: false, reason: 'no_conversation', message: 'no open conversation now' });
    return this._t.continueOn(channel, phone, confirm);
  }

  setEmail(email: string): { ok: true } | { ok: false; reason: 'bad_email' | 'offline' } {
    const e = String(email ?? '').trim();
    if (!e || e.length > EMAIL_MAX_CHARS || !EMAIL_SHAPE.test(e)) return { ok: false, reason: 'bad_email' };
    if (!this._conv || this._conv.status === 'closed' || this._connection !== 'online' || !this._t.setEmail?.(e)) return { ok: false, reason: 'offline' };
    return { ok: true };
  }

  /** Stops: unsubscribes from the transport and disconnects it. */
  destroy(): void {
    clearTimeout(this._typingTimer);
    for (const off of this._offs.splice(0)) off();
    this._subs.clear();
    this._t.disconnect();
  }

  private _send(text: string, email?: string, code?: ScannedCode): SendResult {
    const checked = checkText(text);
    if (!checked.ok) return checked;
    // The server wants the code's value as the text, untrimmed.
    if (code && checked.text !== code.value) return { ok: false, reason: 'empty' };
    this.start();
    // Writing after an ended conversation starts a new one.
    if (this._conv?.status === 'closed') this.startNew();
    clearTimeout(this._typingTimer);
    this._stopTyping();
    const clientId = this._newId();
    this._put({
      key: clientId,
      clientId,
      index: null,
      sender: 'visitor',
      text: checked.text,
      at: this._now(),
      agent: null,
      status: 'sending',
      error: null,
      seq: ++this._seq,
      email,
      ...(code ? { code } : {}),
    });
    this._transmit(clientId, checked.text, email);
    this._changed();
    return { ok: true, clientId };
  }

  sendPhoto(file: Blob, filename?: string): PhotoResult {
    if (!this._t.sendMedia) return { ok: false, reason: 'unsupported' };
    if (!MEDIA_TYPES.includes(file.type)) return { ok: false, reason: 'bad_type', types: MEDIA_TYPES };
    if (file.size > MEDIA_MAX_BYTES) return { ok: false, reason: 'too_large', size: file.size, max: MEDIA_MAX_BYTES };
    this.start();
    if (this._conv?.status === 'closed') this.startNew();
    const clientId = this._newId();
    this._photos.set(clientId, filename ? { file, filename } : { file });
    this._put({
      key: clientId,
      clientId,
      index: null,
      sender: 'visitor',
      text: '',
      at: this._now(),
      agent: null,
      status: 'sending',
      error: null,
      ...this._photoItem(file, filename),
      seq: ++this._seq,
    });
    this._transmit(clientId, '');
    this._changed();
    return { ok: true, clientId };
  }

  mediaUrl(mediaId: string): Promise<string | null> {
    return this._t.mediaUrl ? this._t.mediaUrl(mediaId) : Promise.resolve(null);
  }

  private _photoItem(file: Blob, filename?: string): Pick<ChatItem, 'media' | 'progress' | 'file'> {
    return { media: [{ id: 'local', contentType: file.type, filename: filename ?? null, size: file.size }], progress: 0, file };
  }

  private _progress(clientId: string, progress: number, retryAt?: number): void {
    const item = this._items.get(clientId);
    if (item?.status !== 'sending') return;
    const { retryAt: _was, ...rest } = item;
    this._put(retryAt !== undefined ? { ...rest, progress, retryAt } : { ...rest, progress });
    this._changed();
  }

  presence(): Promise<Presence | null> {
    return this._opts.presence ? this._opts.presence().catch(() => null) : Promise.resolve(null);
  }

  reportHelped(article: { id: string; title: string }): void {
    this._opts.helped?.(article);
  }

  private _transmit(clientId: string, text: string, email?: string): void {
    const photo = this._photos.get(clientId);
    if (photo) {
      // The outbox keeps it (and reports progress as events) until the server has it.
      if (this._t.durable) return void this._t.sendMedia!({ clientId, ...photo });
      if (this._connection === 'connecting') return void this._queued.add(clientId);
      const onProgress = (progress: number) => this._progress(clientId, progress);
      const sent = this._connection === 'online' && this._t.sendMedia!({ clientId, ...photo, onProgress });
      if (!sent) {
        const item = this._items.get(clientId);
        if (item) this._put({ ...item, status: 'failed', error: 'connection' });
      }
      return;
    }
    const code = this._items.get(clientId)?.code;
    const out = { clientId, text, ...(email ? { email } : {}), ...(code ? { code } : {}) };
    // A durable transport keeps it and sends it when it can.
    if (this._t.durable) return void this._t.send(out);
    // Before the first connection is up, the message waits (still "sending") rather than failing.
    if (this._connection === 'connecting') return void this._queued.add(clientId);
    const sent = this._connection === 'online' && this._t.send(out);
    if (!sent) {
      const item = this._items.get(clientId);
      if (item) this._put({ ...item, status: 'failed', error: 'connection' });
    }
  }

  private _stopTyping(): void {
    if (!this._typingOn) return;
    this._typingOn = false;
    this._t.typing(false);
  }

  private _onState(s: ConnectionState): void {
    this._connection = s;
    if (s === 'online') {
      for (const clientId of this._queued) {
        const item = this._items.get(clientId);
        if (item?.status === 'sending') this._transmit(clientId, item.text, item.email);
      }
      this._queued.clear();
    }
    if (s !== 'online' && s !== 'connecting') {
      this._queued.clear();
      // Whatever was not acknowledged may or may not have arrived: the visitor retries with the
      // same clientId (a durable transport does that by itself).
      if (!this._t.durable)
        for (const item of this._items.values()) if (item.status === 'sending') this._put({ ...item, status: 'failed', error: 'connection' });
      this._agentTyping = false;
      this._typingOn = false;
      clearTimeout(this._typingTimer);
    }
    this._changed();
  }

  private _onWelcome(w: ChatWelcome): void {
    const live = this._ready;
    this._ready = true;
    this._agentsOnline = w.agentsOnline;
    const c = w.conversation;
    if (c && !this._dismissed.has(c.id)) {
      if (this._conv?.id !== c.id) this._keepPendingOnly();
      this._conv = { id: c.id, status: c.status, agent: c.agent, position: c.position, ...(c.bot ? { bot: c.bot } : {}), ...(c.email ? { email: c.email } : {}), ...(c.survey ? { survey: c.survey } : {}), ...(c.transcript ? { transcript: c.transcript } : {}), ...(c.seen ? { seen: c.seen } : {}) };
      this._readIndex = Math.max(this._readIndex, c.readIndex);
      for (const m of c.messages) this._merge(m, live);
    } else if (!c && this._conv && this._conv.status !== 'closed') {
      // The server no longer knows the conversation (a new credential, say).
      this._conv = null;
      this._keepPendingOnly();
    }
    this._changed();
  }

  /** The server's `sent`, else a transcript still asked for or refused on this conversation stays. */
  private _transcriptOf(s: ChatStatusUpdate): Pick<ChatConversation, 'transcript'> {
    const t = s.transcript ?? (this._conv?.id === s.conversationId ? this._conv.transcript : undefined);
    return t ? { transcript: t } : {};
  }

  private _onStatus(s: ChatStatusUpdate): void {
    this._agentsOnline = s.agentsOnline;
    if (this._adopt(s.conversationId)) {
      this._conv = { id: s.conversationId, status: s.status, agent: s.agent, position: s.position, ...(s.bot ? { bot: s.bot } : {}), ...(s.email ? { email: s.email } : {}), ...(s.survey ? { survey: s.survey } : {}), ...this._transcriptOf(s), ...(s.seen ? { seen: s.seen } : {}) };
      if (s.status === 'closed') this._agentTyping = false;
    }
    this._changed();
  }

  /** Makes `id` the current conversation (unless the visitor dismissed it). False when dismissed. */
  private _adopt(id: string): boolean {
    if (this._dismissed.has(id)) return false;
    if (this._conv?.id !== id) {
      if (this._conv) this._keepPendingOnly();
      this._conv = { id, status: 'waiting', agent: null, position: null };
    }
    return true;
  }

  /** Adds or updates a committed message; true when it was new. */
  private _merge(m: ChatMessage, live: boolean, clientId = m.clientId): boolean {
    const key = clientId || m.id;
    const cur = this._items.get(key);
    if (!cur && this._indexes.has(m.index)) return false;
    this._photos.delete(key);
    this._put({
      ...(m.media ? { media: m.media } : {}),
      ...(m.code ? { code: m.code } : {}),
      // The photo this page sent stays its own preview (no download of what it just uploaded).
      ...(cur?.file ? { file: cur.file } : {}),
      ...(m.bot ? { bot: m.bot } : {}),
      key,
      clientId: key,
      index: m.index,
      sender: m.sender,
      text: m.text,
      at: m.at,
      agent: m.agent ?? null,
      status: 'sent',
      error: null,
      seq: cur ? cur.seq : ++this._seq,
    });
    if (cur) return false;
    if (live && (m.sender === 'agent' || m.sender === 'bot')) this._opts.onAgentMessage?.(m);
    return true;
  }

  private _put(item: ChatItem & { seq: number; email?: string | undefined }): void {
    const old = this._items.get(item.key);
    if (old?.index != null && old.index !== item.index) this._indexes.delete(old.index);
    if (item.index != null) this._indexes.add(item.index);
    this._items.set(item.key, item);
  }

  private _keepPendingOnly(): void {
    for (const [k, item] of this._items) if (item.index != null) this._items.delete(k);
    this._indexes.clear();
    this._readIndex = 0;
  }

  private _build(): void {
    const list = [...this._items.values()].sort(
      (a, b) => (a.index ?? Infinity) - (b.index ?? Infinity) || a.seq - b.seq,
    );
    this._list = list.map(({ seq: _s, email: _e, ...item }) => item);
    let unread = 0;
    for (const m of this._list) if ((m.sender === 'agent' || m.sender === 'bot') && m.index != null && m.index > this._readIndex) unread++;
    this._unread = unread;
    this._state = {
      started: this._started,
      connection: this._connection,
      ready: this._ready,
      conversation: this._conv && { ...this._conv },
      messages: this._list,
      agentTyping: this._agentTyping,
      agentsOnline: this._agentsOnline,
      unread,
      readIndex: this._readIndex,
      leftMessage: this._left,
      durable: !!this._t.durable,
      canSendPhotos: !!this._t.sendMedia,
      canEmail: !!this._t.setEmail,
      canTranscript: !!this._t.transcript,
      ...(this._messaging && this._t.continueOn ? { messaging: this._messaging } : {}),
    };
  }

  private _changed(): void {
    this._build();
    if (this._ready && this._unread !== this._lastUnread) {
      this._lastUnread = this._unread;
      this._opts.onUnread?.(this._unread);
    }
    notify(this._subs, this._state, 'chat state');
  }
}
