// @ts-check
/**
 * The Baton demo store: a small outdoor-gear shop served by plain `node:http`.
 *
 *   node demo/server.mjs            # PORT (8787) and HOST (127.0.0.1) from the environment
 *
 * Every server-rendered page carries the Baton paste-in snippet (with the response's CSP nonce);
 * `/app/*` is a single-page app that uses the npm import instead. Query switches on any page:
 * `?nobaton=1` (no snippet: benchmark baseline), `?twice=1` (snippet pasted twice),
 * `?consent=required` (Baton boots with consent required, and the site shows a cookie banner),
 * `?callbutton=1` (a call button above the launcher: `launcher.call`), `?noproactive=1` (no proactive rules).
 *
 * It needs the build (`npm run build`): Baton's script-tag files are served under /baton/ (by the
 * embedded server under `npm start`, by createCdnAssets from `baton-sdk/server` otherwise), the
 * SPA's bundle from dist/demo under /app-build/, and the identity signature comes from
 * `baton-sdk/server` in dist/server.
 */
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes, randomInt } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createCdnAssets, makeEntryLabel, newIdentitySecret, signIdentity, signIdentityJwt } from '../dist/server/index.js';
import { findCategory, findProduct } from './catalog.mjs';
import { CART_COOKIE, addLine, isOrderable, parseCart, priceCart, serializeCart, setLineQty } from './cart.mjs';
import { layout } from './pages/layout.mjs';
import { homePage } from './pages/home.mjs';
import { categoryPage } from './pages/category.mjs';
import { productPage } from './pages/product.mjs';
import { cartPage } from './pages/cart.mjs';
import { checkoutPage, orderConfirmedPage, CARD_PATTERN, POSTCODE_PATTERN } from './pages/checkout.mjs';
import { signinPage } from './pages/signin.mjs';
import { notFoundPage } from './pages/not-found.mjs';
import { appShellPage } from './pages/app-shell.mjs';
import { labelsPage } from './pages/labels.mjs';
import { DEMO_LANGUAGES, demoTranslations } from './translations.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..');
const PUBLIC_DIR = path.join(HERE, 'public');
/** The demo store's help articles (docs/articles.md): served at /articles.json, read by the server's bot too. */
export const ARTICLES_FILE = path.join(HERE, 'articles.json');
/** The demo store's bot, on its messages in the widget and the console (docs/bot.md). */
export const DEMO_BOT_NAME = 'Fernwood assistant';

export const DEFAULT_DIST_DIR = path.join(REPO, 'dist');
export const USER_COOKIE = 'demo_user';
/** The widget language chosen with `?lang=` (the demo's language switch), for the next pages. */
export const LANG_COOKIE = 'demo_lang';

/** The one demo customer. `demo_user=ada` signs you in as her. */
const ADA = { id: 'user_ada', name: 'Ada Lovelace', firstName: 'Ada', email: 'ada@example.com' };

/** Boot options of the snippet (and of the SPA's createBaton). */
const BASE_BOOT = Object.freeze({
  launcher: { label: 'Chat with us', color: '#0b5fff' },
  // Help articles (demo/articles.json): the panel's Help, suggestions while typing; the server's bot reads the same file.
  articles: '/articles.json',
  location: true,
  phone: '+1 555 0100',
  // The visual IVR: the choice becomes routing hints (queue, skill) the agent console filters on.
  menu: [
    { label: 'Billing', queue: 'billing', skill: 'billing', options: [{ label: 'Invoices' }, { label: 'Refunds' }] },
    { label: 'Technical support', queue: 'support', skill: 'technical' },
    { label: 'Sales', queue: 'sales', skill: 'sales' },
  ],
  // How the agent (and the visitor's "What the agent sees") name the store's custom fields.
  fieldLabels: { lastViewedProduct: 'Last viewed product', customerSince: 'Customer since' },
  // Proactive help (docs/proactive.md): a message next to the launcher when the visitor seems stuck.
  proactive: [
    {
      id: 'sold-out-size',
      message: 'That size is sold out. Want help finding one that fits?',
      when: { signal: 'rage_click', detail: 'size-sold-out', path: '/product/*' },
    },
    {
      id: 'checkout-blocked',
      message: 'Stuck at checkout? We can help you finish your order.',
      when: { signal: 'form_invalid', detail: 'checkout-form', path: '/checkout' },
    },
    // A micro-survey (issue 20): after an order (the cart emptied on the checkout's confirmation), one question.
    {
      id: 'checkout-easy',
      message: 'Was checkout easy?',
      when: { path: '/checkout', custom: { cartItems: 0 } },
      action: { kind: 'survey', scale: 'five' },
    },
  ],
});

