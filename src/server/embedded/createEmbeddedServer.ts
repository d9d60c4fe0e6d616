/**
 * Baton's embedded server: visitors and agents chat through it with no third party. One Node
 * process: node:http for the pages and JSON endpoints, `ws` for the two WebSocket endpoints,
 * SQLite (better-sqlite3) for everything kept. See docs/agent-api.md for the wire protocol.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WebSocket, WebSocketServer } from 'ws';
import type { CallIceServer } from '../../protocol/call';
import { checkIceServers } from '../../protocol/callSchema';
import { FRAME_MAX_BYTES, WS_AGENT_PATH, WS_VISITOR_PATH, type AgentPublic, type HttpErrorBody, type HttpErrorCode } from '../../protocol/chat';
import { AgentAuth } from './agentAuth';
import { SESSION_ENDED_CLOSE, handleAgentFrame, welcomeAgent } from './agentSocket';
import { AutoAssign, DEFAULT_AGENT_CAPACITY, type AssignmentOptions } from './assignment';
import { AgentStore, type AgentSession } from './agentStore';
import { Calls, DEFAULT_CALL_NO_ANSWER_MS } from './calls';
import { createCdnAssets } from './cdnAssets';
import { ChatStore } from './chatStore';
import { AgentConnection, VisitorConnection, type Connection } from './connections';
import { ConversationSearch } from './conversationSearch';
import { openDatabase } from './database';
import { Desk } from './desk';
import { createContextCodes } from './contextCodes';
import { createPhoneLine } from './phoneLine';
import { createSelfService } from './selfService';
import { createReports } from './reports';
import { createReplyRoutes } from './cannedReplies';
import { createEntryLabelRoute } from './entryLabels';
import { createTeamRoutes } from './teamAdmin';
import { createInsights } from './insights';
import { createSurveys } from './surveys';
import { pathOf } from './http';
import { createRequestHandler, type StaticHandler } from './httpRoutes';
import { Hub } from './hub';
import { checkIdentitySecret } from './identitySecret';
import {
  AGENT_FRAME_BURST,
  AGENT_FRAMES_PER_SECOND,
  DEFAULT_NO_AGENT_AFTER_MS,
  HEARTBEAT_INTERVAL_MS,
  HELLO_TIMEOUT_MS,
  SHUTDOWN_GRACE_MS,
  VISITOR_FRAME_BURST,
  VISITOR_FRAMES_PER_SECOND,
  VISITOR_SOCKETS_PER_ADDRESS_MAX,
  VISITOR_SOCKETS_RETRY_AFTER_S,
} from './limits';
import { addressKey, clientAddressOf } from './clientAddress';
import { VisitorLimits } from './visitorLimits';
import { Retention, retentionMaxAgeMs, scheduleRetention } from './retention';
import { OriginPolicy, defaultAllowedOrigins } from './origins';
import { TokenBucket } from './rateLimits';
import { answerStorageFailure } from './storageFailures';
import { peer } from '../peers';
import { handleVisitorFrame } from './visitorSocket';
import { MediaStore, mediaDirBeside } from './mediaStore';
import { createMediaRoutes } from './mediaRoutes';
import { BOT_NAME_MAX_CHARS } from '../../protocol/chat';
import type { BotHook } from '../bot/hook';
import { BotTurns } from './bot';
import { createHandoffs } from './handoffs';
import { createHandoffRoutes } from './handoffRoutes';
import { startCheckpoints } from './walCheckpoints';
import type { Mailer } from '../mail/mailer';
import { createLocalOutbox, DEFAULT_MAIL_FROM } from '../mail/localOutbox';
import { MAIL_LINK_TTL_MS, ReplyMail } from './replyMail';
import { parseBusinessHours, type BusinessHoursConfig } from '../businessHours';
import { AvailabilityService } from './availability';
import { createCallbackRoutes } from './callbacks';
import type { CountryCode } from 'libphonenumber-js/min';

/** What the bot is called when the site does not name it. */
export const DEFAULT_BOT_NAME = 'Baton assistant';

