/**
 * Validators for everything the embedded server receives: visitor frames, agent frames and the
 * HTTP bodies of ./chat.ts. The server trusts nothing it has not passed through these.
 *
 * Why valibot: the context schema (./contextSchema.ts) already uses it, so the server reuses
 * `ContextSnapshotSchema` as is; it is small and tree-shakable (only the actions used here are
 * bundled), and `InferOutput` lets the compiler prove below that each schema describes exactly the
 * frame type declared in ./chat.ts.
 *
 * Objects are strict: an unknown key is refused rather than ignored, so a typo, or a frame meant for
 * the other side (an agent `send` with a `conversationId` on a visitor socket), never half-works.
 * The protocol evolves by version (`hello.v`), not by clients sending fields servers do not know.
 */
import { CODE_FORMATS, CODE_VALUE_MAX_CHARS } from './scan';
import * as v from 'valibot';
import {
  CLIENT_ID_PATTERN,
  EMAIL_MAX_CHARS,
  CSAT_COMMENT_MAX_CHARS,
  FRAME_MAX_BYTES,
  MESSAGE_MAX_CHARS,
  NOTE_MAX_CHARS,
  PROTOCOL_VERSION,
  SEARCH_QUERY_MAX_CHARS,
  TAG_PATTERN,
  type AgentFrame,
  type AgentLoginRequest,
  type ErrorCode,
  type ErrorFrame,
  type VisitorFrame,
  type VisitorStatusRequest,
} from './chat';
import { CALL_SDP_MAX_BYTES } from './call';
import { CONTEXT_MAX_BYTES, ROUTING_HINT_PATTERN, byteLength } from './context';
import { ContextSnapshotSchema } from './contextSchema';
import { JSON_MAX_DEPTH, nestsDeeperThan } from './jsonDepth';

/** Visitor credentials are 32 random bytes in base64url (43 characters); anything far longer is junk. */
export const CREDENTIAL_MAX_CHARS = 256;
/** Server ids (conversations) are short; a longer one cannot exist, so it is refused before any lookup. */
export const ID_MAX_CHARS = 64;
/** Passwords: bounded so nobody can make the server hash megabytes (scrypt input). */
export const PASSWORD_MAX_CHARS = 1024;
/** clientIds echoed back in error frames are cut at this length (the pattern allows 64). */
const ECHO_CLIENT_ID_MAX = 128;

// ---- building blocks ----

const ClientId = v.pipe(
  v.string('clientId must be a string'),
  v.regex(CLIENT_ID_PATTERN, 'clientId must be 8..64 characters of A-Z, a-z, 0-9, _ and -'),
);
const MessageText = v.pipe(
  v.string('text must be a string'),
  v.trim(),
  v.minLength(1, 'text is empty'),
  v.maxLength(MESSAGE_MAX_CHARS, `text is over ${MESSAGE_MAX_CHARS} characters`),
);
const Email = v.pipe(
  v.string('email must be a string'),
  v.trim(),
  v.maxLength(EMAIL_MAX_CHARS, `email is over ${EMAIL_MAX_CHARS} characters`),
  // valibot's check: one @, a dotted domain, no spaces; deliberately not RFC 5322 in full.
  v.email('email is not a valid e-mail address'),
);
const ConversationId = v.pipe(
  v.string('conversationId must be a string'),
  v.minLength(1, 'conversationId is empty'),
  v.maxLength(ID_MAX_CHARS, 'conversationId is too long'),
);
const MessageIndex = v.pipe(
  v.number('must be a number'),
  v.integer('must be a whole number'),
  v.minValue(0, 'must be 0 or more'),
  v.maxValue(Number.MAX_SAFE_INTEGER, 'is too large'),
);
const Note = v.pipe(
  v.string('note must be a string'),
  v.trim(),
  v.maxLength(NOTE_MAX_CHARS, `note is over ${NOTE_MAX_CHARS} characters`),
);
const Flag = v.boolean('on must be true or false');

