// Shared helpers for tests/browser: a real Chromium (playwright-core + Debian's /usr/bin/chromium,
// or CHROMIUM_PATH) against the demo store serving the built dist/ (`npm test` builds before these run).
import jsQR from 'jsqr';
import { chromium, type Browser, type Page } from 'playwright-core';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Flags for a quiet, deterministic, loopback-only headless Chromium (scripts/bench.mjs uses the same). */
export const CHROMIUM_ARGS = [
  '--no-sandbox', // CI runs as root
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, ...extraArgs],
    headless: true,
  });
}

export interface Demo {
  /** e.g. 'http://127.0.0.1:41234' (no trailing slash) */
  url: string;
  close(): Promise<void>;
}

interface DemoServerModule {
  startDemoServer(options: { port: number; host: string }): Promise<{ url: string; close(): unknown }>;
}

/** Starts demo/server.mjs on a free loopback port. Needs dist/ (run `npm run build` first). */
export async function startDemo(): Promise<Demo> {
  if (!existsSync(`${ROOT}dist/baton.js`)) {
    throw new Error('tests/browser: dist/baton.js not found; run `npm run build` before the browser tests');
  }
  // Imported through a computed URL so typecheck does not need a .d.ts for the demo's .mjs.
  const href = new URL('../../demo/server.mjs', import.meta.url).href;
  const mod = (await import(/* @vite-ignore */ href)) as DemoServerModule;
  const server = await mod.startDemoServer({ port: 0, host: '127.0.0.1' });
  return { url: server.url.replace(/\/$/, ''), close: async () => void (await server.close()) };
}

/**
 * What the script tag loads before the visitor does anything (issue 22): baton.js while the page
 * loads, its idle half (src/compose/cdnStart.ts) when the page is idle. Chunk paths without their
 * content hash, in the order requested.
 */
export const BEFORE_INTERACTION = ['/baton/baton.js', '/baton/chunks/cdnStart.js'];
/** A built chunk's path without its content hash: `/baton/chunks/cdnStart-BVmbX2v0.js` -> `/baton/chunks/cdnStart.js`. */
export const unhashed = (path: string): string => path.replace(/-[\w-]{8}\.js$/, '.js');

export interface CspViolation {
  directive: string;
  blockedURI: string;
  sourceFile: string;
  line: number;
  sample: string;
  documentURI: string;
}

export interface Collected {
  /** console.error messages (and Chromium's own error-level console messages, e.g. failed loads). */
  consoleErrors: string[];
  /** Uncaught exceptions and unhandled rejections. */
  pageErrors: string[];
  /** securitypolicyviolation events, from every frame and every navigation since collectConsole(). */
  cspViolations: CspViolation[];
  /** All of the above, one line each: `expect(collected.problems()).toEqual([])`. */
  problems(): string[];
}

declare global {
  interface Window {
    /** Filled by collectConsole's init script, per document. */
    __cspViolations?: CspViolation[];
  }
}

const CSP_INIT = `(() => {
  const list = (window.__cspViolations = window.__cspViolations || []);
  document.addEventListener('securitypolicyviolation', (e) => {
    const v = { directive: e.effectiveDirective || e.violatedDirective, blockedURI: e.blockedURI,
      sourceFile: e.sourceFile, line: e.lineNumber, sample: e.sample, documentURI: e.documentURI };
    list.push(v);
    if (typeof window.__batonReportCsp === 'function') window.__batonReportCsp(v);
  }, true);
})();`;

/**
 * Records console errors, page errors and CSP violations of `page` from now on. Call it before
 * the first navigation (the CSP listener is an init script, installed in every document and frame).
 */
export async function collectConsole(page: Page): Promise<Collected> {
  const collected: Collected = {
    consoleErrors: [],
    pageErrors: [],
    cspViolations: [],
    problems: () => [
      ...collected.consoleErrors.map((m) => `console.error: ${m}`),
      ...collected.pageErrors.map((m) => `page error: ${m}`),
      ...collected.cspViolations.map((v) => `CSP violation: ${v.directive} blocked ${v.blockedURI || '(inline)'} at ${v.sourceFile}:${v.line} on ${v.documentURI}`),
    ],
  };
  page.on('console', (m) => {
    if (m.type() === 'error') {
      const { url, lineNumber } = m.location();
      collected.consoleErrors.push(url ? `${m.text()} (${url}:${lineNumber})` : m.text());
    }
  });
  page.on('pageerror', (e) => collected.pageErrors.push(e.stack ?? e.message));
  await page.exposeFunction('__batonReportCsp', (v: CspViolation) => void collected.cspViolations.push(v));
  await page.addInitScript({ content: CSP_INIT });
  return collected;
}