export interface EmbeddedServerOptions {
  /** TCP port; 0 picks a free one (see the returned `port`). Default 0. */
  port?: number;
  /** Interface to listen on. Default 127.0.0.1 (this machine only). */
  host?: string;
  /** SQLite file; its folder is created. `:memory:` works for throwaway servers. */
  dbPath: string;
  /**
   * Origins allowed to open the sockets and to POST (the sites that embed the widget, and the
   * console's own). Default: the server's own origin, as http://127.0.0.1:PORT and http://localhost:PORT.
   */
  allowedOrigins?: string[];
  /**
   * The secret shared with the site's server to sign identities (HMAC of the id, or HS256 JWT): at
   * least 16 characters, never a published one (./identitySecret.ts). Required: the server refuses
   * to start without it, unless you pass `null` to say explicitly that no identity is ever signed
   * (then nothing a browser sends is marked verified).
   */
  identitySecret: string | null;
  /** Serves everything the embedded server does not (e.g. the demo store); returns false to get a 404. */
  staticHandler?: StaticHandler;
  /**
   * Routes answered before Baton's own and before its Origin check, for callers that are not pages
   * and are checked by the route itself: createTwilioChatHandler (Twilio's signed webhooks; its
   * browser routes check Origin themselves). Returns false for requests that are not its own.
   */
  preHandler?: StaticHandler;
  /** The built agent console, served under /agent/. Default: <package>/dist/console. */
  consoleDir?: string;
  /**
   * The script-tag build (baton.js, baton-loader.js, chunks, integrity.json), served under /baton/
   * with CORS and long caching for any site (only the files integrity.json lists). Default: <package>/dist.
   */
  cdnDir?: string;
  /** A waiting conversation nobody claimed for this long turns offline (leave-a-message). Default 3 minutes; 0 never. */
  noAgentAfterMs?: number;
  /**
   * Embedded calls: the STUN/TURN servers both browsers get for WebRTC (the RTCIceServer shape).
   * None are needed on one machine or a LAN; across the internet give at least a STUN server, and a
   * TURN server for visitors behind strict NATs. Default: none.
   */
  iceServers?: CallIceServer[];
  /** A call nobody answers within this time ends with `no_answer`. Default 30 s. */
  callNoAnswerMs?: number;
  /** The visitor's socket dropped during a call: how long it may take to come back before the call ends. Default 10 s. */
  callResumeMs?: number;
  /** How long a write waits for a database locked by another process before giving up (SQLITE_BUSY). Default 5 s. */
  dbBusyTimeoutMs?: number;
  /**
   * Conversations with no activity for this many days are deleted with their messages, and visitors
   * without a conversation a day after they were last seen (./retention.ts). Default 90; 1..36,500.
   */
  retentionDays?: number;
  /**
   * How many reverse proxies in front of the server append the client's address to X-Forwarded-For
   * (`npm start`: BATON_TRUST_PROXY). Default 0: the TCP peer is the client, and X-Forwarded-For is
   * ignored, since any client can write it. Every per-address limit counts the address found here.
   */
  trustProxy?: number;
  /**
   * The site's bot: answers new conversations until a person is wanted (docs/bot.md). Called after
   * each visitor message while nobody claimed the conversation and nobody asked for a person, with
   * `{ conversation, message, context, agentsOnline }`; returns `{ reply }`, `{ handover: true }` or
   * nothing. `articleBot({ articles })` is the built-in one (answers from the help articles). The
   * visitor can always press "Talk to a person". Default: none (agents answer every conversation).
   */
  bot?: BotHook;
  /** The bot's name on its messages, on both sides: 1..60 characters. Default "Baton assistant". */
  botName?: string;
  /**
   * E-mail to visitors who left an address (docs/email.md): a reply they have not seen, the transcript
   * they asked for. `'outbox'` (the default) sends nothing: each e-mail is an `.eml` file in the local
   * outbox beside the database (`<dbPath>-outbox/`, table `mail_outbox`); `smtpMailer({ ... })` sends
   * through your SMTP server (nodemailer, an optional peer); `null`: no e-mail.
   */
  mailer?: Mailer | 'outbox' | null;
  /** The local outbox's `From:`. Default "Baton <no-reply@baton.invalid>". */
  mailFrom?: string;
  /** A reply waits this long before its e-mail goes (replies meanwhile join it). Default 2 minutes. */
  replyMailDelayMs?: number;
  /**
   * Business hours (issue 15), in the site's IANA time zone: `{ timeZone: 'Europe/Paris', weekly:
   * { mon: '09:00-17:30', sat: ['10:00-12:00', '14:00-16:00'] }, holidays: ['2026-12-25'] }`. The
   * panel says "We're back Monday at 9:00" outside them when no agent is online (an agent online
   * outside hours is believed). Default: none (always open; who is online decides).
   */
  hours?: BusinessHoursConfig;
  /** The server's clock for business hours, availability and callbacks (tests pass a fake one). Default Date.now. */
  clock?: () => number;
  /**
   * Scheduled callbacks: phone numbers typed without + are read in this country (ISO 3166 alpha-2,
   * e.g. "FR"). Default: none (a number must start with + and its country code).
   */
  phoneCountry?: CountryCode;
  /**
   * Automatic assignment (issue 17, ./assignment.ts): `{ auto: true }` gives waiting conversations
   * to available agents (not away) below their capacity, by skill, round robin; `capacity` is the
   * concurrent chats of an agent whose own an admin did not set (default 3). Default: off (agents
   * claim from the queue).
   */
  assignment?: AssignmentOptions;
  /**
   * The agent console sets an agent away after this long without input in any of its tabs, and
   * available again at their next input (only when it was the console that set them away).
   * Default: never.
   */
  autoAwayMs?: number;
}

