/**
 * The agent console's HTML shell (GET /agent). The app itself is /agent/console.js (built into
 * dist/console/ by the console's own rollup entry); the page only gives it a mount point and a
 * Content-Security-Policy that allows nothing else: no inline script but the nonce'd module tag,
 * no inline style (the console uses constructable stylesheets), no framing.
 */
import { randomBytes } from 'node:crypto';

export const CONSOLE_SCRIPT_PATH = '/agent/console.js';

export function consoleContentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "connect-src 'self' ws: wss:",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** A fresh page and its headers: one nonce per response, never reused. */
export function renderConsolePage(): { html: string; headers: Record<string, string> } {
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
      'Content-Security-Policy': consoleContentSecurityPolicy(nonce),
      'X-Frame-Options': 'DENY',
      'Cross-Origin-Opener-Policy': 'same-origin',
    },
  };
}
