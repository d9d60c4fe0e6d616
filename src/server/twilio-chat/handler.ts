/**
 * `createTwilioChatHandler(options)`: the Twilio chat routes of the site's Node server, as one
 * `(req, res) => boolean` handler (true when it answered; false lets the site's own routes run):
 *
 *   POST /twilio/chat/session  {visitorId, context} -> {token, ttlSeconds, conversationSid, identity, verified}
 *                              verifies the identity proof, creates or reuses the conversation, adds
 *                              the participant, mints a ChatGrant token. Also the token refresh.
 *   POST /twilio/chat/context  {visitorId, context} -> 204: rewrites the conversation's attributes
 *                              (the browser never writes them: `identity.verified` is the server's verdict).
 *   POST /twilio/chat/continue {visitorId, channel, phone, confirm} -> {channel, address, display, continued}
 *                              "Continue by SMS / on WhatsApp" (./messaging.ts): the number checked
 *                              (confirm: false), then a messaging participant added (confirm: true).
 *   POST /twilio/chat/webhook  Twilio's post-event webhooks (form-encoded), checked against
 *                              X-Twilio-Signature, then handed to `onEvent`.
 *
 * Every body is validated (valibot schemas in src/protocol/twilio.ts); a refusal is
 * `{ error: { code, message } }` with a 4xx status, and nothing reaches Twilio.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type twilio from 'twilio';
import { peer } from '../peers';

/** The twilio package, loaded on first use (an optional peer: src/server/peers.ts). */
const sdk = () => peer<typeof twilio>('twilio');
import * as v from 'valibot';
import { parseBody } from '../../protocol/chatSchema';
import {
  TWILIO_BOT_IDENTITY,
  TWILIO_CHAT_CONTEXT_PATH,
  TWILIO_CHAT_CONTINUE_PATH,
  TWILIO_CHAT_HANDOVER_PATH,
  TwilioChatContinueRequestSchema,
  TWILIO_CHAT_RATE_PATH,
  TwilioChatHandoverRequestSchema,
  TwilioChatRateRequestSchema,
  TWILIO_CHAT_SESSION_PATH,
  TWILIO_CHAT_WEBHOOK_PATH,
  TwilioChatContextRequestSchema,
  TwilioChatSessionRequestSchema,
  type TwilioChatSessionResponse,
} from '../../protocol/twilio';
import type { ContextSnapshot } from '../../protocol/context';
import { addressKey, clientAddressOf } from '../embedded/clientAddress';
import { HttpError, readJsonBody, sendError, sendJson } from '../embedded/http';
import { LIMITER_KEYS_MAX, NEW_VISITORS_PER_ADDRESS_BURST, NEW_VISITORS_PER_ADDRESS_PER_MINUTE } from '../embedded/limits';
import { KeyedTokenBuckets } from '../embedded/rateLimits';
import { verifyTwilioRequest } from '../twilio/signature';
import type { TwilioChatConfig } from './config';
import { createTwilioChatSession, rateTwilioConversation, twilioConversationOf, updateTwilioChatContext } from './session';
import { readFormBody } from '../twilio/formBody';
import { parseWebhookEvent, type TwilioChatWebhookEvent } from './webhook';
import { createFlexTask, isFirstVisitorMessage, type FlexRouting } from './flexTask';
import { memoryWebhookEventLog, webhookEventKey, type WebhookEventLog } from '../twilio/webhookEvents';
import type { BotHook } from '../bot/hook';
import { BOT_NAME_MAX_CHARS } from '../../protocol/chat';
import { createTwilioBot } from './bot';
import type { CountryCode } from 'libphonenumber-js/min';
import { checkContinue, continueOnMessaging, messagingChannelsOf } from './messaging';

/** Access tokens live an hour; the browser refreshes them on `tokenAboutToExpire` (3 minutes before). */
export const TWILIO_CHAT_TOKEN_TTL_SECONDS = 3600;
/**
 * Context rewrites per visitor: at most one every 2 s (the browser sends at most one per 5 s; this
 * guards Twilio's per-conversation update rate from a misbehaving client). Extra ones get 429.
 */
