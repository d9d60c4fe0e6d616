// @ts-check
/** `/category/<slug>`: a category banner and its product grid. */
import { html } from '../html.mjs';
import { categories, productsIn } from '../catalog.mjs';
import { breadcrumbs, productCard } from './components.mjs';

/**
 * @param {import('./layout.mjs').PageContext} _ctx
 * @param {import('../catalog.mjs').Category} category
 */
export function categoryPage(_ctx, category) {
  const items = productsIn(category.slug);
  return html`
<div class="container">
  ${breadcrumbs([{ href: '/', label: 'Home' }, { label: category.name }])}
  <header class="category-hero category-hero--${category.slug}">
    <div>
      <h1 class="category-hero__title">${category.name}</h1>
      <p class="category-hero__lead">${category.description}</p>
    </div>
    <nav class="chips" aria-label="Categories">
      ${categories.map(
        (c) =>
          html`<a class="chip${c.slug === category.slug ? ' chip--active' : ''}" href="/category/${c.slug}"${
            c.slug === category.slug ? html` aria-current="page"` : ''
          }>${c.name}</a>`,
      )}
    </nav>
  </header>
  <div class="toolbar">
    <p class="toolbar__count" id="product-count">${items.length} products</p>
    <p class="toolbar__note">Free shipping over $100 · 60-day returns</p>
  </div>
  <h2 class="visually-hidden">Products</h2>
  <div class="product-grid product-grid--category">
    ${items.map((p) => productCard(p))}
  </div>
</div>`;
}