// ---- visitor -> server ----

export const VisitorHelloSchema = v.strictObject({
  type: v.literal('hello'),
  v: v.literal(PROTOCOL_VERSION, `v must be ${PROTOCOL_VERSION} (protocol version)`),
  // Any string: an unknown or malformed credential simply gets a new visitor (never an error).
  credential: v.exactOptional(v.pipe(v.string('credential must be a string'), v.maxLength(CREDENTIAL_MAX_CHARS))),
  context: v.exactOptional(ContextSnapshotSchema),
});

/** A scanned code (issue 19, ./scan.ts): a known format and a value of 1..CODE_VALUE_MAX_CHARS characters. */
const Code = v.strictObject({
  format: v.picklist(CODE_FORMATS, `code.format must be one of ${CODE_FORMATS.join(', ')}`),
  value: v.pipe(
    v.string('code.value must be a string'),
    v.minLength(1, 'code.value is empty'),
    v.maxLength(CODE_VALUE_MAX_CHARS, `code.value is over ${CODE_VALUE_MAX_CHARS} characters`),
  ),
});

export const VisitorFrameSchemas = {
  hello: VisitorHelloSchema,
  send: v.strictObject({ type: v.literal('send'), clientId: ClientId, text: MessageText, email: v.exactOptional(Email), code: v.exactOptional(Code) }),
  typing: v.strictObject({ type: v.literal('typing'), on: Flag }),
  context: v.strictObject({ type: v.literal('context'), context: ContextSnapshotSchema }),
  read: v.strictObject({ type: v.literal('read'), index: MessageIndex }),
  handover: v.strictObject({ type: v.literal('handover') }),
  sync: v.strictObject({ type: v.literal('sync'), conversationId: ConversationId, afterIndex: MessageIndex }),
  ping: v.strictObject({ type: v.literal('ping') }),
  email: v.strictObject({ type: v.literal('email'), email: Email }),
  rate: v.strictObject({
    type: v.literal('rate'),
    score: v.pipe(v.number('score must be a number'), v.integer('score must be a whole number'), v.minValue(1, 'score is 1 to 5'), v.maxValue(5, 'score is 1 to 5')),
    comment: v.exactOptional(v.pipe(v.string('comment must be a string'), v.trim(), v.maxLength(CSAT_COMMENT_MAX_CHARS, `comment is over ${CSAT_COMMENT_MAX_CHARS} characters`))),
  }),
  transcript: v.strictObject({ type: v.literal('transcript'), email: v.exactOptional(Email) }),
} as const;

export const VisitorFrameSchema = v.variant('type', Object.values(VisitorFrameSchemas));

// ---- agent -> server ----

/** A tag as typed (trimmed): TAG_PATTERN. */
/** A skill's queue (a transfer's `toSkill`): as the site's menu names skills (ROUTING_HINT_PATTERN). */
const Skill = v.pipe(v.string('toSkill must be a string'), v.regex(ROUTING_HINT_PATTERN, 'a skill is 1..40 characters of [A-Za-z0-9_.-]'));
const Tag = v.pipe(v.string('tag must be a string'), v.trim(), v.regex(TAG_PATTERN, 'a tag is 1..32 letters, digits, spaces, - _ or .'));
/** A time filter, ms since the epoch (before 2200). */
const Time = v.pipe(v.number('a time must be a number'), v.integer(), v.minValue(0), v.maxValue(7_258_118_400_000));