export const TWILIO_CONTEXT_MIN_INTERVAL_MS = 2000;
/**
 * "Continue by SMS / on WhatsApp", confirmed (each adds a participant and sends a billed text):
 * per visitor 3 in a burst then 1 an hour; per client address 10 then 10 an hour; per phone number
 * 3 then 1 an hour (so nobody makes the company text a stranger's number over and over: SMS
 * pumping). Checks without `confirm` cost Twilio nothing and count only per address (60 a minute).
 */
export const CONTINUE_PER_VISITOR = { perMinute: 1 / 60, burst: 3 };
export const CONTINUE_PER_ADDRESS = { perMinute: 10 / 60, burst: 10 };
export const CONTINUE_PER_NUMBER = { perMinute: 1 / 60, burst: 3 };
export const CONTINUE_CHECKS_PER_ADDRESS = { perMinute: 60, burst: 60 };

export interface TwilioChatHandlerOptions {
  config: TwilioChatConfig;
  /** The secret shared with the site for identity proofs (HMAC or HS256 JWT). */
  identitySecret: string;
  /** A `twilio(...)` REST client; default: one made from the config's API key. */
  client?: twilio.Twilio;
  ttlSeconds?: number;
  /**
   * The public base URL Twilio calls (`https://shop.example`), exactly as configured in the
   * Conversations webhook: signatures cover the full URL. Default: rebuilt from the Host header
   * (and X-Forwarded-Proto), which is right unless a proxy rewrites the host.
   */
  publicUrl?: string;
  /** Origins (besides the server's own) whose pages may call the session and context routes (CORS). */
  allowedOrigins?: readonly string[];
  /** Each verified webhook event (onMessageAdded...): forward it to your desk, log it, etc. */
  onEvent?(event: TwilioChatWebhookEvent): void | Promise<void>;
  /**
   * Route conversations to Flex: on the visitor's first message (webhook onMessageAdded, so the
   * webhook must be configured), create a Flex interaction + task with Baton's summary (flexTask.ts).
   */
  flex?: FlexRouting;
  /**
   * Where handled webhook events are recorded, so a replay (or Twilio's retry of a handled one)
   * changes nothing: createWebhookEventLog({ path }) survives restarts. Default: in memory.
   */
  events?: WebhookEventLog;
  /**
   * How many reverse proxies in front of this server append the address they saw to
   * X-Forwarded-For (default 0: the socket's peer is the client), for the per-address limit on new
   * conversations; as createEmbeddedServer's `trustProxy` (`npm start`: BATON_TRUST_PROXY).
   */
  trustProxy?: number;
  /**
   * The site's bot (docs/bot.md): the same hook as createEmbeddedServer's, answering through the
   * REST API as the participant `baton_bot` after each visitor message (the webhook must be set),
   * until a person is wanted (`POST /twilio/chat/handover` from the widget's "Talk to a person",
   * the hook's handover, the limits) or an agent joins. With `flex`, the task is created at the
   * handover instead of the first message.
   */
  bot?: BotHook;
  /**
   * "Continue by SMS / on WhatsApp": how to read a number a visitor types without + (ISO 3166
   * alpha-2, e.g. 'GB'); without it such numbers are refused, asking for the country code. The
   * company's numbers are the config's `smsNumber` / `whatsappNumber`.
   */
  phoneCountry?: CountryCode;
  /** The bot's name on its messages: 1..60 characters. Default "Baton assistant". */
  botName?: string;
  now?(): number;
}

export type TwilioChatHandler = ((req: IncomingMessage, res: ServerResponse) => boolean) & {
  /**
   * The SID of the open conversation of the visitor holding `visitorId` (their chat credential), or
   * null: what createTwilioVoiceHandler's `conversationOf` needs to bind a call to the caller's chat.
   */
  conversationOf(visitorId: string): Promise<string | null>;
};

