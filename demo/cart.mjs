// @ts-check
/**
 * The demo cart lives in one cookie, `demo_cart`: `slug:size:qty` lines joined by `|`, URI-encoded.
 * Parsing drops anything that is not in the catalog (unknown product, unknown or sold-out size).
 */
import { findProduct, FREE_SHIPPING_FROM, SHIPPING } from './catalog.mjs';

export const CART_COOKIE = 'demo_cart';
const MAX_LINES = 20;
const MAX_QTY = 9;

/**
 * @typedef {{ slug: string, size: string, qty: number }} CartLine
 * @typedef {CartLine & { product: import('./catalog.mjs').Product, lineTotal: number }} PricedLine
 * @typedef {{ lines: PricedLine[], count: number, subtotal: number, shipping: number, total: number }} Cart
 */

/**
 * @param {string | undefined} cookieValue
 * @returns {CartLine[]}
 */
export function parseCart(cookieValue) {
  if (!cookieValue) return [];
  let text;
  try {
    text = decodeURIComponent(cookieValue);
  } catch {
    return [];
  }
  /** @type {CartLine[]} */
  const lines = [];
  for (const part of text.split('|').slice(0, MAX_LINES)) {
    const [slug = '', size = '', qtyText = ''] = part.split(':');
    const qty = Number.parseInt(qtyText, 10);
    if (!isOrderable(slug, size) || !Number.isInteger(qty) || qty < 1) continue;
    lines.push({ slug, size, qty: Math.min(qty, MAX_QTY) });
  }
  return lines;
}

/**
 * @param {CartLine[]} lines
 * @returns {string} the cookie value
 */
export function serializeCart(lines) {
  return encodeURIComponent(
    lines
      .slice(0, MAX_LINES)
      .map((l) => `${l.slug}:${l.size}:${l.qty}`)
      .join('|'),
  );
}

/**
 * True when the product exists and the size exists and is in stock.
 * @param {string} slug
 * @param {string} size
 */
export function isOrderable(slug, size) {
  const product = findProduct(slug);
  return !!product && product.sizes.some((s) => s.label === size && !s.soldOut);
}

/**
 * Adds `qty` of a product/size, merging with an existing line.
 * @param {CartLine[]} lines
 * @param {string} slug
 * @param {string} size
 * @param {number} qty
 * @returns {CartLine[]}
 */
export function addLine(lines, slug, size, qty) {
  if (!isOrderable(slug, size)) return lines;
  const n = Math.max(1, Math.min(MAX_QTY, Math.trunc(qty) || 1));
  const existing = lines.find((l) => l.slug === slug && l.size === size);
  if (existing) return lines.map((l) => (l === existing ? { ...l, qty: Math.min(MAX_QTY, l.qty + n) } : l));
  return [...lines, { slug, size, qty: n }].slice(-MAX_LINES);
}

/**
 * Sets a line's quantity; 0 (or less) removes it.
 * @param {CartLine[]} lines
 * @param {number} index
 * @param {number} qty
 * @returns {CartLine[]}
 */
export function setLineQty(lines, index, qty) {
  if (!Number.isInteger(index) || index < 0 || index >= lines.length) return lines;
  const n = Math.trunc(qty);
  if (!(n >= 1)) return lines.filter((_, i) => i !== index);
  return lines.map((l, i) => (i === index ? { ...l, qty: Math.min(MAX_QTY, n) } : l));
}

/**
 * @param {CartLine[]} lines
 * @returns {Cart}
 */
export function priceCart(lines) {
  /** @type {PricedLine[]} */
  const priced = [];
  for (const l of lines) {
    const product = findProduct(l.slug);
    if (product) priced.push({ ...l, product, lineTotal: product.price * l.qty });
  }
  const subtotal = priced.reduce((sum, l) => sum + l.lineTotal, 0);
  const count = priced.reduce((sum, l) => sum + l.qty, 0);
  const shipping = subtotal === 0 || subtotal >= FREE_SHIPPING_FROM ? 0 : SHIPPING;
  return { lines: priced, count, subtotal, shipping, total: subtotal + shipping };
}
