/**
 * The chat for a page (lazy chunk, imported by the API when the panel asks for the chat or a
 * conversation is open): creates the ChatSession over the transport; connects, with the context
 * the agent sees, once the visitor wants to chat (ChatSession.start()) or had a conversation;
 * keeps that context live (at most one update a second), follows consent, and reports new agent
 * messages and the unread count to the public events. Everything it needs is passed in
 * (ChatDeps); what it started is returned (StartedChat), to the API, which hands it to the calls.
 */
import type { BatonEvents } from '../../api/types';
import type { ContextSnapshot } from '../../protocol/context';
import type { KeyValueStore } from '../ports';
import type { BatonSession } from '../session';
import type { BatonTransport } from '../transports';
import { ChatSession, newClientId } from './session';
import { STORED_VISITOR_KEY, type ChatTransport, type StoredVisitor } from './transport';
import type { CallInvite, CallInviteFrame } from '../call/signalling';

/**
 * Live context updates: at most one a second (or per the transport's `contextIntervalMs`), the
 * latest one always sent (trailing). The only throttle between the page and the agent.
 */
export const CONTEXT_INTERVAL_MS = 1000;

/**
 * Calls `fn` at most once per `ms`: at once when the last call is older than that, else once at
 * the end of the interval (however many calls came in it). Returns the trigger and a stop function.
 */
export function throttle(fn: () => void, ms: number, now = Date.now): { run: () => void; stop: () => void } {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const fire = () => {
    timer = undefined;
    last = now();
    fn();
  };
  return {
    run() {
      if (timer !== undefined) return;
      const wait = last + ms - now();
      if (wait <= 0) fire();
      else timer = setTimeout(fire, wait);
    },
    stop: () => clearTimeout(timer),
  };
}

/** What the API hands the chat chunk, once per boot. */
export interface ChatDeps {
  readonly baton: Pick<BatonSession, 'options' | 'getContext' | 'onChange' | 'on' | 'reportError'>;
  /** The transport the boot options chose among the entry's (src/core/transports.ts); absent when none fits. */
  readonly transport: BatonTransport | undefined;
  /** Baton's server (the `server` option, else the entry's default), no trailing slash. */
  readonly server: string;
  readonly store: KeyValueStore;
  /** Emits a public event. */
  emit<E extends keyof BatonEvents>(event: E, payload: BatonEvents[E]): void;
  /** An agent calls the visitor: show it (the API opens the widget, whose panel rings). */
  ring?(): void;
}

/** A started chat: the session the UI renders, and its transport (embedded calls signal on its connection). */
export interface StartedChat {
  readonly session: ChatSession;
  readonly transport: ChatTransport;
  /**
   * Agents' calls to the visitor (../call/signalling.ts): `fn` hears the one ringing now, if any, then
   * each change (null: it stopped ringing). The calls (src/core/call/call.ts) follow it.
   */
  invites(fn: (invite: CallInvite | null) => void): () => void;
  /** Disconnects and stops following the page's context and consent. */
  destroy(): void;
}

/** Why there is no transport for the boot option `choice`, and how to get one (here, in the lazy chunk: nothing of it on the page-load path). */
function missingTransport(choice: unknown): string {
  return choice === undefined
    ? 'this build has no chat transport'
    : `no transport ${JSON.stringify(choice)} in this build: with npm, import it from its entry (baton-sdk/${String(choice)}) and pass it in, boot({ transport })`;
}

/**
 * Starts the chat with Baton's server. The transport may write to the store only while consent is
 * granted: followed from the snapshot, then from the 'consent' events.
 */
export async function startChat(deps: ChatDeps): Promise<StartedChat> {
  const { baton, transport, server, emit } = deps;
  if (!transport) {
    const message = missingTransport(baton.options.transport);
    baton.reportError({ code: 'invalid_argument', message });
    throw new Error(`[Baton] ${message}`);
  }
  const sid = newClientId();
  if (!/^https?:\/\/[^/]/i.test(server)) throw new Error(`[Baton] server must be an http(s) URL, not ${JSON.stringify(server)}`);
  const snapshot = (): Promise<ContextSnapshot | null> => baton.getContext().catch(() => null);
  const [m, context] = await Promise.all([transport.chat(), snapshot()]);
  let granted = context?.consent === 'granted';
  const t = m.createTransport({
    server,
    store: deps.store,
    consentGranted: () => granted,
    reportError: (code, message) => emit('error', { code, message }),
  });
  const chat = new ChatSession(t, {
    // Connects with the context as it is then: opening the panel sends nothing; the visitor's
    // intent to chat does (focus or typing in the composer, a send), or a conversation they had.
    onStart: () => void snapshot().then((c) => t.connect(c)),
    onAgentMessage: (msg) => emit('message', { text: msg.text, at: msg.at, agentName: msg.agent?.name ?? msg.bot?.name ?? '', ...(msg.sender === 'bot' ? { bot: true as const } : {}) }),
    onUnread: (n) => emit('unread', n),
    // Asked of the part's small status chunk, over HTTP: no socket, nothing about the visitor.
    ...(transport.status
      ? {
          presence: () => transport.status!().then((m) => m.presence?.(server) ?? null),
          // One random id per page: the server counts page sessions that an article helped.
          helped: (article) => void transport.status!().then((m) => m.helped?.(server, { sid, article }), () => undefined),
        }
      : {}),
  });
  const push = throttle(() => void snapshot().then((c) => c && t.context(c)), t.contextIntervalMs ?? CONTEXT_INTERVAL_MS);
  const offChange = baton.onChange(push.run);
  const offConsent = baton.on('consent', (c) => {
    granted = c === 'granted';
    t.setConsent?.(granted);
  });
  // A returning visitor (a credential stored with consent: they chatted before) sees their
  // conversation at once.
  if (granted) deps.store.get<StoredVisitor>(STORED_VISITOR_KEY).then((v) => v?.credential && chat.start(), () => undefined);
  // Messages left unsent by an earlier page or a closed tab (in the outbox): connect to send them.
  t.restored?.then((n) => n > 0 && chat.start(), () => undefined);
  // An agent's call ("Call now", issue 15), heard here rather than by the calls: it can reach a page
  // whose panel was never opened (the chat reconnected by itself on a later page), where no calls
  // exist yet; `ring` opens the widget. It rings until another frame names its callId.
  let invite: CallInvite | null = null;
  const inviteListeners = new Set<(invite: CallInvite | null) => void>();
  const setInvite = (next: CallInvite | null) => {
    invite = next;
    inviteListeners.forEach((l) => l(next));
  };
  const offCalls = t.callSignals?.().on((frame) => {
    const f = frame as Partial<CallInviteFrame>;
    if (f.type === 'call_invite' && typeof f.callId === 'string' && typeof f.agent?.name === 'string') {
      setInvite({ callId: f.callId, agent: f.agent });
      deps.ring?.();
    } else if (invite && f.callId === invite.callId) setInvite(null);
  });
  return {
    session: chat,
    transport: t,
    invites(fn) {
      inviteListeners.add(fn);
      if (invite) fn(invite);
      return () => void inviteListeners.delete(fn);
    },
    destroy() {
      offCalls?.();
      push.stop();
      offChange();
      offConsent();
      chat.destroy();
    },
  };
}
