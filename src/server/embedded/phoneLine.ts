/**
 * The phone-line fallback on the embedded server: the widget asks for a 6-digit context code for the
 * visitor's conversation (opening one when needed), shows it beside the company's number, and an
 * agent types the code the caller reads out into the console, which shows that conversation.
 * (On Twilio, the voice webhook's <Gather> redeems the same codes: src/server/twilio-voice.)
 *
 *   POST HTTP_PHONE_CODE_PATH         { credential?, context? } -> { code, expiresAt, conversationId, credential? }
 *   POST HTTP_AGENT_PHONE_LOOKUP_PATH { code } (agent session)  -> { conversation, context }
 *
 * The visitor is known by their chat credential; without one (they never chatted) a visitor is
 * created and its credential returned, so the chat that may follow continues the same conversation.
 * Codes are issued at most PHONE_CODES_PER_VISITOR per window per visitor and
 * PHONE_CODES_PER_ADDRESS per client address (each issue replaces the visitor's previous code);
 * lookups are rate-limited by createContextCodes (per agent and globally): guessing is hopeless.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseBody } from '../../protocol/chatSchema';
import type { PhoneCodeResponse, PhoneLookupResponse } from '../../protocol/voice';
import { PhoneCodeRequestSchema, PhoneLookupRequestSchema } from '../../protocol/voiceSchema';
import type { AgentAuth } from './agentAuth';
import type { ContextCodes } from './contextCodes';
import type { Desk } from './desk';
import { addressKey, type ClientAddressOf } from './clientAddress';
import { HttpError, readJsonBody, sendJson } from './http';
import type { VisitorLimits } from './visitorLimits';
import { AttemptLimiter } from './rateLimits';
import { tooMany, visitorConversation } from './visitorConversation';
import type { ContextSnapshot } from '../../protocol/context';

/** A visitor may ask for 5 codes per 10 minutes (one is enough; a reload or an expiry asks again). */
export const PHONE_CODES_PER_VISITOR = 5;
/** One address may ask for 30 per 10 minutes (offices and carrier NATs share addresses). */
export const PHONE_CODES_PER_ADDRESS = 30;
export const PHONE_CODE_WINDOW_MS = 10 * 60 * 1000;
const LIMITER_KEYS_MAX = 10_000;

export interface PhoneLine {
  issue(req: IncomingMessage, res: ServerResponse): Promise<void>;
  lookup(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

export function createPhoneLine(deps: {
  desk: Desk;
  auth: AgentAuth;
  codes: ContextCodes;
  addressOf: ClientAddressOf;
  /** A code asked without a credential creates a visitor: counted with the sockets' new visitors. */
  limits: VisitorLimits;
  now?: () => number;
}): PhoneLine {
  const { desk, auth, codes } = deps;
  const now = deps.now ?? Date.now;
  const perVisitor = new AttemptLimiter(PHONE_CODES_PER_VISITOR, PHONE_CODE_WINDOW_MS, LIMITER_KEYS_MAX);
  const perAddress = new AttemptLimiter(PHONE_CODES_PER_ADDRESS, PHONE_CODE_WINDOW_MS, LIMITER_KEYS_MAX);

  return {
    async issue(req, res) {
      const t = now();
      const address = addressKey(deps.addressOf(req));
      const wait = perAddress.retryAfterMs(address, t);
      if (wait > 0) throw tooMany(wait, 'phone codes from this address');
      const body = parseBody(PhoneCodeRequestSchema, await readJsonBody(req));
      if (!body.ok) throw new HttpError(400, 'bad_request', body.message);
      const { conversation, credential } = visitorConversation(deps, body.value, req.headers['user-agent'], address, t, (visitorId) => {
        const mine = perVisitor.retryAfterMs(visitorId, t);
        if (mine > 0) throw tooMany(mine, 'phone codes');
        perVisitor.record(visitorId, t);
        perAddress.record(address, t);
      });
      const issued = codes.issueCode(conversation.id);
      const answer: PhoneCodeResponse = { code: issued.code, expiresAt: issued.expiresAt, conversationId: conversation.id, ...(credential ? { credential } : {}) };
      sendJson(res, 200, answer);
    },

    async lookup(req, res) {
      const session = auth.sessionOf(req);
      if (!session) throw new HttpError(401, 'unauthorized', 'Not logged in');
      const body = parseBody(PhoneLookupRequestSchema, await readJsonBody(req));
      if (!body.ok) throw new HttpError(400, 'bad_request', body.message);
      // Per agent, so one agent's typos never lock the others out (the global ceiling still holds).
      const result = codes.redeemCode(body.value.code, `agent:${session.agent.id}`);
      if (result.status === 'rate_limited') throw tooMany(result.retryAfterMs, 'code lookups');
      const summary = result.status === 'ok' ? desk.store.summary(result.conversationId) : null;
      if (result.status !== 'ok' || !summary) throw new HttpError(404, 'not_found', 'No such code: it is wrong, expired (10 minutes) or already used');
      const record = desk.store.conversation(result.conversationId);
      const context = record?.contextJson ? (JSON.parse(record.contextJson) as ContextSnapshot) : null;
      const answer: PhoneLookupResponse = { conversation: summary, context };
      sendJson(res, 200, answer);
    },
  };
}
