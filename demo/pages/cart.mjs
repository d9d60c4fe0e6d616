// @ts-check
/** `/cart`: line items with quantity steppers, and the order summary. Works without JavaScript. */
import { html, money } from '../html.mjs';
import { findProduct, FREE_SHIPPING_FROM, products } from '../catalog.mjs';
import { productArt, productCard } from './components.mjs';

/**
 * @param {import('./layout.mjs').PageContext} ctx
 * @param {{ added?: { slug: string, size: string } | null }} [options]
 */
export function cartPage(ctx, { added = null } = {}) {
  const { cart } = ctx;
  const addedProduct = added ? findProduct(added.slug) : undefined;
  return html`
<div class="container page">
  <h1 class="page__title">Your cart</h1>
  ${addedProduct && added
    ? html`<div class="notice notice--success" role="status" id="cart-notice">Added <strong>${addedProduct.name}</strong> (size ${added.size}) to your cart.</div>`
    : ''}
  ${cart.lines.length === 0
    ? html`<div class="empty-state card" id="cart-empty">
    <svg class="empty-state__art" viewBox="0 0 120 90" aria-hidden="true" focusable="false"><rect x="18" y="26" width="84" height="58" rx="14" fill="#e9e4d8"/><path d="M40 26 Q40 8 60 8 Q80 8 80 26" stroke="#14352b" stroke-width="5" fill="none"/><circle cx="46" cy="48" r="4" fill="#14352b"/><circle cx="74" cy="48" r="4" fill="#14352b"/><path d="M48 66 Q60 58 72 66" stroke="#14352b" stroke-width="4" fill="none" stroke-linecap="round"/></svg>
    <h2>Your cart is empty</h2>
    <p>The trail is calling. Start with our best sellers.</p>
    <a class="button button--primary" href="/">Continue shopping</a>
  </div>
  <section class="section" aria-labelledby="suggest-title">
    <div class="section__head"><h2 class="section__title" id="suggest-title">Popular right now</h2></div>
    <div class="product-grid">${products.filter((p) => p.featured).map((p) => productCard(p))}</div>
  </section>`
    : html`<div class="cart-layout">
    <section class="cart-lines card" aria-label="Items in your cart">
      <ul class="cart-list" id="cart-lines">
        ${cart.lines.map(
          (line, i) => html`<li class="cart-line" data-product="${line.slug}" data-size="${line.size}">
          <a class="cart-line__art" href="/product/${line.slug}" tabindex="-1" aria-hidden="true">${productArt(line.product, { className: 'art art--thumb' })}</a>
          <div class="cart-line__info">
            <a class="cart-line__name" href="/product/${line.slug}">${line.product.name}</a>
            <p class="cart-line__meta">${line.product.colorway} · Size ${line.size}</p>
            <form class="stepper" method="post" action="/cart/update">
              <input type="hidden" name="line" value="${i}">
              <button class="stepper__button" type="submit" name="qty" value="${line.qty - 1}" aria-label="Decrease quantity of ${line.product.name}">−</button>
              <span class="stepper__value" aria-label="Quantity">${line.qty}</span>
              <button class="stepper__button" type="submit" name="qty" value="${line.qty + 1}" aria-label="Increase quantity of ${line.product.name}">+</button>
              <button class="link-button cart-line__remove" type="submit" name="qty" value="0">Remove</button>
            </form>
          </div>
          <p class="cart-line__total">${money(line.lineTotal)}</p>
        </li>`,
        )}
      </ul>
    </section>
    ${orderSummary(cart, html`<a class="button button--primary button--lg button--block" id="checkout-button" href="/checkout">Checkout</a>
      <a class="summary__continue" href="/">Continue shopping</a>`)}
  </div>`}
</div>`;
}

/**
 * Totals box shared by the cart and checkout pages.
 * @param {import('../cart.mjs').Cart} cart
 * @param {import('../html.mjs').SafeHtml} [footer]
 * @param {import('../html.mjs').SafeHtml} [extra] shown above the totals
 */
export function orderSummary(cart, footer, extra) {
  const toFree = FREE_SHIPPING_FROM - cart.subtotal;
  return html`<aside class="summary card" aria-labelledby="summary-title">
    <h2 class="summary__title" id="summary-title">Order summary</h2>
    ${extra ?? ''}
    <dl class="summary__rows">
      <div><dt>Subtotal (${cart.count} ${cart.count === 1 ? 'item' : 'items'})</dt><dd id="summary-subtotal">${money(cart.subtotal)}</dd></div>
      <div><dt>Shipping</dt><dd>${cart.count === 0 ? '—' : cart.shipping === 0 ? 'Free' : money(cart.shipping)}</dd></div>
      <div class="summary__total"><dt>Total</dt><dd id="summary-total">${money(cart.total)}</dd></div>
    </dl>
    ${cart.count > 0 && toFree > 0 ? html`<p class="summary__hint">Add ${money(toFree)} more for free shipping.</p>` : ''}
    ${footer ?? ''}
  </aside>`;
}
