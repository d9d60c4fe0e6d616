/**
 * The agent console's HTML shell (GET /agent). The app itself is /agent/console.js (built into
 * dist/console/ by the console's own rollup entry); the page only gives it a mount point and a
 * Content-Security-Policy that allows nothing else: no inline script but the nonce'd module tag,
 * no inline style (the console uses constructable stylesheets), no framing.
 */
import { randomBytes } from 'node:crypto';

export const CONSOLE_SCRIPT_PATH = '/agent/console.js';

/** A Host header fit to name in a policy (host, IPv4, [IPv6], optional port); anything else is not. */
const HOST_PATTERN = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * `connect-src` names only the console's own origin: its HTTP ('self') and its WebSocket on the
 * same host (ws: over http, wss: over https). Any ws:/wss: would let injected script talk to any
 * server. 'self' covers same-origin WebSockets in CSP Level 3 browsers; the explicit URL covers
 * the others. A Host header that is not a plain host leaves 'self' alone.
 */
export function consoleContentSecurityPolicy(nonce: string, host?: string, secure = false): string {
  const socket = host && HOST_PATTERN.test(host) ? ` ${secure ? 'wss' : 'ws'}://${host}` : '';
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    `connect-src 'self'${socket}`,
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** A fresh page and its headers: one nonce per response, never reused. `host`/`secure`: the request's, for connect-src. */
export function renderConsolePage(host?: string, secure = false): { html: string; headers: Record<string, string> } {
  const nonce = randomBytes(16).toString('base64');
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Baton · Agent console</title>
<script type="module" src="${CONSOLE_SCRIPT_PATH}" nonce="${nonce}"></script>
</head>
<body>
<div id="app"><p>Loading the agent console…</p><noscript>The agent console needs JavaScript.</noscript></div>
</body>
</html>
`;
  return {
    html,
    headers: {
      'Content-Security-Policy': consoleContentSecurityPolicy(nonce, host, secure),
      'X-Frame-Options': 'DENY',
      'Cross-Origin-Opener-Policy': 'same-origin',
    },
  };
}
