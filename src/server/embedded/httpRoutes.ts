/**
 * The embedded server's HTTP side: health, the script-tag build (/baton/*, ./cdnAssets.ts), the agent
 * console, the agent and visitor JSON endpoints, then the host's static handler (the demo store) and finally a JSON 404.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  AGENT_CONSOLE_PATH,
  HTTP_AGENT_LOGIN_PATH,
  HTTP_AGENT_LOGOUT_PATH,
  HTTP_AGENT_ME_PATH,
  HTTP_VISITOR_STATUS_PATH,
  TEAM_SHOWN_MAX,
  WS_AGENT_PATH,
  WS_VISITOR_PATH,
  type AgentSessionResponse,
  type VisitorStatusResponse,
} from '../../protocol/chat';
import { AgentLoginSchema, VisitorStatusSchema, parseBody } from '../../protocol/chatSchema';
import { clearedSessionCookie, sessionCookie, type AgentAuth } from './agentAuth';
import { serveConsoleFile } from './consoleFiles';
import { renderConsolePage } from './consolePage';
import type { Desk } from './desk';
import type { ClientAddressOf } from './clientAddress';
import { HttpError, cameOverHttps, pathOf, readJsonBody, sendError, sendHtml, sendJson } from './http';
import type { OriginPolicy } from './origins';
import type { PhoneLine } from './phoneLine';
import { HTTP_AGENT_PHONE_LOOKUP_PATH, HTTP_PHONE_CODE_PATH } from '../../protocol/voice';
import { HTTP_AGENT_MEDIA_PATH, HTTP_VISITOR_MEDIA_PATH } from '../../protocol/media';
import type { MediaRoutes } from './mediaRoutes';
import { HTTP_AGENT_SELF_SERVICE_PATH, HTTP_SELF_SERVICE_PATH } from '../../protocol/selfService';
import { HTTP_AGENT_REPLIES_CHANGE_PATH, HTTP_AGENT_REPLIES_PATH } from '../../protocol/cannedReplies';
import type { ReplyRoutes } from './cannedReplies';
import { HTTP_AGENT_TEAM_CHANGE_PATH, HTTP_AGENT_TEAM_PATH } from '../../protocol/team';
import type { TeamRoutes } from './teamAdmin';
import type { SelfService } from './selfService';
import { HTTP_AGENT_REPORTS_PATH } from '../../protocol/reports';
import type { ReportRoutes } from './reports';
import { HTTP_AGENT_INSIGHTS_PATH } from '../../protocol/insights';
import { HTTP_AGENT_ENTRY_LABEL_PATH } from '../../protocol/entryLabel';
import type { InsightRoutes } from './insights';
import { HTTP_SURVEY_PATH } from '../../protocol/surveys';
import type { Surveys } from './surveys';
import { HTTP_HANDOFF_PATH, HTTP_HANDOFF_REDEEM_PATH, HTTP_HANDOFF_STATE_PATH } from '../../protocol/handoff';
import type { HandoffRoutes } from './handoffRoutes';
import type { AvailabilityService } from './availability';
import type { CallbackRoutes } from './callbacks';
import {
  HTTP_AGENT_CALLBACKS_PATH,
  HTTP_AGENT_CALLBACK_PATH,
  HTTP_CALLBACKS_PATH,
  HTTP_CALLBACK_CANCEL_PATH,
  HTTP_CALLBACK_MINE_PATH,
  HTTP_CALLBACK_SLOTS_PATH,
} from '../../protocol/callbacks';

export type StaticHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

export interface RouteDeps {
  desk: Desk;
  auth: AgentAuth;
  origins: () => OriginPolicy;
  consoleDir: string;
  /** The script-tag build under /baton/ (./cdnAssets.ts). */
  cdnAssets?: StaticHandler | undefined;
  staticHandler?: StaticHandler | undefined;
  /** Answered first, before the Origin check (see EmbeddedServerOptions.preHandler). */
  preHandler?: StaticHandler | undefined;
  /** A session ended (logout): its open agent sockets must close too. */
  onLogout(tokenHash: string): void;
  /** The phone-line fallback's routes (./phoneLine.ts). */
  phoneLine?: PhoneLine;
  /** The client's address (./clientAddress.ts: X-Forwarded-For only behind trusted proxies). */
  addressOf: ClientAddressOf;
  /** Photos (./mediaRoutes.ts). */
  media?: MediaRoutes;
  /** "That helped" answers and the console's count of conversations avoided (./selfService.ts). */
  selfService?: SelfService;
  /** The console's Reports page (./reports.ts). */
  reports?: ReportRoutes;
  /** Contact drivers for the console's Insights page and the agent API (./insights.ts). */
  insights?: InsightRoutes;
  /** Micro-survey answers from the widget (./surveys.ts). */
  surveys?: Surveys;
  /** "Continue on your phone" (./handoffRoutes.ts). */
  handoff?: HandoffRoutes;
  /** Business hours, reply time, queue: the visitor status's `availability` (./availability.ts). */
  availability?: AvailabilityService;
  /** Scheduled callbacks (./callbacks.ts). */
  callbacks?: CallbackRoutes;
  /** Canned replies (./cannedReplies.ts). */
  replies?: ReplyRoutes;
  /** Team admin (./teamAdmin.ts). */
  team?: TeamRoutes;
  /** The console's "Make a QR label" (./entryLabels.ts). */
  entryLabel?: Route;
}

