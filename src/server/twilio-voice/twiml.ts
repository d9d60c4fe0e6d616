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
import twilio from 'twilio';
import type { ContextSnapshot, SignalType } from '../../protocol/context';

/** Flex / TaskRouter refuses task attributes over 4,096 characters. */
export const TASK_ATTRIBUTES_MAX_CHARS = 4096;
/** Journey entries put in a task at most (newest), before any trimming for size. */
export const TASK_JOURNEY_MAX = 10;
/** A context code: exactly 6 digits. */
export const CONTEXT_CODE_DIGITS = 6;
/** Seconds Twilio waits for the caller to type the code. */
export const GATHER_TIMEOUT_SECONDS = 8;
const HINT_MAX_CHARS = 64;
const DEFAULT_STRING_CAP = 200;

/** Routing hints for the Flex workflow (match them in its filter expressions). */
export interface RoutingHints {
  queue?: string;
  skill?: string;
}

/** What a contextRef or a context code resolves to. */
export interface ResolvedContext {
  conversationId?: string;
  snapshot: ContextSnapshot | null;
}

export interface TaskSummary {
  channel: 'baton_call';
  conversationId?: string;
  queue?: string;
  skill?: string;
  name: string | null;
  email: string | null;
  verified: { id: boolean; name: boolean; email: boolean };
  page: { title: string; path: string } | null;
  /** Newest last. */
  journey: { path: string; title: string; at: number }[];
  /** Journey entries left out (older ones), so the agent knows the list is partial. */
  journeyOmitted: number;
  signals: Partial<Record<SignalType, number>>;
}

const cut = (s: string | undefined | null, max: number): string | null => (s == null ? null : s.length > max ? s.slice(0, max) : s);

/**
 * The Task attributes JSON for a call: a summary of the snapshot plus routing hints, always at most
 * 4,096 characters. To fit, the journey is trimmed first (oldest entries go), then every free-text
 * field is cut shorter and shorter (JSON escaping can multiply a control character by 6).
 */
export function summarizeForTask(snapshot: ContextSnapshot | null, hints: RoutingHints = {}, conversationId?: string): string {
  const journeyAll = snapshot?.journey ?? [];
  const build = (journeyCount: number, cap: number): string => {
    const id = snapshot?.identity ?? null;
    const journey = journeyAll.slice(journeyAll.length - journeyCount).map((j) => ({
      path: cut(j.path, cap) ?? '',
      title: cut(j.title, Math.min(cap, 80)) ?? '',
      at: j.at,
    }));
    const signals: Partial<Record<SignalType, number>> = {};
    for (const s of snapshot?.signals ?? []) signals[s.type] = (signals[s.type] ?? 0) + s.count;
    const summary: TaskSummary = {
      channel: 'baton_call',
      ...(conversationId ? { conversationId: cut(conversationId, HINT_MAX_CHARS)! } : {}),
      ...(hints.queue ? { queue: cut(hints.queue, HINT_MAX_CHARS)! } : {}),
      ...(hints.skill ? { skill: cut(hints.skill, HINT_MAX_CHARS)! } : {}),
      name: cut(id?.name, cap),
      email: cut(id?.email, cap),
      verified: { id: !!id?.verified.id, name: !!id?.verified.name, email: !!id?.verified.email },
      page: snapshot ? { title: cut(snapshot.page.title, cap) ?? '', path: cut(snapshot.page.path, cap) ?? '' } : null,
      journey,
      journeyOmitted: journeyAll.length - journeyCount,
      signals,
    };
    return JSON.stringify(summary);
  };
  let json = '';
  for (let n = Math.min(TASK_JOURNEY_MAX, journeyAll.length); n >= 0; n--) {
    json = build(n, DEFAULT_STRING_CAP);
    if (json.length <= TASK_ATTRIBUTES_MAX_CHARS) return json;
  }
  for (let cap = DEFAULT_STRING_CAP >> 1; cap >= 0; cap = cap === 0 ? -1 : cap >> 1) {
    json = build(0, cap);
    if (json.length <= TASK_ATTRIBUTES_MAX_CHARS) return json;
  }
  // Unreachable: with every string cut to 0 the summary is a few hundred characters.
  throw new Error('summarizeForTask: summary does not fit');
}

