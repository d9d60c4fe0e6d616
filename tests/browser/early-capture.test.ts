// Issue 22: the script tag runs only the command queue and the early capture while the host page
// loads; the context engine comes with the idle chunk (src/compose/cdnStart.ts). What the visitor
// did before that chunk arrived (an SPA route, a rage click, an uncaught error) must reach the
// agent as if the engine had been there, at the time and on the page where it happened, redacted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { ContextSnapshot } from '../../src/protocol/context';
// @ts-expect-error plain JS module of the demo store
import { LOADER } from '../../demo/snippet.mjs';
import { collectConsole, launchChromium, startDemo, unhashed, type Demo } from './harness';
import { startHostSite, type HostSite } from './hostSite';

let browser: Browser;
let demo: Demo;
let site: HostSite;
beforeAll(async () => {
  [browser, demo] = await Promise.all([launchChromium(), startDemo()]);
  // A single-page app on another origin than Baton's server, with a button that does nothing.
  site = await startHostSite({
    '/shop': {
      html: () => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title><link rel="icon" href="data:,">
<script>${(LOADER as string).replace('"/baton/baton.js"', JSON.stringify(`${demo.url}/baton/baton.js`))}
Baton('boot', { launcher: false });
</script></head><body><button id="pay" style="position:fixed;left:40px;top:40px;width:120px;height:40px">Pay now</button></body></html>`,
    },
  });
});
afterAll(async () => {
  await browser?.close();
  await demo?.close();
  await site?.close();
});

describe('the early capture (issue 22)', () => {
  it('records what happened before the idle chunk loaded, with its time and page, redacted', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = await collectConsole(page);
    // Hold the idle half back until the visitor has acted.
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const held: string[] = [];
    await page.route('**/baton/chunks/cdnStart-*.js', async (route) => {
      held.push(unhashed(new URL(route.request().url()).pathname));
      await released;
      await route.continue();
    });
    await page.goto(`${site.origin}/shop`);
    await expect.poll(() => held).toEqual(['/baton/chunks/cdnStart.js']);

    // Before the engine exists: a route with an e-mail in it, a rage click there, an uncaught error.
    const before = await page.evaluate(() => Date.now());
    await page.evaluate(() => {
      history.pushState(null, '', '/shop/checkout?email=ada@example.com');
      document.title = 'Checkout';
    });
    for (let i = 0; i < 3; i++) await page.mouse.click(90, 60);
    // The error is thrown in a task of its own; the next timer runs after it.
    await page.evaluate(() => new Promise<void>((resolve) => {
      setTimeout(() => { throw new Error('Payment form failed'); });
      setTimeout(resolve);
    }));
    const acted = await page.evaluate(() => Date.now());
    // Another route after the last event, so the checkout's dwell is fixed at the moment it ended.
    await page.evaluate(() => history.pushState(null, '', '/shop/thanks'));
    await page.waitForTimeout(300); // time passes before the engine arrives: the checkout's dwell must not include it
    const releasedAt = await page.evaluate(() => Date.now());
    release();

    const snapshot = await page.evaluate(
      () =>
        new Promise<ContextSnapshot>((resolve) => {
          const B = (window as unknown as { Baton: (...a: unknown[]) => unknown }).Baton;
          B('on', 'ready', () => resolve(B('getContext') as Promise<ContextSnapshot>));
        }),
    );
    expect(snapshot.journey.map((e) => [e.path, e.kind])).toEqual([
      ['/shop', 'load'],
      ['/shop/checkout?email=[redacted]', 'route'],
      ['/shop/thanks', 'route'],
    ]);
    const [landing, checkout] = snapshot.journey;
    // Recorded when they happened, not when the engine arrived.
    expect(landing!.at).toBeLessThanOrEqual(before);
    expect(checkout!.at).toBeGreaterThanOrEqual(before);
    expect(checkout!.at).toBeLessThanOrEqual(acted);
    expect(checkout!.title).toBe('Checkout');
    expect(checkout!.at + checkout!.dwellMs).toBeLessThan(releasedAt);

    const rage = snapshot.signals.find((s) => s.type === 'rage_click');
    expect(rage).toMatchObject({ detail: 'button#pay', path: '/shop/checkout?email=[redacted]' });
    expect(rage!.at).toBeLessThanOrEqual(acted);
    const error = snapshot.signals.find((s) => s.type === 'error');
    expect(error?.path).toBe('/shop/checkout?email=[redacted]');
    expect(error?.detail).toContain('Payment form failed');
    expect(error!.at).toBeLessThanOrEqual(acted);
    expect(JSON.stringify(snapshot)).not.toContain('ada@example.com');
    // The page's own error is the only one on its console.
    expect(problems.pageErrors.filter((e) => !e.includes('Payment form failed'))).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    await context.close();
  });
});
