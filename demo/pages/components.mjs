// @ts-check
/** Pieces shared by several pages: product illustrations (inline SVG), cards, icons, breadcrumbs. */
import { html, raw, esc, money } from '../html.mjs';
import { findCategory } from '../catalog.mjs';

let artCounter = 0;

/**
 * An inline SVG illustration of a product (a shoe, jacket or pack in the product's colours).
 * Built from catalog data only; gradient ids are unique per call so a page may show a product twice.
 * @param {import('../catalog.mjs').Product} product
 * @param {{ className?: string, wide?: boolean }} [options] `wide`: a 2:1 frame instead of 3:2
 */
export function productArt(product, { className = 'art', wide = false } = {}) {
  const kind = findCategory(product.category)?.art ?? 'pack';
  const { main, accent, sole, bgFrom, bgTo } = product.palette;
  const id = `art${++artCounter}`;
  const c = (/** @type {string} */ v) => esc(v);
  let figure = '';
  if (kind === 'shoe') {
    figure = `
    <g transform="translate(8 10)">
      <ellipse cx="124" cy="146" rx="98" ry="8" fill="#000" opacity=".10"/>
      <path d="M30 120 Q28 136 46 138 L198 138 Q224 138 226 120 Z" fill="${c(sole)}"/>
      <g fill="${c(sole)}" opacity=".9"><rect x="48" y="137" width="10" height="5" rx="2"/><rect x="70" y="137" width="10" height="5" rx="2"/><rect x="92" y="137" width="10" height="5" rx="2"/><rect x="114" y="137" width="10" height="5" rx="2"/><rect x="136" y="137" width="10" height="5" rx="2"/><rect x="158" y="137" width="10" height="5" rx="2"/><rect x="180" y="137" width="10" height="5" rx="2"/></g>
      <path d="M32 106 L220 106 Q230 112 226 122 L34 122 Q26 114 32 106 Z" fill="#f6f2ea"/>
      <path d="M36 108 C32 82 38 58 52 46 C60 40 72 42 80 52 C92 66 108 72 128 74 L152 76 C180 80 204 90 218 100 C226 104 226 108 220 110 Z" fill="url(#${id}u)"/>
      <path d="M36 108 C32 82 38 58 52 46 C58 42 66 44 70 50 C60 64 56 86 60 108 Z" fill="${c(accent)}"/>
      <path d="M178 82 C198 88 214 96 220 106 L182 108 C180 98 178 90 178 82 Z" fill="${c(accent)}" opacity=".85"/>
      <path d="M70 96 C100 92 130 84 170 96" stroke="#fff" stroke-width="5" fill="none" stroke-linecap="round" opacity=".8"/>
      <g stroke="${c(accent)}" stroke-width="4" stroke-linecap="round"><path d="M94 76 l8 -6"/><path d="M108 80 l8 -6"/><path d="M122 82 l7 -6"/><path d="M136 84 l6 -6"/></g>
      <circle cx="46" cy="70" r="4" fill="#fff" opacity=".7"/>
    </g>`;
  } else if (kind === 'jacket') {
    figure = `
    <g transform="translate(0 2)">
      <ellipse cx="120" cy="150" rx="70" ry="7" fill="#000" opacity=".10"/>
      <path d="M86 40 L54 58 L36 126 Q34 134 42 136 L58 138 L74 86 Z" fill="${c(main)}"/>
      <path d="M154 40 L186 58 L204 126 Q206 134 198 136 L182 138 L166 86 Z" fill="${c(main)}"/>
      <path d="M38 124 L58 128 L56 138 L36 134 Z" fill="${c(accent)}"/>
      <path d="M202 124 L182 128 L184 138 L204 134 Z" fill="${c(accent)}"/>
      <path d="M84 38 L156 38 L170 56 L172 140 Q172 146 166 146 L74 146 Q68 146 68 140 L70 56 Z" fill="url(#${id}u)"/>
      <path d="M90 40 C88 18 102 8 120 8 C138 8 152 18 150 40 L140 50 L100 50 Z" fill="${c(main)}"/>
      <path d="M100 42 C100 26 108 20 120 20 C132 20 140 26 140 42 L132 48 L108 48 Z" fill="${c(accent)}" opacity=".9"/>
      <path d="M120 48 L120 146" stroke="${c(accent)}" stroke-width="4"/>
      <path d="M84 104 L104 104 M136 104 L156 104" stroke="${c(accent)}" stroke-width="4" stroke-linecap="round" opacity=".8"/>
      <path d="M74 70 C90 74 104 74 116 70" stroke="#fff" stroke-width="3" fill="none" opacity=".45"/>
      <rect x="117" y="58" width="6" height="10" rx="2" fill="#fff" opacity=".8"/>
    </g>`;
  } else {
    figure = `
    <g>
      <ellipse cx="120" cy="150" rx="64" ry="7" fill="#000" opacity=".10"/>
      <path d="M108 20 Q120 8 132 20" stroke="${c(accent)}" stroke-width="6" fill="none" stroke-linecap="round"/>
      <path d="M72 58 L60 118 M168 58 L180 118" stroke="${c(accent)}" stroke-width="8" stroke-linecap="round"/>
      <rect x="70" y="24" width="100" height="124" rx="30" fill="url(#${id}u)"/>
      <path d="M70 60 Q70 24 106 24 L134 24 Q170 24 170 60 Q120 74 70 60 Z" fill="${c(sole)}" opacity=".55"/>
      <path d="M80 62 Q120 74 160 62" stroke="${c(accent)}" stroke-width="3" fill="none" stroke-dasharray="6 5"/>
      <rect x="86" y="86" width="68" height="48" rx="16" fill="${c(sole)}" opacity=".35"/>
      <path d="M94 98 L146 98" stroke="#fff" stroke-width="3" stroke-linecap="round" opacity=".7"/>
      <rect x="114" y="94" width="12" height="8" rx="2" fill="${c(accent)}"/>
      <path d="M96 118 L144 118" stroke="${c(accent)}" stroke-width="4" stroke-linecap="round" opacity=".7"/>
    </g>`;
  }
  return raw(`<svg class="${esc(className)}" viewBox="${wide ? '-40 0 320 160' : '0 0 240 160'}" role="img" aria-label="${esc(product.name)}, ${esc(product.colorway)}" focusable="false">
    <defs>
      <linearGradient id="${id}b" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${c(bgFrom)}"/><stop offset="1" stop-color="${c(bgTo)}"/></linearGradient>
      <linearGradient id="${id}u" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${c(main)}"/><stop offset="1" stop-color="${c(main)}" stop-opacity=".82"/></linearGradient>
    </defs>
    <rect x="-60" y="-20" width="360" height="200" fill="url(#${id}b)"/>
    <circle cx="196" cy="34" r="46" fill="#fff" opacity=".28"/>
    <circle cx="30" cy="150" r="60" fill="#fff" opacity=".16"/>
    ${figure}
  </svg>`);
}

