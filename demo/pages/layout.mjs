// @ts-check
/** The page frame every server-rendered page shares: head (CSP nonce'd Baton snippet), header, footer. */
import { html, raw, esc, scriptJson } from '../html.mjs';
import { categories } from '../catalog.mjs';
import { snippetTag } from '../snippet.mjs';
import { icons } from './components.mjs';
import { DEMO_LANGUAGES } from '../translations.mjs';

export const STORE_NAME = 'Fernwood Outfitters';

/**
 * What every page render knows about the request. Built by demo/server.mjs.
 * @typedef {{
 *   nonce: string,
 *   url: URL,
 *   user: { id: string, name: string, firstName: string, email: string } | null,
 *   cart: import('../cart.mjs').Cart,
 *   baton: {
 *     enabled: boolean,
 *     twice: boolean,
 *     consentRequired: boolean,
 *     boot: Record<string, unknown>,
 *     commands: import('../snippet.mjs').BatonCommand[],
 *     identity: Record<string, unknown> | null,
 *   },
 * }} PageContext
 */

/**
 * @typedef {{
 *   title: string,
 *   body: import('../html.mjs').SafeHtml,
 *   description?: string,
 *   active?: string,
 *   commands?: import('../snippet.mjs').BatonCommand[],
 *   spa?: boolean,
 *   bodyClass?: string,
 * }} LayoutOptions
 */

/** The current path + query, for "return here after sign-in" links. */
function here(/** @type {URL} */ url) {
  return url.pathname + url.search;
}

/**
 * The whole HTML document.
 * @param {PageContext} ctx
 * @param {LayoutOptions} options
 */
