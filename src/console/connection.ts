/**
 * The agent's one WebSocket to the embedded server (`/ws/agent`, same origin, cookie auth).
 * Reconnects with Baton's backoff (src/protocol/backoff.ts: 1 s doubling to 20 s, jittered), pings every
 * 25 s and treats a silent socket as dead. It knows nothing of conversations: frames go to
 * `onFrame`, the connection's state to `onStatus`; the store decides what to resend after `welcome`.
 */
import { backoffDelay } from '../protocol/backoff';
import type { AgentCallFrame } from '../protocol/call';
import { WS_AGENT_PATH, type AgentFrame, type AgentServerFrame } from '../protocol/chat';

export const PING_EVERY_MS = 25_000;
/** No frame at all (a pong is one) this long after a ping: the socket is dead even if it looks open. */
export const PONG_TIMEOUT_MS = 10_000;

export type ConnectionStatus =
  | { state: 'connecting'; attempt: number }
  | { state: 'open' }
  | { state: 'reconnecting'; attempt: number; retryAt: number }
  /** The server no longer accepts the session cookie: back to the login screen. */
  | { state: 'unauthorized' }
  | { state: 'stopped' };

type SocketLike = Pick<WebSocket, 'send' | 'close' | 'readyState'> & {
  onopen: ((ev: Event) => unknown) | null;
  onclose: ((ev: CloseEvent) => unknown) | null;
  onerror: ((ev: Event) => unknown) | null;
  onmessage: ((ev: MessageEvent) => unknown) | null;
};

export interface ConnectionOptions {
  onFrame(frame: AgentServerFrame): void;
  onStatus(status: ConnectionStatus): void;
  /**
   * Asked after a connection fails before opening, or closes with a policy code: false when the
   * session is gone (the connection stops with `unauthorized`). Errors count as "still signed in".
   */
  checkAuth?(): Promise<boolean>;
  /** Defaults to `ws(s)://<location.host>/ws/agent`. */
  url?: string;
  createSocket?(url: string): SocketLike;
  random?(): number;
  now?(): number;
}

/** Close codes after which the session may be gone (1008 policy violation, 4401/4403 by convention). */
const AUTH_CLOSE_CODES = new Set([1008, 4001, 4401, 4403]);

export class AgentConnection {
  private socket: SocketLike | null = null;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private deadTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = true;
  private lastStatus: ConnectionStatus = { state: 'stopped' };
  private readonly o: ConnectionOptions;

  constructor(options: ConnectionOptions) {
    this.o = options;
  }

  get status(): ConnectionStatus {
    return this.lastStatus;
  }

  get isOpen(): boolean {
    return this.socket !== null && this.socket.readyState === 1 && this.lastStatus.state === 'open';
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.attempt = 0;
    this.open();
    if (typeof window !== 'undefined') window.addEventListener('online', this.onOnline);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.teardown();
    if (typeof window !== 'undefined') window.removeEventListener('online', this.onOnline);
    this.setStatus({ state: 'stopped' });
  }

  /** Skips the backoff wait ("Retry now", or the browser says it is online again). */
  retryNow(): void {
    if (this.stopped || this.lastStatus.state !== 'reconnecting') return;
    clearTimeout(this.retryTimer);
    this.open();
  }

  /** Sends a frame when the socket is open; false otherwise (the caller keeps what must survive). */
  send(frame: AgentFrame | AgentCallFrame): boolean {
    if (!this.isOpen) return false;
    try {
      this.socket!.send(JSON.stringify(frame));
      return true;
    } catch {
      return false;
    }
  }

  private readonly onOnline = () => this.retryNow();

  private setStatus(s: ConnectionStatus) {
    this.lastStatus = s;
    this.o.onStatus(s);
  }

  private url(): string {
    if (this.o.url) return this.o.url;
    const { protocol, host } = window.location;
    return `${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}${WS_AGENT_PATH}`;
  }

  private open() {
    this.teardown();
    this.setStatus({ state: 'connecting', attempt: this.attempt });
    let socket: SocketLike;
    try {
      socket = this.o.createSocket ? this.o.createSocket(this.url()) : (new WebSocket(this.url()) as SocketLike);
    } catch {
      this.scheduleRetry(false);
      return;
    }
    this.socket = socket;
    let opened = false;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      opened = true;
      this.attempt = 0;
      this.setStatus({ state: 'open' });
      this.startPing();
    };
    socket.onmessage = (ev) => {
      if (this.socket !== socket) return;
      this.alive();
      if (typeof ev.data !== 'string') return;
      let frame: unknown;
      try {
        frame = JSON.parse(ev.data);
      } catch {
        return;
      }
      if (frame && typeof frame === 'object' && typeof (frame as { type?: unknown }).type === 'string') {
        this.o.onFrame(frame as AgentServerFrame);
      }
    };
    socket.onerror = () => {
      /* onclose follows */
    };
    socket.onclose = (ev) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.stopPing();
      if (this.stopped) return;
      this.scheduleRetry(!opened || AUTH_CLOSE_CODES.has(ev.code));
    };
  }

  private scheduleRetry(askAuth: boolean) {
    const attempt = this.attempt++;
    const delay = backoffDelay(attempt, this.o.random);
    const now = (this.o.now ?? Date.now)();
    this.setStatus({ state: 'reconnecting', attempt: this.attempt, retryAt: now + delay });
    this.retryTimer = setTimeout(() => this.open(), delay);
    if (askAuth && this.o.checkAuth) {
      this.o.checkAuth().then(
        (ok) => {
          if (!ok && !this.stopped) {
            this.stop();
            this.setStatus({ state: 'unauthorized' });
          }
        },
        () => undefined,
      );
    }
  }

  private startPing() {
    this.stopPing();
    this.pingTimer = setInterval(() => {
      if (!this.send({ type: 'ping' })) return;
      clearTimeout(this.deadTimer);
      // A dead network can hold a close handshake for minutes: drop the socket and reconnect now.
      this.deadTimer = setTimeout(() => {
        if (this.stopped) return;
        this.teardown();
        this.scheduleRetry(false);
      }, PONG_TIMEOUT_MS);
    }, PING_EVERY_MS);
  }

  private alive() {
    clearTimeout(this.deadTimer);
    this.deadTimer = undefined;
  }

  private stopPing() {
    clearInterval(this.pingTimer);
    clearTimeout(this.deadTimer);
    this.pingTimer = undefined;
    this.deadTimer = undefined;
  }

  private teardown() {
    this.stopPing();
    const s = this.socket;
    this.socket = null;
    if (s) {
      s.onopen = s.onmessage = s.onerror = null;
      s.onclose = null;
      try {
        s.close(1000);
      } catch {
        /* already closed */
      }
    }
  }
}
