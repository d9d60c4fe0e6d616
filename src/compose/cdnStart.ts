/**
 * The script-tag build's idle half (issue 22): the API, the context engine with its redaction and
 * storage, the launcher and the transport registry. src/cdn.ts imports it when the page is idle (or
 * at once when the site calls open(), call() or getContext()), so the host page's load runs only the
 * command queue and the early capture (src/platform/earlyCapture.ts), whose events the engine gets.
 */
import { orderQueue, type QueuedCall } from '../api/queue';
import type { EarlyCapture } from '../platform/earlyCapture';
import { mountUi } from '../ui/launcher';
import { composeBaton } from './entry';
import { local } from './transports';
import { twilio } from './twilio';

/** Starts Baton with what the page queued so far (in the order of api/queue.ts); returns the live API's `call`. */
export function startBaton(server: string, sources: EarlyCapture, queued: readonly QueuedCall[]): (method: string, args: unknown[]) => unknown {
  const { call } = composeBaton({
    ui: mountUi,
    server,
    // The script tag chooses by itself: boot({ transport: 'twilio' }) needs no import of the site.
    transports: [local, twilio],
    sources,
  });
  for (const [method, ...args] of orderQueue(queued)) call(method, args);
  return call;
}