/** `?lang=sk` keeps Slovak for the next pages (the demo's language switch). */
const langCookie = (/** @type {URL} */ url) => {
  const lang = url.searchParams.get('lang');
  return lang && DEMO_LANG_CODES.includes(lang) ? [`${LANG_COOKIE}=${lang}; Path=/; SameSite=Lax`] : [];
};
/** The switch's languages, and the pseudo-locale `en-XA` (accented, 40 % longer: `?lang=en-XA` checks for clipped text). */
const DEMO_LANG_CODES = [...DEMO_LANGUAGES.map(([code]) => code), 'en-XA'];

/** The store's menu and proactive messages in every widget language. */
const DEMO_TRANSLATIONS = demoTranslations(/** @type {any} */ (BASE_BOOT));

/** @type {Record<string, string>} */
const CONTENT_TYPES = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

const MAX_BODY_BYTES = 64 * 1024;

/**
 * @typedef {object} DemoOptions
 * @property {string} [distDir] Baton's build output: the SPA's bundle (distDir/demo) is served under /app-build/
 *   (default: <repo>/dist)
 * @property {string} [identitySecret] the secret the store signs Ada's identity with, the same as Baton's
 *   server verifies with (default: $BATON_IDENTITY_SECRET; there is no built-in one: a known secret
 *   would let anyone sign any identity, so without either the handler refuses to be created)
 * @property {boolean} [notFound] render the styled 404 for unknown paths (default true); when false the
 *   handler returns false for them (and for missing files) so a host server can answer instead
 * @property {Record<string, unknown>} [boot] extra boot options for every page, e.g. `{ transport: 'twilio' }`
 */

/**
 * A request handler for the whole demo store, to mount in any `node:http` server.
 * Returns true when it handled (or started handling) the request, false when the request is not the
 * store's (only possible with `notFound: false`).
 * @param {DemoOptions} [opts]
 * @returns {(req: http.IncomingMessage, res: http.ServerResponse) => boolean}
 */
