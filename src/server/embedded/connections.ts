/**
 * One open WebSocket and what the server knows about its peer. Sending goes through here so every
 * frame gets the same guards: nothing is written to a closing socket, and a peer that stopped
 * reading is cut off instead of growing the server's memory.
 */
import type { WebSocket } from 'ws';
import type { AgentPublic, AgentServerFrame, VisitorServerFrame } from '../../protocol/chat';
import { SOCKET_BUFFER_MAX_BYTES } from './limits';
import type { TokenBucket } from './rateLimits';

export abstract class Connection<Out> {
  /** Cleared by each heartbeat ping, set by the pong; still false at the next ping = dead peer. */
  alive = true;

  constructor(
    readonly ws: WebSocket,
    readonly bucket: TokenBucket,
  ) {}

  send(frame: Out): void {
    this.sendRaw(JSON.stringify(frame));
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
}
