// The agent console in other languages (issue 18), in Chromium against the real product: the agent
// switches it to Arabic (right to left, its words, Arabic times) and it stays axe-clean (the
// conversation previewed, so every file finds it in the queue); Slovak,
// Chinese and the pseudo-locale en-XA (40 % longer) on a desktop and a phone with nothing clipped;
// only the shown language's chunk is fetched, English none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PHONE, axeViolations, collectConsole, openConversation, signInToConsole, startProductWithAgent, type Product } from './harness';
import ar from '../../src/console/locales/ar';
import sk from '../../src/console/locales/sk';
import zhHans from '../../src/console/locales/zh-Hans';
import type { ConsoleText } from '../../src/console/strings';

/** The viewport as the agent sees it, in test-results/. */
async function screenshot(page: Page, name: string): Promise<void> {
  const dir = fileURLToPath(new URL('../../test-results', import.meta.url));
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: `${dir}/${name}.png` });
}

let browser: Browser;
let product: Product;
const AGENT = { email: 'nadia@demo.test', name: 'Nadia Haddad', password: 'correct horse battery staple' };

beforeAll(async () => {
  ({ browser, product } = await startProductWithAgent(AGENT));
  // A visitor writes, so the console has a conversation to show in every language.
  const visitor = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await visitor.goto(`${product.url}/product/stormline-shell`);
  await openConversation(visitor);
  await visitor.locator('#baton-input').fill('Does the Stormline 3L come in XL? https://example.com/size-guide');
  await visitor.keyboard.press('Enter');
  await visitor.locator('#baton-panel li[data-sender=visitor][data-status=sent]').waitFor();
  await visitor.close();
});
afterAll(async () => {
  await browser?.close();
  await product?.close();
});

/**
 * Words the console cuts off: an element whose text is wider or taller than its box while its
 * overflow hides the rest, or the page scrolling sideways. The queue's one-line rows and the top
 * bar's statistic end with an ellipsis by design (VirtualList's fixed row heights).
 */
function clipped(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth + 1) out.push(`the page scrolls sideways (${doc.scrollWidth} > ${doc.clientWidth})`);
    for (const el of document.querySelectorAll<HTMLElement>('#app *')) {
      if (!el.offsetParent || !el.textContent?.trim() || el.closest('.qitem, .top-stat, .sr-only, [data-testid=announcer]')) continue;
      const s = getComputedStyle(el);
      const hides = (o: string) => o === 'hidden' || o === 'clip';
      const what = `${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 40)}"`;
      if (hides(s.overflowX) && el.scrollWidth > el.clientWidth + 1) out.push(`${what}: ${el.scrollWidth} wide in ${el.clientWidth}`);
      if (hides(s.overflowY) && el.scrollHeight > el.clientHeight + 1) out.push(`${what}: ${el.scrollHeight} tall in ${el.clientHeight}`);
      if (s.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1) out.push(`${what}: ellipsis`);
    }
    // The top bar keeps its buttons on screen.
    for (const b of document.querySelectorAll<HTMLElement>('.topbar > *')) {
      const r = b.getBoundingClientRect();
      if (b.offsetParent && (r.right > doc.clientWidth + 1 || r.left < -1)) out.push(`top bar: ${b.className} off screen`);
    }
    return out;
  });
}

/** The chunks the console fetched, by their file names. */
function chunksOf(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    const m = /\/agent\/chunks\/([\w-]+?)-[\w-]{8}\.js$/.exec(r.url());
    if (m) seen.push(m[1]!);
  });
  return seen;
}

/** A fresh console in `lang` (the agent's remembered choice), signed in, with the conversation open. */
async function consoleIn(lang: string, device: object): Promise<{ page: Page; chunks: string[]; close(): Promise<void> }> {
  const context = await browser.newContext(device);
  await context.addInitScript((l: string) => localStorage.setItem('baton-console-lang', l), lang);
  const page = await context.newPage();
  const chunks = chunksOf(page);
  await signInToConsole(page, product.url, AGENT);
  return { page, chunks, close: () => context.close() };
}

describe('the console in other languages', () => {
  it('switches to Arabic: right to left, its words, Arabic times, axe-clean; English fetches no language', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    const page = await context.newPage();
    const chunks = chunksOf(page);
    await signInToConsole(page, product.url, AGENT);
    const problems = await collectConsole(page); // after the sign-in page's expected 401
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['en', 'ltr']);
    const row = page.locator('[data-testid=queue-item]').first();
    await row.click();
    const time = page.locator('.msg time').first();
    await expect.poll(() => time.textContent()).toMatch(/^\d{1,2}:\d\d\s?[AP]M$/); // en-US: 12-hour

    await page.selectOption('[data-testid=console-language]', 'ar');
    await page.locator('html[dir=rtl][lang=ar]').waitFor();
    await expect.poll(() => page.locator('[data-testid=open-reports]').textContent()).toBe(ar.reports);
    await expect.poll(() => time.textContent()).toMatch(/^\d{1,2}:\d\d\s[صم]$/); // Arabic: "2:05 م"
    // Mirrored: the queue is now on the right, the context panel on the left.
    const side = await page.locator('.side').first().boundingBox();
    const ctx = await page.locator('[data-testid=context-panel]').boundingBox();
    expect(side!.x).toBeGreaterThan(ctx!.x);
    await screenshot(page, 'console-ar-desktop');
    expect(await axeViolations(page)).toEqual([]);
    expect(chunks).toEqual(['ar']);
    // Remembered in this browser: a reload comes back in Arabic.
    await page.reload();
    await page.locator('html[dir=rtl][lang=ar] [data-testid=connection][data-state=open]').waitFor();
    expect(problems.problems()).toEqual([]);
    await context.close();
  });

  const CATALOGS: Record<string, ConsoleText | null> = { sk, 'zh-Hans': zhHans, ar, 'en-XA': null };
  const DESKTOP = { viewport: { width: 1280, height: 800 } };
  it.each([
    ['sk', 'desktop'],
    ['sk', 'phone'],
    ['zh-Hans', 'desktop'],
    ['zh-Hans', 'phone'],
    ['ar', 'phone'],
    ['en-XA', 'desktop'],
    ['en-XA', 'phone'],
  ])('%s on a %s: the queue, a conversation, the context; nothing clipped', async (lang, size) => {
    const cat = CATALOGS[lang];
    const c = await consoleIn(lang, size === 'phone' ? PHONE : DESKTOP);
    const { page } = c;
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
    if (cat) await expect.poll(() => page.locator('[data-testid=open-reports]').textContent()).toBe(cat.reports);
    await screenshot(page, `console-${lang}-${size}-queue`);
    expect(await clipped(page)).toEqual([]);
    await page.locator('[data-testid=queue-item]').first().click();
    await page.locator('.msg time').first().waitFor();
    await screenshot(page, `console-${lang}-${size}-thread`);
    expect(await clipped(page)).toEqual([]);
    if (size === 'phone') {
      await page.locator('[data-testid=pane-context]').click();
      await page.locator('[data-testid=context-panel]').waitFor();
      await screenshot(page, `console-${lang}-${size}-context`);
      expect(await clipped(page)).toEqual([]);
    }
    expect(c.chunks).toEqual([lang === 'en-XA' ? 'pseudo' : lang]);
    await c.close();
  });
});
