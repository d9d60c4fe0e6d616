/**
 * The chat transport the entries load (ChatParts.transport, a lazy chunk): Baton's embedded
 * server over WebSocket (src/transports/local), wrapped in the outbox (src/core/chat/outbox.ts)
 * stored in IndexedDB (src/storage/outboxStore.ts). Composition only: the one place that names
 * the concrete transport, storage and platform parts of the chat, so none of them imports another.
 */
import type { ChatTransport, ChatTransportDeps } from '../core/chat/transport';
import { withOutbox } from '../core/chat/outbox';
import { createOutboxStore } from '../storage/outboxStore';
import { createLocalTransport } from '../transports/local/transport';

export function createTransport(deps: ChatTransportDeps): ChatTransport {
  const store = createOutboxStore({
    consentGranted: deps.consentGranted,
    onFallback: (reason) => deps.reportError?.('storage_unavailable', reason),
  });
  return withOutbox(createLocalTransport(deps), store);
}