export function layout(ctx, { title, body, description, active, commands = [], spa = false, bodyClass = '' }) {
  const { baton, nonce } = ctx;
  const allCommands = [...baton.commands, ...commands];
  const snippets = [];
  if (!spa && baton.enabled) {
    snippets.push(snippetTag(nonce, baton.boot, allCommands));
    if (baton.twice) snippets.push(snippetTag(nonce, baton.boot, allCommands));
  }
  const showBanner = baton.consentRequired && baton.enabled;
  const returnPath = ctx.url.pathname === '/signin' ? (ctx.url.searchParams.get('return') ?? '/') : here(ctx.url);
  const returnTo = encodeURIComponent(returnPath);

  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${STORE_NAME}</title>
<meta name="description" content="${description ?? 'Trail shoes, rain jackets and backpacks for wet, wild weekends.'}">
<meta name="theme-color" content="#14352b">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/store.css">
${snippets}
${spa
  ? html`<script type="application/json" id="demo-boot">${raw(
      scriptJson({ enabled: baton.enabled, boot: baton.boot, identity: baton.identity }),
    )}</script>
<script type="module" src="/app-build/spa.js"></script>`
  : html`<script src="/static/store.js" defer></script>`}
</head>
<body class="${bodyClass}">
<a class="skip-link" href="#main">Skip to content</a>
<aside class="promo-bar" aria-label="Store offers"><p class="container">Winter sale: up to 30% off selected rain gear <span aria-hidden="true">·</span> Free shipping over $100 <span aria-hidden="true">·</span> 60-day returns</p></aside>
<header class="site-header">
  <div class="container site-header__inner">
    <a class="logo" href="/">${icons.logo}<span class="logo__text">Fernwood<span class="logo__sub">Outfitters</span></span></a>
    <nav class="main-nav" aria-label="Main">
      <ul>
        ${categories.map(
          (c) => html`<li><a href="/category/${c.slug}"${active === c.slug ? raw(' aria-current="page"') : ''}>${c.name}</a></li>`,
        )}
        <li><a href="/app"${active === 'app' ? raw(' aria-current="page"') : ''}>My account</a></li>
      </ul>
    </nav>
    <div class="header-actions">
      ${ctx.user
        ? html`<span class="header-user" id="header-user">${icons.user}<span>Hi, ${ctx.user.firstName}</span></span>
      <form class="signout-form" method="post" action="/signout"><input type="hidden" name="return" value="${returnPath}"><button type="submit" class="header-link" id="signout-link">Sign out</button></form>`
        : html`<a class="header-link" id="signin-link" href="/signin?return=${returnTo}" aria-label="Sign in">${icons.user}<span>Sign in</span></a>`}
      <a class="cart-link" id="cart-link" href="/cart" aria-label="Cart, ${ctx.cart.count} ${ctx.cart.count === 1 ? 'item' : 'items'}">
        ${icons.cart}<span class="cart-count" id="cart-count" data-count="${ctx.cart.count}">${ctx.cart.count}</span>
      </a>
    </div>
  </div>
</header>
<main id="main" tabindex="-1">
${body}
</main>
<footer class="site-footer">
  <div class="container site-footer__grid">
    <div class="site-footer__brand">
      <a class="logo logo--footer" href="/">${icons.logo}<span class="logo__text">Fernwood<span class="logo__sub">Outfitters</span></span></a>
      <p>Gear for wet, wild weekends since 2009. Designed in the Pacific Northwest, tested in the rain.</p>
    </div>
    <div>
      <h2 class="site-footer__title">Shop</h2>
      <ul>${categories.map((c) => html`<li><a href="/category/${c.slug}">${c.name}</a></li>`)}</ul>
    </div>
    <div>
      <h2 class="site-footer__title">Your account</h2>
      <ul>
        <li><a href="/app">Account overview</a></li>
        <li><a href="/app/orders">Orders &amp; returns</a></li>
        <li><a href="/cart">Cart</a></li>
        <li><a href="/checkout">Checkout</a></li>
      </ul>
    </div>
    <div>
      <h2 class="site-footer__title">Demo scenarios</h2>
      <ul>
        <li><a href="/?consent=required">Consent required</a></li>
        <li><a href="/?utm_source=newsletter&amp;utm_medium=email&amp;utm_campaign=winter_sale">Newsletter visit</a></li>
        <li><a href="/app/settings">Single-page app</a></li>
        <li><a href="/?nobaton=1">Without Baton</a></li>
      </ul>
    </div>
  </div>
  <nav class="container site-footer__langs" aria-label="Chat language">
    <h2 class="site-footer__title">Chat language</h2>
    <ul>${DEMO_LANGUAGES.map(
      ([code, name]) => html`<li><a href="?lang=${code}" lang="${code}" hreflang="${code}"${(ctx.baton.boot.locale ?? 'en') === code ? raw(' aria-current="true"') : ''}>${name}</a></li>`,
    )}</ul>
  </nav>
  <div class="container site-footer__legal">
    <p>© 2025 ${STORE_NAME}. A demo store for Baton: nothing here is for sale and no card is ever charged.</p>
  </div>
</footer>
${showBanner ? consentBanner(nonce, spa) : ''}
</body>
</html>
`;
}

/**
 * The site's own cookie banner. On server-rendered pages a nonce'd inline script wires the buttons to
 * `Baton('consent', ...)`; on the SPA, demo/spa/main.ts wires them to `baton.consent(...)`.
 * @param {string} nonce
 * @param {boolean} spa
 */
function consentBanner(nonce, spa) {
  return html`<section class="cookie-banner" id="cookie-banner" aria-label="Cookie consent">
  <div class="cookie-banner__text">
    <h2 class="cookie-banner__title">We value your privacy</h2>
    <p>We use cookies and similar storage to remember your visit, so our support team can see what you were looking at when you ask for help. You can change your mind at any time.</p>
  </div>
  <div class="cookie-banner__actions">
    <button type="button" class="button button--ghost" id="cookie-decline">Decline</button>
    <button type="button" class="button button--primary" id="cookie-accept">Accept</button>
  </div>
</section>
${spa
  ? ''
  : raw(`<script nonce="${esc(nonce)}">(function(){var banner=document.getElementById("cookie-banner");
function choose(state){if(typeof window.Baton==="function")window.Baton("consent",state);banner.hidden=true;}
document.getElementById("cookie-accept").addEventListener("click",function(){choose("granted");});
document.getElementById("cookie-decline").addEventListener("click",function(){choose("denied");});})();</script>`)}`;
}
