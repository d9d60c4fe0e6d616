import type { BatonEvents, BatonOptions, Listener, BatonEventName } from '../api/types';
import type { ContextSnapshot } from '../protocol/context';
import type { ContextParts, RawContext } from './context/engine';
import type { CallHandle } from './call/session';
import type { ChatHandle } from './chat/session';
import type { PhoneCode } from './call/phoneLine';
import type { HandoffArrival, HandoffOffer } from './handoff';
import type { Callbacks } from './callbacks';

/**
 * The headless handle a UI renders. Baton's own Preact UI uses it, and so can a site's own UI.
 * It holds no transport and no vendor object: only state snapshots and intents.
 */
export interface BatonSession {
  readonly options: Readonly<BatonOptions>;
  /** The snapshot the agent would get now (loads the snapshot builder on first use). */
  getContext(): Promise<ContextSnapshot>;
  /** Something in the context changed (a navigation, for instance); cheap: builds nothing. */
  onChange(fn: () => void): () => void;
  on<E extends BatonEventName>(event: E, listener: Listener<E>): () => void;
  /** The UI reports that it opened or closed (emits 'open' / 'close'). */
  setOpen(open: boolean): void;
  isOpen(): boolean;
  consent(state: 'granted' | 'denied'): void;
  /** Call only from the visitor's click on Baton's own location prompt. Resolves false when refused or unavailable. */
  shareLocation(): Promise<boolean>;
  /** Report a failure through the 'error' event. */
  reportError(error: BatonEvents['error']): void;
  /**
   * The chat with Baton's server: the first call loads the chat and transport chunks and
   * connects; every call resolves to the same handle. Rejects when this build has no chat
   * (`baton-sdk/headless`) or a chunk failed to load (the next call tries again).
   * The unread count is the 'unread' event (see `on`).
   */
  chat(): Promise<ChatHandle>;
  /**
   * Calls (click-to-call): the first call loads a small chunk and resolves to the same handle
   * every time; nothing of the transport loads until `start()`, which the UI calls in the
   * visitor's click. Rejects like chat() in builds without calls.
   */
  call?(): Promise<CallHandle>;
  /**
   * Starts a call from the visitor's click, synchronously: the microphone is asked for before
   * anything is awaited (browsers tie the prompt to the click), then the call chunk loads and
   * gets the pending stream. What `Baton('call')`, the launcher's call button and the panel use.
   */
  startCall?(): void;
  /**
   * A 6-digit, single-use context code (10 minutes) for the phone line (`phone` option), for the
   * visitor's conversation: sends the context now. Rejects with a `reason` ('rate_limited' with
   * `retryAfterS`, 'network', 'refused').
   */
  phoneCode?(): Promise<PhoneCode>;
  /**
   * Sets (or clears, with null) a part of the context Baton's UI adds: `routing` (the visitor's
   * topic in the site's menu), `selfService` (the help articles they read), `preferences` (the way
   * they chose to be reached), `location` (null
   * withdraws the one shared with shareLocation()). The UI validates it.
   */
  setPart?<K extends keyof ContextParts>(key: K, value: ContextParts[K] | null): void;
  /** What the context is recorded from, as it is now (no snapshot built): proactive rules read their facts here. */
  raw?(): RawContext;
  /**
   * "Continue on your phone": a single-use link (10 minutes) for the visitor's conversation, to
   * show as a QR code; sends the context now. Rejects like phoneCode().
   */
  handoff?: (() => Promise<HandoffOffer>) | undefined;
  /** Scheduled callbacks (issue 15), where the transport's server books them; rejects where it does not. */
  callbacks?: (() => Promise<Callbacks>) | undefined;
  /** This page was opened from such a link: where the conversation came from, or why it could not continue. */
  arrival?(): Promise<HandoffArrival> | undefined;
}
