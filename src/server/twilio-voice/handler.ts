/**
 * The Twilio Voice routes of `baton-sdk/server`, for the site's own Node server (or Baton's
 * embedded server): one (req, res) handler that answers its paths (src/protocol/voice.ts) and
 * returns false for every other request, so it mounts in front of any Node framework.
 *
 *   POST /api/twilio/voice/token        the browser: a Voice token (outgoing only) + contextRef
 *   POST /api/twilio/voice/agent-token  an agent's softphone (incoming allowed), behind the site's auth
 *   POST /api/twilio/voice/webhook      Twilio: the TwiML App's / numbers' voice URL -> TwiML
 *   POST /api/twilio/voice/code         Twilio: the <Gather> action (a phone caller's 6-digit code)
 *   POST /api/twilio/voice/status       Twilio: call status callbacks, recorded on the conversation
 *   POST /api/twilio/voice/callback-call an agent's desk: call a visitor back (./callbackCall.ts), behind the site's auth
 *
 * Every Twilio route checks X-Twilio-Signature against `publicUrl` + the request's path and query
 * (the URL Twilio was given, not the Host header, which a proxy may rewrite), before reading
 * anything else. Inputs are validated with the schemas of src/protocol/voiceSchema.ts.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type twilio from 'twilio';
import { parseBody } from '../../protocol/chatSchema';
import { HTTP_VOICE_CODE_PATH, HTTP_VOICE_STATUS_PATH, HTTP_VOICE_TOKEN_PATH, HTTP_VOICE_WEBHOOK_PATH, type VoiceTokenResponse } from '../../protocol/voice';
import { VoiceCallbackCallRequestSchema, VoiceCodeParamsSchema, VoiceStatusParamsSchema, VoiceTokenRequestSchema, VoiceWebhookParamsSchema, type TwilioCallStatus } from '../../protocol/voiceSchema';
import { addressKey, clientAddressOf, TRUST_PROXY_MAX } from '../embedded/clientAddress';
import { HttpError, pathOf, readJsonBody, sendError, sendJson } from '../embedded/http';
import { AttemptLimiter } from '../embedded/rateLimits';
import { verifyContext } from '../embedded/verifyContext';
import { toTwilioIdentity } from '../twilio/identity';
import { verifyTwilioRequest } from '../twilio/signature';
import type { RoutingHints } from '../twilio/taskSummary';
import { createContextRefStore, type ContextRefStore } from './contextRefs';
import { readFormBody } from '../twilio/formBody';
import { mintVoiceToken } from './token';
import { memoryWebhookEventLog, webhookEventKey, type WebhookEventLog } from '../twilio/webhookEvents';
import { codeActionTwiml, DEFAULT_VOICE_PROMPTS, voiceWebhookTwiml, type CodeLookup, type ResolvedContext, type VoicePrompts } from './twiml';
import { CALLBACK_CALL_WINDOW_MS, CALLBACK_CALLS_PER_WINDOW, callbackCallTwiml, HTTP_VOICE_CALLBACK_CALL_PATH, placeCallbackCall } from './callbackCall';
import { peer } from '../peers';

/** POST: an agent's softphone token (incoming calls allowed). Only with `authenticateAgent`. */
export const HTTP_VOICE_AGENT_TOKEN_PATH = '/api/twilio/voice/agent-token';
/** Visitor tokens per client address per window: a visitor needs one per call plus refreshes. */
export const VOICE_TOKENS_PER_WINDOW = 20;
export const VOICE_TOKEN_WINDOW_MS = 10 * 60 * 1000;
/** Visitor tokens live an hour and are refreshed on `tokenWillExpire`. */
export const VISITOR_TOKEN_TTL_SECONDS = 3600;

export interface VoiceStatusEvent {
  callSid: string;
  status: TwilioCallStatus;
  /** Seconds, on 'completed'. */
  durationSec?: number;
  /** The conversation the call belongs to, when the browser started it from a chat (or a callback call named it). */
  conversationId?: string;
  contextRef?: string;
  /** A callback call's callback id (./callbackCall.ts). */
  callbackId?: string;
  at: number;
}

