/**
 * The Twilio chat transport: the visitor's chat over Twilio Conversations (`@twilio/conversations`),
 * behind core's ChatTransport port. No SDK object leaves this folder: messages, participants and
 * states are mapped to src/protocol/chat.ts types here.
 *
 * - A session from the site's server first (POST /twilio/chat/session: identity verified there,
 *   conversation `visitor_<id>` created or reused, the visitor added, an access token minted);
 *   the SDK chunk loads in parallel, only now (the panel already shows "connecting").
 * - Token: refreshed on `tokenAboutToExpire` (`updateToken`); after `tokenExpired` or a `denied`
 *   connection the client is rebuilt with a fresh token (Twilio's docs: an expired client must be
 *   initialised again).
 * - States: the SDK's connecting/connected/disconnecting/disconnected/denied map to Baton's
 *   connecting/online/reconnecting/offline. The SDK reconnects by itself; on every reconnection
 *   the messages after the highest index seen are fetched by index (`getMessages(.., 'forward')`)
 *   BEFORE the state is 'online' again, so a resent clientId is known and never stored twice.
 * - Every message carries `{ clientId }` in its attributes (Twilio: 4 KB), so acks, other tabs and
 *   resends are matched by clientId. Twilio's indexes start at 0, Baton's at 1: index + 1.
 * - Typing: `typing()` repeated every 3 s while the visitor types (Twilio ends an indicator after
 *   about 5 s without one); the agent's typingStarted/typingEnded become `typing`.
 * - Read horizon: `advanceLastReadMessageIndex` (kept until connected).
 * - Context: POSTed to the site's server (it rewrites the conversation attributes within 16 KB with
 *   the identity it verified; a browser writing them could claim a verified identity), at most one
 *   every CONTEXT_MIN_INTERVAL_MS: the transport's `contextIntervalMs`, which core's throttle
 *   follows; a refused one is tried again, the latest one always sent.
 * - Media (the port's optional capability): photos of MEDIA_TYPES up to MEDIA_MAX_BYTES, sent as
 *   Twilio media messages with the same clientId attributes; progress is 0 then 1 (the SDK reports
 *   none in between); attached media come back as ChatMessage.media, shown through mediaUrl().
 * - The satisfaction survey (issue 15): due once the conversation is closed and its attributes hold no
 *   `csat`; the answer goes to the site's server (POST /twilio/chat/rate), which writes it into the
 *   conversation's attributes, since only the server writes them; `done` once it answered (or the
 *   attributes already hold one).
 * - Continue by SMS / on WhatsApp (issue 19, `continueOn`): offered when the session answer lists
 *   channels (the site's server has a number or sender for them); the number goes as typed to the
 *   site's server (POST /twilio/chat/continue), which reads it and adds the messaging participant.
 *   Messaging participants (type sms/whatsapp) say where the conversation continues; messages
 *   authored by a phone address (`+44…`, `whatsapp:+44…`) are the visitor's, sent from their phone.
 * Not here (yet): Twilio-side agent presence (agentsOnline is reported as 1: Flex routes the
 * conversation to whoever is available, or it waits).
 */
import { backoffDelay } from '../../protocol/backoff';
import { MEDIA_MAX_BYTES, MEDIA_TYPES, MESSAGE_MAX_CHARS, type AgentPublic, type BotState, type ChatMessage, type ConversationStatus, type SurveyState, type VisitorConversation } from '../../protocol/chat';
import { byteLength, type ContextSnapshot } from '../../protocol/context';
import {
  TWILIO_BOT_IDENTITY,
  TWILIO_CHAT_CONTEXT_PATH,
  TWILIO_CHAT_CONTINUE_PATH,
  TWILIO_CHAT_HANDOVER_PATH,
  TWILIO_CHAT_RATE_PATH,
  TWILIO_CHAT_SESSION_PATH,
  TWILIO_MESSAGE_ATTRIBUTES_MAX_BYTES,
  type MessagingChannel,
  type TwilioChatContinueResponse,
  type TwilioChatSessionResponse,
} from '../../protocol/twilio';
import { createEmitter } from '../../core/events';
import { newClientId } from '../../core/chat/session';
import {
  STORED_VISITOR_KEY,
  type ChatTransport,
  type ChatTransportDeps,
  type ChatTransportEvents,
  type ConnectionState,
  type ContinueResult,
  type MessagingState,
  type OutgoingMedia,
  type OutgoingMessage,
  type StoredVisitor,
} from '../../core/chat/transport';
import type { CreateSdkClient, JSONValue, SdkClient, SdkConnectionState, SdkConversation, SdkMedia, SdkMessage, SdkParticipant } from './sdk';

