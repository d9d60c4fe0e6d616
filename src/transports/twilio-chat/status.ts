/**
 * BatonTransport.status for the Twilio transport, on a later page with a stored visitor id: an open
 * conversation reconnects at once (agent messages arrive live, the agent sees the new page).
 * Without one nothing is fetched: unlike the embedded server, counting unread messages would mean
 * loading the SDK and connecting, which is not worth it for a badge (docs/twilio.md, "left").
 */
import type { ChatHost, StoredVisitor } from '../../core/chat/transport';

export function resume(host: ChatHost, stored: StoredVisitor): void {
  if (typeof stored.credential !== 'string' || !stored.open) return;
  host.baton
    .chat()
    .then((c) => c.start())
    .catch(() => undefined);
}
