/**
 * The seam between the chat's connection and an embedded call: call frames (src/protocol/call.ts)
 * travel on the visitor's existing chat socket, so a call started from the chat belongs to the
 * same visitor and conversation, and no second socket is opened. The local chat transport offers
 * it (ChatTransport.callSignals); the local call transport uses it.
 */
import type { VisitorCallFrame, VisitorCallServerFrame } from '../../protocol/call';

export interface CallSignals {
  /** Sends a call frame; false when the connection is not up (not connected, or not greeted yet). */
  send(frame: VisitorCallFrame): boolean;
  /** Call frames from the server, in order. */
  on(listener: (frame: VisitorCallServerFrame) => void): () => void;
}
