// The journey across real page loads, a reload and SPA routes (History API through the demo's
// router), with the campaign of the landing page, as the agent would receive it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ContextSnapshot } from '../../src/protocol/context';
import { validateContextSnapshot } from '../../src/protocol/contextSchema';
// @ts-expect-error plain JS module of the demo store
import { LOADER } from '../../demo/snippet.mjs';
import { collectConsole, launchChromium, startDemo, type Demo } from './harness';
import { startHostSite, type HostSite } from './hostSite';

let browser: Browser;
let demo: Demo;
let site: HostSite;
beforeAll(async () => {
  [browser, demo] = await Promise.all([launchChromium(), startDemo()]);
  // A hash-mode single-page app (as vue-router's createWebHashHistory): its HTML has a placeholder
  // title; once Baton has recorded the page, the router redirects '/spa' to '/spa#/' with a replace,
  // then renders the route and sets its title. A link pushes '#/orders'.
  site = await startHostSite({
    '/spa': {
      html: () => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Vite App</title><link rel="icon" href="data:,">
<script>${(LOADER as string).replace('"/baton/baton.js"', JSON.stringify(`${demo.url}/baton/baton.js`))}
Baton('boot', { launcher: false });
Baton('on', 'ready', function () {
  history.replaceState(history.state, '', location.pathname + '#/');
  setTimeout(function () { document.title = 'Home · Hash app'; window.routed = true; }, 0);
});
</script></head><body><a id="orders" href="#/orders" onclick="setTimeout(function () { document.title = 'Orders · Hash app'; })">Orders</a></body></html>`,
    },
  });
});
afterAll(async () => {
  await browser?.close();
  await demo?.close();
  await site?.close();
});

/** The snapshot through the script-tag global, once Baton has restored the stored journey. */
function scriptTagContext(page: Page): Promise<ContextSnapshot> {
  return page.evaluate(
    () =>
      new Promise<ContextSnapshot>((resolve) => {
        const B = (window as unknown as { Baton: (...a: unknown[]) => unknown }).Baton;
        B('on', 'ready', () => resolve(B('getContext') as Promise<ContextSnapshot>));
      }),
  );
}

describe('journey, campaign and identity in Chromium', () => {
  it('follows the visitor across full loads, a reload and SPA routes, and survives the reloads', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = await collectConsole(page);

    // Land from the newsletter, then browse like a shopper.
    await page.goto(`${demo.url}/?utm_source=newsletter&utm_medium=email&utm_campaign=winter_sale`);
    await scriptTagContext(page);
    // A visitor spends at least a moment on each page (Baton reads the stored journey meanwhile).
    await page.goto(`${demo.url}/category/trail-shoes`);
    await scriptTagContext(page);
    await page.goto(`${demo.url}/product/summit-trail-runner?email=ada@example.com`);
    await scriptTagContext(page);
    await page.reload();
    const onProduct = await scriptTagContext(page);
    expect(onProduct.journey.map((e) => [e.path, e.kind])).toEqual([
      ['/?utm_source=newsletter&utm_medium=email&utm_campaign=winter_sale', 'load'],
      ['/category/trail-shoes', 'load'],
      ['/product/summit-trail-runner?email=[redacted]', 'load'],
      ['/product/summit-trail-runner?email=[redacted]', 'reload'],
    ]);
    expect(onProduct.journey[1]!.title).toMatch(/Trail shoes/i);
    expect(onProduct.journey[0]!.dwellMs).toBeGreaterThan(0);
    expect(onProduct.campaign?.params).toEqual({ utm_source: 'newsletter', utm_medium: 'email', utm_campaign: 'winter_sale' });
    expect(onProduct.custom).toMatchObject({ lastViewedProduct: 'summit-trail-runner' });
    expect(JSON.stringify(onProduct)).not.toContain('ada@example.com');

    // The SPA section uses the npm import; same visitor, same journey.
    await page.goto(`${demo.url}/app`);
    await page.waitForFunction(() => !!(window as unknown as { demoBaton?: unknown }).demoBaton);
    await page.click('#nav-orders');
    await page.waitForSelector('[data-view=orders]');
    await page.click('#order-link-1057');
    await page.waitForSelector('[data-view=order]');
    await page.goBack();
    await page.waitForSelector('[data-view=orders]');
    const spa = await page.evaluate(
      () =>
        new Promise<ContextSnapshot>((resolve) => {
          const baton = (window as unknown as { demoBaton: { on(e: string, f: () => void): void; getContext(): Promise<ContextSnapshot> } }).demoBaton;
          baton.on('ready', () => resolve(baton.getContext()));
        }),
    );
    expect(spa.journey.slice(-4).map((e) => [e.path, e.kind])).toEqual([
      ['/app', 'load'],
      ['/app/orders', 'route'],
      ['/app/orders/1057', 'route'],
      ['/app/orders', 'route'],
    ]);
    expect(spa.journey.length).toBe(8);
    // Titles belong to the route they were shown on (this router sets them before pushState).
    expect(spa.journey.slice(-4).map((e) => e.title.replace(/ · .*/, ''))).toEqual(['Account overview', 'Your orders', 'Order #1057', 'Your orders']);
    expect(spa.page.path).toBe('/app/orders');
    expect(spa.campaign?.params.utm_campaign).toBe('winter_sale');
    expect(validateContextSnapshot(spa).ok).toBe(true);
    expect(problems.problems()).toEqual([]);
    await context.close();
  });

  it('shows the signed-in identity with its server signature, never marked verified by the browser', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${demo.url}/signin?return=/cart`);
    await page.click('#signin-submit');
    await page.waitForURL(/\/cart$/);
    const s = await scriptTagContext(page);
    expect(s.identity).toMatchObject({ id: 'user_ada', name: 'Ada Lovelace', email: 'ada@example.com', verified: { id: false, name: false, email: false, phone: false } });
    expect(s.identity?.proof?.hmac).toMatch(/^[0-9a-f]{64}$/);
    await context.close();
  });

  it('records friction across pages: a rage click, an invalid checkout submit and an uncaught error', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${demo.url}/product/summit-trail-runner`);
    await scriptTagContext(page);
    const box = (await page.locator('#size-sold-out').boundingBox())!;
    for (let i = 0; i < 4; i++) await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForFunction(async () =>
      ((await (window as unknown as { Baton: (...a: unknown[]) => Promise<ContextSnapshot> }).Baton('getContext')).signals.some((x) => x.type === 'rage_click')),
    );
    await page.goto(`${demo.url}/checkout`);
    await scriptTagContext(page);
    await page.click('#place-order');
    await page.click('#apply-coupon');
    await page.waitForFunction(async () => {
      const B = (window as unknown as { Baton: (...a: unknown[]) => Promise<ContextSnapshot> }).Baton;
      return (await B('getContext')).signals.length >= 3;
    });
    const s = await page.evaluate(() => (window as unknown as { Baton: (...a: unknown[]) => Promise<ContextSnapshot> }).Baton('getContext'));
    const byType = Object.fromEntries(s.signals.map((x) => [x.type, x]));
    expect(byType.form_invalid?.detail).toMatch(/^form#checkout-form: name, email, postcode, card$/);
    expect(byType.error?.detail).toMatch(/Coupon service unavailable/);
    expect(byType.error?.path).toBe('/checkout');
    expect(byType.rage_click).toMatchObject({ path: '/product/summit-trail-runner', count: 1 });
    expect(byType.rage_click?.detail).toBe('button#size-sold-out');
    await context.close();
  });

  for (const navigationApi of [true, false]) {
    it(`counts a hash router's initial redirect (a replace) as the landing entry, with its later title (${navigationApi ? 'Navigation API' : 'History API'})`, async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      // Without the Navigation API, Baton watches history.pushState/replaceState instead.
      if (!navigationApi) await page.addInitScript(() => Object.defineProperty(window, 'navigation', { value: undefined }));
      await page.goto(`${site.origin}/spa`);
      expect(await page.evaluate(() => typeof (window as unknown as { navigation?: unknown }).navigation)).toBe(navigationApi ? 'object' : 'undefined');
      await page.waitForFunction(() => (window as unknown as { routed?: boolean }).routed);
      await page.click('#orders');
      await page.waitForFunction(() => document.title === 'Orders · Hash app');
      await expect
        .poll(async () => (await page.evaluate(() => (window as unknown as { Baton: (...a: unknown[]) => Promise<ContextSnapshot> }).Baton('getContext'))).journey.map((e) => [e.path, e.title, e.kind]))
        .toEqual([
          ['/spa#/', 'Home · Hash app', 'load'],
          ['/spa#/orders', 'Orders · Hash app', 'route'],
        ]);
      await context.close();
    });
  }

  it("keeps the landing page's campaign when the visitor leaves it as soon as Baton has started", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    // Tell the test the moment Baton asks IndexedDB to store the campaign (the first thing it
    // writes); the visitor leaves right then, before Baton could read or write anything else.
    await page.addInitScript(() => {
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
        if (key === 'campaign') (window as unknown as { campaignWritten?: number }).campaignWritten = performance.now();
        return put.call(this, value, key);
      };
    });
    await page.goto(`${demo.url}/?utm_source=newsletter&utm_medium=email&utm_campaign=spring`, { waitUntil: 'commit' });
    await page.waitForFunction(() => (window as unknown as { campaignWritten?: number }).campaignWritten !== undefined, undefined, { polling: 5 });
    await page.goto(`${demo.url}/category/trail-shoes`);
    const s = await scriptTagContext(page);
    expect(s.campaign).toMatchObject({
      params: { utm_source: 'newsletter', utm_medium: 'email', utm_campaign: 'spring' },
      landingPath: '/?utm_source=newsletter&utm_medium=email&utm_campaign=spring',
    });
    await context.close();
  });
});