export interface EmbeddedServer {
  /** e.g. http://127.0.0.1:8787 */
  url: string;
  port: number;
  /** Tells every socket (close 1001 "server shutting down"), stops HTTP and closes the database. */
  close(): Promise<void>;
  /** Adds an agent account (scrypt-hashed password). Throws on a taken e-mail or a bad field. */
  createAgent(a: { email: string; name: string; password: string }): Promise<AgentPublic>;
  /** How many agent accounts exist (0 on a fresh database: `npm start` then creates the demo agent). */
  agentCount(): number;
}

/** Close code and reason sent to every socket on shutdown (1001: going away; clients reconnect later). */
const SHUTDOWN_CLOSE_CODE = 1001;
const SHUTDOWN_CLOSE_REASON = 'server shutting down';
/** Close code for a visitor socket that said nothing within HELLO_TIMEOUT_MS (1008: policy violation). */
const POLICY_VIOLATION_CLOSE = 1008;

export async function createEmbeddedServer(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  if (!options || typeof options.dbPath !== 'string' || options.dbPath === '') throw new TypeError('createEmbeddedServer: dbPath is required');
  const identitySecret = checkIdentitySecret(options.identitySecret);
  const host = options.host ?? '127.0.0.1';
  const noAgentAfterMs = options.noAgentAfterMs ?? DEFAULT_NO_AGENT_AFTER_MS;
  const consoleDir = options.consoleDir ?? join(packageDistDir(), 'console');
  const cdnDir = options.cdnDir ?? packageDistDir();
  // Validate configured origins before opening anything, so a typo fails fast.
  if (options.allowedOrigins) new OriginPolicy(options.allowedOrigins);
  const iceServers = checkIceServers(options.iceServers ?? []);
  const callNoAnswerMs = options.callNoAnswerMs ?? DEFAULT_CALL_NO_ANSWER_MS;
  if (!(callNoAnswerMs > 0 && callNoAnswerMs <= 10 * 60_000)) throw new TypeError('createEmbeddedServer: callNoAnswerMs must be between 1 ms and 10 minutes');
  // Both optional peers before anything opens: a missing one is named, nothing is left open.
  const { WebSocketServer: Wss } = peer<{ WebSocketServer: typeof WebSocketServer }>('ws');
  const addressOf = clientAddressOf(options.trustProxy ?? 0);
  const retentionMs = retentionMaxAgeMs(options.retentionDays);
  const limits = new VisitorLimits();
  if (options.bot !== undefined && typeof options.bot !== 'function') throw new TypeError('createEmbeddedServer: bot must be a function ({ conversation, message, context }) => reply | handover | nothing');
  const botName = (options.botName ?? DEFAULT_BOT_NAME).trim();
  if (!botName || botName.length > BOT_NAME_MAX_CHARS) throw new TypeError(`createEmbeddedServer: botName must be 1..${BOT_NAME_MAX_CHARS} characters`);

  const hours = options.hours === undefined ? null : parseBusinessHours(options.hours);
  const clock = options.clock ?? Date.now;
  if (typeof clock !== 'function') throw new TypeError('createEmbeddedServer: clock must be a function returning ms since the epoch');

  const db = openDatabase(options.dbPath, options.dbBusyTimeoutMs);
  const checkpoints = startCheckpoints(db, options.dbPath);
  // Photos live beside the database (`<dbPath>-media`), named by their SHA-256.
  const mediaDir = mediaDirBeside(options.dbPath, () => mkdtempSync(join(tmpdir(), 'baton-media-')));
  const closeDatabase = async () => {
    await checkpoints.stop();
    db.close();
    mediaDir.dispose();
    outboxDir?.dispose();
  };
  const media = new MediaStore(db, mediaDir.dir);
  media.sweepOrphans(); // rows left by conversations deleted just before a crash
  let auth: AgentAuth;
  const agentStore = new AgentStore(db);
  const chatStore = new ChatStore(db, agentStore, botName);
  const hub = new Hub();
  const desk = new Desk(chatStore, agentStore, hub, identitySecret);
  desk.search = new ConversationSearch(db, chatStore);
  if (options.assignment?.auto) desk.assigner = new AutoAssign(desk, options.assignment.capacity ?? DEFAULT_AGENT_CAPACITY);
  if (options.autoAwayMs !== undefined && options.autoAwayMs > 0 && Number.isFinite(options.autoAwayMs)) desk.autoAwayMs = options.autoAwayMs;
  const bots = (desk.bots = options.bot ? new BotTurns(desk, { hook: options.bot }) : null);
  const availability = new AvailabilityService(db, hours, clock);
  const handoffs = createHandoffs(db);
  // E-mail: the local outbox beside the database unless the site gives a mailer (or null: none).
  const outboxDir = options.mailer === undefined || options.mailer === 'outbox' ? mediaDirBeside(`${options.dbPath}`, () => mkdtempSync(join(tmpdir(), 'baton-outbox-')), 'outbox') : null;
  const mailer: Mailer | null = outboxDir ? createLocalOutbox(db, outboxDir.dir, options.mailFrom ?? DEFAULT_MAIL_FROM) : (options.mailer as Mailer | null);
  const mail = (desk.mail = mailer ? new ReplyMail(desk, db, { mailer, links: createHandoffs(db, MAIL_LINK_TTL_MS), ...(options.replyMailDelayMs !== undefined ? { delayMs: options.replyMailDelayMs } : {}) }) : null);
  desk.journeyBefore = (conversationId) => handoffs.journeyBefore(conversationId);
  // Calls use the desk (store, hub, status); the sockets hand call frames to them, never through the desk.
  const calls = new Calls(desk, { iceServers, noAnswerMs: callNoAnswerMs, ...(options.callResumeMs ? { resumeMs: options.callResumeMs } : {}) });
  try {
    auth = await AgentAuth.create(agentStore);
  } catch (error) {
    await closeDatabase();
    throw error;
  }

  let origins: OriginPolicy | null = null;
  let closing = false;
  const originPolicy = (): OriginPolicy => origins!;
  const surveys = createSurveys({ db, addressOf });

  const handleRequest = createRequestHandler({
    desk,
    auth,
    origins: originPolicy,
    consoleDir,
    cdnAssets: createCdnAssets(cdnDir),
    staticHandler: options.staticHandler,
    preHandler: options.preHandler,
    addressOf,
    phoneLine: createPhoneLine({ desk, auth, codes: createContextCodes(db), addressOf, limits }),
    media: createMediaRoutes({ desk, auth, media, addressOf }),
    selfService: createSelfService({ db, auth, addressOf }),
    reports: createReports({ db, auth }),
    surveys,
    insights: createInsights({ db, auth, surveys }),
    handoff: createHandoffRoutes({ desk, handoffs, addressOf, limits }),
    availability,
    callbacks: createCallbackRoutes({ db, desk, auth, addressOf, limits, hours, now: clock, phoneCountry: options.phoneCountry }),
    replies: createReplyRoutes({ db, auth, agents: agentStore, hub }),
    entryLabel: createEntryLabelRoute({ auth, agents: agentStore, secret: identitySecret, origins: originPolicy }),
    team: createTeamRoutes({ desk, auth }),
    onLogout(tokenHash) {
      for (const conn of hub.agentSockets()) if (conn.session.tokenHash === tokenHash) conn.ws.close(SESSION_ENDED_CLOSE, 'logged out');
    },
  });
  const server = createServer(handleRequest);
  // Frames over FRAME_MAX_BYTES make ws close the socket with 1009 (message too big).
  const wss = new Wss({ noServer: true, maxPayload: FRAME_MAX_BYTES, perMessageDeflate: false, clientTracking: false });

  /** Wires one socket: frames to `handle`, a thrown bug to a `server_error` frame, close to the hub. */
  function wire(conn: Connection<unknown>, handle: (raw: string) => void): void {
    hub.sockets.add(conn);
    const ws = conn.ws;
    ws.on('message', (data, isBinary) => {
      if (closing) return;
      if (isBinary) {
        conn.send({ type: 'error', code: 'bad_frame', message: 'Frames are JSON text, not binary' });
        return;
      }
      const raw = Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(data as Buffer[]).toString('utf8');
      try {
        handle(raw);
      } catch (error) {
        if (answerStorageFailure(conn, raw, error)) return;
        conn.logFailure(error);
        conn.send({ type: 'error', code: 'server_error', message: 'The server failed to handle this frame' });
      }
    });
    ws.on('pong', () => {
      conn.alive = true;
    });
    ws.on('error', () => {}); // 'close' follows; ws already answered protocol errors (e.g. 1009)
    ws.on('close', () => {
      const presenceChanged = hub.remove(conn);
      if (closing) return;
      calls.connectionClosed(conn);
      if (presenceChanged && conn instanceof AgentConnection) calls.agentOffline(conn.agent.id);
      if (presenceChanged) desk.presenceChanged();
    });
  }

  /** `address` already holds one of its VISITOR_SOCKETS_PER_ADDRESS_MAX places (taken before the upgrade). */
  function acceptVisitor(ws: WebSocket, address: string, userAgent: string | undefined): void {
    const conn = new VisitorConnection(ws, new TokenBucket(VISITOR_FRAMES_PER_SECOND, VISITOR_FRAME_BURST));
    conn.address = address;
    conn.userAgent = userAgent;
    // A socket that never says hello holds a place for nothing: closed after HELLO_TIMEOUT_MS.
    const helloTimer = setTimeout(() => {
      if (conn.visitorId === null) ws.close(POLICY_VIOLATION_CLOSE, 'hello expected');
    }, HELLO_TIMEOUT_MS);
    helloTimer.unref();
    ws.once('close', () => {
      clearTimeout(helloTimer);
      limits.closeSocket(address);
    });
    wire(conn, (raw) => handleVisitorFrame(desk, calls, conn, raw, limits));
  }

  function acceptAgent(ws: WebSocket, session: AgentSession, address: string): void {
    const conn = new AgentConnection(ws, new TokenBucket(AGENT_FRAMES_PER_SECOND, AGENT_FRAME_BURST), session.agent, {
      tokenHash: session.tokenHash,
      expiresAt: session.expiresAt,
    });
    conn.address = address;
    wire(conn, (raw) => handleAgentFrame(desk, calls, conn, raw));
    const first = hub.addAgent(conn);
    welcomeAgent(desk, conn);
    calls.agentJoined(conn); // calls ringing now ring here too
    if (first) desk.presenceChanged();
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => {});
    try {
      if (closing) return refuseUpgrade(socket, 503, 'unavailable', 'The server is shutting down');
      const path = pathOf(req);
      if (path !== WS_VISITOR_PATH && path !== WS_AGENT_PATH) return refuseUpgrade(socket, 404, 'not_found', 'No WebSocket endpoint here');
      // Checked before upgrading: a page from another site never gets a socket (cross-site WebSocket hijacking).
      if (!originPolicy().allows(req.headers.origin)) return refuseUpgrade(socket, 403, 'forbidden', 'This origin may not connect');
      const address = addressKey(addressOf(req));
      let session: AgentSession | null = null;
      if (path === WS_AGENT_PATH) {
        session = auth.sessionOf(req);
        if (!session) return refuseUpgrade(socket, 401, 'unauthorized', 'Log in first (POST /api/agent/login)');
      } else if (!limits.openSocket(address)) {
        return refuseUpgrade(socket, 429, 'rate_limited', `Too many open connections from this address (${VISITOR_SOCKETS_PER_ADDRESS_MAX})`, {
          'Retry-After': String(VISITOR_SOCKETS_RETRY_AFTER_S),
        });
      }
      // The place is taken before the upgrade (which completes later): released if it never completes.
      let accepted = false;
      if (!session) socket.once('close', () => accepted || limits.closeSocket(address));
      wss.handleUpgrade(req, socket, head, (ws) => {
        accepted = true;
        if (session) acceptAgent(ws, session, address);
        else acceptVisitor(ws, address, req.headers['user-agent']);
      });
    } catch (error) {
      console.error('[baton] upgrade failed:', error);
      refuseUpgrade(socket, 500, 'server_error', 'The server failed to open the socket');
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch(async (error: unknown) => {
    await closeDatabase();
    throw error;
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
  origins = new OriginPolicy(options.allowedOrigins ?? defaultAllowedOrigins(host, port));

  // Dead peers (no pong since the last ping) are cut, so presence and agentsOnline stay true;
  // agent sockets whose session expired are closed even if they stay silent.
  const heartbeat = setInterval(() => {
    const now = Date.now();
    for (const conn of hub.sockets) {
      if (!conn.alive) {
        conn.ws.terminate();
        continue;
      }
      if (conn instanceof AgentConnection && now >= conn.session.expiresAt) {
        conn.ws.close(SESSION_ENDED_CLOSE, 'session expired');
        continue;
      }
      conn.alive = false;
      if (conn.ws.readyState === conn.ws.OPEN) conn.ws.ping();
    }
  }, HEARTBEAT_INTERVAL_MS);
  heartbeat.unref();

  const sweep =
    noAgentAfterMs > 0 && Number.isFinite(noAgentAfterMs)
      ? setInterval(
          () => {
            try {
              desk.markUnansweredOffline(Date.now() - noAgentAfterMs);
            } catch (error) {
              console.error('[baton] offline sweep failed:', error);
            }
          },
          Math.min(5000, Math.max(50, noAgentAfterMs / 4)),
        )
      : null;
  sweep?.unref();

  // Retention: at start, then hourly. Photos beside the database go with their conversations.
  const retention = new Retention(db, { maxAgeMs: retentionMs, isLive: (visitorId) => hub.socketsOfVisitor(visitorId).length > 0 });
  retention.onConversationsDeleted(() => media.sweepOrphans());
  const stopRetention = scheduleRetention(retention);

  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  let closed: Promise<void> | null = null;

  return {
    url: `http://${urlHost}:${port}`,
    port,
    createAgent: (a) => auth.createAgent(a),
    agentCount: () => agentStore.count(),
    close() {
      closed ??= (async () => {
        closing = true;
        clearInterval(heartbeat);
        if (sweep) clearInterval(sweep);
        stopRetention();
        desk.stop();
        bots?.stop();
        mail?.stop();
        mailer?.close?.();
        calls.stop();
        const sockets = [...hub.sockets];
        const gone = sockets.map((conn) => new Promise<void>((resolve) => {
          if (conn.ws.readyState === conn.ws.CLOSED) return resolve();
          conn.ws.once('close', () => resolve());
        }));
        for (const conn of sockets) conn.ws.close(SHUTDOWN_CLOSE_CODE, SHUTDOWN_CLOSE_REASON);
        let grace: NodeJS.Timeout | undefined;
        await Promise.race([Promise.all(gone), new Promise((resolve) => (grace = setTimeout(resolve, SHUTDOWN_GRACE_MS)))]);
        clearTimeout(grace);
        for (const conn of sockets) if (conn.ws.readyState !== conn.ws.CLOSED) conn.ws.terminate();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        wss.close();
        await closeDatabase();
      })();
      return closed;
    },
  };
}

/** Answers a refused upgrade with a plain HTTP response (the socket never becomes a WebSocket). */
function refuseUpgrade(socket: Duplex, status: number, code: HttpErrorCode, message: string, headers: Record<string, string> = {}): void {
  const body: HttpErrorBody = { error: { code, message } };
  const data = JSON.stringify(body);
  const reason = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable' }[status] ?? 'Error';
  const extra = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(data)}\r\n` +
      `Cache-Control: no-store\r\n${extra}Connection: close\r\n\r\n${data}`,
  );
}

/** <the baton-sdk package>/dist, found from this file both as source (src/server/embedded) and bundled (dist/server). */
function packageDistDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'baton-sdk') return join(dir, 'dist');
      } catch {
        // not ours; keep walking up
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return join(process.cwd(), 'dist');
    dir = parent;
  }
}