export interface TwilioVoiceHandlerConfig {
  accountSid: string;
  apiKey: string;
  apiSecret: string;
  /** The account's auth token: Twilio signs its webhooks with it. */
  authToken: string;
  /** The TwiML App (AP + 32 hex) whose voice URL is `${publicUrl}/api/twilio/voice/webhook`. */
  twimlAppSid: string;
  /** The Flex / TaskRouter workflow (WW + 32 hex) calls are enqueued to. */
  workflowSid: string;
  /**
   * The public base URL Twilio calls, exactly as configured in the console (scheme, host, port,
   * any path prefix), e.g. 'https://shop.example.com'. Signatures are computed over it.
   */
  publicUrl: string;
  /** The secret the site signs identities with (as for chat): verified fields are marked so. */
  identitySecret: string;
  /**
   * Origins whose pages may ask for a visitor token (the browser sends Origin on cross-origin
   * POSTs). Default: publicUrl's origin only.
   */
  allowedOrigins?: string[];
  /**
   * How many reverse proxies in front of this server append the address they saw to
   * X-Forwarded-For (default 0: the socket's peer is the client): the token route's per-address
   * limit then counts the real client, not the proxy. As createEmbeddedServer's `trustProxy`
   * (`npm start`: BATON_TRUST_PROXY); never set it without a proxy, since any client can write that header.
   */
  trustProxy?: number;
  /** Routing hints for every call; the visitor's menu choice (snapshot.routing) refines them. */
  hints?: RoutingHints;
  /**
   * The site's agent authentication (its session cookie, say): the agent's stable id, or null.
   * Without it the agent-token route answers 404.
   */
  authenticateAgent?: (req: IncomingMessage) => Promise<string | null> | string | null;
  /**
   * The conversation of the chat whose credential the browser sends with a call (for Twilio chat:
   * createTwilioChatHandler(...).conversationOf), so the call is linked to the caller's own
   * conversation. Without it, or when it finds none, the call is linked to no conversation: the
   * route never takes a conversation id from the page (anyone could name someone else's).
   */
  conversationOf?: (credential: string) => string | null | Promise<string | null>;
  /** A browser call that should ring one agent directly: that agent's Twilio identity, else null. */
  directAgent?: (params: Record<string, string>) => string | null;
  /** A phone caller's code: the context it stands for (see createContextCodes), null, or 'rate_limited'. */
  lookupCode?: CodeLookup;
  /** Call status callbacks, e.g. to write "Call ended (3 min)" into the conversation. */
  onStatus?: (event: VoiceStatusEvent) => void;
  prompts?: Partial<VoicePrompts>;
  /**
   * The company's Twilio number (E.164) that callback calls come from (issue 15: "Call now" on a
   * callback, ./callbackCall.ts). With `authenticateAgent`, it enables the callback-call route.
   */
  callerId?: string;
  /** A `twilio(...)` REST client for callback calls; default: one made from the API key. */
  rest?: twilio.Twilio;
  contexts?: ContextRefStore;
  /**
   * Where handled status callbacks are recorded, so a replay (or Twilio's retry of a handled one)
   * changes nothing: createWebhookEventLog({ path }) survives restarts. Default: in memory.
   */
  events?: WebhookEventLog;
  now?: () => number;
}

export type TwilioVoiceHandler = ((req: IncomingMessage, res: ServerResponse) => boolean) & {
  /** The context references the token route minted (for tests and for the site's own lookups). */
  contexts: ContextRefStore;
};

const E164 = /^\+[1-9][0-9]{6,14}$/;
const SID = (prefix: string) => new RegExp(`^${prefix}[0-9a-fA-F]{32}$`);

