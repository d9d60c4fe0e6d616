// A customer's site for the browser tests: its own origin (another loopback port than Baton's
// server), serving the pages a test writes, each with or without a Content-Security-Policy.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { createCdnAssets } from '../../src/server/embedded/cdnAssets';

export interface HostPage {
  /** The page's HTML; `nonce` is this response's CSP nonce. */
  html(nonce: string): string;
  /** The Content-Security-Policy header, if any, for this response's nonce. */
  csp?(nonce: string): string;
}

export interface HostSite {
  /** e.g. 'http://127.0.0.1:41235' */
  origin: string;
  close(): Promise<void>;
}

/** The host's own stylesheet (so `style-src 'self'` has something to allow). */
const HOST_CSS = 'body{font:16px system-ui,sans-serif;margin:0}main{padding:24px}';

/**
 * Starts the site on a free loopback port; `pages` maps a path (without query) to its page.
 * `cdnDir`: the site also publishes Baton's files itself under /baton/ (copied to its own CDN).
 */
export async function startHostSite(pages: Record<string, HostPage>, cdnDir?: string): Promise<HostSite> {
  const cdn = cdnDir ? createCdnAssets(cdnDir) : () => false;
  const server = http.createServer((req, res) => {
    if (cdn(req, res)) return;
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/host.css') {
      res.writeHead(200, { 'Content-Type': 'text/css; charset=utf-8' });
      return res.end(HOST_CSS);
    }
    const page = pages[path];
    if (!page) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      return res.end('not found');
    }
    const nonce = randomBytes(16).toString('base64');
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      ...(page.csp ? { 'Content-Security-Policy': page.csp(nonce) } : {}),
    });
    res.end(page.html(nonce));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * The strict policy of issue 12: scripts only by nonce (and what they load, 'strict-dynamic'),
 * styles only from the site itself, Trusted Types required with the one policy `baton` allowed.
 */
export function strictCsp(nonce: string): string {
  return [
    `script-src 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "require-trusted-types-for 'script'",
    'trusted-types baton',
  ].join('; ');
}

/** A plain page around `head` (Baton's tags) with the site's stylesheet and some content. */
export function hostPage(title: string, head: string, body = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="/host.css">${head}</head>
<body><main><h1>${title}</h1><p>A customer's page on its own origin.</p>${body}</main></body></html>`;
}
