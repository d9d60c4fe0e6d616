// @ts-check
/**
 * `/checkout`: a form with native HTML validation (required + pattern, so an invalid submit fires
 * `invalid` events) and an "Apply coupon" button whose click handler throws (demo/public/store.js).
 * Also the order confirmation shown after a valid POST.
 */
import { html, money } from '../html.mjs';
import { breadcrumbs, icons, productArt } from './components.mjs';
import { orderSummary } from './cart.mjs';

/** Card numbers: 16 digits, optionally in groups of 4. Postcodes: 5-digit ZIP. */
export const CARD_PATTERN = '[0-9]{4}( ?[0-9]{4}){3}';
export const POSTCODE_PATTERN = '[0-9]{5}';

/** @param {import('./layout.mjs').PageContext} ctx */
export function checkoutPage(ctx) {
  const { cart, user } = ctx;
  const coupon = html`<div class="coupon">
      <label class="field-label" for="coupon-code">Coupon code</label>
      <div class="coupon__row">
        <input class="input" id="coupon-code" name="coupon" autocomplete="off" placeholder="WINTER30">
        <button type="button" class="button button--ghost" id="apply-coupon">Apply coupon</button>
      </div>
    </div>`;
  const lines = html`<ul class="summary__lines">${cart.lines.map(
    (l) => html`<li>${productArt(l.product, { className: 'art art--mini' })}<span class="summary__line-name">${l.product.name}<span class="muted">Size ${l.size} × ${l.qty}</span></span><span>${money(l.lineTotal)}</span></li>`,
  )}</ul>`;
  return html`
<div class="container page">
  ${breadcrumbs([{ href: '/cart', label: 'Cart' }, { label: 'Checkout' }])}
  <h1 class="page__title">Checkout</h1>
  ${ctx.url.searchParams.get('error') === 'invalid'
    ? html`<div class="notice notice--error" role="alert" id="checkout-error">Some details were missing or invalid. Please check the form and try again.</div>`
    : ''}
  ${cart.count === 0 ? html`<div class="notice" id="checkout-empty">Your cart is empty, so this would be a very light order. <a href="/">Find something you like</a>.</div>` : ''}
  <div class="checkout-layout">
    <form class="checkout-form card" id="checkout-form" method="post" action="/checkout">
      <fieldset class="form-section">
        <legend class="form-section__title">Contact</legend>
        <div class="field">
          <label class="field-label" for="checkout-name">Full name</label>
          <input class="input" id="checkout-name" name="name" autocomplete="name" required value="${user?.name ?? ''}">
        </div>
        <div class="field">
          <label class="field-label" for="checkout-email">Email</label>
          <input class="input" id="checkout-email" name="email" type="email" autocomplete="email" required value="${user?.email ?? ''}">
        </div>
      </fieldset>
      <fieldset class="form-section">
        <legend class="form-section__title">Shipping</legend>
        <div class="field">
          <label class="field-label" for="checkout-postcode">ZIP code</label>
          <input class="input input--short" id="checkout-postcode" name="postcode" autocomplete="postal-code" inputmode="numeric" required pattern="${POSTCODE_PATTERN}" title="5 digits, e.g. 98101" aria-describedby="postcode-hint">
          <p class="field-hint" id="postcode-hint">5 digits, e.g. 98101.</p>
        </div>
      </fieldset>
      <fieldset class="form-section">
        <legend class="form-section__title">Payment</legend>
        <div class="field">
          <label class="field-label" for="checkout-card">Card number</label>
          <input class="input" id="checkout-card" name="card" autocomplete="cc-number" inputmode="numeric" required pattern="${CARD_PATTERN}" title="16 digits" aria-describedby="card-hint">
          <p class="field-hint" id="card-hint">${icons.lock}Demo store: no card is charged. Try 4242 4242 4242 4242.</p>
        </div>
      </fieldset>
      <button type="submit" class="button button--primary button--lg button--block" id="place-order">Place order · ${money(cart.total)}</button>
    </form>
    ${orderSummary(cart, undefined, html`${lines}${coupon}`)}
  </div>
</div>`;
}

/**
 * @param {import('./layout.mjs').PageContext} _ctx
 * @param {{ orderNumber: string, name: string, email: string, total: number, count: number }} order
 */
export function orderConfirmedPage(_ctx, order) {
  return html`
<div class="container page">
  <div class="confirmation card" id="order-confirmation">
    <svg class="confirmation__icon" viewBox="0 0 64 64" aria-hidden="true" focusable="false"><circle cx="32" cy="32" r="30" fill="#e2efd9"/><path d="M19 33l9 9 17-19" stroke="#1f5a45" stroke-width="5" fill="none" stroke-linecap="round" stroke-linejoin="round"/></svg>
    <h1 class="page__title">Thank you, ${order.name}!</h1>
    <p>Order <strong id="order-number">${order.orderNumber}</strong> is confirmed: ${order.count} ${order.count === 1 ? 'item' : 'items'}, ${money(order.total)}.</p>
    <p class="muted">A confirmation is on its way to ${order.email}. (Not really: this is a demo store.)</p>
    <div class="confirmation__actions">
      <a class="button button--primary" href="/app/orders">View your orders</a>
      <a class="button button--ghost" href="/">Keep shopping</a>
    </div>
  </div>
</div>`;
}