function checkConfig(config: TwilioVoiceHandlerConfig): URL {
  const problems: string[] = [];
  if (!SID('AC').test(config.accountSid ?? '')) problems.push('accountSid must be AC + 32 hex digits');
  if (!SID('SK').test(config.apiKey ?? '')) problems.push('apiKey must be SK + 32 hex digits');
  if (!config.apiSecret) problems.push('apiSecret is required');
  if (!config.authToken) problems.push('authToken is required (Twilio signs webhooks with it)');
  if (!SID('AP').test(config.twimlAppSid ?? '')) problems.push('twimlAppSid must be AP + 32 hex digits');
  if (!SID('WW').test(config.workflowSid ?? '')) problems.push('workflowSid must be WW + 32 hex digits');
  if (!config.identitySecret) problems.push('identitySecret is required');
  if (config.callerId !== undefined && !E164.test(config.callerId)) problems.push('callerId must be an E.164 number (the company\'s Twilio number), e.g. +33180000000');
  const proxies = config.trustProxy ?? 0;
  if (!Number.isInteger(proxies) || proxies < 0 || proxies > TRUST_PROXY_MAX) problems.push(`trustProxy must be a whole number from 0 to ${TRUST_PROXY_MAX} (the proxies in front of the server)`);
  let url: URL | null = null;
  try {
    url = new URL(config.publicUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') problems.push('publicUrl must be http(s)');
  } catch {
    problems.push('publicUrl must be an absolute URL, e.g. https://shop.example.com');
  }
  if (problems.length) throw new Error(`createTwilioVoiceHandler: ${problems.join('; ')}`);
  return url!;
}

/** The Node (req, res) handler for Baton's Twilio Voice routes; throws at once on a bad config. */
export function createTwilioVoiceHandler(config: TwilioVoiceHandlerConfig): TwilioVoiceHandler {
  const base = checkConfig(config);
  const basePath = base.pathname.replace(/\/$/, '');
  const publicUrl = `${base.origin}${basePath}`;
  const allowedOrigins = new Set(config.allowedOrigins ?? [base.origin]);
  const now = config.now ?? Date.now;
  const contexts = config.contexts ?? createContextRefStore({ now });
  const limiter = new AttemptLimiter(VOICE_TOKENS_PER_WINDOW, VOICE_TOKEN_WINDOW_MS, 10_000);
  const addressOf = clientAddressOf(config.trustProxy ?? 0);
  const events = config.events ?? memoryWebhookEventLog();
  const enqueue = { workflowSid: config.workflowSid, ...(config.hints ? { hints: config.hints } : {}) };
  const callbackLimiter = new AttemptLimiter(CALLBACK_CALLS_PER_WINDOW, CALLBACK_CALL_WINDOW_MS, 10_000);
  let rest: twilio.Twilio | undefined = config.rest;

  const resolve = (ref: string): ResolvedContext | null => {
    const e = contexts.get(ref);
    return e ? { snapshot: e.snapshot, ...(e.conversationId ? { conversationId: e.conversationId } : {}) } : null;
  };

  function mint(identity: string, incomingAllow: boolean): string {
    return mintVoiceToken({
      accountSid: config.accountSid,
      apiKey: config.apiKey,
      apiSecret: config.apiSecret,
      identity,
      outgoingApplicationSid: config.twimlAppSid,
      incomingAllow,
      ttlSeconds: VISITOR_TOKEN_TTL_SECONDS,
    });
  }

  /** CORS for the browser routes: only the allowed origins, never credentials from others. */
  function cors(req: IncomingMessage, res: ServerResponse): void {
    const origin = req.headers.origin;
    if (origin && !allowedOrigins.has(origin)) throw new HttpError(403, 'forbidden', 'This origin may not ask for call tokens');
    if (origin) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Vary', 'Origin');
    }
  }

  async function visitorToken(req: IncomingMessage, res: ServerResponse): Promise<void> {
    cors(req, res);
    // The client (behind trusted proxies: from X-Forwarded-For), an IPv6 one by its /64.
    const who = addressKey(addressOf(req));
    const wait = limiter.retryAfterMs(who, now());
    if (wait > 0) throw new HttpError(429, 'rate_limited', 'Too many call tokens from this address; try again later', { 'Retry-After': String(Math.ceil(wait / 1000)) });
    const parsed = parseBody(VoiceTokenRequestSchema, await readJsonBody(req));
    if (!parsed.ok) throw new HttpError(400, 'bad_request', parsed.message);
    limiter.record(who, now());
    const body = parsed.value;
    let entry;
    let refresh: string;
    if ('refresh' in body) {
      const found = contexts.refresh(body.refresh);
      if (!found) throw new HttpError(401, 'unauthorized', 'This call has expired; start a new one');
      ({ entry, refresh } = found);
    } else {
      // A fresh random identity per call: the site's user ids (maybe e-mails) never reach Twilio.
      const identity = `visitor_${randomBytes(16).toString('hex')}`;
      const snapshot = verifyContext(body.context, config.identitySecret, now());
      // Bound to the caller's own credential: the conversation is looked up, never taken from the page.
      const conversationId = body.credential && config.conversationOf ? await config.conversationOf(body.credential) : null;
      ({ entry, refresh } = contexts.create({ identity, snapshot, ...(conversationId ? { conversationId } : {}) }));
    }
    const answer: VoiceTokenResponse = {
      token: mint(entry.identity, false),
      identity: entry.identity,
      contextRef: entry.contextRef,
      refresh,
      expiresAt: now() + VISITOR_TOKEN_TTL_SECONDS * 1000,
    };
    sendJson(res, 200, answer);
  }

  async function agentToken(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!config.authenticateAgent) throw new HttpError(404, 'not_found', 'Agent tokens are not enabled on this server');
    const agentId = await config.authenticateAgent(req);
    if (!agentId) throw new HttpError(401, 'unauthorized', 'Sign in as an agent first');
    const identity = toTwilioIdentity(`agent_${agentId}`);
    sendJson(res, 200, { token: mint(identity, true), identity, expiresAt: now() + VISITOR_TOKEN_TTL_SECONDS * 1000 });
  }

  /** Reads and checks a Twilio webhook: signature first, then the parameters. */
  async function twilioParams(req: IncomingMessage): Promise<Record<string, string>> {
    return (await signedWebhook(req)).params;
  }

  async function signedWebhook(req: IncomingMessage): Promise<{ params: Record<string, string>; key: string }> {
    const params = await readFormBody(req);
    // req.url is the path and query Twilio requested (it includes publicUrl's path prefix).
    const url = `${base.origin}${req.url ?? '/'}`;
    if (!verifyTwilioRequest({ authToken: config.authToken, signature: req.headers['x-twilio-signature'], url, params })) {
      throw new HttpError(403, 'forbidden', 'X-Twilio-Signature does not match: not from Twilio, or publicUrl differs from the URL configured at Twilio');
    }
    return { params, key: webhookEventKey(url, params) };
  }

  function sendTwiml(res: ServerResponse, xml: string): void {
    res.statusCode = 200;
    res.setHeader('Content-Type', 'text/xml; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.end(xml);
  }

  async function webhook(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const params = await twilioParams(req);
    const parsed = parseBody(VoiceWebhookParamsSchema, params);
    if (!parsed.ok) throw new HttpError(400, 'bad_request', parsed.message);
    if (parsed.value.contextRef) contexts.attachCall(parsed.value.contextRef, parsed.value.CallSid);
    sendTwiml(res, voiceWebhookTwiml(params, {
      ...enqueue,
      codeActionUrl: `${publicUrl}${HTTP_VOICE_CODE_PATH}`,
      resolveContextRef: resolve,
      ...(config.directAgent ? { directAgent: config.directAgent } : {}),
      ...(config.prompts ? { prompts: config.prompts } : {}),
    }));
  }

  async function code(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const params = await twilioParams(req);
    const parsed = parseBody(VoiceCodeParamsSchema, params);
    if (!parsed.ok) throw new HttpError(400, 'bad_request', parsed.message);
    const lookup: CodeLookup = config.lookupCode ?? (() => null);
    sendTwiml(res, codeActionTwiml(params, lookup, { ...enqueue, ...(config.prompts ? { prompts: config.prompts } : {}) }));
  }

  async function status(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { params, key } = await signedWebhook(req);
    const parsed = parseBody(VoiceStatusParamsSchema, params);
    if (!parsed.ok) throw new HttpError(400, 'bad_request', parsed.message);
    // Once per event: a replayed status (a call "completed" again, say) is answered and changes nothing.
    if (!events.first(key)) {
      res.statusCode = 204;
      res.end();
      return;
    }
    const { CallSid, CallStatus, CallDuration } = parsed.value;
    // A callback call's references ride in its status URL, covered by the signature.
    const query = new URL(req.url ?? '/', base.origin).searchParams;
    const ref = (name: string) => {
      const value = query.get(name);
      return value && /^[A-Za-z0-9_-]{1,64}$/.test(value) ? value : undefined;
    };
    const callbackId = ref('callbackId');
    const at = now();
    const durationSec = CallDuration !== undefined ? Number(CallDuration) : undefined;
    try {
      const entry = contexts.recordStatus(CallSid, { callSid: CallSid, status: CallStatus, at, ...(durationSec !== undefined ? { durationSec } : {}) });
      config.onStatus?.({
        callSid: CallSid,
        status: CallStatus,
        at,
        ...(durationSec !== undefined ? { durationSec } : {}),
        ...(entry?.conversationId ? { conversationId: entry.conversationId } : ref('conversationId') ? { conversationId: ref('conversationId')! } : {}),
        ...(entry ? { contextRef: entry.contextRef } : {}),
        ...(callbackId ? { callbackId } : {}),
      });
    } catch (error) {
      events.forget(key); // not handled: Twilio's retry must be
      throw error;
    }
    res.statusCode = 204;
    res.end();
  }

  /** "Call now" on a callback (./callbackCall.ts): the visitor's phone first, then the agent's softphone. */
  async function callbackCall(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!config.authenticateAgent || !config.callerId) throw new HttpError(404, 'not_found', 'Callback calls are not enabled on this server (they need authenticateAgent and callerId)');
    const agentId = await config.authenticateAgent(req);
    if (!agentId) throw new HttpError(401, 'unauthorized', 'Sign in as an agent first');
    const wait = callbackLimiter.retryAfterMs(agentId, now());
    if (wait > 0) throw new HttpError(429, 'rate_limited', 'Too many callback calls; try again later', { 'Retry-After': String(Math.ceil(wait / 1000)) });
    const parsed = parseBody(VoiceCallbackCallRequestSchema, await readJsonBody(req));
    if (!parsed.ok) throw new HttpError(400, 'bad_request', parsed.message);
    callbackLimiter.record(agentId, now());
    const { to, callbackId, conversationId } = parsed.value;
    const refs = { ...(callbackId ? { callbackId } : {}), ...(conversationId ? { conversationId } : {}) };
    const statusUrl = `${publicUrl}${HTTP_VOICE_STATUS_PATH}${callbackId || conversationId ? `?${new URLSearchParams(refs)}` : ''}`;
    const prompt = config.prompts?.callbackNoAgent ?? DEFAULT_VOICE_PROMPTS.callbackNoAgent;
    const twiml = callbackCallTwiml(toTwilioIdentity(`agent_${agentId}`), { ...refs, visitorPhone: to }, prompt);
    rest ??= peer<typeof twilio>('twilio')(config.apiKey, config.apiSecret, { accountSid: config.accountSid });
    try {
      sendJson(res, 201, await placeCallbackCall(rest, { from: config.callerId, to, twiml, statusUrl }));
    } catch (e) {
      // Twilio's RestException: its status, code and message say why (a number it cannot call, say).
      const refused = e as { status?: unknown; code?: unknown; message?: unknown };
      if (typeof refused.status !== 'number') throw e;
      throw new HttpError(502, 'unavailable', `Twilio refused the call (${String(refused.code)}): ${String(refused.message)}`);
    }
  }

  const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => Promise<void>> = {
    [HTTP_VOICE_CALLBACK_CALL_PATH]: callbackCall,
    [HTTP_VOICE_TOKEN_PATH]: visitorToken,
    [HTTP_VOICE_AGENT_TOKEN_PATH]: agentToken,
    [HTTP_VOICE_WEBHOOK_PATH]: webhook,
    [HTTP_VOICE_CODE_PATH]: code,
    [HTTP_VOICE_STATUS_PATH]: status,
  };

  const handler = ((req: IncomingMessage, res: ServerResponse): boolean => {
    const full = pathOf(req);
    if (full === null || (basePath && !full.startsWith(`${basePath}/`))) return false;
    const path = full.slice(basePath.length);
    const route = routes[path];
    if (!route) return false;
    if (req.method === 'OPTIONS' && path === HTTP_VOICE_TOKEN_PATH) {
      try {
        cors(req, res);
        res.setHeader('Access-Control-Allow-Methods', 'POST');
        res.setHeader('Access-Control-Allow-Headers', 'content-type');
        res.setHeader('Access-Control-Max-Age', '600');
        res.statusCode = 204;
        res.end();
      } catch (e) {
        sendError(res, 403, 'forbidden', (e as Error).message);
      }
      return true;
    }
    if (req.method !== 'POST') {
      sendError(res, 405, 'method_not_allowed', `${path} takes POST`, { Allow: 'POST' });
      return true;
    }
    route(req, res).catch((e: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (e instanceof HttpError) sendError(res, e.status, e.code, e.message, e.headers);
      else {
        console.error('[Baton] Twilio Voice route failed:', e);
        sendError(res, 500, 'server_error', 'The call server failed; try again');
      }
    });
    return true;
  }) as TwilioVoiceHandler;
  handler.contexts = contexts;
  return handler;
}
