/**
 * Scheduled callbacks (issue 15), as core sees them: what a transport with a callback service
 * (Baton's embedded server: src/transports/local/callbacks.ts, in the phone line's chunk) gives the UI.
 */
import type { CallbackRefusal, VisitorCallback } from '../protocol/callbacks';
import type { ContextSnapshot } from '../protocol/context';
import type { StartedChat } from './chat/chat';
import type { KeyValueStore } from './ports';

/** What the callbacks client gets from the API (the boot: src/api/createBaton.ts). */
export interface CallbacksDeps {
  /** Baton's server, no trailing slash. */
  readonly server: string;
  /** Baton's store (the transport's visitor record); written only with consent. */
  readonly store: KeyValueStore;
  context(): Promise<ContextSnapshot>;
  /** The chat, when it started: its credential is used first (it exists without consent too). */
  readonly started: Promise<StartedChat> | null;
}

export interface Callbacks {
  /** The next slots the server offers (ms since the epoch, ascending). */
  slots(): Promise<number[]>;
  /** The visitor's callbacks: booked ones, and those of the last day. Empty for a visitor the server does not know yet. */
  mine(): Promise<VisitorCallback[]>;
  /** Books `at` (one of slots()) for `phone` as typed; the server normalises it. Sends the context. */
  book(phone: string, at: number): Promise<VisitorCallback>;
  cancel(id: string): Promise<VisitorCallback>;
}

/** Why it failed: the server's refusal (a bad number, a slot gone, one already booked), a limit, the network. */
export class CallbackError extends Error {
  constructor(
    readonly reason: CallbackRefusal | 'rate_limited' | 'network' | 'refused',
    message: string,
  ) {
    super(message);
  }
}
