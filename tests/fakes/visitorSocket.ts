// A fake browser WebSocket for the local transport's unit tests: records the frames the visitor
// sends, and lets the test play the server (open, frames, a dropped connection).
import type { VisitorFrame, VisitorServerFrame } from '../../src/protocol/chat';

export class FakeSocket {
  /** Every socket made since the test reset it (`FakeSocket.all = []`). */
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: VisitorFrame[] = [];
  onopen: ((e: unknown) => void) | null = null;
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onclose: ((e: unknown) => void) | null = null;
  onerror: ((e: unknown) => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.closed = true;
    this.readyState = 3;
  }
  // ---- the server's side ----
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  frame(f: VisitorServerFrame) {
    this.onmessage?.({ data: JSON.stringify(f) });
  }
  /** The connection is lost, as a browser reports it: error, then close. */
  drop() {
    this.readyState = 3;
    this.onerror?.({});
    this.onclose?.({});
  }
  types() {
    return this.sent.map((f) => f.type);
  }
  /** The clientIds of the `send` frames, in order. */
  sends() {
    return this.sent.flatMap((f) => (f.type === 'send' ? [f.clientId] : []));
  }
}

/** The socket made last. */
export const lastSocket = () => FakeSocket.all.at(-1)!;
