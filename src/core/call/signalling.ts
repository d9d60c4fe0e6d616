/**
 * The seam between the chat's connection and an embedded call: call frames (src/protocol/call.ts)
 * travel on the visitor's existing chat socket, so a call started from the chat belongs to the
 * same visitor and conversation, and no second socket is opened. The local chat transport offers
 * it (ChatTransport.callSignals); the local call transport uses it. The frames are the service's
 * own (`Out`, `In`): core and the wrappers around a chat transport (withOutbox, withTabs) pass
 * them on without reading them.
 */
export interface CallSignals<Out = unknown, In = unknown> {
  /** Sends a call frame; false when the connection is not up (not connected, or not greeted yet). */
  send(frame: Out): boolean;
  /** Call frames from the service, in order. */
  on(listener: (frame: In) => void): () => void;
}
