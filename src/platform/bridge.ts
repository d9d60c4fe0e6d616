/**
 * The bridge to a native app that hosts Baton in a web view (issue 16; docs/mobile.md). Baton
 * posts its events to the app through the channel the app injected, and the app sends commands
 * back. A chunk of its own, loaded when the page is idle and only when such a channel exists
 * (src/api/createBaton.ts holds the events that come before it loads).
 *
 * Out, one JSON string per event, `{"source":"baton","event":"unread","data":2}`:
 *   - iOS WKWebView: `webkit.messageHandlers.baton.postMessage(json)`
 *   - Android WebView: `BatonBridge.postMessage(json)` (an @JavascriptInterface object named
 *     BatonBridge; Flutter's webview_flutter JavaScriptChannel of that name works the same)
 *   - React Native WebView: `ReactNativeWebView.postMessage(json)`
 *   - Flutter InAppWebView: `flutter_inappwebview.callHandler('baton', json)`
 * Events: ready, open, close, unread (count), message ({ text, at, agentName }), call ({ state,
 * reason? }), error ({ code, message }). Never the context: the app has its own.
 *
 * In: the app runs `BatonBridgeCommand('{"method":"open"}')` in the page (evaluateJavascript,
 * injectJavaScript, runJavaScript): one of BRIDGE_COMMANDS with its `args`. A JSON string, so the
 * app never builds JavaScript out of its own values; anything else is ignored and reported.
 */
import { BRIDGE_EVENTS, type BridgeEvent } from './bridgeEvents';

/** What the app may ask for: the public API's methods that make sense from a native shell. */
export const BRIDGE_COMMANDS = ['open', 'close', 'call', 'consent', 'identify', 'context', 'shutdown'] as const;
/** A command's JSON is at most this long (an identify with custom fields fits easily). */
export const BRIDGE_COMMAND_MAX_CHARS = 16 * 1024;

type W = Record<string, any>;

/** The app's channel in this page, or null when Baton is not in a web view with a bridge. */
export function findBridge(w: W = window as unknown as W): ((json: string) => void) | null {
  const ios = w.webkit?.messageHandlers?.baton;
  if (ios?.postMessage) return (json) => ios.postMessage(json);
  if (w.BatonBridge?.postMessage) return (json) => w.BatonBridge.postMessage(json);
  if (w.ReactNativeWebView?.postMessage) return (json) => w.ReactNativeWebView.postMessage(json);
  if (w.flutter_inappwebview?.callHandler) return (json) => void w.flutter_inappwebview.callHandler('baton', json);
  return null;
}

export interface BridgeApi {
  on(event: BridgeEvent, listener: (data: unknown) => void): () => void;
  /** Runs a public API method by name (what `Baton('method', ...args)` does). */
  call(method: string, args: unknown[]): unknown;
  /** Reports a refused command on the public 'error' event. */
  fail(code: 'invalid_argument', message: string): void;
}

/**
 * Connects the page to the app: `held` are the events that came before this chunk loaded (in
 * order). Returns the function that disconnects.
 */
export function connectBridge(api: BridgeApi, held: [string, unknown][] = [], w: W = window as unknown as W): () => void {
  const post = findBridge(w);
  if (!post) return () => undefined;
  const send = (event: string, data: unknown) => {
    try {
      post(JSON.stringify({ source: 'baton', event, data: data ?? null }));
    } catch {
      // The app's channel threw (torn down with its view): nothing to tell it any more.
    }
  };
  for (const [event, data] of held) send(event, data);
  const offs = (['ready', ...BRIDGE_EVENTS] as const).map((event) => api.on(event, (data) => send(event, data)));
  w.BatonBridgeCommand = (json: unknown) => {
    let command: { method?: unknown; args?: unknown } | null = null;
    try {
      if (typeof json === 'string' && json.length <= BRIDGE_COMMAND_MAX_CHARS) command = JSON.parse(json);
    } catch {
      // Reported below.
    }
    const method = command?.method;
    const args = command?.args ?? [];
    if (typeof method !== 'string' || !(BRIDGE_COMMANDS as readonly string[]).includes(method) || !Array.isArray(args)) {
      api.fail('invalid_argument', `BatonBridgeCommand takes JSON {"method": one of ${BRIDGE_COMMANDS.join(', ')}, "args": [...]}`);
      return false;
    }
    api.call(method, args);
    return true;
  };
  return () => {
    offs.forEach((off) => off());
    delete w.BatonBridgeCommand;
  };
}
