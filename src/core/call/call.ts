/**
 * The visitor's calls for a page (lazy chunk, imported by the API when the panel shows its call
 * button): one CallSession per boot, whose transport chunk is imported only when the visitor
 * presses "Call". Embedded calls signal on the chat's connection (the chat is started then, so
 * the agent gets the context first and the call belongs to the visitor's conversation).
 * Everything it needs is passed in (CallDeps): the chosen transport, the microphone, and the chat.
 */
import type { ContextSnapshot } from '../../protocol/context';
import type { StartedChat } from '../chat/chat';
import type { MicrophoneSource } from '../ports';
import type { BatonTransport } from '../transports';
import type { CallEvent } from '../../api/types';
import type { CallDeclineFrame, CallInvite, CallSignals } from './signalling';
import { CallSession } from './session';

/** What a call transport's factory gets from Baton. */
export interface CallTransportDeps {
  /** Baton's server base URL (the `server` boot option), no trailing slash. */
  server: string;
  /** The visitor's context as the agent will see it now (for transports that send it themselves, e.g. to a token endpoint). */
  context(): Promise<ContextSnapshot>;
  /**
   * The chat connection's call channel, once it is up (the chat is started if it was not): for
   * transports that signal through Baton's server. Rejects when the chat transport has none.
   */
  signals(): Promise<CallSignals>;
  /** Calls `fn` when the chat connection drops (signalling lost). Returns the unsubscribe function. */
  onSignalsLost(fn: () => void): () => void;
}

/** What the API hands the call chunk, once per boot. */
export interface CallDeps {
  /** The transport the boot options chose; its `call()` chunk carries the calls (absent: no calls). */
  readonly transport: BatonTransport | undefined;
  /** Baton's server, no trailing slash. */
  readonly server: string;
  context(): Promise<ContextSnapshot>;
  /** The chat, started on the first call (once per boot, by the API). */
  startChat(): Promise<StartedChat>;
  /** Emits the public 'call' event. */
  emit(event: 'call', payload: CallEvent): void;
}

/** The boot's calls, over the chosen transport and `microphone` (the page's: src/platform/microphone.ts). */
export function createCalls(deps: CallDeps, microphone: MicrophoneSource): CallSession {
  const session = newCallSession(deps, microphone);
  // The public 'call' event (a site's own UI, a native app's bridge): each change of state.
  let last = session.getState().state;
  session.subscribe((s) => {
    if (s.state === last) return;
    last = s.state;
    deps.emit('call', { state: s.state, ...(s.state === 'ended' && s.end ? { reason: s.end.reason } : {}) });
  });
  return session;
}

function newCallSession(deps: CallDeps, microphone: MicrophoneSource): CallSession {
  // The chosen transport's call chunk (BatonTransport.call), imported on the first "Call".
  const load = deps.transport?.call?.bind(deps.transport);
  let conversationId: string | undefined;
  // The chat's transport, once the chat is started: its credential binds a call to the conversation.
  let chatTransport: StartedChat['transport'] | undefined;
  const chat = () => deps.startChat().then((c) => c.session);
  // Agents' calls to the visitor, as the chat heard them (StartedChat.invites).
  let invite: CallInvite | null = null;
  let onInvite: (invite: CallInvite | null) => void = () => {};
  const invited = (next: CallInvite | null) => onInvite((invite = next));
  // Remember the chat's open conversation, so a call from the chat names it.
  void deps.startChat().then(
    (started) => {
      chatTransport = started.transport;
      started.invites(invited);
      started.session.subscribe((s) => {
        conversationId = s.conversation && s.conversation.status !== 'closed' ? s.conversation.id : undefined;
      });
    },
    () => undefined,
  );
  return new CallSession({
    // The transport checks again when it starts.
    capabilities: () => (load ? microphone.capabilities() : { supported: false, reason: 'sdk_unsupported' }),
    microphone: (deviceId) => microphone.open(deviceId),
    conversationId: () => conversationId,
    credential: () => chatTransport?.credential?.() ?? undefined,
    invites: (fn) => {
      onInvite = fn;
      if (invite) fn(invite);
      return () => (onInvite = () => {});
    },
    decline: (callId) => {
      invited(null);
      chatTransport?.callSignals?.().send({ type: 'call_hangup', callId } satisfies CallDeclineFrame);
    },
    transport: async () => {
      if (!load) throw new Error('[Baton] no calls in this build');
      const m = await load();
      return m.createCallTransport({
        server: deps.server,
        context: () => deps.context(),
        signals: async () => {
          const started = await deps.startChat();
          const c = started.session;
          c.start(); // connects (with the context) if the visitor had not chatted yet
          await new Promise<void>((resolve) => {
            const off = c.subscribe((s) => {
              if (s.ready && s.connection === 'online') {
                queueMicrotask(() => off());
                resolve();
              }
            });
          });
          const signals = started.transport.callSignals?.();
          if (!signals) throw new Error('[Baton] this chat transport cannot carry calls');
          return signals;
        },
        onSignalsLost: (fn) => {
          let off = () => {};
          let gone = false;
          void chat().then((c) => {
            if (gone) return;
            let was = c.getState().connection;
            off = c.subscribe((s) => {
              if (was === 'online' && s.connection !== 'online') fn();
              was = s.connection;
            });
          }, () => undefined);
          return () => {
            gone = true;
            off();
          };
        },
      });
    },
  });
}