/** Latest messages in the welcome. */
export const WELCOME_MESSAGES = 50;
/** Messages per page when filling a gap by index. */
export const GAP_PAGE_SIZE = 100;
/** typing() again this often while the visitor keeps typing (Twilio's indicator lasts ~5 s). */
export const TYPING_REFRESH_MS = 3000;
/** Context updates to the site's server: at most one every 5 s (each rewrites the conversation's attributes, up to 16 KB, through Twilio's REST API). */
export const CONTEXT_MIN_INTERVAL_MS = 5000;

/** Agent avatar colours (initials-based, like the embedded server's), picked by a hash of the identity. */
const AGENT_COLORS = ['#7c3aed', '#2563eb', '#0d9488', '#c2410c', '#be185d', '#4d7c0f'];

export interface TwilioChatTransportOptions extends ChatTransportDeps {
  /** For tests: the SDK client factory (default: the lazily loaded `@twilio/conversations`, in a worker where the page allows one: ./startSdk.ts). */
  createClient?: CreateSdkClient;
  /** For tests: fetch (default: the browser's). */
  fetch?: typeof fetch;
}

/** The name every transport module exports (BatonTransport.chat in src/core/transports.ts). */
export { createTwilioChatTransport as createTransport };

/** A Twilio SDK error's HTTP status or Twilio code as one of Baton's error codes. */
function errorCode(error: unknown): string {
  const e = error as { status?: unknown; code?: unknown } | null;
  const status = typeof e?.status === 'number' ? e.status : undefined;
  const code = typeof e?.code === 'number' ? e.code : undefined;
  if (status === 429 || code === 20429) return 'rate_limited';
  if (status === 413 || code === 50511) return 'too_large';
  if (status === 403 || status === 401 || code === 50107) return 'forbidden';
  return 'server_error';
}

/** A messaging participant's address as Conversations writes it as a message's author: `+447911123456` or `whatsapp:+447911123456`. */
const PHONE_AUTHOR = /^(whatsapp:)?\+[1-9][0-9]{6,14}$/;

const clientIdOf = (attributes: JSONValue): string | undefined => {
  const id = attributes && typeof attributes === 'object' && !Array.isArray(attributes) ? (attributes as { clientId?: unknown }).clientId : undefined;
  return typeof id === 'string' ? id : undefined;
};