export function createTwilioChatHandler(options: TwilioChatHandlerOptions): TwilioChatHandler {
  const { config, identitySecret } = options;
  const ttlSeconds = options.ttlSeconds ?? TWILIO_CHAT_TOKEN_TTL_SECONDS;
  const client = options.client ?? sdk()(config.apiKey, config.apiSecret, { accountSid: config.accountSid });
  const session = createTwilioChatSession({ config, client, identitySecret, ttlSeconds });
  const now = options.now ?? Date.now;
  const allowed = new Set((options.allowedOrigins ?? []).map((o) => o.replace(/\/+$/, '').toLowerCase()));
  const lastContext = new Map<string, number>();
  // New conversations per client address: each is a Twilio conversation (REST calls, billed), and
  // the visitor id is the browser's to choose, so only the address bounds them (issue 13).
  const addressOf = clientAddressOf(options.trustProxy ?? 0, 'createTwilioChatHandler');
  const newConversations = new KeyedTokenBuckets(NEW_VISITORS_PER_ADDRESS_PER_MINUTE, NEW_VISITORS_PER_ADDRESS_BURST, LIMITER_KEYS_MAX);
  const events = options.events ?? memoryWebhookEventLog();
  const buckets = (l: { perMinute: number; burst: number }) => new KeyedTokenBuckets(l.perMinute, l.burst, LIMITER_KEYS_MAX);
  const continueLimits = { visitor: buckets(CONTINUE_PER_VISITOR), address: buckets(CONTINUE_PER_ADDRESS), number: buckets(CONTINUE_PER_NUMBER), checks: buckets(CONTINUE_CHECKS_PER_ADDRESS) };
  const continueOn = messagingChannelsOf(config);
  /** Conversations routed to Flex by this process: Twilio retries a webhook, which must not make a second task. */
  const routed = new Set<string>();
  const botName = (options.botName ?? 'Baton assistant').trim();
  if (!botName || botName.length > BOT_NAME_MAX_CHARS) throw new TypeError(`createTwilioChatHandler: botName must be 1..${BOT_NAME_MAX_CHARS} characters`);
  const bot = options.bot ? createTwilioBot({ client, config, hook: options.bot, name: botName, ...(options.flex ? { flex: options.flex } : {}) }) : null;

  const cors = (req: IncomingMessage): Record<string, string> => {
    const origin = req.headers.origin;
    return typeof origin === 'string' && allowed.has(origin.toLowerCase())
      ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' }
      : {};
  };

  /** A browser POST from a page of another origin that is not allowed: refused before any work. */
  const checkOrigin = (req: IncomingMessage) => {
    const origin = req.headers.origin;
    if (typeof origin !== 'string') return;
    const host = req.headers.host;
    const own = host && (origin === `http://${host}` || origin === `https://${host}`);
    if (!own && !allowed.has(origin.toLowerCase())) throw new HttpError(403, 'forbidden', `Origin ${origin} may not use the Twilio chat routes (allowedOrigins)`);
  };

  const readRequest = async <S extends v.GenericSchema>(req: IncomingMessage, schema: S): Promise<v.InferOutput<S>> => {
    checkOrigin(req);
    const parsed = parseBody(schema, await readJsonBody(req));
    if (!parsed.ok) throw new HttpError(400, 'bad_request', parsed.message);
    return parsed.value;
  };

  const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => Promise<void>> = {
    [TWILIO_CHAT_SESSION_PATH]: async (req, res) => {
      const body = await readRequest(req, TwilioChatSessionRequestSchema);
      const address = addressKey(addressOf(req));
      const beforeCreate = () => {
        const wait = newConversations.take(address, now());
        if (wait > 0) throw new HttpError(429, 'rate_limited', 'Too many new conversations from this address; try again later', { 'Retry-After': String(Math.ceil(wait / 1000)) });
      };
      const s = await session({ visitorId: body.visitorId, context: body.context as ContextSnapshot, beforeCreate });
      const answer: TwilioChatSessionResponse = { token: s.token, ttlSeconds, conversationSid: s.conversationSid, identity: s.identity, verified: s.verified, ...(continueOn.length ? { continueOn } : {}), ...(config.whatsappNumber ? { whatsappNumber: config.whatsappNumber } : {}) };
      sendJson(res, 200, answer, cors(req));
    },
    [TWILIO_CHAT_CONTEXT_PATH]: async (req, res) => {
      const body = await readRequest(req, TwilioChatContextRequestSchema);
      const t = now();
      if (t - (lastContext.get(body.visitorId) ?? -Infinity) < TWILIO_CONTEXT_MIN_INTERVAL_MS) {
        throw new HttpError(429, 'rate_limited', `At most one context update every ${TWILIO_CONTEXT_MIN_INTERVAL_MS} ms`, cors(req));
      }
      lastContext.set(body.visitorId, t);
      // Bounded memory: forget the oldest visitors beyond 10,000 (they just get one more update through).
      if (lastContext.size > 10_000) lastContext.delete(lastContext.keys().next().value!);
      const found = await updateTwilioChatContext({ config, client, identitySecret, visitorId: body.visitorId, context: body.context as ContextSnapshot });
      if (!found) throw new HttpError(404, 'not_found', 'No conversation for this visitor: start a session first', cors(req));
      res.statusCode = 204;
      for (const [k, val] of Object.entries(cors(req))) res.setHeader(k, val);
      res.end();
    },
    [TWILIO_CHAT_HANDOVER_PATH]: async (req, res) => {
      const body = await readRequest(req, TwilioChatHandoverRequestSchema);
      const sid = await twilioConversationOf({ config, client, visitorId: body.visitorId });
      if (!sid) throw new HttpError(404, 'not_found', 'No open conversation for this visitor', cors(req));
      // Asking twice, or with no bot answering, is harmless: 204 either way.
      if (bot) await bot.handOver(sid, 'visitor');
      res.statusCode = 204;
      for (const [k, val] of Object.entries(cors(req))) res.setHeader(k, val);
      res.end();
    },
    [TWILIO_CHAT_CONTINUE_PATH]: async (req, res) => {
      const body = await readRequest(req, TwilioChatContinueRequestSchema);
      const address = addressKey(addressOf(req));
      const t = now();
      const limit = (bucket: KeyedTokenBuckets, key: string, what: string) => {
        const wait = bucket.take(key, t);
        if (wait > 0) throw new HttpError(429, 'rate_limited', `Too many requests to continue by text message ${what}; try again later`, { ...cors(req), 'Retry-After': String(Math.ceil(wait / 1000)) });
      };
      limit(continueLimits.checks, address, 'from this address');
      const input = { config, client, visitorId: body.visitorId, channel: body.channel, phone: body.phone, confirm: body.confirm, country: options.phoneCountry, now };
      let r = checkContinue(input);
      if (r.ok && body.confirm) {
        limit(continueLimits.visitor, body.visitorId, 'for this visitor');
        limit(continueLimits.address, address, 'from this address');
        limit(continueLimits.number, r.answer.address, 'to this number');
        r = await continueOnMessaging(input);
      }
      if (r.ok) return sendJson(res, 200, r.answer, cors(req));
      const name = body.channel === 'sms' ? 'SMS' : 'WhatsApp';
      switch (r.reason) {
        case 'not_configured':
          throw new HttpError(404, 'not_found', `This site has no ${name} number configured`, cors(req));
        case 'invalid_number':
          throw new HttpError(400, 'bad_request', options.phoneCountry ? 'Not a valid phone number' : 'Not a valid phone number (give it with its country code, e.g. +44)', cors(req));
        case 'no_conversation':
          throw new HttpError(404, 'not_found', 'No open conversation for this visitor: write a message first', cors(req));
        case 'already':
          throw new HttpError(409, 'conflict', `This conversation already continues by ${name} at ${r.display}`, cors(req));
        case 'in_use':
          throw new HttpError(409, 'conflict', `This number already continues another open conversation by ${name}`, cors(req));
      }
    },
    [TWILIO_CHAT_RATE_PATH]: async (req, res) => {
      const body = await readRequest(req, TwilioChatRateRequestSchema);
      const r = await rateTwilioConversation({ config, client, visitorId: body.visitorId, conversationSid: body.conversationSid, score: body.score, comment: body.comment, now });
      if (r === 'not_found') throw new HttpError(404, 'not_found', 'No such conversation for this visitor', cors(req));
      if (r === 'not_closed') throw new HttpError(409, 'conflict', 'The survey is asked once the conversation is closed', cors(req));
      if (r === 'already') throw new HttpError(409, 'conflict', 'This conversation was already rated', cors(req));
      res.statusCode = 204;
      for (const [k, val] of Object.entries(cors(req))) res.setHeader(k, val);
      res.end();
    },
    [TWILIO_CHAT_WEBHOOK_PATH]: async (req, res) => {
      if (!config.authToken) throw new HttpError(503, 'unavailable', 'Set TWILIO_AUTH_TOKEN to receive Twilio webhooks (their signatures are made with it)');
      const params = await readFormBody(req);
      const url = webhookUrl(req, options.publicUrl);
      if (!verifyTwilioRequest({ authToken: config.authToken, signature: req.headers['x-twilio-signature'], url, params })) {
        throw new HttpError(403, 'forbidden', 'X-Twilio-Signature is missing or does not match this request');
      }
      const event = parseWebhookEvent(params);
      if (!event.ok) throw new HttpError(400, 'bad_request', event.message);
      // Once per event: a replayed (or retried, already handled) webhook is answered 200 and changes nothing.
      const key = webhookEventKey(url, params);
      if (events.first(key)) {
        try {
          const sid = event.event.conversationSid;
          const e = event.event;
          if (bot && e.accountSid === config.accountSid) {
            // Not awaited: Twilio waits 15 s at most for the webhook; the bot may take 10 s to answer.
            if (e.type === 'onMessageAdded' && e.author?.startsWith('visitor_')) void bot.visitorMessage(sid);
            else if (e.type === 'onParticipantAdded' && e.identity && e.identity !== TWILIO_BOT_IDENTITY && !e.identity.startsWith('visitor_')) void bot.agentJoined(sid).catch((error: unknown) => console.error('[baton] Twilio bot:', error));
          }
          // With a bot, the Flex task waits for its handover.
          if (options.flex && !bot && isFirstVisitorMessage(e) && e.accountSid === config.accountSid && !routed.has(sid)) {
            // A failure is answered 502, so Twilio retries the webhook; a success is remembered (bounded).
            await createFlexTask({ client, config, routing: options.flex, conversationSid: sid });
            routed.add(sid);
            if (routed.size > 10_000) routed.delete(routed.values().next().value!);
          }
          await options.onEvent?.(event.event);
        } catch (error) {
          events.forget(key); // not handled: Twilio's retry must be
          throw error;
        }
      }
      res.statusCode = 200;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.end('');
    },
  };

  const handler = ((req: IncomingMessage, res: ServerResponse): boolean => {
    const path = (req.url ?? '').split('?')[0]!;
    const route = routes[path];
    if (!route) return false;
    if (req.method === 'OPTIONS' && path !== TWILIO_CHAT_WEBHOOK_PATH) {
      const headers = cors(req);
      res.statusCode = headers['Access-Control-Allow-Origin'] ? 204 : 403;
      for (const [k, val] of Object.entries(headers)) res.setHeader(k, val);
      if (headers['Access-Control-Allow-Origin']) {
        res.setHeader('Access-Control-Allow-Methods', 'POST');
        res.setHeader('Access-Control-Allow-Headers', 'Content-Type');
        res.setHeader('Access-Control-Max-Age', '600');
      }
      res.end();
      return true;
    }
    if (req.method !== 'POST') {
      sendError(res, 405, 'method_not_allowed', `${path} takes POST`, { Allow: 'POST' });
      return true;
    }
    route(req, res).catch((error: unknown) => {
      if (res.headersSent) return;
      if (error instanceof HttpError) return sendError(res, error.status, error.code, error.message, { ...cors(req), ...error.headers });
      // Twilio's own refusals (bad credentials, unknown service) are the operator's to fix: logged, not shown.
      const status = (error as { status?: unknown })?.status;
      console.error('[Baton] Twilio chat route failed:', status ?? '', error instanceof Error ? error.message : error);
      sendError(res, 502, 'unavailable', 'Twilio Conversations did not answer as expected; see the server log', cors(req));
    });
    return true;
  }) as TwilioChatHandler;
  handler.conversationOf = (visitorId) => twilioConversationOf({ config, client, visitorId });
  return handler;
}

/** The URL Twilio signed: the configured public base, else scheme + Host of the request, plus the path and query. */
function webhookUrl(req: IncomingMessage, publicUrl: string | undefined): string {
  const pathAndQuery = req.url ?? '';
  if (publicUrl) return publicUrl.replace(/\/+$/, '') + pathAndQuery;
  const forwarded = req.headers['x-forwarded-proto'];
  const proto = typeof forwarded === 'string' ? forwarded.split(',')[0]!.trim() : (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  return `${proto}://${req.headers.host ?? ''}${pathAndQuery}`;
}
