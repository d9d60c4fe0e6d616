// @ts-check
/**
 * `/labels`: printable labels with QR codes (issue 19), the store's physical touchpoints: a few
 * products' shelf labels and a sample order's invoice. Each code is a link signed by the store's
 * server with the secret Baton's server verifies identities with (`makeEntryLabel` from
 * baton-sdk/server); scanning one with a phone opens the page with Baton's panel about it.
 */
import { html, raw } from '../html.mjs';
import { products } from '../catalog.mjs';

/** The store's item numbers: FW-1001 onwards, in catalog order. */
export const skuOf = (/** @type {string} */ slug) => `FW-${1001 + products.findIndex((p) => p.slug === slug)}`;
/** The products on the sheet, and the sample order. */
export const LABEL_PRODUCTS = ['stormline-shell', 'summit-trail-runner', 'ridge-28-daypack', 'fjord-parka'];
export const SAMPLE_ORDER = 'FW-10423';

/**
 * @typedef {{ url: string, svg: string }} Label
 * @param {import('./layout.mjs').PageContext} ctx
 * @param {(options: { url: string, kind: 'product' | 'order', label: string, fields: Record<string, string>, expiresAt?: number }) => Label} make
 * @param {string} origin the store's origin as the phone reaches it
 */
export function labelsPage(ctx, make, origin) {
  void ctx;
  const items = LABEL_PRODUCTS.map((slug) => products.find((p) => p.slug === slug)).filter((p) => p !== undefined);
  const order = make({
    url: `${origin}/`,
    kind: 'order',
    label: `Order ${SAMPLE_ORDER}`,
    fields: { order: SAMPLE_ORDER },
    // An invoice's code stays verified for 90 days.
    expiresAt: Date.now() + 90 * 24 * 3600 * 1000,
  });
  return html`
<div class="container page labels-page">
  <p class="eyebrow">Printable labels</p>
  <h1 class="page__title">Scan a label, talk to us about it</h1>
  <p class="muted labels-page__intro">Each code opens this store on your phone with the chat ready, about that product or order; our team sees what you scanned, checked by our server's signature. Print this page, or scan the codes from your screen.</p>
  <button class="button button--ghost labels-page__print" type="button" data-print>Print labels</button>
  <ul class="labels" role="list">
    ${items.map((p) => {
      const sku = skuOf(p.slug);
      const label = make({ url: `${origin}/product/${p.slug}`, kind: 'product', label: p.name, fields: { sku } });
      return html`<li class="label" data-testid="label" data-kind="product" data-sku="${sku}">
      <div class="label__code">${raw(label.svg)}</div>
      <div class="label__text">
        <p class="label__kind">Product</p>
        <p class="label__name">${p.name}</p>
        <p class="label__meta">${p.colorway} · ${sku}</p>
        <p class="label__cta">Questions? Scan to chat</p>
      </div>
    </li>`;
    })}
    <li class="label" data-testid="label" data-kind="order" data-order="${SAMPLE_ORDER}">
      <div class="label__code">${raw(order.svg)}</div>
      <div class="label__text">
        <p class="label__kind">Invoice</p>
        <p class="label__name">Order ${SAMPLE_ORDER}</p>
        <p class="label__meta">Ada Lovelace · 2 items</p>
        <p class="label__cta">Help with this order? Scan to chat</p>
      </div>
    </li>
  </ul>
</div>`;
}
