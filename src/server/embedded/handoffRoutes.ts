/**
 * "Continue on your phone" over HTTP (issue 16; paths and types in src/protocol/handoff.ts):
 *
 *   POST HTTP_HANDOFF_PATH        { credential?, context? } -> HandoffIssued (the desktop)
 *   POST HTTP_HANDOFF_REDEEM_PATH { token }                 -> HandoffRedeemed, 410 used/expired (the phone)
 *   POST HTTP_HANDOFF_STATE_PATH  { credential, id }        -> HandoffState (the desktop, while its QR shows)
 *
 * A redeemed link puts "Continued on iPhone Safari" in the conversation, which the agent and
 * every device of the visitor see at once. Rate limits: links per visitor and per address (like
 * phone codes), redemptions per address (a token is unguessable; this bounds the work a scanner
 * makes), state polls per address.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseBody } from '../../protocol/chatSchema';
import type { HandoffIssued, HandoffRedeemed, HandoffState } from '../../protocol/handoff';
import { HandoffRedeemSchema, HandoffStateSchema } from '../../protocol/handoffSchema';
import { PhoneCodeRequestSchema } from '../../protocol/voiceSchema';
import { addressKey, type ClientAddressOf } from './clientAddress';
import type { Desk } from './desk';
import { deviceLabel } from './deviceLabel';
import type { Handoffs } from './handoffs';
import { HttpError, readJsonBody, sendJson } from './http';
import { AttemptLimiter } from './rateLimits';
import { newId } from './secrets';
import { tooMany, visitorConversation } from './visitorConversation';
import type { VisitorLimits } from './visitorLimits';

/** A visitor may ask for 5 links per 10 minutes (one is enough; an expiry or a reload asks again). */
export const HANDOFF_LINKS_PER_VISITOR = 5;
/** One address: 30 links, 30 redemptions per 10 minutes (offices and carrier NATs share addresses). */
export const HANDOFF_LINKS_PER_ADDRESS = 30;
export const HANDOFF_REDEEMS_PER_ADDRESS = 30;
/** State polls: one every 2 s while a QR code shows is 300 per 10 minutes; a few codes' worth. */
export const HANDOFF_POLLS_PER_ADDRESS = 1200;
export const HANDOFF_WINDOW_MS = 10 * 60 * 1000;
const LIMITER_KEYS_MAX = 10_000;

export interface HandoffRoutes {
  issue(req: IncomingMessage, res: ServerResponse): Promise<void>;
  redeem(req: IncomingMessage, res: ServerResponse): Promise<void>;
  state(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

const REFUSALS = {
  handoff_used: 'This link was already used',
  handoff_expired: 'This link has expired (links work for 10 minutes)',
  handoff_invalid: 'This link is not valid',
} as const;

export function createHandoffRoutes(deps: {
  desk: Desk;
  handoffs: Handoffs;
  addressOf: ClientAddressOf;
  limits: VisitorLimits;
  now?: () => number;
}): HandoffRoutes {
  const { desk, handoffs } = deps;
  const now = deps.now ?? Date.now;
  const links = { visitor: new AttemptLimiter(HANDOFF_LINKS_PER_VISITOR, HANDOFF_WINDOW_MS, LIMITER_KEYS_MAX), address: new AttemptLimiter(HANDOFF_LINKS_PER_ADDRESS, HANDOFF_WINDOW_MS, LIMITER_KEYS_MAX) };
  const redeems = new AttemptLimiter(HANDOFF_REDEEMS_PER_ADDRESS, HANDOFF_WINDOW_MS, LIMITER_KEYS_MAX);
  const polls = new AttemptLimiter(HANDOFF_POLLS_PER_ADDRESS, HANDOFF_WINDOW_MS, LIMITER_KEYS_MAX);

  const admit = (limiter: AttemptLimiter, key: string, t: number, what: string) => {
    const wait = limiter.retryAfterMs(key, t);
    if (wait > 0) throw tooMany(wait, what);
    limiter.record(key, t);
  };

  return {
    async issue(req, res) {
      const t = now();
      const address = addressKey(deps.addressOf(req));
      const wait = links.address.retryAfterMs(address, t);
      if (wait > 0) throw tooMany(wait, 'links from this address');
      const body = parseBody(PhoneCodeRequestSchema, await readJsonBody(req));
      if (!body.ok) throw new HttpError(400, 'bad_request', body.message);
      const { visitorId, conversation, credential } = visitorConversation(deps, body.value, req.headers['user-agent'], address, t, (visitorId) => {
        admit(links.visitor, visitorId, t, 'links');
        links.address.record(address, t);
      });
      const issued = handoffs.issue({ visitorId, conversationId: conversation.id, fromDevice: deviceLabel(req.headers['user-agent']), now: t });
      const answer: HandoffIssued = { ...issued, ...(credential ? { credential } : {}) };
      sendJson(res, 200, answer);
    },

    async redeem(req, res) {
      const t = now();
      admit(redeems, addressKey(deps.addressOf(req)), t, 'links opened from this address');
      const body = parseBody(HandoffRedeemSchema, await readJsonBody(req));
      if (!body.ok) throw new HttpError(400, 'handoff_invalid', REFUSALS.handoff_invalid);
      const to = deviceLabel(req.headers['user-agent']);
      const outcome = handoffs.redeem(body.value.token, to, t);
      // 410: it was a link, and is gone; 400: it never was one (a forged or damaged signature).
      if (!outcome.ok) throw new HttpError(outcome.refusal === 'handoff_invalid' ? 400 : 410, outcome.refusal, REFUSALS[outcome.refusal]);
      // What the agent reads in the thread, in order with the messages; every device sees it too.
      desk.systemMessage(outcome.conversationId, `handoff-${newId('m').slice(2)}`, `Continued on ${to} (from ${outcome.from})`, t);
      const answer: HandoffRedeemed = { credential: outcome.credential, conversationId: outcome.conversationId, from: outcome.from };
      sendJson(res, 200, answer);
    },

    async state(req, res) {
      const t = now();
      admit(polls, addressKey(deps.addressOf(req)), t, 'requests from this address');
      const body = parseBody(HandoffStateSchema, await readJsonBody(req));
      if (!body.ok) throw new HttpError(400, 'bad_request', body.message);
      const visitor = desk.store.visitorByCredential(body.value.credential);
      if (!visitor) throw new HttpError(401, 'unauthorized', 'Unknown visitor credential');
      const state = handoffs.state(visitor.id, body.value.id, t);
      if (!state) throw new HttpError(404, 'not_found', 'No such link');
      const answer: HandoffState = state;
      sendJson(res, 200, answer);
    },
  };
}