export const AgentFrameSchemas = {
  claim: v.strictObject({ type: v.literal('claim'), conversationId: ConversationId }),
  read: v.strictObject({ type: v.literal('read'), conversationId: ConversationId, index: MessageIndex }),
  send: v.strictObject({ type: v.literal('send'), conversationId: ConversationId, clientId: ClientId, text: MessageText }),
  typing: v.strictObject({ type: v.literal('typing'), conversationId: ConversationId, on: Flag }),
  close: v.strictObject({ type: v.literal('close'), conversationId: ConversationId, note: v.exactOptional(Note) }),
  open: v.strictObject({ type: v.literal('open'), conversationId: ConversationId }),
  sync: v.strictObject({ type: v.literal('sync'), conversationId: ConversationId, afterIndex: MessageIndex, beforeIndex: v.exactOptional(MessageIndex) }),
  visitor_conversations: v.strictObject({ type: v.literal('visitor_conversations'), conversationId: ConversationId }),
  search: v.strictObject({
    type: v.literal('search'),
    requestId: ClientId,
    query: v.pipe(v.string('query must be a string'), v.maxLength(SEARCH_QUERY_MAX_CHARS, `query is over ${SEARCH_QUERY_MAX_CHARS} characters`)),
    filters: v.exactOptional(
      v.strictObject({
        status: v.exactOptional(v.picklist(['waiting', 'active', 'offline', 'closed'])),
        agentId: v.exactOptional(v.pipe(v.string(), v.maxLength(64))),
        tag: v.exactOptional(Tag),
        from: v.exactOptional(Time),
        to: v.exactOptional(Time),
      }),
    ),
  }),
  tag: v.strictObject({ type: v.literal('tag'), conversationId: ConversationId, tag: Tag, on: Flag }),
  note: v.strictObject({ type: v.literal('note'), conversationId: ConversationId, clientId: ClientId, text: MessageText }),
  presence: v.strictObject({ type: v.literal('presence'), status: v.picklist(['online', 'away'], 'status must be online or away') }),
  transfer: v.strictObject({
    type: v.literal('transfer'),
    conversationId: ConversationId,
    toAgentId: v.exactOptional(v.pipe(v.string('toAgentId must be a string'), v.minLength(1, 'toAgentId is empty'), v.maxLength(ID_MAX_CHARS, 'toAgentId is too long'))),
    toSkill: v.exactOptional(Skill),
    note: v.exactOptional(Note),
  }),
  ping: v.strictObject({ type: v.literal('ping') }),
} as const;

export const AgentFrameSchema = v.variant('type', Object.values(AgentFrameSchemas));

// ---- HTTP bodies ----

export const AgentLoginSchema = v.strictObject({
  email: Email,
  password: v.pipe(
    v.string('password must be a string'),
    v.minLength(1, 'password is empty'),
    v.maxLength(PASSWORD_MAX_CHARS, `password is over ${PASSWORD_MAX_CHARS} characters`),
  ),
});

export const VisitorStatusSchema = v.strictObject({
  credential: v.exactOptional(v.pipe(v.string('credential must be a string'), v.maxLength(CREDENTIAL_MAX_CHARS, 'credential is too long'))),
});

// ---- parsing ----

export type ParseResult<F> = { ok: true; frame: F } | { ok: false; error: ErrorFrame };

/** Parses and validates one frame from a visitor socket. Never throws. */
export function parseVisitorFrame(raw: string): ParseResult<VisitorFrame> {
  return parseFrame(raw, VisitorFrameSchemas) as ParseResult<VisitorFrame>;
}

/** Parses and validates one frame from an agent socket. Never throws. */
export function parseAgentFrame(raw: string): ParseResult<AgentFrame> {
  return parseFrame(raw, AgentFrameSchemas) as ParseResult<AgentFrame>;
}

/** Validates a parsed HTTP body: the output, or one readable message naming the field. */
export function parseBody<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
): { ok: true; value: v.InferOutput<S> } | { ok: false; message: string } {
  const r = v.safeParse(schema, input);
  return r.success ? { ok: true, value: r.output } : { ok: false, message: describeIssues(r.issues) };
}

/** Parses and validates one frame against a set of schemas keyed by `type` (chat and call frames share it). Never throws. */
export function parseFrameWith(raw: string, schemas: Record<string, v.GenericSchema>): ParseResult<unknown> {
  return parseFrame(raw, schemas);
}

