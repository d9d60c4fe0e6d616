/**
 * `baton-sdk/headless`: the same API as `baton-sdk` without any UI, plus `chat()`, the visitor's
 * chat for your own UI (messages and status, send, typing, read, the history; the outbox and the
 * tabs underneath). `open()` and `close()` only emit 'open' and 'close' for your UI; `getContext()`
 * gives it what the agent will see. No calls yet: `call()` reports `error` `unsupported`.
 */
import type { BatonChat, BatonOptions, HeadlessBaton } from './api/types';
import type { ChatHandle } from './core/chat/session';
import { composeBaton } from './compose/entry';
import { local } from './compose/transports';

export type * from './api/types';

/** The public face of the chat: its intents and state only (no transport, no internals). */
function publicChat(c: ChatHandle): BatonChat {
  return {
    start: () => c.start(),
    getState: () => c.getState(),
    subscribe: (fn) => c.subscribe(fn),
    send: (text) => c.send(text),
    retry: (clientId) => c.retry(clientId),
    typing: (on) => c.typing(on),
    leaveMessage: (text, email) => c.leaveMessage(text, email),
    markRead: () => c.markRead(),
    startNew: () => c.startNew(),
    handover: () => c.handover(),
    setEmail: (email) => c.setEmail(email),
    rate: (score, comment) => c.rate(score, comment),
    transcript: (email) => c.transcript(email),
  };
}

export function createBaton(options: BatonOptions = {}): HeadlessBaton {
  // The site's own origin is the default server, unless boot({ server }) names Baton's server.
  const { api, fail, session } = composeBaton({ server: location.origin, transports: [local] });
  const chats = new WeakMap<ChatHandle, BatonChat>();
  const baton: HeadlessBaton = Object.assign(api, {
    // No widget to show a call in, and no call handle for a custom UI yet: said, never a silent no-op.
    call: () => fail('unsupported', "call() needs Baton's widget: baton-sdk/headless has no calls yet (use baton-sdk, or the script tag)"),
    chat(): Promise<BatonChat> {
      const s = session();
      if (!s) return Promise.reject(new Error('[Baton] chat() needs a booted Baton (after shutdown(), create a new one)'));
      return s.chat().then((c) => chats.get(c) ?? (chats.set(c, publicChat(c)), chats.get(c)!));
    },
  });
  baton.boot(options);
  return baton;
}
