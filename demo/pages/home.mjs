// @ts-check
/** `/`: hero, categories, featured products, the newsletter banner and a sponsored (ad-click) link. */
import { html, raw } from '../html.mjs';
import { categories, products, productsIn, findProduct } from '../catalog.mjs';
import { productArt, productCard, icons } from './components.mjs';

export const NEWSLETTER_HREF = '/?utm_source=newsletter&utm_medium=email&utm_campaign=winter_sale';
export const AD_PRODUCT = 'stormline-shell';
export const AD_HREF = `/product/${AD_PRODUCT}?gclid=demo-click-123`;

/** @param {import('./layout.mjs').PageContext} ctx */
export function homePage(ctx) {
  const featured = products.filter((p) => p.featured);
  const ad = findProduct(AD_PRODUCT);
  const fromNewsletter = ctx.url.searchParams.get('utm_source') === 'newsletter';
  return html`
<section class="hero">
  <div class="container hero__inner">
    <div class="hero__copy">
      <p class="eyebrow eyebrow--light">${fromNewsletter ? 'Newsletter exclusive · Winter sale' : 'New season · Winter 2025'}</p>
      <h1 class="hero__title">Built for the wet side of the mountain.</h1>
      <p class="hero__lead">Waterproof shells, grippy trail shoes and packs that carry the whole day. Tested in the Cascades, where it rains 150 days a year.</p>
      <div class="hero__actions">
        <a class="button button--accent button--lg" href="/category/rain-jackets" id="hero-cta">Shop rain jackets</a>
        <a class="button button--light button--lg" href="/category/trail-shoes">Shop trail shoes</a>
      </div>
      <ul class="hero__perks">
        <li>${icons.truck}Free shipping over $100</li>
        <li>${icons.returns}60-day returns</li>
        <li>${icons.chat}Gear experts on chat</li>
      </ul>
    </div>
    <div class="hero__art" aria-hidden="true">
      ${raw(heroScene())}
    </div>
  </div>
</section>

<section class="section container" aria-labelledby="categories-title">
  <div class="section__head">
    <h2 class="section__title" id="categories-title">Shop by category</h2>
  </div>
  <div class="category-grid">
    ${categories.map((c) => {
      const first = productsIn(c.slug)[0];
      return html`<a class="category-tile category-tile--${c.slug}" href="/category/${c.slug}">
        <div class="category-tile__art">${first ? productArt(first) : ''}</div>
        <div class="category-tile__body">
          <h3 class="category-tile__name">${c.name}</h3>
          <p>${c.tagline}</p>
          <span class="category-tile__more">${productsIn(c.slug).length} products <span aria-hidden="true">→</span></span>
        </div>
      </a>`;
    })}
  </div>
</section>

<section class="section container" aria-labelledby="featured-title">
  <div class="section__head">
    <h2 class="section__title" id="featured-title">Featured gear</h2>
    <a class="section__link" href="/category/trail-shoes">View all <span aria-hidden="true">→</span></a>
  </div>
  <div class="product-grid">
    ${featured.map((p) => productCard(p))}
  </div>
</section>

<section class="section container">
  <div class="promo-row">
    <div class="newsletter-banner">
      <p class="eyebrow eyebrow--light">From our newsletter</p>
      <h2 class="newsletter-banner__title">The Winter Sale is on: up to 30% off rain gear.</h2>
      <p>Our subscribers heard first. Shells, packables and insulated parkas, while sizes last.</p>
      <a class="button button--accent" id="newsletter-link" href="${NEWSLETTER_HREF}">Read the winter newsletter</a>
    </div>
    ${ad
      ? html`<aside class="ad-card" aria-label="Sponsored">
      <span class="ad-card__label">Sponsored</span>
      <a class="ad-card__link" id="ad-link" href="${AD_HREF}">
        <div class="ad-card__art">${productArt(ad, { wide: true })}</div>
        <div class="ad-card__copy">
          <p class="ad-card__headline">${ad.name}: rated 4.8 by 421 hikers</p>
          <p class="ad-card__text">${ad.summary}</p>
          <span class="ad-card__cta">Shop now <span aria-hidden="true">→</span></span>
        </div>
      </a>
    </aside>`
      : ''}
  </div>
</section>

<section class="section container">
  <ul class="value-props">
    <li>${icons.shield}<div><h3>Lifetime repairs</h3><p>Rips, zips and delamination: we fix it or replace it.</p></div></li>
    <li>${icons.chat}<div><h3>Real gear experts</h3><p>Ask about fit, fabrics or routes. We answer in minutes.</p></div></li>
    <li>${icons.returns}<div><h3>60-day returns</h3><p>Worn it on a trail and it did not work out? Send it back.</p></div></li>
  </ul>
</section>`;
}

/** Decorative mountain scene for the hero (static markup). */
function heroScene() {
  return `<svg class="hero__scene" viewBox="0 0 480 380" focusable="false">
  <defs>
    <linearGradient id="hero-sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#ffcf9e"/><stop offset=".55" stop-color="#f59e78"/><stop offset="1" stop-color="#8a6a8e"/></linearGradient>
    <linearGradient id="hero-far" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#5d5b82"/><stop offset="1" stop-color="#3b4866"/></linearGradient>
    <linearGradient id="hero-near" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#24503f"/><stop offset="1" stop-color="#14352b"/></linearGradient>
    <clipPath id="hero-clip"><rect width="480" height="380" rx="28"/></clipPath>
  </defs>
  <g clip-path="url(#hero-clip)">
    <rect width="480" height="380" fill="url(#hero-sky)"/>
    <circle cx="330" cy="130" r="54" fill="#fff3d6" opacity=".9"/>
    <path d="M0 250 L70 170 L120 210 L200 110 L260 180 L310 140 L400 220 L480 160 L480 380 L0 380Z" fill="url(#hero-far)"/>
    <path d="M200 110 L222 136 L210 134 L198 146 L186 130Z" fill="#fff" opacity=".85"/>
    <path d="M0 300 L90 230 L150 270 L230 200 L320 280 L380 240 L480 300 L480 380 L0 380Z" fill="url(#hero-near)"/>
    <g fill="#0e2820">
      <path d="M60 330 l14 -44 l14 44z"/><path d="M84 336 l11 -34 l11 34z"/><path d="M392 334 l15 -48 l15 48z"/><path d="M420 340 l11 -36 l11 36z"/><path d="M352 342 l10 -30 l10 30z"/>
    </g>
    <g stroke="#cfe3f5" stroke-width="2" stroke-linecap="round" opacity=".55">
      <path d="M40 40 l-8 18"/><path d="M90 20 l-8 18"/><path d="M150 60 l-8 18"/><path d="M250 30 l-8 18"/><path d="M420 50 l-8 18"/><path d="M380 10 l-8 18"/><path d="M20 110 l-8 18"/><path d="M460 110 l-8 18"/><path d="M120 130 l-8 18"/>
    </g>
    <path d="M150 380 C180 340 250 330 240 300 C232 276 290 270 300 250" stroke="#e8c39e" stroke-width="5" fill="none" stroke-dasharray="2 10" stroke-linecap="round" opacity=".7"/>
  </g>
</svg>`;
}
