// @ts-check
/**
 * `/app` and `/app/*`: the single-page account area. The server sends the same shell for every path;
 * demo/spa/main.ts (bundled to dist/demo/spa.js, served at /app-build/spa.js) routes on the client and creates Baton with the
 * npm import, reading its options from `<script type="application/json" id="demo-boot">`.
 */
import { html } from '../html.mjs';

/** The account area's navigation; the SPA intercepts these links. */
export const APP_NAV = [
  { id: 'nav-overview', href: '/app', label: 'Overview' },
  { id: 'nav-orders', href: '/app/orders', label: 'Orders' },
  { id: 'nav-settings', href: '/app/settings', label: 'Settings' },
];

/** @param {import('./layout.mjs').PageContext} ctx */
export function appShellPage(ctx) {
  return html`
<div class="container page">
  <div class="app-layout" id="app-root">
    <aside class="app-sidebar card">
      <div class="app-sidebar__user">
        <span class="avatar" aria-hidden="true">${ctx.user ? ctx.user.name.split(' ').map((w) => w[0]).join('') : '?'}</span>
        <div>
          <p class="app-sidebar__name">${ctx.user ? ctx.user.name : 'Guest'}</p>
          <p class="muted app-sidebar__email">${ctx.user ? ctx.user.email : html`<a href="/signin?return=${encodeURIComponent(ctx.url.pathname)}">Sign in</a>`}</p>
        </div>
      </div>
      <nav class="app-nav" aria-label="Account">
        <ul>
          ${APP_NAV.map((n) => html`<li><a class="app-nav__link" id="${n.id}" href="${n.href}" data-spa-link>${n.label}</a></li>`)}
        </ul>
      </nav>
    </aside>
    <section class="app-view card" id="app-view">
      <p class="muted" id="app-loading">Loading your account…</p>
      <noscript><p>The account area needs JavaScript.</p></noscript>
    </section>
  </div>
</div>`;
}
