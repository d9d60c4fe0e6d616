/**
 * The chat transport the entries load with the boot option `transport: 'twilio'` (`twilio.chat` in ./twilio.ts,
 * a lazy chunk): Twilio Conversations (src/transports/twilio-chat; the SDK is a further chunk,
 * imported on the visitor's intent), wrapped in the same outbox as the local transport, so a
 * message written while offline or across a reload is sent once the chat is back.
 */
import type { ChatTransport, ChatTransportDeps } from '../core/chat/transport';
import { withOutbox } from '../core/chat/outbox';
import { createOutboxStore } from '../storage/outboxStore';
import { createTwilioChatTransport } from '../transports/twilio-chat/transport';

export function createTransport(deps: ChatTransportDeps): ChatTransport {
  const store = createOutboxStore({
    consentGranted: deps.consentGranted,
    onFallback: (reason) => deps.reportError?.('storage_unavailable', reason),
  });
  return withOutbox(createTwilioChatTransport(deps), store);
}
