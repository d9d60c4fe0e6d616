/**
 * The demo store's account area: a tiny single-page app over `history.pushState` + `popstate`,
 * bundled by rollup into dist/demo/spa.js and served at /app-build/spa.js for `/app` and `/app/*`.
 *
 * Unlike the server-rendered pages (which paste the snippet), it uses Baton the way a site using the
 * npm package would: `createBaton(options)`. The options and the signed identity come from the
 * server in `<script type="application/json" id="demo-boot">`.
 *
 * Routes: /app (overview), /app/orders, /app/orders/<id>, /app/settings; anything else under /app
 * shows an in-app "not found". Every route sets `document.title` before the URL changes.
 */
import { createBaton } from '../../src/index';
import { twilio } from '../../src/twilio';
import type { Baton, BatonOptions, Identity } from '../../src/index';

declare global {
  interface Window {
    /** The SPA's Baton instance, for tests and for poking at in the console. */
    demoBaton?: Baton;
  }
}

interface DemoBoot {
  /** False with `?nobaton=1`: the SPA runs without Baton (benchmark baseline). */
  enabled: boolean;
  boot: BatonOptions;
  identity: Identity | null;
}

const STORE_NAME = 'Fernwood Outfitters';

// ---------------------------------------------------------------------------------------------
// Data (demo orders: the same for every visitor)

type OrderStatus = 'Processing' | 'Shipped' | 'Delivered';

interface Order {
  id: string;
  placed: string;
  status: OrderStatus;
  carrier: string;
  items: Array<{ name: string; variant: string; qty: number; price: number }>;
}

const ORDERS: Order[] = [
  {
    id: '1063',
    placed: 'Nov 18, 2025',
    status: 'Processing',
    carrier: 'Not shipped yet',
    items: [{ name: 'Basecamp 45', variant: 'Storm Grey · S/M', qty: 1, price: 199 }],
  },
  {
    id: '1057',
    placed: 'Oct 30, 2025',
    status: 'Shipped',
    carrier: 'UPS 1Z 999 AA1 0123 4567 84',
    items: [
      { name: 'Stormline 3L Shell', variant: 'Glacier Blue · L', qty: 1, price: 249 },
      { name: 'Drizzle Packable Jacket', variant: 'Sunflower · M', qty: 1, price: 129 },
    ],
  },
  {
    id: '1042',
    placed: 'Sep 12, 2025',
    status: 'Delivered',
    carrier: 'Delivered Sep 15, 2025',
    items: [{ name: 'Summit Trail Runner', variant: 'Ember / Charcoal · EU 42', qty: 1, price: 139 }],
  },
];

const orderTotal = (o: Order): number => o.items.reduce((sum, i) => sum + i.qty * i.price, 0);
const dollars = (n: number): string => `$${n.toFixed(2)}`;

// ---------------------------------------------------------------------------------------------
// DOM helper (no innerHTML anywhere: every string becomes a text node)

type Child = Node | string | number | null | undefined | false;

function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'number' ? String(child) : child);
  }
  return el;
}

const link = (href: string, text: string, attrs: Record<string, string> = {}): HTMLAnchorElement =>
  h('a', { href, 'data-spa-link': true, ...attrs }, text);

function statusBadge(status: OrderStatus): HTMLElement {
  return h('span', { class: `status status--${status.toLowerCase()}` }, status);
}

// ---------------------------------------------------------------------------------------------
// Views

interface View {
  title: string;
  /** Which sidebar link is current. */
  section: '/app' | '/app/orders' | '/app/settings' | null;
  render(): Node;
}

let boot: DemoBoot = { enabled: true, boot: {}, identity: null };
let baton: Baton | undefined;

function helpBox(text: string, onClick: () => void, id: string): HTMLElement {
  const button = h('button', { type: 'button', class: 'button button--primary', id }, 'Chat with us');
  button.addEventListener('click', onClick);
  if (!baton) button.hidden = true;
  return h('div', { class: 'help-box' }, h('p', {}, text), button);
}

function orderList(orders: Order[]): HTMLElement {
  return h(
    'ul',
    { class: 'order-list', id: 'order-list' },
    ...orders.map((o) =>
      h(
        'li',
        {},
        h(
          'a',
          { class: 'order-row', href: `/app/orders/${o.id}`, id: `order-link-${o.id}`, 'data-spa-link': true },
          h(
            'span',
            {},
            h('span', { class: 'order-row__id' }, `Order #${o.id}`),
            h('br'),
            h('span', { class: 'order-row__meta' }, `${o.placed} · ${o.items.length} ${o.items.length === 1 ? 'item' : 'items'}`),
          ),
          statusBadge(o.status),
          h('strong', {}, dollars(orderTotal(o))),
        ),
      ),
    ),
  );
}