/** Saves a full-page PNG to test-results/<name>.png (gitignored); returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = `${ROOT}test-results`;
  mkdirSync(dir, { recursive: true });
  const path = `${dir}/${name.replace(/[^\w.-]+/g, '_')}.png`;
  await page.screenshot({ path, fullPage: true });
  return path;
}

export interface Product {
  /** e.g. 'http://127.0.0.1:41234' (no trailing slash) */
  url: string;
  /** The SQLite file (a temp file, removed by close()). */
  dbPath: string;
  /** The identity secret the server verifies with and the demo store signs with (random per product). */
  identitySecret: string;
  createAgent(a: { email: string; name: string; password: string }): Promise<unknown>;
  close(): Promise<void>;
}

interface ServerModule {
  createEmbeddedServer(o: {
    port: number;
    host: string;
    dbPath: string;
    identitySecret: string;
    staticHandler: unknown;
    noAgentAfterMs?: number;
    allowedOrigins?: string[];
    bot?: unknown;
    botName?: string;
    replyMailDelayMs?: number;
    hours?: unknown;
    clock?: () => number;
  }): Promise<{ url: string; createAgent: Product['createAgent']; close(): Promise<void> }>;
  articleBot(o: { articles: unknown }): unknown;
}

/** What a test changes in the product it starts: `bot: 'articles'`, the built-in bot on the demo's articles, as `npm start` runs it. */
export interface ProductOptions {
  bot?: 'articles';
  /** A reply the visitor left unread goes by e-mail (the local outbox, `<dbPath>-outbox/`) after this long (default 2 minutes). */
  replyMailDelayMs?: number;
  /** Business hours (createEmbeddedServer's `hours`) and the server's clock for them (issue 15). */
  hours?: unknown;
  clock?: () => number;
}

/** Serves a request (true) or leaves it to the next handler (false), as the embedded server's staticHandler. */
export type SiteHandler = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => boolean;
/** A loopback port that was free a moment ago (for a server whose own origin must be known before it listens). */
async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const port = (probe.address() as { port: number }).port;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The whole product as `npm start` runs it: the embedded server (built dist/server) with the demo
 * store mounted, on a free loopback port, with a fresh SQLite file in a temp directory.
 * `site`: pages of a test's own site, served before the demo store's. `siteOrigins`: other origins
 * whose pages embed Baton (BATON_ALLOWED_ORIGINS), on top of its own. `seed(dbPath)` writes into
 * the SQLite file (its schema made) before the server that serves it starts.
 */