type Route = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export function createRequestHandler(deps: RouteDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const api: Record<string, { method: 'GET' | 'POST'; run: Route; cors?: boolean }> = {
    [HTTP_AGENT_LOGIN_PATH]: { method: 'POST', run: (req, res) => login(deps, req, res) },
    [HTTP_AGENT_LOGOUT_PATH]: { method: 'POST', run: (req, res) => logout(deps, req, res) },
    [HTTP_AGENT_ME_PATH]: { method: 'GET', run: (req, res) => me(deps, req, res) },
    // Called by the widget from the site's pages, which may be on another allowed origin: CORS.
    [HTTP_VISITOR_STATUS_PATH]: { method: 'POST', run: (req, res) => visitorStatus(deps, req, res), cors: true },
    ...(deps.phoneLine
      ? {
          [HTTP_PHONE_CODE_PATH]: { method: 'POST' as const, run: deps.phoneLine.issue, cors: true },
          [HTTP_AGENT_PHONE_LOOKUP_PATH]: { method: 'POST' as const, run: deps.phoneLine.lookup },
        }
      : {}),
    // Photos: `/*` entries answer every path under their prefix (the file's id).
    ...(deps.media
      ? {
          [HTTP_VISITOR_MEDIA_PATH]: { method: 'POST' as const, run: deps.media.visitorUpload, cors: true },
          [`${HTTP_VISITOR_MEDIA_PATH}/*`]: { method: 'GET' as const, run: deps.media.visitorFile, cors: true },
          [HTTP_AGENT_MEDIA_PATH]: { method: 'POST' as const, run: deps.media.agentUpload },
          [`${HTTP_AGENT_MEDIA_PATH}/*`]: { method: 'GET' as const, run: deps.media.agentFile },
        }
      : {}),
    ...(deps.reports ? { [HTTP_AGENT_REPORTS_PATH]: { method: 'GET' as const, run: deps.reports.reports } } : {}),
    ...(deps.insights ? { [HTTP_AGENT_INSIGHTS_PATH]: { method: 'GET' as const, run: deps.insights.insights } } : {}),
    // Answered from the site's pages, which may be on another allowed origin: CORS.
    ...(deps.surveys ? { [HTTP_SURVEY_PATH]: { method: 'POST' as const, run: deps.surveys.answer, cors: true } } : {}),
    ...(deps.selfService
      ? {
          [HTTP_SELF_SERVICE_PATH]: { method: 'POST' as const, run: deps.selfService.helped, cors: true },
          [HTTP_AGENT_SELF_SERVICE_PATH]: { method: 'GET' as const, run: deps.selfService.stats },
        }
      : {}),
    ...(deps.team
      ? {
          [HTTP_AGENT_TEAM_PATH]: { method: 'GET' as const, run: deps.team.list },
          [HTTP_AGENT_TEAM_CHANGE_PATH]: { method: 'POST' as const, run: deps.team.change },
        }
      : {}),
    ...(deps.entryLabel ? { [HTTP_AGENT_ENTRY_LABEL_PATH]: { method: 'POST' as const, run: deps.entryLabel } } : {}),
    ...(deps.replies
      ? {
          [HTTP_AGENT_REPLIES_PATH]: { method: 'GET' as const, run: deps.replies.list },
          [HTTP_AGENT_REPLIES_CHANGE_PATH]: { method: 'POST' as const, run: deps.replies.change },
        }
      : {}),
    ...(deps.handoff
      ? {
          [HTTP_HANDOFF_PATH]: { method: 'POST' as const, run: deps.handoff.issue, cors: true },
          [HTTP_HANDOFF_REDEEM_PATH]: { method: 'POST' as const, run: deps.handoff.redeem, cors: true },
          [HTTP_HANDOFF_STATE_PATH]: { method: 'POST' as const, run: deps.handoff.state, cors: true },
        }
      : {}),
    ...(deps.callbacks
      ? {
          [HTTP_CALLBACK_SLOTS_PATH]: { method: 'POST' as const, run: deps.callbacks.slots, cors: true },
          [HTTP_CALLBACKS_PATH]: { method: 'POST' as const, run: deps.callbacks.book, cors: true },
          [HTTP_CALLBACK_MINE_PATH]: { method: 'POST' as const, run: deps.callbacks.mine, cors: true },
          [HTTP_CALLBACK_CANCEL_PATH]: { method: 'POST' as const, run: deps.callbacks.cancel, cors: true },
          [HTTP_AGENT_CALLBACKS_PATH]: { method: 'GET' as const, run: deps.callbacks.list },
          [HTTP_AGENT_CALLBACK_PATH]: { method: 'POST' as const, run: deps.callbacks.update },
        }
      : {}),
  };

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = pathOf(req);
    if (path === null) throw new HttpError(400, 'bad_request', 'Malformed request target');
    const method = req.method ?? 'GET';
    const isRead = method === 'GET' || method === 'HEAD';
    if (deps.preHandler?.(req, res)) return;

    // State-changing requests must come from an allowed page (CSRF): the demo store's forms included.
    if (method === 'POST' && !deps.origins().allows(req.headers.origin)) {
      throw new HttpError(403, 'forbidden', 'This origin may not post here (missing or foreign Origin header)');
    }

    if (path === '/healthz') {
      if (!isRead) throw methodNotAllowed('GET, HEAD');
      return sendJson(res, 200, { ok: true });
    }
    if (deps.cdnAssets?.(req, res)) return;
    if (path === AGENT_CONSOLE_PATH || path === `${AGENT_CONSOLE_PATH}/`) {
      if (!isRead) throw methodNotAllowed('GET, HEAD');
      const page = renderConsolePage(req.headers.host, cameOverHttps(req));
      return sendHtml(res, page.html, page.headers);
    }
    if (path.startsWith(`${AGENT_CONSOLE_PATH}/`)) {
      if (!isRead) throw methodNotAllowed('GET, HEAD');
      return serveConsoleFile(req, res, deps.consoleDir, path.slice(AGENT_CONSOLE_PATH.length + 1));
    }
    if (path === WS_VISITOR_PATH || path === WS_AGENT_PATH) {
      throw new HttpError(426, 'upgrade_required', 'This is a WebSocket endpoint', { Upgrade: 'websocket' });
    }
    if (path.startsWith('/api/')) {
      const endpoint = api[path] ?? api[`${path.slice(0, path.lastIndexOf('/'))}/*`];
      if (!endpoint) throw new HttpError(404, 'not_found', 'No such endpoint');
      if (endpoint.cors) {
        const origin = req.headers.origin;
        if (typeof origin === 'string' && deps.origins().allows(origin)) {
          res.setHeader('Access-Control-Allow-Origin', origin);
          res.setHeader('Vary', 'Origin');
        }
        if (method === 'OPTIONS') return preflight(deps, req, res, endpoint.method);
      }
      if (method !== endpoint.method && !(endpoint.method === 'GET' && method === 'HEAD')) throw methodNotAllowed(endpoint.method);
      return endpoint.run(req, res);
    }
    if (deps.staticHandler?.(req, res)) return;
    throw new HttpError(404, 'not_found', 'Not found');
  }

  return (req, res) => {
    Promise.resolve()
      .then(() => route(req, res))
      .catch((error: unknown) => {
        if (res.headersSent) {
          if (!(error instanceof HttpError)) console.error('[baton] request failed after the answer started:', error);
          res.destroy();
          return;
        }
        if (error instanceof HttpError) return sendError(res, error.status, error.code, error.message, error.headers);
        console.error(`[baton] ${req.method} ${req.url} failed:`, error);
        sendError(res, 500, 'server_error', 'The server failed to handle this request');
      });
  };
}

