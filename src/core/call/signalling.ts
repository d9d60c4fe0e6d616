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

/**
 * An agent's call to the visitor (issue 15: "Call now" on a callback), as a service that can ring
 * the visitor announces it on this channel: a frame `{ type: 'call_invite', callId, agent }`. It
 * no longer rings here once any other frame names its callId (ended, or answered in another tab).
 * The visitor answers with a call started with `StartCallOptions.answer` (the transport's own
 * pick-up frame) and declines with `{ type: 'call_hangup', callId }`. This is the one part of the
 * channel core reads: src/transports/local/transport.ts checks its frames against these shapes.
 */
export interface CallInvite {
  callId: string;
  agent: { name: string; color?: string };
}
export type CallInviteFrame = { type: 'call_invite' } & CallInvite;
export type CallDeclineFrame = { type: 'call_hangup'; callId: string };
