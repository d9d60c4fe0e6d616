// @ts-check
/**
 * The demo store's catalog: 3 categories, 8 products. Prices are in cents.
 * Every product has exactly one sold-out size (the rage-click target on its page).
 */

/**
 * @typedef {{ slug: string, name: string, tagline: string, description: string, art: 'shoe' | 'jacket' | 'pack' }} Category
 * @typedef {{ label: string, soldOut?: boolean }} Size
 * @typedef {{ main: string, accent: string, sole: string, bgFrom: string, bgTo: string }} Palette
 * @typedef {{
 *   slug: string, name: string, category: string, price: number, compareAt?: number,
 *   colorway: string, palette: Palette, rating: number, reviews: number, badge?: string,
 *   featured?: boolean, summary: string, description: string, features: string[], sizes: Size[],
 * }} Product
 */

/** @type {Category[]} */
export const categories = [
  {
    slug: 'trail-shoes',
    name: 'Trail shoes',
    tagline: 'Grip for mud, scree and everything between.',
    description: 'Lugged outsoles, rock plates and uppers that drain fast. Built for long days off the pavement.',
    art: 'shoe',
  },
  {
    slug: 'rain-jackets',
    name: 'Rain jackets',
    tagline: 'Stay dry when the forecast lies.',
    description: 'Fully taped, breathable shells that pack small and shrug off sideways rain.',
    art: 'jacket',
  },
  {
    slug: 'backpacks',
    name: 'Backpacks',
    tagline: 'Carry more, feel less.',
    description: 'Daypacks and overnighters with ventilated back panels and hip belts that actually carry weight.',
    art: 'pack',
  },
];