function parseFrame(raw: string, schemas: Record<string, v.GenericSchema>): ParseResult<unknown> {
  // ws already refuses frames over FRAME_MAX_BYTES (close 1009); this guards other callers.
  if (raw.length > FRAME_MAX_BYTES || byteLength(raw) > FRAME_MAX_BYTES) {
    return fail('too_large', `Frame is over ${FRAME_MAX_BYTES} bytes`);
  }
  // Before parsing: a deeply nested frame would overflow the stack of whatever walks it next.
  if (nestsDeeperThan(raw)) return fail('bad_frame', `Frame nests deeper than ${JSON_MAX_DEPTH} levels`);
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return fail('bad_json', 'Frame is not valid JSON');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return fail('bad_frame', 'Frame must be a JSON object with a string "type"');
  }
  const obj = data as Record<string, unknown>;
  const clientId = typeof obj.clientId === 'string' && obj.clientId.length <= ECHO_CLIENT_ID_MAX ? obj.clientId : undefined;
  if (typeof obj.type !== 'string') return fail('bad_frame', 'Frame must be a JSON object with a string "type"', clientId);
  const schema = Object.prototype.hasOwnProperty.call(schemas, obj.type) ? schemas[obj.type] : undefined;
  if (!schema) {
    const type = obj.type.length > 40 ? `${obj.type.slice(0, 40)}…` : obj.type;
    return fail('unknown_type', `Unknown frame type "${type}" (expected one of: ${Object.keys(schemas).join(', ')})`, clientId);
  }
  // Size problems get their own code, so a client can tell "shorten it" from "fix your code".
  const oversize = oversized(obj);
  if (oversize) return fail('too_large', oversize, clientId);
  const r = v.safeParse(schema, obj);
  if (!r.success) return fail('bad_frame', `Invalid "${obj.type}" frame: ${describeIssues(r.issues)}`, clientId);
  return { ok: true, frame: r.output };
}

function oversized(obj: Record<string, unknown>): string | null {
  if (typeof obj.text === 'string' && obj.text.trim().length > MESSAGE_MAX_CHARS) {
    return `text is over ${MESSAGE_MAX_CHARS} characters`;
  }
  if (typeof obj.note === 'string' && obj.note.trim().length > NOTE_MAX_CHARS) {
    return `note is over ${NOTE_MAX_CHARS} characters`;
  }
  // Call signalling (./call.ts): a session description over its bound is "too large", not malformed.
  const signal = obj.signal as { sdp?: unknown } | null | undefined;
  if (typeof signal === 'object' && signal !== null && typeof signal.sdp === 'string' && byteLength(signal.sdp) > CALL_SDP_MAX_BYTES) {
    return `sdp is over ${CALL_SDP_MAX_BYTES} bytes`;
  }
  if (typeof obj.context === 'object' && obj.context !== null && byteLength(JSON.stringify(obj.context)) > CONTEXT_MAX_BYTES) {
    return `context is over ${CONTEXT_MAX_BYTES} bytes`;
  }
  return null;
}

function fail(code: ErrorCode, message: string, clientId?: string): { ok: false; error: ErrorFrame } {
  const error: ErrorFrame = { type: 'error', code, message };
  if (clientId !== undefined) error.clientId = clientId;
  return { ok: false, error };
}

/** The first few issues as `path: message`, e.g. `text: text is empty`. */
function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => {
      const path = issue.path?.map((p) => String(p.key)).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

// Compile-time proof that the schemas and the frame types of ./chat.ts describe the same thing.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const visitorMatches: Same<v.InferOutput<typeof VisitorFrameSchema>, VisitorFrame> = true;
const agentMatches: Same<v.InferOutput<typeof AgentFrameSchema>, AgentFrame> = true;
const loginMatches: Same<v.InferOutput<typeof AgentLoginSchema>, AgentLoginRequest> = true;
const statusMatches: Same<v.InferOutput<typeof VisitorStatusSchema>, VisitorStatusRequest> = true;
void visitorMatches;
void agentMatches;
void loginMatches;
void statusMatches;
