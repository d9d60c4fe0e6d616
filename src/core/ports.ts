/**
 * Ports: what core needs from the outside, implemented at the edge (src/storage, src/platform,
 * src/transports) and passed in by the entries.
 */

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
  /** Calls back after the URL changed without a document load. Returns a stop function. */
  watch(onRouteChange: () => void): () => void;
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
