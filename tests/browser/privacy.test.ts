// Consent and storage in a real browser: nothing written before consent, erased on refusal, and
// Baton still working when IndexedDB is unavailable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ContextSnapshot } from '../../src/protocol/context';
import { collectConsole, launchChromium, startDemo, type Demo } from './harness';

let browser: Browser;
let demo: Demo;
beforeAll(async () => {
  [browser, demo] = await Promise.all([launchChromium(), startDemo()]);
});
afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

type Global = { Baton: (...a: unknown[]) => unknown };
const ready = (page: Page) =>
  page.evaluate(() => new Promise<void>((r) => (window as unknown as Global).Baton('on', 'ready', () => r())));
const ctx = (page: Page) => page.evaluate(() => (window as unknown as Global).Baton('getContext') as Promise<ContextSnapshot>);

/** Everything a page can see of its origin's client-side storage. */
async function storageOf(page: Page, context: BrowserContext) {
  const inPage = await page.evaluate(async () => ({
    databases: (await indexedDB.databases()).map((d) => d.name),
    localStorage: localStorage.length,
    sessionStorage: sessionStorage.length,
    cookie: document.cookie,
  }));
  return { ...inPage, cookies: (await context.cookies()).map((c) => c.name) };
}

describe('consent', () => {
  it("with consent 'required', Baton writes no IndexedDB, cookie or localStorage and records no journey until granted; declining erases it", async () => {
    const context = await browser.newContext();
    // Every IndexedDB open of the page's life is recorded, so "nothing opened" covers all of it,
    // not a window of time.
    await context.addInitScript(() => {
      const w = window as unknown as { __idbOpens: string[] };
      w.__idbOpens = [];
      const open = indexedDB.open.bind(indexedDB);
      indexedDB.open = (name: string, version?: number) => (w.__idbOpens.push(name), open(name, version));
    });
    const opens = (page: Page) => page.evaluate(() => (window as unknown as { __idbOpens: string[] }).__idbOpens);
    const page = await context.newPage();
    const problems = await collectConsole(page);
    await page.goto(`${demo.url}/?consent=required`);
    await ready(page);
    await page.goto(`${demo.url}/category/backpacks?consent=required`);
    await ready(page);
    // The last thing Baton defers at boot is mounting the launcher (when the page is idle); then
    // pagehide, the last moment it would flush the journey.
    await page.locator('#baton-launcher').waitFor();
    await page.evaluate(() => window.dispatchEvent(new Event('pagehide')));
    expect(await opens(page)).toEqual([]);
    expect(await storageOf(page, context)).toEqual({ databases: [], localStorage: 0, sessionStorage: 0, cookie: '', cookies: [] });
    const before = await ctx(page);
    expect(before.consent).toBe('pending');
    expect(before.journey).toEqual([]);

    await page.click('#cookie-accept');
    await page.waitForFunction(async () => (await indexedDB.databases()).some((d) => d.name === 'baton'));
    expect(await opens(page)).toContain('baton'); // the record above would have seen an earlier one
    const granted = await ctx(page);
    expect(granted.consent).toBe('granted');
    expect(granted.journey.map((e) => e.path)).toEqual(['/category/backpacks?consent=required']);

    // On the next page the visitor declines: what was stored is deleted.
    await page.goto(`${demo.url}/product/basecamp-45?consent=required`);
    await ready(page);
    await page.click('#cookie-decline');
    await page.waitForFunction(async () => !(await indexedDB.databases()).some((d) => d.name === 'baton'));
    expect((await ctx(page)).journey).toEqual([]);
    expect((await storageOf(page, context)).databases).toEqual([]);
    expect(problems.problems()).toEqual([]);
    await context.close();
  });
});

describe('storage failing', () => {
  it('keeps the journey in memory, reports storage_unavailable once, and the widget still opens', async () => {
    const context = await browser.newContext();
    // Like a browser that blocks storage: every open() throws.
    await context.addInitScript(() => {
      IDBFactory.prototype.open = function () {
        throw new DOMException('The user denied permission to access the database.', 'SecurityError');
      };
    });
    const page = await context.newPage();
    const problems = await collectConsole(page);
    const warnings: string[] = [];
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    await page.goto(`${demo.url}/`);
    await ready(page);
    // What the site's developer sees: one clear warning (the same text reaches 'error' listeners).
    expect(warnings.filter((w) => w.includes('[Baton]'))).toEqual([expect.stringMatching(/^\[Baton\] storage unavailable, using memory: .*denied permission/)]);
    const later = await page.evaluate(
      () =>
        new Promise<unknown[]>((resolve) => {
          const seen: unknown[] = [];
          (window as unknown as Global).Baton('on', 'error', (e: unknown) => seen.push(e));
          history.pushState({}, '', '/elsewhere');
          setTimeout(() => resolve(seen), 1500);
        }),
    );
    expect(later).toEqual([]); // reported once, not on every write
    await page.evaluate(() => history.back());
    await page.evaluate(() => history.pushState({}, '', '/somewhere-else'));
    expect((await ctx(page)).journey.map((e) => e.path)).toEqual(['/', '/elsewhere', '/', '/somewhere-else']);
    await page.click('#baton-launcher');
    await page.locator('#baton-panel h2').first().waitFor();
    // The storage warning is Baton's own console.warn, not an error; nothing else went wrong.
    expect(problems.problems()).toEqual([]);
    await context.close();
  });
});

describe('the snippet pasted twice', () => {
  it('loads the bundle once, mounts one launcher, and applies the commands of both copies', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = await collectConsole(page);
    const bundleRequests: string[] = [];
    page.on('request', (r) => r.url().endsWith('/baton/baton.js') && bundleRequests.push(r.url()));
    await page.goto(`${demo.url}/product/ridge-28-daypack?twice=1`);
    await ready(page);
    await page.locator('#baton-root').first().waitFor({ state: 'attached' });
    expect(bundleRequests).toHaveLength(1);
    expect(await page.locator('#baton-root').count()).toBe(1);
    expect(await page.evaluate(() => document.querySelectorAll('script[src$="/baton/baton.js"]').length)).toBe(1);
    expect((await ctx(page)).custom).toMatchObject({ lastViewedProduct: 'ridge-28-daypack' });
    expect(problems.problems()).toEqual([]);
    await context.close();
  });
});