/** @param {number} rating */
export function stars(rating) {
  const full = Math.round(rating);
  const icons = [];
  for (let i = 1; i <= 5; i++) {
    icons.push(
      `<svg class="star${i <= full ? ' star--on' : ''}" viewBox="0 0 20 20" aria-hidden="true" focusable="false"><path d="M10 1.6l2.6 5.3 5.8.8-4.2 4.1 1 5.8L10 14.9l-5.2 2.7 1-5.8L1.6 7.7l5.8-.8z"/></svg>`,
    );
  }
  return raw(`<span class="stars" role="img" aria-label="Rated ${esc(rating.toFixed(1))} out of 5">${icons.join('')}</span>`);
}

/** @param {import('../catalog.mjs').Product} product */
export function price(product) {
  return html`<span class="price"><span class="price__now">${money(product.price)}</span>${
    product.compareAt ? html` <s class="price__was"><span class="visually-hidden">was </span>${money(product.compareAt)}</s>` : ''
  }</span>`;
}

/**
 * A product card for grids.
 * @param {import('../catalog.mjs').Product} product
 * @param {{ href?: string }} [options] link target (defaults to the product page)
 */
export function productCard(product, { href } = {}) {
  const category = findCategory(product.category);
  return html`<article class="product-card">
    <a class="product-card__link" href="${href ?? `/product/${product.slug}`}" data-product="${product.slug}">
      <div class="product-card__media">
        ${productArt(product)}
        ${product.badge ? html`<span class="badge${product.compareAt ? ' badge--sale' : ''}">${product.badge}</span>` : ''}
      </div>
      <div class="product-card__body">
        <p class="eyebrow">${category?.name ?? ''}</p>
        <h3 class="product-card__name">${product.name}</h3>
        <p class="product-card__meta">${stars(product.rating)} <span>${product.rating.toFixed(1)} (${product.reviews})</span></p>
        <p class="product-card__price">${price(product)}</p>
      </div>
    </a>
  </article>`;
}

/** @param {Array<{ href?: string, label: string }>} items last one is the current page */
export function breadcrumbs(items) {
  return html`<nav class="breadcrumbs" aria-label="Breadcrumb"><ol>${items.map((item, i) =>
    i === items.length - 1 || !item.href
      ? html`<li><span aria-current="page">${item.label}</span></li>`
      : html`<li><a href="${item.href}">${item.label}</a></li>`,
  )}</ol></nav>`;
}

/** Inline SVG icons (decorative). */
export const icons = {
  cart: raw(
    '<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M3 4h2l2.4 10.2a2 2 0 0 0 2 1.6h7.7a2 2 0 0 0 1.9-1.5L21 8H6.2" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"/><circle cx="10" cy="20" r="1.5" fill="currentColor"/><circle cx="17" cy="20" r="1.5" fill="currentColor"/></svg>',
  ),
  user: raw(
    '<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><circle cx="12" cy="8" r="4" fill="none" stroke="currentColor" stroke-width="1.8"/><path d="M4 21c1.5-4 4.5-6 8-6s6.5 2 8 6" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"/></svg>',
  ),
  truck: raw(
    '<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M2 6h12v10H2zM14 10h4l3 3v3h-7z" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round"/><circle cx="6" cy="18" r="2" fill="#fff" stroke="currentColor" stroke-width="1.8"/><circle cx="17" cy="18" r="2" fill="#fff" stroke="currentColor" stroke-width="1.8"/></svg>',
  ),
  returns: raw(
    '<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M4 12a8 8 0 1 0 2.3-5.6M4 4v4h4" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"/></svg>',
  ),
  chat: raw(
    '<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M4 5h16v11H9l-5 4z" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round"/></svg>',
  ),
  shield: raw(
    '<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6z" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round"/><path d="M8.5 12l2.5 2.5 4.5-5" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"/></svg>',
  ),
  lock: raw(
    '<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><rect x="5" y="10" width="14" height="10" rx="2" fill="none" stroke="currentColor" stroke-width="1.8"/><path d="M8 10V7a4 4 0 0 1 8 0v3" fill="none" stroke="currentColor" stroke-width="1.8"/></svg>',
  ),
  logo: raw(
    '<svg class="logo__mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false"><rect width="32" height="32" rx="9" fill="#14352b"/><path d="M5 24l7.5-11 4.5 6 3-4 7 9z" fill="#f7f5f0"/><circle cx="22" cy="9.5" r="3" fill="#e8663d"/></svg>',
  ),
};