export function createDemoHandler(opts = {}) {
  const distDir = path.resolve(opts.distDir ?? DEFAULT_DIST_DIR);
  const secret = opts.identitySecret ?? process.env.BATON_IDENTITY_SECRET;
  if (!secret) throw new TypeError('createDemoHandler: identitySecret is required (the secret Baton\'s server verifies identities with)');
  const notFound = opts.notFound ?? true;
  // Baton's script-tag files, as the embedded server publishes them (which answers /baton/* itself
  // before this handler when the store is mounted in it): for the store on its own or in another server.
  const cdnAssets = createCdnAssets(distDir);

  return function handleDemo(req, res) {
    const method = req.method ?? 'GET';
    const rawTarget = req.url ?? '/';
    const rawPath = rawTarget.split('?')[0] ?? '/';
    /** @type {URL} */
    let url;
    try {
      url = new URL(rawTarget, 'http://demo.invalid');
    } catch {
      return sendText(res, 400, 'Bad request');
    }
    // Refuse dot segments (also %2e-encoded) and encoded separators anywhere, before URL normalization hides them.
    if (hasUnsafeSegment(rawPath)) return sendText(res, 404, 'Not found');

    const pathname = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
    const isRead = method === 'GET' || method === 'HEAD';

    if (pathname === '/healthz') return isRead ? sendText(res, 200, 'ok') : methodNotAllowed(res, 'GET, HEAD');
    if (cdnAssets(req, res)) return true;
    // The SPA section's bundle (demo/spa/main.ts as a site would bundle it); never under /baton/,
    // which publishes only Baton's script-tag files.
    if (pathname.startsWith('/app-build/')) {
      return serveFile(req, res, path.join(distDir, 'demo'), pathname.slice('/app-build/'.length), notFound, ['.js']);
    }
    if (pathname.startsWith('/static/')) {
      return serveFile(req, res, PUBLIC_DIR, pathname.slice('/static/'.length), notFound, Object.keys(CONTENT_TYPES));
    }
    if (pathname === '/favicon.ico') return serveFile(req, res, PUBLIC_DIR, 'favicon.svg', notFound, ['.svg']);
    if (pathname === '/articles.json') return serveFile(req, res, HERE, 'articles.json', notFound, ['.json']);

    // Safe: hasUnsafeSegment() already refused anything that does not decode.
    const segments = pathname.split('/').slice(1).map((p) => decodeURIComponent(p));
    const [first = '', second, third] = segments;

    /** Renders a page through the layout (GET/HEAD only). */
    const page = (/** @type {number} */ status, /** @type {(ctx: import('./pages/layout.mjs').PageContext) => import('./pages/layout.mjs').LayoutOptions} */ build) => {
      if (!isRead) return methodNotAllowed(res, 'GET, HEAD');
      const ctx = pageContext(req, url, secret, opts.boot);
      return sendHtml(req, res, status, ctx, layout(ctx, build(ctx)).value, langCookie(url));
    };
    const post = (/** @type {(form: URLSearchParams) => void} */ onForm) => {
      readForm(req)
        .then(onForm)
        .catch((error) => {
          if (!res.headersSent) sendText(res, error instanceof BodyTooLarge ? 413 : 400, 'Bad request');
        });
      return true;
    };

    if (pathname === '/') {
      return page(200, (ctx) => ({ title: 'Outdoor gear for wet weekends', body: homePage(ctx) }));
    }
    if (first === 'category' && second !== undefined && third === undefined) {
      const category = findCategory(second);
      if (category) return page(200, (ctx) => ({ title: category.name, body: categoryPage(ctx, category), active: category.slug, description: category.tagline }));
    }
    if (first === 'product' && second !== undefined && third === undefined) {
      const product = findProduct(second);
      if (product) {
        return page(200, (ctx) => ({
          title: product.name,
          description: product.summary,
          body: productPage(ctx, product),
          active: product.category,
          commands: [['context', { lastViewedProduct: product.slug }]],
        }));
      }
    }
    if (pathname === '/cart') {
      const addedSlug = url.searchParams.get('added');
      const added = addedSlug ? { slug: addedSlug, size: url.searchParams.get('size') ?? '' } : null;
      return page(200, (ctx) => ({ title: 'Your cart', body: cartPage(ctx, { added }), commands: [cartCommand(ctx.cart)] }));
    }
    if (pathname === '/cart/add') {
      if (method !== 'POST') return methodNotAllowed(res, 'POST');
      return post((form) => {
        const slug = form.get('slug') ?? '';
        const size = form.get('size') ?? '';
        const lines = parseCart(readCookies(req)[CART_COOKIE]);
        if (!isOrderable(slug, size)) {
          return redirect(res, findProduct(slug) ? `/product/${encodeURIComponent(slug)}` : '/');
        }
        const next = addLine(lines, slug, size, Number(form.get('qty') ?? 1));
        redirect(res, `/cart?added=${encodeURIComponent(slug)}&size=${encodeURIComponent(size)}`, [cartCookie(next)]);
      });
    }
    if (pathname === '/cart/update') {
      if (method !== 'POST') return methodNotAllowed(res, 'POST');
      return post((form) => {
        const lines = parseCart(readCookies(req)[CART_COOKIE]);
        const next = setLineQty(lines, Number(form.get('line')), Number(form.get('qty')));
        redirect(res, '/cart', [cartCookie(next)]);
      });
    }
    if (pathname === '/checkout') {
      if (method === 'POST') {
        return post((form) => {
          const ctx = pageContext(req, url, secret, opts.boot);
          const name = (form.get('name') ?? '').trim();
          const email = (form.get('email') ?? '').trim();
          const valid =
            name !== '' &&
            /^[^\s@]+@[^\s@]+$/.test(email) &&
            new RegExp(`^(?:${POSTCODE_PATTERN})$`).test(form.get('postcode') ?? '') &&
            new RegExp(`^(?:${CARD_PATTERN})$`).test(form.get('card') ?? '');
          if (!valid) return redirect(res, '/checkout?error=invalid');
          const order = { orderNumber: `FW-${randomInt(10000, 100000)}`, name, email, total: ctx.cart.total, count: ctx.cart.count };
          ctx.cart = priceCart([]);
          const doc = layout(ctx, {
            title: 'Order confirmed',
            body: orderConfirmedPage(ctx, order),
            commands: [['context', { cartValue: 0, cartItems: 0, orderNumber: order.orderNumber }]],
          }).value;
          sendHtml(req, res, 200, ctx, doc, [cartCookie([])]);
        });
      }
      return page(200, (ctx) => ({ title: 'Checkout', body: checkoutPage(ctx), commands: [cartCommand(ctx.cart)] }));
    }
    if (pathname === '/signin') {
      if (method === 'POST') {
        return post((form) => {
          redirect(res, safeReturn(form.get('return')), [`${USER_COOKIE}=ada; Path=/; SameSite=Lax; HttpOnly; Max-Age=604800`]);
        });
      }
      const returnTo = safeReturn(url.searchParams.get('return'));
      return page(200, (ctx) => ({ title: 'Sign in', body: signinPage(ctx, { returnTo }) }));
    }
    if (pathname === '/signout') {
      // A POST only: a GET (a link, an <img> on another page) must not sign anyone out.
      if (method !== 'POST') return methodNotAllowed(res, 'POST');
      return post((form) => redirect(res, safeReturn(form.get('return')), [`${USER_COOKIE}=; Path=/; SameSite=Lax; HttpOnly; Max-Age=0`]));
    }
    if (pathname === '/labels') {
      // The codes point at this store as the browser reached it (a phone on the same network scans
      // the address the computer shows); a Host header that is no host name gets loopback.
      const host = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(req.headers.host ?? '') ? req.headers.host : '127.0.0.1';
      const make = (/** @type {import('../dist/server/index.js').EntryLinkOptions} */ o) => makeEntryLabel(o, secret, { size: 148 });
      return page(200, (ctx) => ({ title: 'Printable labels', body: labelsPage(ctx, make, `http://${host}`), description: 'QR labels that open a chat about a product or an order.' }));
    }
    if (first === 'app') {
      return page(200, (ctx) => ({ title: 'Your account', body: appShellPage(ctx), spa: true, active: 'app', bodyClass: 'is-app' }));
    }

    if (!notFound) return false;
    if (!isRead) return methodNotAllowed(res, 'GET, HEAD');
    return page(404, (ctx) => ({ title: 'Page not found', body: notFoundPage(ctx) }));
  };
}