function overviewView(): View {
  const name = boot.identity?.name;
  return {
    title: `Account overview · ${STORE_NAME}`,
    section: '/app',
    render: () =>
      h(
        'div',
        { 'data-view': 'overview' },
        h('h1', { tabindex: '-1' }, name ? `Welcome back, ${name.split(' ')[0]}` : 'Welcome to your account'),
        h(
          'p',
          { class: 'app-view__lead' },
          name ? 'Track orders, start a return, or tell us how you like to hear from us.' : 'You are browsing as a guest. ',
          name ? null : h('a', { href: '/signin?return=%2Fapp' }, 'Sign in as Ada'),
        ),
        h(
          'div',
          { class: 'stat-grid' },
          stat('Orders', String(ORDERS.length)),
          stat('Customer since', name ? '2021' : '—'),
          stat('Plan', 'Pro'),
        ),
        h('h2', {}, 'Recent orders'),
        orderList(ORDERS.slice(0, 2)),
        h('p', { class: 'app-view__more' }, link('/app/orders', 'See all orders →', { id: 'all-orders-link' })),
        helpBox('Questions about an order or a return? Our gear experts reply in minutes.', () => baton?.open(), 'overview-chat'),
      ),
  };
}

function stat(label: string, value: string): HTMLElement {
  return h('div', { class: 'stat' }, h('p', { class: 'stat__label' }, label), h('p', { class: 'stat__value' }, value));
}

function ordersView(): View {
  return {
    title: `Your orders · ${STORE_NAME}`,
    section: '/app/orders',
    render: () =>
      h(
        'div',
        { 'data-view': 'orders' },
        h('h1', { tabindex: '-1' }, 'Your orders'),
        h('p', { class: 'app-view__lead' }, 'Select an order to see its items, tracking and return options.'),
        orderList(ORDERS),
      ),
  };
}

function orderView(order: Order): View {
  const steps: Array<[string, boolean]> = [
    ['Order placed', true],
    ['Shipped', order.status !== 'Processing'],
    ['Delivered', order.status === 'Delivered'],
  ];
  return {
    title: `Order #${order.id} · ${STORE_NAME}`,
    section: '/app/orders',
    render: () =>
      h(
        'div',
        { 'data-view': 'order', 'data-order': order.id },
        link('/app/orders', '← All orders', { class: 'back-link', id: 'back-to-orders' }),
        h('h1', { tabindex: '-1' }, `Order #${order.id}`),
        h('p', { class: 'app-view__lead' }, `Placed ${order.placed} · `, statusBadge(order.status)),
        h('h2', {}, 'Items'),
        h(
          'ul',
          { class: 'detail-lines' },
          ...order.items.map((i) =>
            h('li', {}, h('span', {}, h('strong', {}, i.name), ` · ${i.variant} × ${i.qty}`), h('span', {}, dollars(i.qty * i.price))),
          ),
          h('li', {}, h('strong', {}, 'Total'), h('strong', {}, dollars(orderTotal(order)))),
        ),
        h('h2', {}, 'Tracking'),
        h('ol', { class: 'timeline' }, ...steps.map(([label, done]) => h('li', { class: done ? 'is-done' : undefined }, label))),
        h('p', { class: 'muted' }, order.carrier),
        helpBox(
          `Something wrong with order #${order.id}? We'll see the order number when you start the chat.`,
          () => {
            baton?.context({ orderNumber: order.id });
            baton?.open();
          },
          'order-chat',
        ),
      ),
  };
}

function settingsView(): View {
  return {
    title: `Settings · ${STORE_NAME}`,
    section: '/app/settings',
    render: () => {
      const saved = h('p', { class: 'toast', id: 'settings-saved', role: 'status' }, 'Settings saved.');
      saved.hidden = true;
      const form = h(
        'form',
        { class: 'settings-form', id: 'settings-form' },
        check('settings-newsletter', 'Winter sale and new-arrival emails', 'About twice a month. Unsubscribe any time.', true),
        check('settings-sms', 'Delivery updates by text message', 'Only about orders you placed.', false),
        check('settings-chat', 'Let support see my recent pages', 'Helps our team answer faster when you start a chat.', true),
        h('div', {}, h('button', { type: 'submit', class: 'button button--primary', id: 'settings-save' }, 'Save settings')),
        saved,
      );
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        saved.hidden = false;
      });
      return h(
        'div',
        { 'data-view': 'settings' },
        h('h1', { tabindex: '-1' }, 'Settings'),
        h('p', { class: 'app-view__lead' }, 'Choose how we keep in touch.'),
        form,
      );
    },
  };
}