/** @type {Product[]} */
export const products = [
  {
    slug: 'summit-trail-runner',
    name: 'Summit Trail Runner',
    category: 'trail-shoes',
    price: 13900,
    compareAt: 16900,
    colorway: 'Ember / Charcoal',
    palette: { main: '#e8663d', accent: '#2b2f36', sole: '#1d1f24', bgFrom: '#ffe3d3', bgTo: '#ffc9ad' },
    rating: 4.7,
    reviews: 312,
    badge: 'Winter sale',
    featured: true,
    summary: 'Our lightest trail runner, with 5 mm lugs and a flexible rock plate.',
    description:
      'The Summit is the shoe our staff reach for first: a breathable mesh upper, a cushioned midsole that stays springy in the cold, and 5 mm lugs that bite into wet ground without feeling clumsy on the road to the trailhead.',
    features: ['5 mm multidirectional lugs', 'Flexible rock plate', '8 mm drop, 280 g (EU 42)', 'Recycled mesh upper'],
    sizes: [{ label: '40' }, { label: '41' }, { label: '42' }, { label: '43' }, { label: '44', soldOut: true }, { label: '45' }],
  },
  {
    slug: 'mudlark-gtx',
    name: 'Mudlark Waterproof',
    category: 'trail-shoes',
    price: 16500,
    colorway: 'Moss / Bone',
    palette: { main: '#4f7a4a', accent: '#efe6d2', sole: '#2a2a26', bgFrom: '#e2efd9', bgTo: '#c6dfb8' },
    rating: 4.5,
    reviews: 188,
    badge: 'Waterproof',
    featured: true,
    summary: 'A waterproof membrane and a grippy sticky-rubber sole for wet winters.',
    description:
      'Mudlark pairs a seam-sealed waterproof membrane with a sticky rubber outsole, so puddles, creek crossings and slick roots stop being a reason to turn back.',
    features: ['Waterproof, breathable membrane', 'Sticky rubber outsole', 'Gusseted tongue keeps grit out', '10 mm drop, 340 g (EU 42)'],
    sizes: [{ label: '39' }, { label: '40' }, { label: '41' }, { label: '42', soldOut: true }, { label: '43' }, { label: '44' }],
  },
  {
    slug: 'scree-approach',
    name: 'Scree Approach Shoe',
    category: 'trail-shoes',
    price: 11900,
    colorway: 'Slate / Citrus',
    palette: { main: '#3c5a78', accent: '#d8e04a', sole: '#22262b', bgFrom: '#dde8f3', bgTo: '#bfd3e8' },
    rating: 4.4,
    reviews: 96,
    summary: 'Climbing-zone toe and a suede upper for scrambles and via ferratas.',
    description:
      'Scree is half hiker, half climbing shoe: a flat climbing zone under the toe for edging, a durable suede upper, and a heel loop so it clips to your harness on the way up.',
    features: ['Climbing-zone toe', 'Durable suede upper', 'Harness clip loop', '6 mm drop, 360 g (EU 42)'],
    sizes: [{ label: '40' }, { label: '41' }, { label: '42' }, { label: '43', soldOut: true }, { label: '44' }],
  },
  {
    slug: 'stormline-shell',
    name: 'Stormline 3L Shell',
    category: 'rain-jackets',
    price: 24900,
    colorway: 'Glacier Blue',
    palette: { main: '#2f7fb8', accent: '#163e5c', sole: '#0f2b40', bgFrom: '#dcecf8', bgTo: '#b4d5ee' },
    rating: 4.8,
    reviews: 421,
    badge: 'Best seller',
    featured: true,
    summary: 'Three-layer waterproof shell with pit zips and a helmet-compatible hood.',
    description:
      'Stormline is the jacket for days you would rather not be out, but are anyway. Three-layer fabric, fully taped seams, long pit zips to dump heat on the climbs and a hood that fits over a helmet.',
    features: ['3-layer, 20k/20k fabric', 'Fully taped seams', 'Pit zips', 'Helmet-compatible hood'],
    sizes: [{ label: 'XS' }, { label: 'S' }, { label: 'M', soldOut: true }, { label: 'L' }, { label: 'XL' }],
  },
  {
    slug: 'drizzle-packable',
    name: 'Drizzle Packable Jacket',
    category: 'rain-jackets',
    price: 12900,
    compareAt: 14900,
    colorway: 'Sunflower',
    palette: { main: '#f2b632', accent: '#7a5410', sole: '#5b3f0c', bgFrom: '#fff3cf', bgTo: '#ffe29a' },
    rating: 4.3,
    reviews: 154,
    badge: 'Winter sale',
    summary: 'Packs into its own pocket. Weighs less than a sandwich.',
    description:
      'Drizzle is the jacket that lives in the bottom of your pack until you need it. A 2.5-layer fabric, elastic cuffs and a stash pocket it packs into, at 190 g.',
    features: ['2.5-layer fabric', 'Packs into its chest pocket', '190 g (size M)', 'Reflective details'],
    sizes: [{ label: 'S' }, { label: 'M' }, { label: 'L', soldOut: true }, { label: 'XL' }],
  },
  {
    slug: 'fjord-parka',
    name: 'Fjord Insulated Parka',
    category: 'rain-jackets',
    price: 28900,
    colorway: 'Deep Forest',
    palette: { main: '#1f5a45', accent: '#c6a15b', sole: '#0f3326', bgFrom: '#d8ece3', bgTo: '#aed6c4' },
    rating: 4.6,
    reviews: 73,
    badge: 'New',
    featured: true,
    summary: 'Waterproof outside, synthetic insulation inside. For cold, wet cities and trails.',
    description:
      'Fjord wraps synthetic insulation that stays warm when damp in a waterproof, taped outer. Long enough to sit on, with a two-way zip and fleece-lined hand pockets.',
    features: ['Waterproof, taped outer', '120 g synthetic insulation', 'Two-way front zip', 'Fleece-lined hand pockets'],
    sizes: [{ label: 'S' }, { label: 'M' }, { label: 'L' }, { label: 'XL', soldOut: true }],
  },
  {
    slug: 'ridge-28-daypack',
    name: 'Ridge 28 Daypack',
    category: 'backpacks',
    price: 11900,
    colorway: 'Rust',
    palette: { main: '#b4532a', accent: '#3a2a20', sole: '#2a1d16', bgFrom: '#f6e0d3', bgTo: '#ebc2a8' },
    rating: 4.6,
    reviews: 208,
    summary: 'A 28 L daypack with a trampoline back and a rain cover in the lid.',
    description:
      'Ridge 28 carries a day of layers, lunch and a litre and a half of water without a sweaty back: a suspended mesh panel keeps air moving, and a rain cover hides in the lid pocket.',
    features: ['Suspended mesh back panel', 'Built-in rain cover', 'Hydration sleeve', '28 L, 1.1 kg'],
    sizes: [{ label: 'S/M', soldOut: true }, { label: 'M/L' }],
  },
  {
    slug: 'basecamp-45',
    name: 'Basecamp 45',
    category: 'backpacks',
    price: 19900,
    colorway: 'Storm Grey',
    palette: { main: '#59626e', accent: '#e8663d', sole: '#2b3038', bgFrom: '#e4e8ed', bgTo: '#c7cfd8' },
    rating: 4.9,
    reviews: 139,
    badge: 'Staff pick',
    summary: 'An adjustable-torso 45 L pack for overnights and hut-to-hut trips.',
    description:
      'Basecamp 45 has an adjustable torso, a load-lifting hip belt with pockets you can reach while walking, and a front stretch pocket for the wet shell you just took off.',
    features: ['Adjustable torso length', 'Hip belt with zip pockets', 'Front stretch pocket', '45 L, 1.6 kg'],
    sizes: [{ label: 'S/M' }, { label: 'M/L', soldOut: true }],
  },
];

/**
 * @param {string} slug
 * @returns {Product | undefined}
 */
export function findProduct(slug) {
  return products.find((p) => p.slug === slug);
}

/**
 * @param {string} slug
 * @returns {Category | undefined}
 */
export function findCategory(slug) {
  return categories.find((c) => c.slug === slug);
}

/**
 * @param {string} categorySlug
 * @returns {Product[]}
 */
export function productsIn(categorySlug) {
  return products.filter((p) => p.category === categorySlug);
}

/** Orders over this (cents) ship free. */
export const FREE_SHIPPING_FROM = 10000;
/** Standard shipping (cents). */
export const SHIPPING = 800;