/**
 * Starts the demo store. Port 0 picks a free port; the returned `port` and `url` are the real ones.
 * @param {DemoOptions & { port?: number, host?: string }} [options]
 * @returns {Promise<{ url: string, port: number, close(): Promise<void> }>}
 */
export async function startDemoServer({
  port = 8787,
  host = '127.0.0.1',
  distDir = DEFAULT_DIST_DIR,
  // Alone (no Baton server verifying), a random secret: the store still signs, nobody can forge.
  identitySecret = process.env.BATON_IDENTITY_SECRET || newIdentitySecret(),
  notFound = true,
} = {}) {
  const handle = createDemoHandler({ distDir, identitySecret, notFound });
  const server = http.createServer((req, res) => {
    try {
      if (!handle(req, res)) sendText(res, 404, 'Not found');
    } catch (error) {
      console.error('[demo] request failed:', error);
      if (!res.headersSent) sendText(res, 500, 'Internal server error');
      else res.destroy();
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(undefined);
    });
  });
  const address = server.address();
  const realPort = typeof address === 'object' && address ? address.port : port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${realPort}`,
    port: realPort,
    close() {
      return new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Pages

/**
 * @param {http.IncomingMessage} req
 * @param {URL} url
 * @param {string} secret
 * @returns {import('./pages/layout.mjs').PageContext}
 */
function pageContext(req, url, secret, extraBoot = {}) {
  const cookies = readCookies(req);
  const user = cookies[USER_COOKIE] === 'ada' ? ADA : null;
  const consentRequired = url.searchParams.get('consent') === 'required';
  /** @type {Record<string, unknown>} */
  const boot = { ...BASE_BOOT, ...extraBoot, ...(consentRequired ? { consent: 'required' } : {}) };
  // The widget's language switch (`?lang=sk`, `?lang=ar`, ...; kept in a cookie while browsing):
  // the `locale` option, and the store's own menu and proactive messages in that language.
  const lang = DEMO_LANG_CODES.find((code) => code === (url.searchParams.get('lang') ?? cookies[LANG_COOKIE]));
  if (lang) {
    boot.locale = lang;
    boot.translations = DEMO_TRANSLATIONS;
    // The English label ("Chat with us") would override the widget's own word in that language.
    if (lang !== 'en') boot.launcher = { color: BASE_BOOT.launcher.color };
  }
  if (url.searchParams.get('callbutton') === '1') boot.launcher = { .../** @type {object} */ (boot.launcher), call: true };
  // The rules watch product pages and the checkout: other pages do not load their chunk at all.
  if (url.searchParams.get('noproactive') === '1' || !/^\/(product\/|checkout$)/.test(url.pathname)) delete boot.proactive;
  const identity = user
    ? {
        id: user.id,
        name: user.name,
        email: user.email,
        custom: { customerSince: '2021' },
        signature: signIdentity(user.id, secret),
        // Also a JWT, so the embedded server can verify name and e-mail too, not just the id.
        jwt: signIdentityJwt({ sub: user.id, name: user.name, email: user.email }, secret),
      }
    : null;
  return {
    nonce: randomBytes(16).toString('base64'),
    url,
    user,
    cart: priceCart(parseCart(cookies[CART_COOKIE])),
    baton: {
      enabled: url.searchParams.get('nobaton') !== '1',
      twice: url.searchParams.get('twice') === '1',
      consentRequired,
      boot,
      identity,
      commands: identity ? [['identify', identity]] : [],
    },
  };
}

/**
 * `Baton('context', { cartValue, cartItems })` for the cart and checkout pages.
 * @param {import('./cart.mjs').Cart} cart
 * @returns {import('./snippet.mjs').BatonCommand}
 */
function cartCommand(cart) {
  return ['context', { cartValue: cart.total / 100, cartItems: cart.count }];
}

/**
 * The strict policy every HTML response carries.
 * @param {string} nonce
 */
export function contentSecurityPolicy(nonce) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    // blob: photos in the chat (Baton fetches them with the visitor's credential and shows them as blob: URLs).
    "img-src 'self' data: blob:",
    // https://*.twilio.com: the Twilio Conversations SDK's REST and media calls (boot option transport: 'twilio').
    "connect-src 'self' ws: wss: https://*.twilio.com",
    // blob: the Twilio Conversations SDK's worker (a blob: module worker importing Baton's chunk; without it the SDK runs on the page's thread).
    "worker-src blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'self'",
  ].join('; ');
}

/**
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 * @param {number} status
 * @param {import('./pages/layout.mjs').PageContext} ctx
 * @param {string} doc
 * @param {string[]} [cookies]
 */
function sendHtml(req, res, status, ctx, doc, cookies = []) {
  const body = Buffer.from(doc, 'utf8');
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Content-Length', body.length);
  res.setHeader('Content-Security-Policy', contentSecurityPolicy(ctx.nonce));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
  res.setHeader('Cache-Control', 'no-store');
  if (cookies.length) res.setHeader('Set-Cookie', cookies);
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}

// ---------------------------------------------------------------------------------------------
// Static files

/**
 * True when a raw (still encoded) path has a `.`/`..` segment, an encoded slash or backslash, or a NUL.
 * @param {string} rawPath
 */
function hasUnsafeSegment(rawPath) {
  for (const segment of rawPath.split('/')) {
    let decoded;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return true;
    }
    if (decoded === '.' || decoded === '..' || /[/\\\0]/.test(decoded)) return true;
  }
  return rawPath.includes('\\');
}

/**
 * Serves `relative` (still URL-encoded) from `root`: only regular files with an allowed extension,
 * never outside `root` (symlinks included), never dotfiles. `Cache-Control: no-cache` plus an ETag.
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 * @param {string} root
 * @param {string} relative
 * @param {boolean} notFound whether to answer 404 for missing files (else return false)
 * @param {string[]} extensions
 */
function serveFile(req, res, root, relative, notFound, extensions) {
  const missing = () => (notFound ? sendText(res, 404, 'Not found') : false);
  if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed(res, 'GET, HEAD');
  /** @type {string[]} */
  let parts;
  try {
    parts = relative.split('/').map(decodeURIComponent);
  } catch {
    return sendText(res, 404, 'Not found');
  }
  if (parts.some((p) => p === '' || p.startsWith('.') || /[/\\\0:]/.test(p))) return sendText(res, 404, 'Not found');
  const ext = path.extname(parts[parts.length - 1] ?? '').toLowerCase();
  if (!extensions.includes(ext) || !CONTENT_TYPES[ext]) return missing();

  let file;
  let stat;
  try {
    const realRoot = fs.realpathSync(root);
    file = fs.realpathSync(path.join(realRoot, ...parts));
    if (!file.startsWith(realRoot + path.sep)) return sendText(res, 404, 'Not found');
    stat = fs.statSync(file);
    if (!stat.isFile()) return missing();
  } catch {
    return missing();
  }

  const etag = `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
  res.setHeader('Content-Type', CONTENT_TYPES[ext]);
  res.setHeader('Cache-Control', 'no-cache');
  res.setHeader('ETag', etag);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (req.headers['if-none-match'] === etag) {
    res.statusCode = 304;
    res.end();
    return true;
  }
  res.statusCode = 200;
  res.setHeader('Content-Length', stat.size);
  if (req.method === 'HEAD') {
    res.end();
    return true;
  }
  const stream = fs.createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
  return true;
}

