/**
 * Call signalling between the visitor's widget, Baton's embedded server and the agent console:
 * JSON frames on the same WebSockets as the chat (/ws/visitor, /ws/agent; see ./chat.ts), all of
 * type `call_*`. The server rings agents, relays WebRTC offer/answer/ICE candidates between the one
 * visitor socket and the one agent socket of a call, and ends both sides together. The audio itself
 * never passes through the server (peer to peer, or through the site's TURN server).
 * Documented in docs/agent-api.md ("Calls"); validated by ./callSchema.ts.
 */
import type { AgentPublic, ConversationDetail } from './chat';

/**
 * A session description (offer or answer): at most 16 KiB. An audio-only SDP from Chromium or
 * Firefox is 2–6 KB (codecs, extensions, a few candidates); with the call's video section (issue
 * 19: negotiated from the start, unused until a camera is turned on) Chromium's offer is about
 * 6 KB (6,025 bytes measured in tests/browser/call-video.test.ts); 16 KiB leaves room without letting a peer
 * push large blobs through the relay.
 */
export const CALL_SDP_MAX_BYTES = 16 * 1024;
/** One ICE candidate line: at most 1 KiB (real ones are ~100–250 characters). */
export const CALL_CANDIDATE_MAX_CHARS = 1024;
/** The media section id of a candidate (`sdpMid`, "0" in practice): at most 64 characters. */
export const CALL_SDP_MID_MAX_CHARS = 64;
/** `sdpMLineIndex`: an audio call has one media section; a generous bound. */
export const CALL_SDP_MLINE_MAX = 63;
/** ICE servers announced to both sides: at most 8, each with at most 8 URLs of at most 512 characters. */
export const CALL_ICE_SERVERS_MAX = 8;
/** Call ids are chosen by the visitor's widget: the same pattern as message clientIds (8..64 of A-Za-z0-9_-). */
export const CALL_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

/**
 * A call's length as Baton shows it everywhere (the thread's "Call ended (1:23)", the console's call
 * card and its wrap-up): 83 000 ms -> "1:23", an hour or more -> "1:02:03"; whole seconds, floored,
 * so a running timer and the final figure never disagree by a rounding.
 */
