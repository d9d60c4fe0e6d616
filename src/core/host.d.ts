/**
 * What core may use of its host: the globals every JavaScript host has (browsers, workers, Node 20
 * and newer, the engines of native web views), and the host objects core passes along without
 * reading them. Compiled only by tsconfig.core.json, which has neither the DOM library nor Node's
 * types; everywhere else the DOM or Node declares the same names, in full. Anything of the page
 * (document, window, navigator, location, fetch) reaches core through its ports (./ports.ts).
 */

/** A timer's handle: opaque (a number in browsers, an object in Node). */
interface HostTimer {
  readonly __hostTimer: never;
}
declare function setTimeout(handler: () => void, timeout?: number): HostTimer;
declare function clearTimeout(timer: HostTimer | undefined): void;
declare function queueMicrotask(callback: () => void): void;
declare function structuredClone<T>(value: T): T;

declare const console: {
  log(...data: unknown[]): void;
  warn(...data: unknown[]): void;
  error(...data: unknown[]): void;
};

declare const crypto: {
  getRandomValues<T extends Uint8Array>(array: T): T;
};

declare class TextEncoder {
  encode(input?: string): Uint8Array;
}

declare class URLSearchParams {
  get(name: string): string | null;
}
declare class URL {
  constructor(url: string, base?: string);
  readonly searchParams: URLSearchParams;
}

/** A file the visitor sends (a Blob in browsers and in Node): core reads its type and size only. */
interface Blob {
  readonly size: number;
  readonly type: string;
}

/** The microphone's stream: handed to a call transport; core only stops its tracks. */
interface MediaStream {
  getTracks(): { stop(): void }[];
}
