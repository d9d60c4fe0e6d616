/**
 * The visitor's calls for a page (lazy chunk, imported by the API when the panel shows its call
 * button): one CallSession per boot, whose transport chunk is imported only when the visitor
 * presses "Call". Embedded calls signal on the chat's connection (the chat is started then, so
 * the agent gets the context first and the call belongs to the visitor's conversation).
 */
import type { ContextSnapshot } from '../../protocol/context';
import type { ChatHost } from '../chat/transport';
import { serverOf } from '../chat/transport';
import { microphoneConstraints, webCallCapabilities } from './capabilities';
import type { CallSignals } from './signalling';
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

/** What Baton's API hands the call chunk: the chat host (whose chosen transport may carry calls), plus the started calls. */
export interface CallHost extends ChatHost {
  call?: Promise<CallSession> | null;
}

/** The host's calls, set up once per boot. */
export function callOf(host: CallHost): Promise<CallSession> {
  return (host.call ||= Promise.resolve(createCalls(host)));
}

function createCalls(host: CallHost): CallSession {
  // The chosen transport's call chunk (BatonTransport.call), imported on the first "Call".
  const load = host.transport?.call?.bind(host.transport);
  let conversationId: string | undefined;
  const chat = () => host.baton.chat();
  // Remember the chat's open conversation, so a call from the chat names it.
  void chat().then(
    (c) =>
      c.subscribe((s) => {
        conversationId = s.conversation && s.conversation.status !== 'closed' ? s.conversation.id : undefined;
      }),
    () => undefined,
  );
  return new CallSession({
    // The transport checks again when it starts.
    capabilities: () => (load ? webCallCapabilities() : { supported: false, reason: 'sdk_unsupported' }),
    microphone: (deviceId) =>
      globalThis.navigator?.mediaDevices?.getUserMedia?.(microphoneConstraints(deviceId)),
    conversationId: () => conversationId,
    credential: () => host.chatTransport?.credential?.() ?? undefined,
    transport: async () => {
      if (!load) throw new Error('[Baton] no calls in this build');
      const m = await load();
      return m.createCallTransport({
        server: serverOf(host),
        context: () => host.baton.getContext(),
        signals: async () => {
          const c = await chat();
          c.start(); // connects (with the context) if the visitor had not chatted yet
          await new Promise<void>((resolve) => {
            const off = c.subscribe((s) => {
              if (s.ready && s.connection === 'online') {
                queueMicrotask(() => off());
                resolve();
              }
            });
          });
          const signals = host.chatTransport?.callSignals?.();
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