export function createTwilioChatTransport(opts: TwilioChatTransportOptions): ChatTransport {
  const events = createEmitter<ChatTransportEvents>();
  const server = opts.server.replace(/\/+$/, '');
  const doFetch = opts.fetch ?? ((input, init) => fetch(input, init));
  let sdkFactory: Promise<CreateSdkClient> | null = null;
  const loadSdk = (): Promise<CreateSdkClient> =>
    (sdkFactory ||= (opts.createClient ? Promise.resolve(opts.createClient) : import('./startSdk').then((m) => m.startSdk())).catch((e: unknown) => {
      sdkFactory = null;
      throw e;
    }));

  let state: ConnectionState = 'connecting';
  let started = false;
  /** Bumped by disconnect() and by every client rebuild: work of an older generation stops. */
  let generation = 0;
  let consent = opts.consentGranted();
  let visitorId: string | undefined;
  let stored: StoredVisitor | null = null;
  let context: ContextSnapshot | null = null;
  let session: TwilioChatSessionResponse | null = null;
  let client: SdkClient | null = null;
  let conversation: SdkConversation | null = null;
  /** The visitor's conversation has a message: it is shown (before that, the welcome has none). */
  let hasMessages = false;
  let everOnline = false;
  let syncing = false;
  /** Highest Twilio index seen (-1: none). */
  let highest = -1;
  const seenIndexes = new Set<number>();
  /** Messages the visitor sent, by clientId: the committed ones (resends are answered from here). */
  const committed = new Map<string, ChatMessage>();
  /** Sent, not yet seen committed. */
  const pending = new Set<string>();
  const agents = new Map<string, AgentPublic>();
  /** Attached media seen, by sid: for mediaUrl(). */
  const mediaById = new Map<string, SdkMedia>();
  let agentIdentity: string | null = null;
  /** The site's bot, from its participant's attributes (docs/bot.md); null: none. */
  let botState: BotState | null = null;
  let readPending = 0;
  /** The conversation's messaging participants (SMS, WhatsApp), from its participants. */
  let continued: MessagingState['continued'] = [];
  let messagingSent = '';
  let retryAttempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let typingTimer: ReturnType<typeof setInterval> | undefined;
  let contextTimer: ReturnType<typeof setTimeout> | undefined;
  let contextDirty = false;

  const setState = (s: ConnectionState) => {
    if (s === state) return;
    state = s;
    events.emit('state', s);
  };
  const browserOffline = () => typeof navigator !== 'undefined' && navigator.onLine === false;

  // ---- the visitor's id (the key to their conversation), stored only with consent ----
  const loadVisitorId = async (): Promise<string> => {
    if (visitorId) return visitorId;
    if (consent) {
      try {
        const v = await opts.store.get<StoredVisitor>(STORED_VISITOR_KEY);
        if (v && typeof v.credential === 'string') {
          stored = v;
          visitorId ||= v.credential;
        }
      } catch {
        // storage failing is a normal case: a new id
      }
    }
    return (visitorId ||= newClientId());
  };
  const persist = () => {
    if (!consent || !visitorId) return;
    const open = hasMessages && statusOf() !== 'closed';
    if (stored && stored.credential === visitorId && !!stored.open === open) return;
    stored = { credential: visitorId, open };
    opts.store.set(STORED_VISITOR_KEY, stored).catch(() => undefined);
  };

  // ---- the site's server ----
  const post = async (path: string, body: unknown): Promise<Response> =>
    doFetch(server + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), credentials: 'omit' });

  const fetchSession = async (): Promise<TwilioChatSessionResponse> => {
    const id = await loadVisitorId();
    if (!context) throw new Error('no context yet');
    const r = await post(TWILIO_CHAT_SESSION_PATH, { visitorId: id, context });
    if (!r.ok) throw Object.assign(new Error(`session refused: ${r.status}`), { status: r.status });
    const s = (await r.json()) as TwilioChatSessionResponse;
    if (typeof s?.token !== 'string' || typeof s.conversationSid !== 'string' || typeof s.identity !== 'string') throw new Error('malformed session answer');
    return s;
  };

  /**
   * POSTs the latest context now, when connected. How often is not decided here: core's one
   * throttle (src/core/chat/chat.ts) calls context() at most every `contextIntervalMs`. A refusal
   * for now (429: the site's server has its own limit; server trouble) is retried once
   * CONTEXT_MIN_INTERVAL_MS later, with whatever is the latest context then.
   */
  const sendContext = () => {
    if (!started || !session || !context || !visitorId || !contextDirty || contextTimer !== undefined) return;
    contextDirty = false;
    post(TWILIO_CHAT_CONTEXT_PATH, { visitorId, context }).then(
      (r) => {
        if (r.ok || r.status === 400) return;
        contextDirty = true;
        contextTimer = setTimeout(() => {
          contextTimer = undefined;
          sendContext();
        }, CONTEXT_MIN_INTERVAL_MS);
      },
      () => {
        contextDirty = true;
      },
    );
  };

  // ---- mapping Twilio objects to Baton's ----
  const agentOf = (identity: string, attributes?: JSONValue): AgentPublic => {
    const known = agents.get(identity);
    if (known && !attributes) return known;
    const a = attributes && typeof attributes === 'object' && !Array.isArray(attributes) ? (attributes as Record<string, unknown>) : {};
    const name = typeof a.friendlyName === 'string' ? a.friendlyName : typeof a.name === 'string' ? a.name : known?.name ?? identity.replace(/_[0-9a-f]{2}/g, ' ').trim();
    let h = 0;
    for (const ch of identity) h = (h * 31 + ch.charCodeAt(0)) | 0;
    const agent = { id: identity, name: name.slice(0, 100) || 'Agent', color: AGENT_COLORS[Math.abs(h) % AGENT_COLORS.length]! };
    agents.set(identity, agent);
    return agent;
  };

  const toMessage = (m: SdkMessage): ChatMessage => {
    const author = m.author ?? 'system';
    // The visitor's own texts from their phone (a messaging participant) are the visitor's too.
    const mine = author === session?.identity || PHONE_AUTHOR.test(author);
    const sender = mine ? 'visitor' : author === 'system' ? 'system' : author === TWILIO_BOT_IDENTITY ? 'bot' : 'agent';
    const msg: ChatMessage = {
      id: m.sid,
      conversationId: conversation!.sid,
      index: m.index + 1,
      clientId: clientIdOf(m.attributes) ?? m.sid,
      sender,
      text: m.body ?? '',
      at: m.dateCreated?.getTime() ?? Date.now(),
    };
    if (sender === 'agent') msg.agent = agentOf(author);
    if (sender === 'bot') {
      const a = m.attributes as { bot?: { name?: unknown } } | null;
      msg.bot = { name: typeof a?.bot?.name === 'string' ? a.bot.name.slice(0, 60) : 'Bot' };
    }
    if (m.attachedMedia?.length) {
      msg.media = m.attachedMedia.map((x) => {
        mediaById.set(x.sid, x);
        return { id: x.sid, contentType: x.contentType, filename: x.filename, size: x.size };
      });
    }
    return msg;
  };

  const botStateOf = (p: SdkParticipant): BotState | null => {
    const s = (p.attributes as { state?: unknown } | null)?.state;
    return s === 'answering' || s === 'handed_over' ? s : null;
  };
  const statusOf = (): ConversationStatus => {
    if (conversation?.state?.current === 'closed') return 'closed';
    return agentIdentity ? 'active' : 'waiting';
  };
  const agentNow = () => (agentIdentity ? agentOf(agentIdentity) : null);
  /** Conversations whose survey the site's server took (before their attributes say so). */
  const rated = new Set<string>();
  const surveyOf = (): { survey?: SurveyState } => {
    if (!conversation || statusOf() !== 'closed') return {};
    const a = conversation.attributes;
    const answered = rated.has(conversation.sid) || (!!a && typeof a === 'object' && !Array.isArray(a) && !!(a as { csat?: unknown }).csat);
    return { survey: answered ? 'done' : 'due' };
  };
  const emitStatus = () => {
    if (!conversation || !hasMessages) return;
    events.emit('status', { conversationId: conversation.sid, status: statusOf(), agent: agentNow(), position: null, agentsOnline: 1, ...(botState ? { bot: botState } : {}), ...surveyOf() });
  };

  /** The channels offered (the session answer) and those the conversation continues on, when either changed. */
  const emitMessaging = () => {
    const m: MessagingState = { channels: session?.continueOn ?? [], continued, ...(session?.whatsappNumber ? { whatsapp: session.whatsappNumber } : {}) };
    const key = JSON.stringify(m);
    if (key === messagingSent || (!m.channels.length && !continued.length)) return;
    messagingSent = key;
    events.emit('messaging', m);
  };

  /** Records a message; returns it mapped, or null when already seen. */
  const take = (m: SdkMessage): ChatMessage | null => {
    if (seenIndexes.has(m.index)) return null;
    seenIndexes.add(m.index);
    if (m.index > highest) highest = m.index;
    const msg = toMessage(m);
    if (msg.sender === 'visitor') committed.set(msg.clientId, msg);
    return msg;
  };

  /** Live: a message added to the conversation. */
  const onMessage = (m: SdkMessage) => {
    if (syncing) return; // the gap fill in progress reads it by index
    const msg = take(m);
    if (!msg) return;
    const first = !hasMessages;
    hasMessages = true;
    if (msg.sender === 'visitor' && pending.delete(msg.clientId)) events.emit('ack', { clientId: msg.clientId, message: msg });
    else events.emit('message', msg);
    if (first) emitStatus();
    persist();
  };

  const participants = async (c: SdkConversation) => {
    try {
      const list = await c.getParticipants();
      agentIdentity = null;
      botState = null;
      const phones: { channel: MessagingChannel; display: string }[] = [];
      for (const p of list) {
        if (p.type === 'sms' || p.type === 'whatsapp') {
          const m = (p.attributes as { messaging?: { display?: unknown } } | null)?.messaging;
          phones.push({ channel: p.type, display: typeof m?.display === 'string' ? m.display.slice(0, 40) : '' });
        } else if (p.identity === TWILIO_BOT_IDENTITY) botState = botStateOf(p);
        else if (p.identity && p.identity !== session?.identity) agentIdentity = (agentOf(p.identity, p.attributes), p.identity);
      }
      continued = phones;
      emitMessaging();
    } catch {
      // keep what we knew
    }
  };

  /** Every page of messages after `highest`, oldest first. */
  const gapFill = async (c: SdkConversation): Promise<ChatMessage[]> => {
    const out: ChatMessage[] = [];
    let page = await c.getMessages(GAP_PAGE_SIZE, highest + 1, 'forward');
    for (;;) {
      for (const m of page.items) {
        const msg = take(m);
        if (msg) out.push(msg);
      }
      if (!page.hasNextPage) break;
      page = await page.nextPage();
    }
    return out;
  };

  // ---- connecting ----
  const retryLater = (gen: number) => {
    if (gen !== generation || !started) return;
    setState(browserOffline() ? 'offline' : everOnline ? 'reconnecting' : 'connecting');
    const delay = backoffDelay(retryAttempt++);
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => void open(gen), delay);
  };

  const dropClient = () => {
    const c = client;
    client = null;
    conversation?.removeAllListeners();
    conversation = null;
    if (c) {
      c.removeAllListeners();
      c.shutdown().catch(() => undefined);
    }
  };

  /** The client's connection is (again) up: catch up by index, then online. */
  const online = async (gen: number) => {
    const c = conversation;
    if (!c || gen !== generation || syncing) return;
    syncing = true;
    try {
      await participants(c);
      const missed = await gapFill(c);
      if (gen !== generation) return;
      if (missed.length) {
        hasMessages = true;
        const acked = missed.filter((m) => m.sender === 'visitor' && pending.delete(m.clientId));
        for (const m of acked) events.emit('ack', { clientId: m.clientId, message: m });
        events.emit('history', { conversationId: c.sid, messages: missed });
      }
      emitStatus();
      persist();
    } catch {
      syncing = false;
      return retryLater(gen);
    }
    syncing = false;
    retryAttempt = 0;
    setState('online');
    if (readPending > 0) c.advanceLastReadMessageIndex(readPending - 1).catch(() => undefined);
    sendContext();
  };

  const onConnectionState = (gen: number, s: SdkConnectionState) => {
    if (gen !== generation || !started) return;
    if (s === 'connected') {
      if (conversation) void online(gen);
      return;
    }
    if (s === 'denied') return void rebuild(gen); // the token was refused: a fresh one, a new client
    if (state === 'online' || s === 'disconnected') setState(browserOffline() ? 'offline' : everOnline ? 'reconnecting' : 'connecting');
  };

  /** A new client with a fresh session (token expired, or denied). */
  const rebuild = (gen: number) => {
    if (gen !== generation || !started) return;
    generation++;
    dropClient();
    setState(browserOffline() ? 'offline' : 'reconnecting');
    // At once after a working link (an expired token); with backoff when the new one is refused
    // too (a server minting bad tokens must not get a request loop).
    const next = generation;
    const delay = retryAttempt === 0 ? 0 : backoffDelay(retryAttempt - 1);
    retryAttempt++;
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => void open(next), delay);
  };

  const refreshToken = async (gen: number) => {
    try {
      const s = await fetchSession();
      if (gen !== generation || !client) return;
      session = s;
      await client.updateToken(s.token);
    } catch {
      if (gen === generation) rebuild(gen);
    }
  };

  /** Session, SDK, client, conversation, welcome: the whole way to 'online'. */
  async function open(gen: number): Promise<void> {
    if (gen !== generation || !started) return;
    let s: TwilioChatSessionResponse;
    let create: CreateSdkClient;
    try {
      [s, create] = await Promise.all([fetchSession(), loadSdk()]);
    } catch (e) {
      if ((e as { status?: number })?.status === 400) {
        events.emit('error', { code: 'bad_frame', message: 'The server refused the chat session (invalid context or visitor id)' });
      }
      return retryLater(gen);
    }
    if (gen !== generation || !started) return;
    const firstSession = !session || session.conversationSid !== s.conversationSid;
    session = s;
    persist();
    let c: SdkClient;
    try {
      c = create(s.token);
    } catch {
      return retryLater(gen);
    }
    client = c;
    c.on('connectionStateChanged', (cs) => onConnectionState(gen, cs));
    c.on('tokenAboutToExpire', () => void refreshToken(gen));
    c.on('tokenExpired', () => rebuild(gen));
    c.on('initFailed', () => {
      if (gen !== generation) return;
      generation++;
      dropClient();
      retryLater(generation);
    });
    let conv: SdkConversation;
    try {
      conv = await c.getConversationBySid(s.conversationSid);
    } catch {
      if (gen !== generation) return;
      generation++;
      dropClient();
      return retryLater(generation);
    }
    if (gen !== generation || !started) return;
    attach(conv, gen);

    if (firstSession || !everOnline) {
      // The welcome: the latest messages; from then on the gap fill starts after them.
      try {
        await participants(conv);
        const page = await conv.getMessages(WELCOME_MESSAGES);
        if (gen !== generation) return;
        if (firstSession) {
          seenIndexes.clear();
          highest = -1;
        }
        const messages = page.items.map(take).filter((m): m is ChatMessage => m !== null);
        if (page.items.length) hasMessages = true;
        const readIndex = (conv.lastReadMessageIndex ?? -1) + 1;
        const view: VisitorConversation | null = hasMessages
          ? { id: conv.sid, status: statusOf(), agent: agentNow(), position: null, messages, readIndex, ...(botState ? { bot: botState } : {}), ...surveyOf() }
          : null;
        const unread = messages.filter((m) => (m.sender === 'agent' || m.sender === 'bot') && m.index > readIndex).length;
        events.emit('welcome', { conversation: view, agentsOnline: 1, unread });
        everOnline = true;
        persist();
      } catch {
        if (gen !== generation) return;
        generation++;
        dropClient();
        return retryLater(generation);
      }
    }
    if (c.connectionState === 'connected') await online(gen);
  }

  /** Listens to the visitor's conversation (and only to it). */
  function attach(conv: SdkConversation, gen: number): void {
    conversation?.removeAllListeners();
    conversation = conv;
    conv.on('messageAdded', onMessage);
    conv.on('typingStarted', (p) => p.identity !== session?.identity && events.emit('typing', true));
    conv.on('typingEnded', (p) => p.identity !== session?.identity && events.emit('typing', false));
    const onParticipants = () => void participants(conv).then(() => gen === generation && conversation === conv && emitStatus());
    conv.on('participantJoined', onParticipants);
    conv.on('participantLeft', onParticipants);
    conv.on('participantUpdated', ({ participant }) => {
      if (participant.identity !== TWILIO_BOT_IDENTITY) return;
      botState = botStateOf(participant);
      emitStatus();
    });
    conv.on('updated', ({ updateReasons }) => {
      if (updateReasons.includes('state')) {
        emitStatus();
        persist();
      } else if (updateReasons.includes('attributes') && statusOf() === 'closed') emitStatus(); // a survey answered in another tab
    });
  }

  /**
   * The conversation was closed (by the agent's desk) and the visitor writes again: the server
   * half gives a new conversation (it renames the closed one), the same client joins it, and the
   * waiting messages go there. The link stays 'online' meanwhile, so nothing is marked failed.
   */
  const reopenQueue: (OutgoingMessage | OutgoingMedia)[] = [];
  let reopening = false;
  const reopen = async (gen: number) => {
    reopening = true;
    try {
      const s = await fetchSession();
      if (gen !== generation || !client) return;
      if (s.conversationSid === conversation?.sid) throw new Error('the server gave the closed conversation again');
      const conv = await client.getConversationBySid(s.conversationSid);
      if (gen !== generation) return;
      session = s;
      seenIndexes.clear();
      committed.clear();
      highest = -1;
      hasMessages = false;
      agentIdentity = null;
      attach(conv, gen);
      await participants(conv);
      for (const m of reopenQueue.splice(0)) transmit(conv, m);
    } catch (e) {
      for (const m of reopenQueue.splice(0)) events.emit('error', { code: 'server_error', message: `No new conversation: ${String((e as Error)?.message ?? e)}`, clientId: m.clientId });
    } finally {
      reopening = false;
    }
  };

  const transmit = (c: SdkConversation, m: OutgoingMessage | OutgoingMedia) => {
    if (pending.has(m.clientId)) return; // already on its way
    pending.add(m.clientId);
    const attributes: Record<string, string> = { clientId: m.clientId };
    if ('email' in m && m.email) attributes.email = m.email;
    const body = 'file' in m ? { contentType: m.file.type, filename: m.filename ?? null, media: m.file } : m.text.trim();
    if ('file' in m) {
      // The SDK reports no upload progress: 0 when it starts, 1 once Twilio has committed it.
      m.onProgress?.(0);
      progress.set(m.clientId, m.onProgress);
    }
    c.sendMessage(body as Parameters<SdkConversation['sendMessage']>[0], attributes).catch((e: unknown) => {
      progress.delete(m.clientId);
      if (!pending.delete(m.clientId)) return;
      events.emit('error', { code: errorCode(e), message: String((e as Error)?.message ?? e), clientId: m.clientId });
    });
  };
  const progress = new Map<string, ((fraction: number) => void) | undefined>();
  events.on('ack', ({ clientId }) => {
    const p = progress.get(clientId);
    progress.delete(clientId);
    p?.(1);
  });

  const startTyping = () => {
    conversation?.typing().catch(() => undefined);
  };

  /**
   * send() and sendMedia(): false while not connected; a message Twilio already has (its ack was
   * lost) is answered again, stored once; one `check` refuses (with its clientId) is not sent; a
   * closed conversation is reopened first; anything else goes now.
   */
  const accept = (m: OutgoingMessage | OutgoingMedia, check: (refuse: (code: string, message: string) => false) => boolean): boolean => {
    const c = conversation;
    if (state !== 'online' || !c) return false;
    const done = committed.get(m.clientId);
    if (done) return void queueMicrotask(() => events.emit('ack', { clientId: m.clientId, message: done })), true;
    const refuse = (code: string, message: string): false => (queueMicrotask(() => events.emit('error', { code, message, clientId: m.clientId })), false);
    if (!check(refuse)) return true;
    if (statusOf() === 'closed' || reopening) {
      reopenQueue.push(m);
      if (!reopening) void reopen(generation);
      return true;
    }
    transmit(c, m);
    return true;
  };

  return {
    contextIntervalMs: CONTEXT_MIN_INTERVAL_MS,
    // The visitorId is the key to the visitor's conversation: the voice token route finds the
    // conversation from it (createTwilioChatHandler's conversationOf), never from a name the page gives.
    credential: () => visitorId ?? null,
    connect(ctx) {
      if (ctx) context = ctx;
      if (started) return;
      started = true;
      setState('connecting');
      void open(generation);
    },
    disconnect() {
      if (!started) return;
      started = false;
      generation++;
      clearTimeout(retryTimer);
      clearInterval(typingTimer);
      clearTimeout(contextTimer);
      contextTimer = undefined;
      dropClient();
      setState('offline');
    },
    send(m: OutgoingMessage) {
      return accept(m, (refuse) => {
        const attributes: Record<string, string> = { clientId: m.clientId };
        if (m.email) attributes.email = m.email;
        if (m.text.trim().length > MESSAGE_MAX_CHARS) return refuse('too_large', `text is over ${MESSAGE_MAX_CHARS} characters`);
        if (byteLength(JSON.stringify(attributes)) > TWILIO_MESSAGE_ATTRIBUTES_MAX_BYTES) return refuse('too_large', `message attributes are over ${TWILIO_MESSAGE_ATTRIBUTES_MAX_BYTES} bytes`);
        return true;
      });
    },
    sendMedia(m: OutgoingMedia) {
      return accept(m, (refuse) => {
        if (!MEDIA_TYPES.includes(m.file.type)) return refuse('unsupported_media_type', `only ${MEDIA_TYPES.join(', ')} can be sent`);
        if (m.file.size > MEDIA_MAX_BYTES) return refuse('too_large', `the file is over ${MEDIA_MAX_BYTES} bytes`);
        return true;
      });
    },
    async mediaUrl(mediaId) {
      try {
        return (await mediaById.get(mediaId)?.getContentTemporaryUrl()) ?? null;
      } catch {
        return null;
      }
    },
    typing(on) {
      clearInterval(typingTimer);
      typingTimer = undefined;
      if (!on || state !== 'online') return;
      startTyping();
      typingTimer = setInterval(startTyping, TYPING_REFRESH_MS);
    },
    context(ctx) {
      context = ctx;
      contextDirty = true;
      if (state === 'online') sendContext();
    },
    // "Talk to a person": the site's server hands the conversation over (the bot says so, its
    // participant's state becomes handed_over: `status` follows through participantUpdated).
    handover() {
      if (state !== 'online' || botState !== 'answering') return false;
      post(TWILIO_CHAT_HANDOVER_PATH, { visitorId }).catch(() => undefined);
      return true;
    },
    // The survey's answer: the site's server writes it (conversation attributes are the server's).
    rate(score, comment) {
      const c = conversation;
      if (state !== 'online' || !c || !visitorId || statusOf() !== 'closed') return false;
      const sid = c.sid;
      const failed = (message: string) => events.emit('error', { code: 'server_error', message });
      post(TWILIO_CHAT_RATE_PATH, { visitorId, conversationSid: sid, score, ...(comment ? { comment } : {}) }).then(
        (r) => {
          // 409: answered before (another tab), so the survey is done all the same.
          if (!r.ok && r.status !== 409) return failed(`The survey's answer was refused (${r.status})`);
          rated.add(sid);
          if (conversation?.sid === sid) emitStatus();
        },
        () => failed("The survey's answer could not be sent"),
      );
      return true;
    },
    async continueOn(channel, phone, confirm): Promise<ContinueResult> {
      if (state !== 'online' || !visitorId) return { ok: false, reason: 'no_conversation', message: 'not connected' };
      let r: Response;
      try {
        r = await post(TWILIO_CHAT_CONTINUE_PATH, { visitorId, channel, phone, confirm });
      } catch (e) {
        return { ok: false, reason: 'failed', message: String((e as Error)?.message ?? e) };
      }
      const body = (await r.json().catch(() => null)) as (TwilioChatContinueResponse & { error?: { message?: string } }) | null;
      const message = typeof body?.error?.message === 'string' ? body.error.message : `HTTP ${r.status}`;
      if (r.ok && body && typeof body.display === 'string' && typeof body.address === 'string') {
        if (body.continued && conversation) await participants(conversation);
        return { ok: true, channel: body.channel, address: body.address, display: body.display, continued: body.continued === true };
      }
      const reason: Exclude<ContinueResult, { ok: true }>['reason'] =
        r.status === 400 ? 'invalid_number' : r.status === 429 ? 'rate_limited' : r.status === 409 ? (/^This conversation already/.test(message) ? 'already' : 'in_use') : r.status === 404 ? (/open conversation/.test(message) ? 'no_conversation' : 'unsupported') : 'failed';
      return { ok: false, reason, message };
    },
    read(index) {
      if (index <= readPending) return;
      readPending = index;
      if (state === 'online') conversation?.advanceLastReadMessageIndex(index - 1).catch(() => undefined);
    },
    setConsent(granted) {
      consent = granted;
      if (granted) persist();
      else stored = null;
    },
    on: (event, listener) => events.on(event, listener),
  };
}
