/**
 * The chat transport port: what ChatSession needs from whatever carries messages between the
 * visitor and the agents. Implemented at the edge (src/transports/*), registered by the entries as
 * parts (../transports.ts) and chosen by the boot options.
 *
 * Vendor-neutral on purpose: no sockets, frames, URLs or SDK objects here; only intents and the
 * chat's data types from src/protocol/chat.ts, which a vendor transport maps its own objects into.
 */
import type { ScannedCode } from '../../protocol/scan';
import type { AgentPublic, BotState, ChatMessage, ConversationStatus, SurveyState, VisitorConversation } from '../../protocol/chat';
import type { ContextSnapshot } from '../../protocol/context';
import type { MessagingChannel } from '../../protocol/twilio';
import type { KeyValueStore } from '../ports';
import type { CallSignals } from '../call/signalling';

/**
 * connecting: the first attempt; online: connected and welcomed (messages can be sent);
 * reconnecting: lost, trying again (with backoff); offline: not trying now (the browser is
 * offline, or disconnect() was called).
 */
export type ConnectionState = 'connecting' | 'online' | 'reconnecting' | 'offline';

/** The transport's welcome, on every (re)connection: who the visitor's conversation is with and its latest messages. */
export interface ChatWelcome {
  /** The conversation the visitor has (open, or the last one closed), with its latest messages. */
  conversation: VisitorConversation | null;
  agentsOnline: number;
  /** Agent messages after the visitor's read index, as the service counts them. */
  unread: number;
}

export interface ChatStatusUpdate {
  conversationId: string;
  status: ConversationStatus;
  agent: AgentPublic | null;
  /** 1-based place in the queue while waiting, else null. */
  position: number | null;
  agentsOnline: number;
  /** The site's bot on the conversation (absent: none). */
  bot?: BotState;
  /** Where a reply the visitor has not seen goes by e-mail (absent: nowhere). */
  email?: string;
  /** The satisfaction survey: `due` or `done` (absent: not yet). */
  survey?: SurveyState;
  /** The transcript went by e-mail (absent: not asked). */
  transcript?: 'sent';
  /** "Seen": the highest message index the agent has read (absent: nothing yet). */
  seen?: number;
}

export interface ChatTransportError {
  /** A protocol error code ('rate_limited', 'bad_frame'...), or a transport's own. */
  code: string;
  message: string;
  /** The message that was refused, when the error is about one. */
  clientId?: string;
  /** With 'rate_limited' (or 'unavailable'): how long the service said to wait before the same kind of request can succeed, in ms. */
  retryAfterMs?: number;
}

/** What a transport reports. Listeners get events in the order the service sent them. */
export interface ChatTransportEvents {
  state: ConnectionState;
  welcome: ChatWelcome;
  /** A message the visitor sent is committed (the same clientId is stored once). */
  ack: { clientId: string; message: ChatMessage };
  /** A new message in the visitor's conversation (an agent's, or the visitor's own from another tab). */
  message: ChatMessage;
  /** The agent started or stopped typing. */
  typing: boolean;
  status: ChatStatusUpdate;
  /** Older or missed messages of a conversation (gap fill after a reconnection). */
  history: { conversationId: string; messages: ChatMessage[] };
  /** How many agents are online changed (sent to visitors without a conversation). */
  presence: number;
  error: ChatTransportError;
  /**
   * A message waiting to be sent that this page did not type: left by an earlier page or a closed
   * tab (restored from the outbox), or typed in another tab. Shown as sending until its `ack`.
   */
  pending: PendingMessage;
  /**
   * A photo's upload progress, 0 to 1 (1 once committed), from the outbox or another tab's upload.
   * `retryAt` (ms since the epoch): the upload was refused for now (the server is busy or said to
   * wait) and the outbox sends it again then; the next progress event has none.
   */
  progress: { clientId: string; fraction: number; retryAt?: number };
  /** Where the conversation can continue besides this chat, and where it already does (transports with continueOn). */
  messaging: MessagingState;
}

/** "Continue by SMS / on WhatsApp" (issue 19): the channels offered and those the conversation continues on. */
export interface MessagingState {
  channels: readonly MessagingChannel[];
  continued: readonly { channel: MessagingChannel; display: string }[];
  /** The company's WhatsApp number (E.164), for a link that opens WhatsApp with it. */
  whatsapp?: string;
}

/** The answer to continueOn(): the number as the service read it (`display`, to confirm), or why not. */
export type ContinueResult =
  | { ok: true; channel: MessagingChannel; address: string; display: string; continued: boolean }
  | { ok: false; reason: 'invalid_number' | 'already' | 'in_use' | 'no_conversation' | 'rate_limited' | 'unsupported' | 'failed'; message: string };

export interface OutgoingMessage {
  /** The visitor's own id for the message: resending the same clientId never stores it twice. */
  clientId: string;
  text: string;
  /** Leave-a-message (nobody online): where to answer. */
  email?: string;
  /** A scanned code (issue 19): `text` is its value; transports without data fields send the text only. */
  code?: ScannedCode;
}

/** A message kept in the outbox until acknowledged (src/core/chat/outbox.ts). */
export interface PendingMessage extends OutgoingMessage {
  /** When it was typed, ms since the epoch. */
  at: number;
  /** Send order (increasing in the order typed). */
  seq: number;
  /** A photo (text is then ''): kept as a Blob in IndexedDB like the text, sent by sendMedia(). */
  photo?: { file: Blob; filename?: string };
}

/** A photo the visitor sends (transports with the optional media capability). */
export interface OutgoingMedia {
  clientId: string;
  /** One of MEDIA_TYPES, at most MEDIA_MAX_BYTES (src/protocol/chat.ts); refused otherwise (error with the clientId). */
  file: Blob;
  filename?: string | undefined;
  /** Upload progress, 0 to 1 (at least 0 when it starts and 1 when committed). */
  onProgress?(fraction: number): void;
}

