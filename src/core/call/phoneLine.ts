/**
 * The phone line with a context code: what a transport's phone-line chunk (BatonTransport.phoneLine,
 * src/core/transports.ts) answers when the visitor opens the phone-line view. It asks its server
 * for a 6-digit code for the visitor's conversation, sending the context as it is now, so the
 * agent who takes the call (or types the code into the console) sees who is calling and from
 * where. Only on the visitor's request: nothing is sent before.
 */
import type { ContextSnapshot } from '../../protocol/context';
import type { KeyValueStore } from '../ports';

export interface PhoneCode {
  /** 6 digits, as a string ('004217'). */
  code: string;
  /** ms since the epoch. */
  expiresAt: number;
}

/** Why no code: the server refused (`rate_limited` with a wait), or could not be reached. */
export class PhoneCodeError extends Error {
  constructor(
    readonly reason: 'rate_limited' | 'network' | 'refused',
    message: string,
    readonly retryAfterS?: number,
  ) {
    super(message);
  }
}

/** What a phone-line chunk gets from Baton. */
export interface PhoneLineDeps {
  /** Baton's server, no trailing slash. */
  readonly server: string;
  /** Baton's store (the transport's visitor record); written only with consent. */
  readonly store: KeyValueStore;
  /** The context as the agent will see it now; null when it could not be built. */
  context(): Promise<ContextSnapshot | null>;
}