function methodNotAllowed(allow: string): HttpError {
  return new HttpError(405, 'method_not_allowed', `Use ${allow}`, { Allow: allow });
}

/** CORS preflight for a cross-origin JSON POST from an allowed site. */
function preflight(deps: RouteDeps, req: IncomingMessage, res: ServerResponse, method: string): void {
  if (!deps.origins().allows(req.headers.origin)) throw new HttpError(403, 'forbidden', 'This origin is not allowed');
  res.statusCode = 204;
  res.setHeader('Access-Control-Allow-Methods', method);
  // Authorization: the visitor's credential for photos (never in a URL).
  res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Authorization');
  res.setHeader('Access-Control-Max-Age', '600');
  res.setHeader('Cache-Control', 'no-store');
  res.end();
}

async function login(deps: RouteDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = parseBody(AgentLoginSchema, await readJsonBody(req));
  if (!body.ok) throw new HttpError(400, 'bad_request', body.message);
  const result = await deps.auth.login(body.value.email, body.value.password, deps.addressOf(req));
  if (!result.ok) {
    if (result.reason === 'rate_limited') {
      const seconds = Math.max(1, Math.ceil(result.retryAfterMs / 1000));
      throw new HttpError(429, 'rate_limited', `Too many failed logins; try again in ${seconds} s`, { 'Retry-After': String(seconds) });
    }
    // The same answer for an unknown e-mail and a wrong password.
    throw new HttpError(401, 'unauthorized', 'Wrong e-mail or password');
  }
  const body200: AgentSessionResponse = { agent: result.agent };
  sendJson(res, 200, body200, { 'Set-Cookie': sessionCookie(result.token, cameOverHttps(req)) });
}

