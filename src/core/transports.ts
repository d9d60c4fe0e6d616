/**
 * A transport as a registered part: the lazy chunks that carry the visitor's chat and calls to one
 * backend (Baton's embedded server, Twilio, a site's own). The entries register the ones their
 * build has (src/compose/transports.ts); the boot option `transport` picks one by name, or an npm
 * site passes one in (`transport: twilio` from `baton-sdk/twilio`). Core receives the chosen one
 * and never names a backend: a new backend is a new part, and touches no file of core.
 */
import type { ChatTransport, ChatTransportDeps, StoredVisitor } from './chat/transport';
import type { HandoffChunk } from './handoff';
import type { Callbacks, CallbacksDeps } from './callbacks';
import type { CallTransport } from './call/transport';
import type { CallTransportDeps } from './call/call';
import type { PhoneCode, PhoneLineDeps } from './call/phoneLine';
import type { Presence } from './chat/session';
import type { SelfServiceHelpedRequest } from '../protocol/selfService';

export interface BatonTransport {
  /** The name the boot option `transport` picks it by: `'local'`, `'twilio'`. */
  readonly name: string;
  /** The chat transport's chunk, imported when the chat starts (never with the page). */
  chat(): Promise<{ createTransport(deps: ChatTransportDeps): ChatTransport }>;
  /**
   * A tiny chunk, loaded when the page is idle on a later page with a stored credential and no
   * open conversation (an open one reconnects by itself): how many agent messages the visitor has
   * not read, without connecting (null when unknown). Absent: no badge before the chat starts.
   */
  status?(): Promise<{
    unread(server: string, stored: StoredVisitor): Promise<number | null>;
    /** Who is online, asked without connecting (the panel's home). */
    presence?(server: string): Promise<Presence | null>;
    /** A help article answered the visitor's question (counted as a conversation avoided). */
    helped?(server: string, report: SelfServiceHelpedRequest): Promise<void>;
  }>;
  /** The call transport's chunk, imported on the first "Call". Absent: this backend has no calls. */
  call?(): Promise<{ createCallTransport(deps: CallTransportDeps): CallTransport }>;
  /** The phone line's chunk: a context code from this backend's server. Absent: no phone line. */
  phoneLine?(): Promise<{ requestPhoneCode(deps: PhoneLineDeps): Promise<PhoneCode>; callbacks?(deps: CallbacksDeps): Callbacks }>;
  /** "Continue on your phone" links (./handoff.ts), imported on the visitor's request. Absent: none. */
  handoff?(): Promise<HandoffChunk>;
}

/**
 * The transport the boot option `choice` names among `registered` (the first one by default), or
 * the part itself when the site passed one in; undefined when this build has none by that name
 * (the chat says so when it starts: src/core/chat/chat.ts). On the page-load path: kept tiny.
 */
export function chooseTransport(registered: readonly BatonTransport[], choice: unknown): BatonTransport | undefined {
  return choice && typeof choice === 'object' ? (choice as BatonTransport) : choice === undefined ? registered[0] : registered.find((t) => t.name === choice);
}

