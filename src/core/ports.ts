/**
 * Ports: what core needs from the outside, implemented at the edge (src/storage, src/platform,
 * src/transports) and passed in by the entries. Core itself reads no `document`, `window`,
 * `navigator` or `location` and makes no HTTP call (tsconfig.core.json compiles it without the DOM
 * library), so it runs unchanged in a page, a worker, Node, or a native web view's bridge.
 */
import type { DeviceContext } from '../protocol/context';
import type { CallCapabilities } from './call/transport';


/** A Map-like async store (idb-keyval's verbs). Failing is a normal case: callers catch. */
export interface KeyValueStore {
  /** 'indexeddb' or 'memory': shown to the site through the 'error' event when storage falls back. */
  readonly kind: string;
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
  /** Delete everything Baton stored (consent revoked). */
  clear(): Promise<void>;
}

/** Same-document navigations (SPA route changes) and full-load type, from the platform layer. */
export interface NavigationSource {
  /** How the current document was loaded. */
  loadKind(): 'load' | 'reload' | 'back_forward';
  /**
   * Calls back after the URL changed without a document load; `replace` when the change replaced
   * the current history entry (replaceState: a router's redirect). Returns a stop function.
   */
  watch(onRouteChange: (replace?: boolean) => void): () => void;
  /** Calls back after `document.title` changed. Returns a stop function. */
  watchTitle(onTitle: () => void): () => void;
}

/** Page lifecycle: the moments to persist state before the page may be discarded. */
export interface LifecycleSource {
  /** visibilitychange to hidden, and pagehide. Returns a stop function. */
  onHidden(fn: () => void): () => void;
}

/** Geolocation, asked only after the visitor's click on Baton's prompt. */
export interface LocationSource {
  current(): Promise<{ latitude: number; longitude: number; accuracy: number }>;
}

/** The document the visitor is on, read when needed (browser: src/platform/page.ts). */
export interface PageSource {
  href(): string;
  referrer(): string;
  title(): string;
  /** The document's language (`<html lang>`), '' when it has none. */
  language(): string;
  /** When this document started loading, ms since the epoch (0 when unknown). */
  loadedAt(): number;
}

/** What the page reports that the friction signals are made of, as plain facts. */
export interface SignalSink {
  /** A click at (x, y) in the viewport; `describe` names its target (called only when needed). */
  click(x: number, y: number, describe: () => string): void;
  /** An uncaught error's message. */
  error(message: string): void;
  /** An unhandled promise rejection's reason, as text. */
  rejection(message: string): void;
  /** A form control refused by validation: the form's and the field's names (never its value). */
  invalid(form: string, field: string): void;
}

/** The page's events behind the friction signals (browser: src/platform/signals.ts). */
export interface SignalSource {
  /** Starts reporting to `sink`. Returns a stop function. */
  watch(sink: SignalSink): () => void;
}

/** The visitor's device, read when a snapshot is built (browser: src/platform/device.ts, a lazy chunk). */
export type DeviceReader = (webViewOption: boolean | undefined) => DeviceContext;

/** The page's microphone, for calls (browser: src/platform/microphone.ts, loaded with the call chunk). */
export interface MicrophoneSource {
  /** The cheap check: can this page call at all (no prompt, nothing loaded)? */
  capabilities(): CallCapabilities;
  /** Asks for the microphone now (inside the visitor's click); undefined without getUserMedia. */
  open(deviceId: string | null): Promise<MediaStream> | undefined;
}
