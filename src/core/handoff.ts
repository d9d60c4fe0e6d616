/**
 * "Continue on your phone" (issue 16), as core sees it: what a transport with handoff links
 * (BatonTransport.handoff; Baton's embedded server: src/transports/local/handoff.ts) gives the UI.
 */
import type { HandoffRefusal, HandoffState } from '../protocol/handoff';
import type { ContextSnapshot } from '../protocol/context';
import type { StartedChat } from './chat/chat';
import type { KeyValueStore } from './ports';
import type { BatonSession } from './session';

/** What the handoff chunk gets from the API (the boot: src/api/createBaton.ts). */
export interface HandoffDeps {
  /** Baton's server, no trailing slash. */
  readonly server: string;
  /** Baton's store (the transport's visitor record); written only with consent. */
  readonly store: KeyValueStore;
  context(): Promise<ContextSnapshot>;
  /** The chat, when it started: its credential is used first (it exists without consent too). */
  readonly started: Promise<StartedChat> | null;
  readonly baton: Pick<BatonSession, 'on'>;
}

export interface HandoffOffer {
  /** The page the visitor is on, with the token in its fragment: what the QR code holds. */
  link: string;
  /** ms since the epoch. */
  expiresAt: number;
  /** Whether a phone used the link yet (the QR view asks every HANDOFF_POLL_MS while it shows). */
  state(): Promise<HandoffState>;
}

/** What the phone's panel says when it opens: where the conversation came from, or why not. */
export type HandoffArrival = { ok: true; from: string } | { ok: false; reason: HandoffRefusal | 'network' };

/** Why no link: the server refused (`rate_limited` with a wait), or could not be reached. */
export class HandoffError extends Error {
  constructor(
    readonly reason: 'rate_limited' | 'network' | 'refused',
    message: string,
    readonly retryAfterS?: number,
  ) {
    super(message);
  }
}

/** The chunk BatonTransport.handoff loads. */
export interface HandoffChunk {
  offerHandoff(deps: HandoffDeps): Promise<HandoffOffer>;
  /** From boot, on a page opened with a link's token: redeem it (once consent allows), then `open` the panel. */
  arrive(deps: HandoffDeps, token: string, open: () => void): Promise<HandoffArrival>;
}
