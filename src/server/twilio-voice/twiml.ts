/**
 * TwiML for Baton's click-to-call voice webhook.
 *
 * - A browser call (Voice JS SDK) carries the custom parameter `contextRef`: an opaque id (never PII;
 *   Twilio caps call parameters at about 800 bytes, so the context itself never travels there). The
 *   server resolves it to the visitor's context and answers `<Enqueue workflowSid><Task>{json}</Task>`
 *   (Flex / TaskRouter), or `<Dial><Client>` when the call goes straight to one agent.
 * - A phone call has no context: `<Gather numDigits="6">` asks for the 6-digit code the widget shows;
 *   its action looks the code up and enqueues with the context, or without it when not found.
 *
 * Pure functions from request parameters to TwiML strings; the HTTP layer verifies the signature
 * (./signature.ts) and supplies the lookups.
 */
import type twilio from 'twilio';
import { peer } from '../peers';

/** The twilio package, loaded on first use (an optional peer: src/server/peers.ts). */
const sdk = () => peer<typeof twilio>('twilio');
import type { ContextSnapshot } from '../../protocol/context';
import { taskSummary, type RoutingHints, type TaskChannel } from '../twilio/taskSummary';

/** A context code: exactly 6 digits. */
export const CONTEXT_CODE_DIGITS = 6;
/** Seconds Twilio waits for the caller to type the code. */
export const GATHER_TIMEOUT_SECONDS = 8;
export { TASK_ATTRIBUTES_MAX_CHARS, TASK_JOURNEY_MAX } from '../twilio/taskSummary';
export type { RoutingHints, TaskSummary } from '../twilio/taskSummary';

/** What a contextRef or a context code resolves to. */
export interface ResolvedContext {
  conversationId?: string;
  snapshot: ContextSnapshot | null;
}

/**
 * The Task attributes JSON for a call: the summary shared with chats (../twilio/taskSummary.ts),
 * channel 'call' (from the browser) or 'phone' (a phone caller), at most 4,096 characters.
 */
export function summarizeForTask(snapshot: ContextSnapshot | null, hints: RoutingHints = {}, conversationId?: string, channel: TaskChannel = 'call'): string {
  return taskSummary(snapshot, { channel, hints, ...(conversationId ? { conversationId } : {}) });
}

export interface EnqueueOptions {
  /** The Flex / TaskRouter workflow (WW + 32 hex). */
  workflowSid: string;
  hints?: RoutingHints;
}

function enqueue(response: twilio.twiml.VoiceResponse, context: ResolvedContext | null, options: EnqueueOptions, channel: TaskChannel = 'call'): void {
  const attributes = summarizeForTask(context?.snapshot ?? null, options.hints, context?.conversationId, channel);
  response.enqueue({ workflowSid: options.workflowSid }).task({}, attributes);
}

/** `<Enqueue workflowSid><Task>{summary}</Task></Enqueue>`. */
export function enqueueTwiml(context: ResolvedContext | null, options: EnqueueOptions): string {
  const response = new (sdk().twiml.VoiceResponse)();
  enqueue(response, context, options);
  return response.toString();
}

/** `<Dial><Client>identity</Client></Dial>`: straight to one agent's browser. */
export function dialClientTwiml(agentIdentity: string): string {
  const response = new (sdk().twiml.VoiceResponse)();
  response.dial().client(agentIdentity);
  return response.toString();
}

export interface VoiceWebhookOptions extends EnqueueOptions {
  /** Absolute URL of the code handler (the Gather action), e.g. https://site/baton/voice/code. */
  codeActionUrl: string;
  /** Resolves a browser call's `contextRef` (null when unknown). */
  resolveContextRef: (contextRef: string) => ResolvedContext | null;
  /**
   * When a browser call should go to one agent directly: that agent's Twilio identity, else null.
   * Receives the call parameters (e.g. an `agent` parameter the site set, to be checked here).
   */
  directAgent?: (params: Record<string, string>) => string | null;
  /** Spoken prompts (language of the site). */
  prompts?: Partial<VoicePrompts>;
}

export interface VoicePrompts {
  askCode: string;
  noCode: string;
  codeNotFound: string;
  tooManyAttempts: string;
  /** A callback call (./callbackCall.ts) the visitor answered and no agent did. */
  callbackNoAgent: string;
}

export const DEFAULT_VOICE_PROMPTS: VoicePrompts = {
  askCode: 'Welcome. If the website shows you a six digit code, please enter it now.',
  noCode: 'No code received. Connecting you to an agent.',
  codeNotFound: 'That code was not found. Connecting you to an agent.',
  tooManyAttempts: 'Too many attempts. Connecting you to an agent.',
  callbackNoAgent: 'Sorry, nobody could take your call just now. We will call you back.',
};

const CONTEXT_REF_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

/** Whether the webhook is for a browser (Voice SDK) call: Twilio sends From=client:<identity>. */
export function isBrowserCall(params: Record<string, string>): boolean {
  return (params.From ?? '').startsWith('client:') || params.contextRef !== undefined;
}

/** The answer to the voice webhook (the TwiML App's / phone number's voice URL). */
export function voiceWebhookTwiml(params: Record<string, string>, options: VoiceWebhookOptions): string {
  const prompts = { ...DEFAULT_VOICE_PROMPTS, ...options.prompts };
  if (isBrowserCall(params)) {
    const agent = options.directAgent?.(params) ?? null;
    if (agent) return dialClientTwiml(agent);
    const ref = params.contextRef;
    const context = ref && CONTEXT_REF_PATTERN.test(ref) ? options.resolveContextRef(ref) : null;
    return enqueueTwiml(context, options);
  }
  const response = new (sdk().twiml.VoiceResponse)();
  response
    .gather({ numDigits: CONTEXT_CODE_DIGITS, action: options.codeActionUrl, method: 'POST', timeout: GATHER_TIMEOUT_SECONDS, input: ['dtmf'] })
    .say(prompts.askCode);
  // Reached only when the caller typed nothing (Twilio then skips the action).
  response.say(prompts.noCode);
  enqueue(response, null, options, 'phone');
  return response.toString();
}

/** A code lookup: the context, null when not found / expired / used, 'rate_limited' when refused. */
export type CodeLookup = (code: string, requester: string) => ResolvedContext | null | 'rate_limited';

/**
 * The Gather action: `Digits` is the code, `From` (the caller's number) the rate-limit key.
 * Enqueues with the context when found, else says so and enqueues without.
 */
export function codeActionTwiml(params: Record<string, string>, lookup: CodeLookup, options: EnqueueOptions & { prompts?: Partial<VoicePrompts> }): string {
  const prompts = { ...DEFAULT_VOICE_PROMPTS, ...options.prompts };
  const digits = params.Digits ?? '';
  const requester = params.From || params.CallSid || 'unknown';
  const found = lookup(digits, requester);
  const response = new (sdk().twiml.VoiceResponse)();
  if (found === 'rate_limited') response.say(prompts.tooManyAttempts);
  else if (!found) response.say(prompts.codeNotFound);
  enqueue(response, found === 'rate_limited' ? null : found, options, 'phone');
  return response.toString();
}
