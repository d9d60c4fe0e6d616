// @ts-check
/**
 * `/product/<slug>`: gallery, size picker, add to cart.
 * One size per product is sold out: its button looks clickable but does nothing (a rage-click target).
 */
import { html, money } from '../html.mjs';
import { findCategory, productsIn } from '../catalog.mjs';
import { breadcrumbs, icons, price, productArt, productCard, stars } from './components.mjs';

/**
 * @param {import('./layout.mjs').PageContext} _ctx
 * @param {import('../catalog.mjs').Product} product
 */
export function productPage(_ctx, product) {
  const category = findCategory(product.category);
  const related = productsIn(product.category).filter((p) => p.slug !== product.slug);
  const firstAvailable = product.sizes.find((s) => !s.soldOut)?.label;
  const sizeLabel = category?.art === 'shoe' ? 'Size (EU)' : category?.art === 'pack' ? 'Torso length' : 'Size';
  return html`
<div class="container">
  ${breadcrumbs([
    { href: '/', label: 'Home' },
    { href: `/category/${product.category}`, label: category?.name ?? '' },
    { label: product.name },
  ])}
  <div class="product" data-product="${product.slug}">
    <div class="product__gallery">
      <div class="product__media">
        ${productArt(product, { className: 'art art--large' })}
        ${product.badge ? html`<span class="badge badge--lg${product.compareAt ? ' badge--sale' : ''}">${product.badge}</span>` : ''}
      </div>
    </div>
    <div class="product__info">
      <p class="eyebrow"><a href="/category/${product.category}">${category?.name ?? ''}</a></p>
      <h1 class="product__title">${product.name}</h1>
      <p class="product__rating">${stars(product.rating)} <span>${product.rating.toFixed(1)} · ${product.reviews} reviews</span></p>
      <p class="product__price">${price(product)}</p>
      <p class="product__summary">${product.summary}</p>
      <p class="product__colorway"><span class="muted">Colour:</span> ${product.colorway}</p>

      <form class="product-form" id="add-to-cart-form" method="post" action="/cart/add">
        <input type="hidden" name="slug" value="${product.slug}">
        <fieldset class="size-picker" id="size-picker">
          <legend class="field-label">${sizeLabel}</legend>
          <div class="size-picker__options">
            ${product.sizes.map((s) =>
              s.soldOut
                ? html`<button type="button" class="size-option size-option--sold-out" id="size-sold-out" data-size="${s.label}"><span class="size-option__label">${s.label}</span><span class="size-option__note">Sold out</span></button>`
                : html`<label class="size-option"><input class="size-option__input" type="radio" name="size" value="${s.label}" data-size="${s.label}"${
                    s.label === firstAvailable ? html` checked` : ''
                  } required><span class="size-option__label">${s.label}</span></label>`,
            )}
          </div>
        </fieldset>
        <div class="product-form__row">
          <div class="qty-field">
            <label class="field-label" for="qty">Quantity</label>
            <select class="select" id="qty" name="qty">
              ${[1, 2, 3, 4, 5].map((n) => html`<option value="${n}">${n}</option>`)}
            </select>
          </div>
          <button type="submit" class="button button--primary button--lg product-form__submit" id="add-to-cart">Add to cart · ${money(product.price)}</button>
        </div>
      </form>

      <button type="button" class="ask-expert" id="ask-expert" data-baton-open>
        ${icons.chat}<span><strong>Not sure about fit?</strong> Chat with a gear expert</span>
      </button>

      <ul class="product__perks">
        <li>${icons.truck}<span>Free shipping over $100, delivered in 2–4 days</span></li>
        <li>${icons.returns}<span>60-day returns, even if you wore it outside</span></li>
        <li>${icons.shield}<span>Lifetime repairs on seams and zips</span></li>
      </ul>

      <section class="product__details" aria-labelledby="details-title">
        <h2 class="product__details-title" id="details-title">About this product</h2>
        <p>${product.description}</p>
        <ul class="feature-list">${product.features.map((f) => html`<li>${f}</li>`)}</ul>
      </section>
    </div>
  </div>

  ${related.length
    ? html`<section class="section" aria-labelledby="related-title">
    <div class="section__head"><h2 class="section__title" id="related-title">You might also like</h2></div>
    <div class="product-grid">${related.map((p) => productCard(p))}</div>
  </section>`
    : ''}
</div>`;
}
