/**
 * Baton's own transport as a registered part (src/core/transports.ts): chat and calls with Baton's
 * embedded server. Every browser entry registers it; each loader is a lazy chunk.
 */
import type { BatonTransport } from '../core/transports';

export const local: BatonTransport = {
  name: 'local',
  // WebSocket + outbox + one connection for all tabs: imported when the chat starts.
  chat: () => import('./localChat'),
  status: () => import('../transports/local/status'),
  // WebRTC, signalled through Baton's server: imported when the visitor presses "Call".
  call: () => import('../transports/local/call'),
  // The context code for the phone line, from Baton's server: imported when the visitor opens it.
  phoneLine: () => import('../transports/local/phoneLine'),
  // "Continue on your phone": imported when the visitor asks for the QR code, or opens its link.
  handoff: () => import('../transports/local/handoff'),
};
