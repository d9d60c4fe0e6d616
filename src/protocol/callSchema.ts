/**
 * Validators for the call frames of ./call.ts. The server parses visitor and agent sockets with the
 * chat schemas and these together (one JSON parse per frame, one `unknown_type` list), so a call
 * frame is as strictly checked as a chat one: strict objects, bounded strings, sizes said below.
 */
import * as v from 'valibot';
import {
  CALL_CANDIDATE_MAX_CHARS,
  CALL_ICE_SERVERS_MAX,
  CALL_ID_PATTERN,
  CALL_SDP_MAX_BYTES,
  CALL_SDP_MID_MAX_CHARS,
  CALL_SDP_MLINE_MAX,
  type AgentCallFrame,
  type CallIceServer,
  type VisitorCallFrame,
} from './call';
import type { AgentFrame, VisitorFrame } from './chat';
import { AgentFrameSchemas, ID_MAX_CHARS, VisitorFrameSchemas, parseFrameWith, type ParseResult } from './chatSchema';

const CallId = v.pipe(
  v.string('callId must be a string'),
  v.regex(CALL_ID_PATTERN, 'callId must be 8..64 characters of A-Z, a-z, 0-9, _ and -'),
);

/** SDP is ASCII in practice; bounded in characters here and in UTF-8 bytes by parseFrame's size check. */
const Sdp = v.pipe(
  v.string('sdp must be a string'),
  v.minLength(1, 'sdp is empty'),
  v.maxLength(CALL_SDP_MAX_BYTES, `sdp is over ${CALL_SDP_MAX_BYTES} bytes`),
);

const Signal = v.variant('kind', [
  v.strictObject({ kind: v.picklist(['offer', 'answer'], 'kind must be offer, answer or candidate'), sdp: Sdp }),
  v.strictObject({
    kind: v.literal('candidate'),
    // An empty candidate is the browser's "end of candidates": allowed and relayed.
    candidate: v.pipe(v.string('candidate must be a string'), v.maxLength(CALL_CANDIDATE_MAX_CHARS, `candidate is over ${CALL_CANDIDATE_MAX_CHARS} characters`)),
    sdpMid: v.nullable(v.pipe(v.string('sdpMid must be a string or null'), v.maxLength(CALL_SDP_MID_MAX_CHARS, 'sdpMid is too long'))),
    sdpMLineIndex: v.nullable(
      v.pipe(v.number('sdpMLineIndex must be a number or null'), v.integer('sdpMLineIndex must be a whole number'), v.minValue(0, 'sdpMLineIndex must be 0 or more'), v.maxValue(CALL_SDP_MLINE_MAX, 'sdpMLineIndex is too large')),
    ),
  }),
], 'signal.kind must be offer, answer or candidate');

const Muted = v.boolean('muted must be true or false');
const CameraOn = v.boolean('on must be true or false');
const ConversationId = v.pipe(
  v.string('conversationId must be a string'),
  v.minLength(1, 'conversationId is empty'),
  v.maxLength(ID_MAX_CHARS, 'conversationId is too long'),
);

export const VisitorCallFrameSchemas = {
  call_start: v.strictObject({ type: v.literal('call_start'), callId: CallId, conversationId: v.exactOptional(ConversationId) }),
  call_signal: v.strictObject({ type: v.literal('call_signal'), callId: CallId, signal: Signal }),
  call_mute: v.strictObject({ type: v.literal('call_mute'), callId: CallId, muted: Muted }),
  call_hangup: v.strictObject({ type: v.literal('call_hangup'), callId: CallId }),
  call_resume: v.strictObject({ type: v.literal('call_resume'), callId: CallId }),
  call_camera: v.strictObject({ type: v.literal('call_camera'), callId: CallId, on: CameraOn }),
  call_pickup: v.strictObject({ type: v.literal('call_pickup'), callId: CallId }),
} as const;

export const AgentCallFrameSchemas = {
  call_answer: v.strictObject({ type: v.literal('call_answer'), callId: CallId }),
  call_decline: v.strictObject({ type: v.literal('call_decline'), callId: CallId }),
  call_signal: v.strictObject({ type: v.literal('call_signal'), callId: CallId, signal: Signal }),
  call_mute: v.strictObject({ type: v.literal('call_mute'), callId: CallId, muted: Muted }),
  call_hangup: v.strictObject({ type: v.literal('call_hangup'), callId: CallId }),
  call_camera: v.strictObject({ type: v.literal('call_camera'), callId: CallId, on: CameraOn }),
  call_dial: v.strictObject({ type: v.literal('call_dial'), callId: CallId, conversationId: ConversationId }),
} as const;

const VisitorSocketSchemas = { ...VisitorFrameSchemas, ...VisitorCallFrameSchemas };
const AgentSocketSchemas = { ...AgentFrameSchemas, ...AgentCallFrameSchemas };

/** Parses one frame from a visitor socket: a chat frame or a call frame. Never throws. */
export function parseVisitorSocketFrame(raw: string): ParseResult<VisitorFrame | VisitorCallFrame> {
  return parseFrameWith(raw, VisitorSocketSchemas) as ParseResult<VisitorFrame | VisitorCallFrame>;
}

/** Parses one frame from an agent socket: a chat frame or a call frame. Never throws. */
export function parseAgentSocketFrame(raw: string): ParseResult<AgentFrame | AgentCallFrame> {
  return parseFrameWith(raw, AgentSocketSchemas) as ParseResult<AgentFrame | AgentCallFrame>;
}

// ---- the server's ICE configuration (checked once, when the server starts) ----

const IceUrl = v.pipe(
  v.string('urls must be strings'),
  v.maxLength(512, 'an ICE server URL is over 512 characters'),
  v.regex(/^(stun|stuns|turn|turns):[^\s]+$/, 'an ICE server URL must start with stun:, stuns:, turn: or turns:'),
);
export const IceServersSchema = v.pipe(
  v.array(
    v.strictObject({
      urls: v.union([IceUrl, v.pipe(v.array(IceUrl), v.minLength(1, 'urls is empty'), v.maxLength(8, 'at most 8 urls per ICE server'))], 'urls must be a URL or a list of URLs'),
      username: v.optional(v.pipe(v.string('username must be a string'), v.maxLength(512))),
      credential: v.optional(v.pipe(v.string('credential must be a string'), v.maxLength(512))),
    }),
    'iceServers must be an array',
  ),
  v.maxLength(CALL_ICE_SERVERS_MAX, `at most ${CALL_ICE_SERVERS_MAX} ICE servers`),
);

/** Checks the `iceServers` server option; throws a TypeError naming the problem. */
export function checkIceServers(input: unknown): CallIceServer[] {
  const r = v.safeParse(IceServersSchema, input);
  if (r.success) return r.output;
  const issue = r.issues[0];
  const path = issue.path?.map((p) => String(p.key)).join('.');
  throw new TypeError(`createEmbeddedServer: iceServers${path ? `.${path}` : ''}: ${issue.message}`);
}

// Compile-time proof that the schemas and the frame types of ./call.ts describe the same thing.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const visitorMatches: Same<v.InferOutput<(typeof VisitorCallFrameSchemas)[keyof typeof VisitorCallFrameSchemas]>, VisitorCallFrame> = true;
const agentMatches: Same<v.InferOutput<(typeof AgentCallFrameSchemas)[keyof typeof AgentCallFrameSchemas]>, AgentCallFrame> = true;
void visitorMatches;
void agentMatches;