function logout(deps: RouteDeps, req: IncomingMessage, res: ServerResponse): void {
  const session = deps.auth.sessionOf(req);
  const clear = { 'Set-Cookie': clearedSessionCookie(cameOverHttps(req)) };
  if (!session) throw new HttpError(401, 'unauthorized', 'Not logged in', clear);
  deps.auth.endSession(session);
  deps.onLogout(session.tokenHash);
  sendJson(res, 200, { ok: true }, clear);
}

function me(deps: RouteDeps, req: IncomingMessage, res: ServerResponse): void {
  const session = deps.auth.sessionOf(req);
  if (!session) throw new HttpError(401, 'unauthorized', 'Not logged in');
  const body: AgentSessionResponse = { agent: session.agent };
  sendJson(res, 200, body);
}

/**
 * Unread count (for a credential) and who is online (the panel's home: how many agents, and up to
 * TEAM_SHOWN_MAX of them by name and colour). An unknown or absent credential is not an error: it reveals nothing.
 */
async function visitorStatus(deps: RouteDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = parseBody(VisitorStatusSchema, await readJsonBody(req));
  if (!body.ok) throw new HttpError(400, 'bad_request', body.message);
  const { store, hub } = deps.desk;
  const visitor = body.value.credential === undefined ? null : store.visitorByCredential(body.value.credential);
  const conversation = visitor ? store.currentConversationOf(visitor.id, Date.now()) : null;
  const answer: VisitorStatusResponse = {
    unread: conversation ? store.unread(conversation) : 0,
    agentsOnline: hub.agentsOnline(),
    team: hub.team(TEAM_SHOWN_MAX).map((a) => ({ name: a.name, color: a.color })),
    ...(deps.availability && { availability: deps.availability.current() }),
  };
  sendJson(res, 200, answer);
}
