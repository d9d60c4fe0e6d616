// What a visitor's browser tab runs in `npm run soak` (scripts/soak.mjs bundles this file with
// esbuild and loads it in Node): the product's own chat, not a re-implementation. A tab is a
// ChatSession, as the widget's panel drives it, over the chat chunk the entries load
// (src/compose/localChat.ts: the local WebSocket transport inside withOutbox, its outbox in
// IndexedDB). `bare` is the same session over the local transport alone, without the outbox: the
// soak's control run, which must report losses (SOAK_OUTBOX=0).
import { ChatSession } from '../src/core/chat/session';
import type { ChatTransport, ChatTransportDeps } from '../src/core/chat/transport';
import { createTransport } from '../src/compose/localChat';
import { memoryStore } from '../src/storage/memoryStore';
import { createLocalTransport, type LocalTransportOptions } from '../src/transports/local/transport';

export interface SoakTab {
  chat: ChatSession;
  /** Messages an earlier tab left in the outbox, once loaded (0 without the outbox). */
  restored: Promise<number>;
}

/** Opens a tab: the chat starts at once (the visitor already chats) and connects. */
export function openTab(deps: ChatTransportDeps & Pick<LocalTransportOptions, 'WebSocket'>, withOutbox: boolean): SoakTab {
  // compose/localChat passes its deps on to the local transport, the WebSocket constructor with them.
  const t: ChatTransport & { restored?: Promise<number> } = withOutbox ? createTransport(deps) : createLocalTransport(deps);
  const chat = new ChatSession(t, { onStart: () => t.connect(null) });
  chat.start();
  return { chat, restored: t.restored ?? Promise.resolve(0) };
}

/** The visitor's Baton store (its credential): a profile's storage, which outlives its tabs. */
export { memoryStore };
/** Baton's one backoff policy, which the soak's agent follows too. */
export { backoffDelay } from '../src/protocol/backoff';