function check(id: string, label: string, hint: string, checked: boolean): HTMLElement {
  return h(
    'label',
    { class: 'check', for: id },
    h('input', { type: 'checkbox', id, name: id, checked }),
    h('span', {}, h('strong', {}, label), h('br'), h('span', { class: 'muted' }, hint)),
  );
}

function notFoundView(path: string): View {
  return {
    title: `Page not found · ${STORE_NAME}`,
    section: null,
    render: () =>
      h(
        'div',
        { 'data-view': 'not-found' },
        h('h1', { tabindex: '-1' }, 'Page not found'),
        h('p', { class: 'app-view__lead' }, 'There is nothing at ', h('code', {}, path), ' in your account.'),
        link('/app', 'Back to your account', { class: 'button button--primary' }),
      ),
  };
}

// ---------------------------------------------------------------------------------------------
// Router

function isAppPath(pathname: string): boolean {
  return pathname === '/app' || pathname.startsWith('/app/');
}

function resolve(pathname: string): View {
  const path = pathname.length > 4 ? pathname.replace(/\/+$/, '') : pathname;
  if (path === '/app') return overviewView();
  if (path === '/app/orders') return ordersView();
  if (path === '/app/settings') return settingsView();
  const match = /^\/app\/orders\/([^/]+)$/.exec(path);
  if (match) {
    const order = ORDERS.find((o) => o.id === match[1]);
    if (order) return orderView(order);
  }
  return notFoundView(path);
}

function mount(view: View, { focus }: { focus: boolean }): void {
  const outlet = document.getElementById('app-view');
  if (!outlet) return;
  outlet.replaceChildren(view.render());
  for (const a of document.querySelectorAll<HTMLAnchorElement>('.app-nav__link')) {
    if (new URL(a.href).pathname === view.section) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  if (focus) {
    window.scrollTo(0, 0);
    outlet.querySelector<HTMLElement>('h1')?.focus();
  }
}

/** Client-side navigation: title first, then the URL, then the DOM (so observers of the URL see the new title). */
function navigate(target: string): void {
  const url = new URL(target, location.href);
  if (url.pathname + url.search === location.pathname + location.search) return;
  const view = resolve(url.pathname);
  document.title = view.title;
  history.pushState(null, '', url.pathname + url.search + url.hash);
  mount(view, { focus: true });
}

function onClick(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const target = event.target;
  const anchor = target instanceof Element ? target.closest('a') : null;
  if (!anchor || anchor.hasAttribute('download') || (anchor.target && anchor.target !== '_self')) return;
  const url = new URL(anchor.href, location.href);
  if (url.origin !== location.origin || !isAppPath(url.pathname)) return;
  event.preventDefault();
  navigate(url.href);
}

function onPopState(): void {
  const view = resolve(location.pathname);
  document.title = view.title;
  mount(view, { focus: true });
}

// ---------------------------------------------------------------------------------------------
// Start

function readBoot(): DemoBoot {
  const el = document.getElementById('demo-boot');
  try {
    const data = JSON.parse(el?.textContent ?? '{}') as Partial<DemoBoot>;
    return { enabled: data.enabled !== false, boot: data.boot ?? {}, identity: data.identity ?? null };
  } catch {
    return { enabled: true, boot: {}, identity: null };
  }
}

function wireCookieBanner(): void {
  const banner = document.getElementById('cookie-banner');
  if (!banner) return;
  const choose = (state: 'granted' | 'denied'): void => {
    baton?.consent(state);
    banner.hidden = true;
  };
  document.getElementById('cookie-accept')?.addEventListener('click', () => choose('granted'));
  document.getElementById('cookie-decline')?.addEventListener('click', () => choose('denied'));
}

boot = readBoot();
// The router goes first, so the first page and every route change already have their title (and our
// popstate listener runs before Baton's) when Baton looks.
const initial = resolve(location.pathname);
document.title = initial.title;
document.addEventListener('click', onClick);
window.addEventListener('popstate', onPopState);

if (boot.enabled) {
  // As an npm site on Twilio does: the Twilio transport passed in (`baton-sdk/twilio`), not named.
  baton = createBaton({ ...boot.boot, ...(boot.boot.transport === 'twilio' ? { transport: twilio } : {}) });
  if (boot.identity) baton.identify(boot.identity);
  baton.context({ plan: 'pro' });
  window.demoBaton = baton;
}
mount(initial, { focus: false });
wireCookieBanner();