export async function startProduct(site?: SiteHandler, siteOrigins: string[] = [], seed?: (dbPath: string) => void, options: ProductOptions = {}): Promise<Product> {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(`${tmpdir()}/baton-e2e-`);
  const dbPath = `${dir}/baton.sqlite`;
  const server = (await import(/* @vite-ignore */ new URL('../../dist/server/index.js', import.meta.url).href)) as ServerModule;
  const demo = (await import(/* @vite-ignore */ new URL('../../demo/server.mjs', import.meta.url).href)) as {
    createDemoHandler(o: { notFound: boolean; identitySecret: string }): unknown;
    ARTICLES_FILE: string;
    DEMO_BOT_NAME: string;
  };
  const bot = options.bot === 'articles' ? { bot: server.articleBot({ articles: JSON.parse(readFileSync(demo.ARTICLES_FILE, 'utf8')) }), botName: demo.DEMO_BOT_NAME } : {};
  // A fresh random secret, as `npm start` makes on a first run: no server runs with a known one.
  const identitySecret = (await import('node:crypto')).randomBytes(32).toString('base64url');
  if (seed) {
    await (await server.createEmbeddedServer({ port: 0, host: '127.0.0.1', dbPath, identitySecret, staticHandler: null })).close();
    seed(dbPath);
  }
  const start = (port: number) =>
    server.createEmbeddedServer({
      port,
      host: '127.0.0.1',
      dbPath,
      identitySecret,
      staticHandler: withSite(site, demo.createDemoHandler({ notFound: false, identitySecret }) as SiteHandler),
      ...bot,
      ...(options.replyMailDelayMs !== undefined ? { replyMailDelayMs: options.replyMailDelayMs } : {}),
      ...(options.hours ? { hours: options.hours } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(siteOrigins.length ? { allowedOrigins: [`http://127.0.0.1:${port}`, `http://localhost:${port}`, ...siteOrigins] } : {}),
    });
  let s: Awaited<ReturnType<typeof start>>;
  if (!siteOrigins.length) s = await start(0);
  else {
    // Its own origin must be in the list before it listens: take a free port, again if another process took it meanwhile.
    for (let attempt = 1; ; attempt++) {
      try {
        s = await start(await freePort());
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt === 5) throw error;
      }
    }
  }
  return {
    url: s.url.replace(/\/$/, ''),
    dbPath,
    identitySecret,
    createAgent: (a) => s.createAgent(a),
    close: async () => {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function withSite(site: SiteHandler | undefined, demo: SiteHandler): SiteHandler {
  return site ? (req, res) => site(req, res) || demo(req, res) : demo;
}

/** An agent account, as Product.createAgent makes it. */
export interface AgentAccount {
  email: string;
  name: string;
  password: string;
}

/**
 * One Chromium (CHROMIUM_ARGS plus `chromiumArgs`) and the whole product (startProduct) with
 * `agent` signed up: the shared start of the end-to-end files (one browser, one server per file).
 */
export async function startProductWithAgent(
  agent: AgentAccount,
  chromiumArgs: string[] = [],
  site?: SiteHandler,
  siteOrigins: string[] = [],
  seed?: (dbPath: string) => void,
  options: ProductOptions = {},
): Promise<{ browser: Browser; product: Product }> {
  const [browser, product] = await Promise.all([launchChromium(chromiumArgs), startProduct(site, siteOrigins, seed, options)]);
  try {
    await product.createAgent(agent);
  } catch (error) {
    await Promise.all([browser.close(), product.close()]);
    throw error;
  }
  return { browser, product };
}

/** Signs `agent` in to the agent console at `${baseUrl}/agent` in `page`, and waits until the console is live. */
/** iPhone-sized, touch, with Safari's user agent (as Playwright's device list has it). */
export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 3,
  isMobile: true,
  hasTouch: true,
  userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
};

export async function signInToConsole(page: Page, baseUrl: string, agent: { email: string; password: string }): Promise<void> {
  await page.goto(`${baseUrl}/agent`);
  await page.fill('#login-email', agent.email);
  await page.fill('#login-password', agent.password);
  await page.click('button[type=submit]');
  await page.locator('[data-testid=connection][data-state=open]').waitFor();
}

/** A fresh browser context (1440x900) with `agent` signed in to the console at `${baseUrl}/agent`. */
export async function openConsole(browser: Browser, baseUrl: string, agent: { email: string; password: string }): Promise<{ context: import('playwright-core').BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await signInToConsole(page, baseUrl, agent);
  return { context, page };
}

let axeSource: string | undefined;

/** axe-core's WCAG 2 A/AA rules on the whole page, open shadow roots included. */
export async function axeViolations(page: Page): Promise<string[]> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
  });
  return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}

/**
 * Opens the widget on its home, then the conversation, as a visitor does: the launcher, then
 * "Send us a message" (or the card of the conversation they have). Resolves once the conversation
 * shows its message box (one composer in every state).
 */
export async function openConversation(page: Page): Promise<void> {
  await page.locator('#baton-launcher').click();
  const box = page.locator('#baton-panel #baton-input');
  const go = page.locator('#baton-panel [data-go=chat]').first();
  // The panel goes to the conversation by itself when an agent's reply is unread: either way is fine.
  await box.or(go).waitFor();
  // Under load the home may still be re-rendering when the click comes (a second tab learns its
  // conversation from the first, and the continue card appears above "start"): Playwright's click
  // waits for a stable target, which can take longer than a short timeout; the panel may also go
  // to the conversation by itself meanwhile. Whichever comes first.
  if (!(await box.isVisible())) await Promise.race([box.waitFor(), go.click().catch(() => undefined)]);
  await box.waitFor();
}

/** The QR code in a PNG screenshot, decoded with jsQR (the pixels read by a blank page's canvas). */
export async function decodeQr(browser: Browser, png: Buffer): Promise<string | null> {
  const page = await browser.newPage();
  try {
    const { width, height, rgba } = await page.evaluate(async (b64) => {
      const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
      const c = new OffscreenCanvas(bitmap.width, bitmap.height);
      const g = c.getContext('2d')!;
      g.drawImage(bitmap, 0, 0);
      const data = g.getImageData(0, 0, bitmap.width, bitmap.height).data;
      let bin = '';
      for (let i = 0; i < data.length; i += 0x8000) bin += String.fromCharCode(...data.subarray(i, i + 0x8000));
      return { width: bitmap.width, height: bitmap.height, rgba: btoa(bin) };
    }, png.toString('base64'));
    return jsQR(new Uint8ClampedArray(Buffer.from(rgba, 'base64')), width, height)?.data ?? null;
  } finally {
    await page.close();
  }
}