export interface EnqueueOptions {
  /** The Flex / TaskRouter workflow (WW + 32 hex). */
  workflowSid: string;
  hints?: RoutingHints;
}

function enqueue(response: twilio.twiml.VoiceResponse, context: ResolvedContext | null, options: EnqueueOptions): void {
  const attributes = summarizeForTask(context?.snapshot ?? null, options.hints, context?.conversationId);
  response.enqueue({ workflowSid: options.workflowSid }).task({}, attributes);
}

/** `<Enqueue workflowSid><Task>{summary}</Task></Enqueue>`. */
export function enqueueTwiml(context: ResolvedContext | null, options: EnqueueOptions): string {
  const response = new twilio.twiml.VoiceResponse();
  enqueue(response, context, options);
  return response.toString();
}

/** `<Dial><Client>identity</Client></Dial>`: straight to one agent's browser. */
export function dialClientTwiml(agentIdentity: string): string {
  const response = new twilio.twiml.VoiceResponse();
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
}

const DEFAULT_PROMPTS: VoicePrompts = {
  askCode: 'Welcome. If the website shows you a six digit code, please enter it now.',
  noCode: 'No code received. Connecting you to an agent.',
  codeNotFound: 'That code was not found. Connecting you to an agent.',
  tooManyAttempts: 'Too many attempts. Connecting you to an agent.',
};

const CONTEXT_REF_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

/** Whether the webhook is for a browser (Voice SDK) call: Twilio sends From=client:<identity>. */
export function isBrowserCall(params: Record<string, string>): boolean {
  return (params.From ?? '').startsWith('client:') || params.contextRef !== undefined;
}

/** The answer to the voice webhook (the TwiML App's / phone number's voice URL). */
export function voiceWebhookTwiml(params: Record<string, string>, options: VoiceWebhookOptions): string {
  const prompts = { ...DEFAULT_PROMPTS, ...options.prompts };
  if (isBrowserCall(params)) {
    const agent = options.directAgent?.(params) ?? null;
    if (agent) return dialClientTwiml(agent);
    const ref = params.contextRef;
    const context = ref && CONTEXT_REF_PATTERN.test(ref) ? options.resolveContextRef(ref) : null;
    return enqueueTwiml(context, options);
  }
  const response = new twilio.twiml.VoiceResponse();
  response
    .gather({ numDigits: CONTEXT_CODE_DIGITS, action: options.codeActionUrl, method: 'POST', timeout: GATHER_TIMEOUT_SECONDS, input: ['dtmf'] })
    .say(prompts.askCode);
  // Reached only when the caller typed nothing (Twilio then skips the action).
  response.say(prompts.noCode);
  enqueue(response, null, options);
  return response.toString();
}

/** A code lookup: the context, null when not found / expired / used, 'rate_limited' when refused. */
export type CodeLookup = (code: string, requester: string) => ResolvedContext | null | 'rate_limited';

/**
 * The Gather action: `Digits` is the code, `From` (the caller's number) the rate-limit key.
 * Enqueues with the context when found, else says so and enqueues without.
 */
export function codeActionTwiml(params: Record<string, string>, lookup: CodeLookup, options: EnqueueOptions & { prompts?: Partial<VoicePrompts> }): string {
  const prompts = { ...DEFAULT_PROMPTS, ...options.prompts };
  const digits = params.Digits ?? '';
  const requester = params.From || params.CallSid || 'unknown';
  const found = lookup(digits, requester);
  const response = new twilio.twiml.VoiceResponse();
  if (found === 'rate_limited') response.say(prompts.tooManyAttempts);
  else if (!found) response.say(prompts.codeNotFound);
  enqueue(response, found === 'rate_limited' ? null : found, options);
  return response.toString();
}
