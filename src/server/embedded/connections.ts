/**
 * One open WebSocket and what the server knows about its peer. Sending goes through here so every
 * frame gets the same guards: nothing is written to a closing socket, and a peer that stopped
 * reading is cut off instead of growing the server's memory.
 */
import type { WebSocket } from 'ws';
import type { AgentPublic, AgentServerFrame, VisitorServerFrame } from '../../protocol/chat';
import { REFUSAL_LOG_INTERVAL_MS, SOCKET_BUFFER_MAX_BYTES } from './limits';
import type { TokenBucket } from './rateLimits';

/** Refusals of a frame the client sent (malformed, unknown, over a rate): logged, at most once per socket and minute. */
const LOGGED_REFUSALS: ReadonlySet<string> = new Set(['bad_json', 'bad_frame', 'unknown_type', 'too_large', 'rate_limited']);

export abstract class Connection<Out> {
  /** Cleared by each heartbeat ping, set by the pong; still false at the next ping = dead peer. */
  alive = true;
  /** The client's address key (./clientAddress.ts), for logs and per-address limits. */
  address = 'unknown';
  private refusalLoggedAt = -Infinity;
  private refusalsUnlogged = 0;

  constructor(
    readonly ws: WebSocket,
    readonly bucket: TokenBucket,
  ) {}

  send(frame: Out): void {
    const f = frame as { type?: string; code?: string; message?: string };
    if (f.type === 'error' && f.code && LOGGED_REFUSALS.has(f.code)) this.logRefusal(f.code, f.message ?? '');
    this.sendRaw(JSON.stringify(frame));
  }

  private failureLoggedAt = -Infinity;

  /** A handler threw on this socket's frame (a bug): logged with its stack, at most once per socket and minute. */
  logFailure(error: unknown, now = Date.now()): void {
    if (now - this.failureLoggedAt < REFUSAL_LOG_INTERVAL_MS) return;
    this.failureLoggedAt = now;
    console.error(`[baton] frame handler failed on ${this.describe()}:`, error);
  }

  /** Who is on the other end, for a log line (never a secret). */
  protected abstract describe(): string;

  /**
   * One line per refused frame at most once per REFUSAL_LOG_INTERVAL_MS and socket, never a stack:
   * a client sending junk in a loop must not flood the log, an operator still sees it happen.
   */
  private logRefusal(code: string, message: string, now = Date.now()): void {
    if (now - this.refusalLoggedAt < REFUSAL_LOG_INTERVAL_MS) {
      this.refusalsUnlogged++;
      return;
    }
    const more = this.refusalsUnlogged ? ` (+${this.refusalsUnlogged} more since the last line)` : '';
    this.refusalLoggedAt = now;
    this.refusalsUnlogged = 0;
    console.warn(`[baton] refused a frame from ${this.describe()}: ${code}: ${message.slice(0, 200)}${more}`);
  }

  /** For fan-out: serialize once, send the same string to many sockets. */
  sendRaw(data: string): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > SOCKET_BUFFER_MAX_BYTES) {
      this.ws.terminate();
      return;
    }
    this.ws.send(data);
  }
}

export class VisitorConnection extends Connection<VisitorServerFrame> {
  /** Set by `hello`; until then only `hello` is accepted. */
  visitorId: string | null = null;
  /** The queue position last told to this socket, so queue changes only reach visitors whose place moved. */
  lastPosition: number | null = null;
  /** The upgrade request's User-Agent: the browser and OS agents read in the context (./userAgent.ts). */
  userAgent: string | undefined = undefined;

  protected describe(): string {
    return `visitor socket ${this.address}${this.visitorId ? ` (${this.visitorId})` : ''}`;
  }
}

export class AgentConnection extends Connection<AgentServerFrame> {
  /** Conversations this socket views read-only (`open`), oldest first; claimed ones need no view. */
  readonly views = new Set<string>();

  constructor(
    ws: WebSocket,
    bucket: TokenBucket,
    readonly agent: AgentPublic,
    /** The session the socket was opened with: logout closes it, expiry stops it. */
    readonly session: { tokenHash: string; expiresAt: number },
  ) {
    super(ws, bucket);
  }

  protected describe(): string {
    return `agent socket ${this.address} (${this.agent.id})`;
  }
}