// ---------------------------------------------------------------------------------------------
// Small HTTP helpers

/**
 * @param {http.ServerResponse} res
 * @param {number} status
 * @param {string} text
 */
function sendText(res, status, text) {
  const body = Buffer.from(text + '\n', 'utf8');
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Content-Length', body.length);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'no-store');
  res.end(body);
  return true;
}

/**
 * @param {http.ServerResponse} res
 * @param {string} allow
 */
function methodNotAllowed(res, allow) {
  res.setHeader('Allow', allow);
  return sendText(res, 405, 'Method not allowed');
}

/**
 * 303 See Other (so a POST becomes a GET).
 * @param {http.ServerResponse} res
 * @param {string} location a local path
 * @param {string[]} [cookies]
 */
function redirect(res, location, cookies = []) {
  res.statusCode = 303;
  res.setHeader('Location', location);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Length', 0);
  if (cookies.length) res.setHeader('Set-Cookie', cookies);
  res.end();
  return true;
}

/** @param {import('./cart.mjs').CartLine[]} lines */
function cartCookie(lines) {
  return lines.length
    ? `${CART_COOKIE}=${serializeCart(lines)}; Path=/; SameSite=Lax; HttpOnly; Max-Age=604800`
    : `${CART_COOKIE}=; Path=/; SameSite=Lax; HttpOnly; Max-Age=0`;
}