export interface ChatTransport {
  /**
   * True when the transport keeps unacknowledged messages itself and sends them again until they
   * are acknowledged (withOutbox): a lost connection leaves them pending rather than failed.
   */
  readonly durable?: boolean;
  /**
   * The least time between two context updates this transport wants (each may cost its service a
   * write): the chat's one context throttle (./chat.ts) follows it; CONTEXT_INTERVAL_MS when absent.
   * Wrappers (withOutbox) pass it on.
   */
  readonly contextIntervalMs?: number;
  /**
   * Starts connecting, and keeps the visitor connected (reconnecting by itself) until disconnect().
   * `context` is what the agent sees: the ContextSnapshot now (already redacted and bounded).
   */
  connect(context: ContextSnapshot | null): void;
  /** Stops for good: closes the connection, stops reconnecting; state becomes 'offline'. */
  disconnect(): void;
  /**
   * Hands a message to the service. Returns false when it cannot now (not connected): the caller
   * marks it failed. An accepted message is answered by `ack`, or by `error` with its clientId, or
   * lost with the connection (state leaves 'online' first).
   */
  send(message: OutgoingMessage): boolean;
  /** The visitor is typing (true) or stopped (false). Dropped when not connected. */
  typing(on: boolean): void;
  /**
   * The context changed (navigation, identity, fields). Sent now if connected, and with every
   * reconnection. Called at most once per `contextIntervalMs` (by the chat's throttle).
   */
  context(context: ContextSnapshot): void;
  /** The visitor has read every message up to `index` (kept and sent once connected). */
  read(index: number): void;
  /**
   * "Talk to a person": the bot stops and the conversation waits for an agent (answered by a
   * `status` with `bot: 'handed_over'`). False when it cannot go now (not connected). Absent: the
   * transport's service has no bot.
   */
  handover?(): boolean;
  /**
   * Optional capability (Baton's embedded server): where to answer the open conversation by e-mail,
   * answered by `status` with `email`. False when it cannot go now (not connected). Absent: the
   * service does not answer by e-mail, and the panel does not ask.
   */
  setEmail?(email: string): boolean;
  /**
   * Optional capability: the satisfaction survey's answer (1..5, an optional comment) for the
   * visitor's current conversation, answered by `status` with `survey: 'done'`. False when it cannot
   * go now (not connected). Absent: the service has no survey.
   */
  rate?(score: number, comment?: string): boolean;
  /**
   * Optional capability (Baton's embedded server, with a mailer): the ended conversation by e-mail,
   * to `email` or the address already given; answered by `status` with `transcript: 'sent'`, or an
   * `error`. False when it cannot go now (not connected). Absent: no transcripts.
   */
  transcript?(email?: string): boolean;
  /**
   * Optional capability (Twilio): sends a photo. Answered like send(): `ack`, or `error` with its
   * clientId (`too_large`, `unsupported_media_type`, ...). Absent: the transport carries text only.
   */
  sendMedia?(media: OutgoingMedia): boolean;
  /** With sendMedia: a short-lived URL to show an attached file (ChatMessage.media[].id), or null. */
  mediaUrl?(mediaId: string): Promise<string | null>;
  /** With mediaUrl: the attached file's bytes (a follower tab asks the leader's: ./tabs.ts), or null. */
  mediaBlob?(mediaId: string): Promise<Blob | null>;
  /** Whether the transport may keep the visitor's credential in the browser's storage (consent). */
  setConsent?(granted: boolean): void;
  /**
   * Optional capability (Twilio with a number or sender configured: `messaging` events list the
   * channels): the conversation continued by text message at `phone` (as typed). `confirm: false`
   * only reads the number (answered with how it was read, for the visitor to confirm); `confirm:
   * true` adds the phone to the conversation. Absent: no carrier (Baton's embedded server).
   */
  continueOn?(channel: MessagingChannel, phone: string, confirm: boolean): Promise<ContinueResult>;
  /**
   * Messages left unsent by an earlier page or a closed tab, once loaded (withOutbox): the chat
   * connects to send them when there are any.
   */
  readonly restored?: Promise<number>;
  /**
   * A channel on this connection for a call transport that signals through the same service
   * (../call/signalling.ts: Baton's embedded server's call frames, opaque here); absent on
   * transports without one.
   */
  callSignals?(): CallSignals;
  /**
   * The visitor's credential on this chat (what proves the conversation is theirs), so the server
   * can bind a call started from the chat to that conversation (Twilio Voice); null before there is
   * one. Absent: calls are not bound to a conversation.
   */
  credential?(): string | null;
  on<E extends keyof ChatTransportEvents>(event: E, listener: (payload: ChatTransportEvents[E]) => void): () => void;
}

/** What an entry's transport factory gets from Baton. */
export interface ChatTransportDeps {
  /** Baton's server base URL (the `server` boot option), no trailing slash. */
  server: string;
  /** Baton's store; write to it only while `consentGranted()`. */
  store: KeyValueStore;
  consentGranted(): boolean;
  /** Reports a problem to the site (the public 'error' event), e.g. storage falling back to memory. */
  reportError?(code: 'storage_unavailable', message: string): void;
}

/**
 * The record a transport keeps under STORED_VISITOR_KEY (only with consent): the visitor's
 * credential and whether a conversation is open. Read with the page (cheaply) to decide whether to
 * connect at once (an open conversation) or only fetch the unread count.
 */
export const STORED_VISITOR_KEY = 'visitor';
export interface StoredVisitor {
  credential: string;
  /** A conversation is open (waiting, active or left offline): reconnect on every page. */
  open?: boolean;
}
