// @ts-check
/** The styled 404 page (status 404). */
import { html } from '../html.mjs';
import { categories } from '../catalog.mjs';

/** @param {import('./layout.mjs').PageContext} ctx */
export function notFoundPage(ctx) {
  return html`
<div class="container page">
  <div class="not-found" id="not-found">
    <svg class="not-found__art" viewBox="0 0 200 150" aria-hidden="true" focusable="false">
      <ellipse cx="100" cy="138" rx="80" ry="8" fill="#e9e4d8"/>
      <rect x="94" y="30" width="12" height="110" rx="4" fill="#8a6a4a"/>
      <path d="M40 38 L146 38 L162 52 L146 66 L40 66 Z" fill="#e8663d"/>
      <path d="M160 76 L54 76 L38 90 L54 104 L160 104 Z" fill="#14352b"/>
      <text x="92" y="57" text-anchor="middle" font-size="15" font-weight="700" fill="#fff" font-family="system-ui, sans-serif">404</text>
      <text x="100" y="95" text-anchor="middle" font-size="12" font-weight="600" fill="#f7f5f0" font-family="system-ui, sans-serif">NO TRAIL</text>
    </svg>
    <p class="eyebrow">Error 404</p>
    <h1 class="page__title">This trail doesn't go anywhere.</h1>
    <p class="muted">We couldn't find <code>${ctx.url.pathname}</code>. It may have moved, or the link may be mistyped.</p>
    <div class="not-found__actions">
      <a class="button button--primary" href="/">Back to the store</a>
      ${categories.map((c) => html`<a class="button button--ghost" href="/category/${c.slug}">${c.name}</a>`)}
    </div>
  </div>
</div>`;
}