/**
 * A same-origin path to send the visitor back to, or `/`. Judged after normalisation, on what the
 * Location header will say: `/.//evil.test` normalises to `//evil.test`, which a browser reads as
 * another site (protocol-relative), so a result starting with `//` (or holding a backslash, which
 * browsers treat as `/`) is refused too, not only the raw value.
 * @param {string | null | undefined} value
 */
export function safeReturn(value) {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return '/';
  try {
    const url = new URL(value, 'http://demo.invalid');
    if (url.origin !== 'http://demo.invalid' || url.pathname === '/signin' || url.pathname === '/signout') return '/';
    const local = url.pathname + url.search + url.hash;
    if (!local.startsWith('/') || local.startsWith('//') || local.includes('\\')) return '/';
    return local;
  } catch {
    return '/';
  }
}

/**
 * @param {http.IncomingMessage} req
 * @returns {Record<string, string>}
 */
function readCookies(req) {
  /** @type {Record<string, string>} */
  const out = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (name && !(name in out)) out[name] = part.slice(eq + 1).trim();
  }
  return out;
}

class BodyTooLarge extends Error {}

/**
 * Reads an `application/x-www-form-urlencoded` body (at most 64 KB).
 * @param {http.IncomingMessage} req
 * @returns {Promise<URLSearchParams>}
 */
function readForm(req) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    req.on('data', (/** @type {Buffer} */ chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

// ---------------------------------------------------------------------------------------------
// `node demo/server.mjs`

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const server = await startDemoServer({
    port: Number(process.env.PORT ?? 8787),
    host: process.env.HOST ?? '127.0.0.1',
  });
  console.log(`Baton demo store: ${server.url}/`);
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