export function callDuration(ms: number): string {
  const s = Number.isFinite(ms) ? Math.max(0, Math.floor(ms / 1000)) : 0;
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return hh > 0 ? `${hh}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

/** The same shape as the browser's RTCIceServer (STUN or TURN). */
export interface CallIceServer {
  urls: string | string[];
  username?: string | undefined;
  credential?: string | undefined;
}

/** WebRTC signalling, relayed as is between the two peers of a call. */
export type CallSignal =
  | { kind: 'offer' | 'answer'; sdp: string }
  | { kind: 'candidate'; candidate: string; sdpMid: string | null; sdpMLineIndex: number | null };

/**
 * Why a call ended, as the server tells both sides.
 * visitor_hangup / agent_hangup: someone hung up; declined: every ringing agent declined (or the
 * claiming agent did); no_answer: nobody answered within the server's no-answer time; no_agents:
 * nobody was online to ring; answered_elsewhere (agents only): another agent took it; visitor_left /
 * agent_left: that side's socket closed; closed: the agent closed the conversation; busy: the
 * conversation already has a call; error: refused (see the message of the `error` frame).
 */
export type CallEndedReason =
  | 'visitor_hangup'
  | 'agent_hangup'
  | 'declined'
  | 'no_answer'
  | 'no_agents'
  | 'answered_elsewhere'
  | 'visitor_left'
  | 'agent_left'
  | 'closed'
  | 'busy'
  | 'error'
  /** (agents only) An agent's call (`call_dial`) found no socket of the visitor: nothing rang; dial their number instead. */
  | 'visitor_offline';

// ---- visitor -> server ----
export type VisitorCallFrame =
  /**
   * Starts a call in the visitor's open conversation (one is opened when there is none).
   * `conversationId`, when given, must be that conversation (a call started from the chat).
   */
  | { type: 'call_start'; callId: string; conversationId?: string }
  | { type: 'call_signal'; callId: string; signal: CallSignal }
  | { type: 'call_mute'; callId: string; muted: boolean }
  | { type: 'call_hangup'; callId: string }
  /**
   * After the chat socket reconnected (a network blip): this socket takes the call back. The audio
   * itself may have carried on meanwhile (it does not pass through the server).
   */
  | { type: 'call_resume'; callId: string }
  /**
   * The visitor turned their camera on or off (issue 19). The video itself goes peer to peer on the
   * call's video section; this tells the agent's console to show it (or not) and the indicator.
   */
  | { type: 'call_camera'; callId: string; on: boolean }
  /**
   * The visitor answers an agent's call (`call_invite`, issue 15's "Call now" on a callback): the
   * server answers `call_ringing` then `call_accepted`, and from there it is a visitor's call as
   * any other (this side offers). Declining is `call_hangup` before answering.
   */
  | { type: 'call_pickup'; callId: string };

// ---- server -> visitor ----
export type VisitorCallServerFrame =
  /** Agents are being rung. `iceServers`: what to give RTCPeerConnection. */
  | { type: 'call_ringing'; callId: string; conversationId: string; iceServers: CallIceServer[] }
  /** An agent answered: the visitor sends the offer now. */
  | { type: 'call_accepted'; callId: string; agent: AgentPublic }
  | { type: 'call_signal'; callId: string; signal: CallSignal }
  /** The agent muted or unmuted their microphone. */
  | { type: 'call_mute'; callId: string; muted: boolean }
  /** `call_resume` was accepted: signalling goes to this socket again. */
  | { type: 'call_resumed'; callId: string }
  | { type: 'call_ended'; callId: string; reason: CallEndedReason; durationMs: number }
  /** The agent turned their camera on or off. */
  | { type: 'call_camera'; callId: string; on: boolean }
  /**
   * An agent calls the visitor (to every socket of theirs): ring, with Answer (`call_pickup`) and
   * Decline (`call_hangup`). Gone with any other frame naming its callId (`call_ended` when it
   * stops ringing, `call_accepted` once answered in another tab).
   */
  | { type: 'call_invite'; callId: string; conversationId: string; agent: AgentPublic; ringsForMs: number };

// ---- agent -> server ----
export type AgentCallFrame =
  /** Takes the call (and claims the conversation when it was still in the queue). */
  | { type: 'call_answer'; callId: string }
  | { type: 'call_decline'; callId: string }
  | { type: 'call_signal'; callId: string; signal: CallSignal }
  | { type: 'call_mute'; callId: string; muted: boolean }
  | { type: 'call_hangup'; callId: string }
  /** The agent turned their camera on or off. */
  | { type: 'call_camera'; callId: string; on: boolean }
  /**
   * Calls the visitor of a conversation in their browser (issue 15: "Call now" on a callback). The
   * callId is the console's. The server rings the visitor's sockets (`call_dialing` back) or ends
   * it at once with `visitor_offline`; once the visitor answers, `call_accepted` and the visitor's
   * offer follow, as for a call the visitor started.
   */
  | { type: 'call_dial'; callId: string; conversationId: string };

/** A call as agents see it while it rings. */
export interface IncomingCall {
  callId: string;
  conversationId: string;
  /** When the visitor pressed "Call", ms since the epoch. */
  startedAt: number;
  /** How long it rings before ending with `no_answer`, ms. */
  ringsForMs: number;
}

// ---- server -> agent ----
export type AgentCallServerFrame =
  /**
   * A visitor calls: ring. `conversation` is the conversation in full (messages, context), so the
   * console shows who calls and from where while it rings. Sent to every online agent for a queued
   * conversation, to the claiming agent for a claimed one, and again to agents connecting meanwhile.
   */
  | { type: 'call_incoming'; call: IncomingCall; conversation: ConversationDetail; iceServers: CallIceServer[] }
  /** The agent's `call_dial` rings the visitor now (for `ringsForMs` at most). */
  | { type: 'call_dialing'; callId: string; conversationId: string; iceServers: CallIceServer[]; ringsForMs: number }
  /** To the agent socket that answered: wait for the visitor's offer. */
  | { type: 'call_accepted'; callId: string; conversationId: string }
  | { type: 'call_signal'; callId: string; signal: CallSignal }
  /** The visitor muted or unmuted their microphone. */
  | { type: 'call_mute'; callId: string; muted: boolean }
  | { type: 'call_ended'; callId: string; conversationId: string; reason: CallEndedReason; durationMs: number }
  /** The visitor turned their camera on or off. */
  | { type: 'call_camera'; callId: string; on: boolean };

export const isCallFrameType = (type: string): boolean => type.startsWith('call_');
