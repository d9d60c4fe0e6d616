/**
 * The chat transport the entries load (`local.chat` in ./transports.ts, a lazy chunk): Baton's embedded
 * server over WebSocket (src/transports/local), wrapped in the outbox (src/core/chat/outbox.ts)
 * stored in IndexedDB (src/storage/outboxStore.ts), with one live connection for all of the
 * site's tabs (src/core/chat/tabs.ts over Web Locks and BroadcastChannel: src/platform/tabs.ts).
 * Composition only: the one place that names the concrete transport, storage and platform parts
 * of the chat, so none of them imports another.
 */
import type { ChatTransport, ChatTransportDeps } from '../core/chat/transport';
import { withOutbox } from '../core/chat/outbox';
import { withTabs } from '../core/chat/tabs';
import { browserTabs } from '../platform/tabs';
import { createOutboxStore } from '../storage/outboxStore';
import { createLocalTransport } from '../transports/local/transport';

export function createTransport(deps: ChatTransportDeps): ChatTransport {
  const store = createOutboxStore({
    consentGranted: deps.consentGranted,
    onFallback: (reason) => deps.reportError?.('storage_unavailable', reason),
  });
  // Per server: two Baton servers on one site would be two conversations.
  const tabs = browserTabs(`baton-chat ${deps.server}`);
  const tabId = Math.random().toString(36).slice(2);
  const t = withTabs(() => withOutbox(createLocalTransport(deps), store), tabs, tabId, (blob) => URL.createObjectURL(blob));
  // Messages left unsent by an earlier page or a closed tab: the chat connects to send them.
  return Object.assign(t, { restored: store.load().then((l) => l.length, () => 0) });
}
