// The visitor's preferred channel (issue 15), on the real server with a fake clock (Saturday, nobody
// online: "Call us" offers a callback): a visitor books a callback, the agent's context panel says
// "Prefers a callback"; on the next visit in the same browser, with consent granted, Home offers the
// callback first, marked "Last used", and "What the agent sees" says so; with consent required and not
// granted, nothing is remembered on the device. Axe-clean; screenshots at both sizes.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, collectConsole, signInToConsole, startProductWithAgent, type Product } from './harness';

const SHOTS = process.env.BATON_SHOTS_DIR;
const AGENT = { email: 'noor@demo.test', name: 'Noor Haddad', password: 'a long demo password' };
const HOURS = { timeZone: 'Europe/Paris', weekly: { mon: '09:00-17:30', tue: '09:00-17:30', wed: '09:00-17:30', thu: '09:00-17:30', fri: '09:00-17:30' } };
const NOW = Date.parse('2026-12-05T11:00:00Z'); // Saturday, 12:00 in Paris
const KEY = 'baton-prefers';
let browser: Browser;
let product: Product;

beforeAll(async () => {
  ({ browser, product } = await startProductWithAgent(AGENT, [], undefined, [], undefined, { hours: HOURS, clock: () => NOW }));
});
afterAll(async () => {
  await browser?.close();
  await product?.close();
});

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

async function visitor(): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: 'Europe/Paris', locale: 'en-US' });
  await context.clock.setFixedTime(NOW);
  return context;
}

/** Opens the panel; once the server said nobody is online, "Call us" books a callback for `phone`. */
async function bookCallback(page: Page, phone: string): Promise<void> {
  await page.locator('#baton-launcher').click();
  const way = page.locator('#baton-panel .way[data-nav=call]');
  await expect.poll(() => way.locator('.note').textContent()).toMatch(/callback/);
  await way.click();
  const form = page.locator('#baton-panel [data-testid=callback-form]');
  await form.waitFor();
  await page.fill('#baton-cb', phone);
  await form.locator('button[type=submit]').click();
  await page.locator('#baton-panel [data-testid=callback-booked]').waitFor();
}

const stored = (page: Page) => page.evaluate((k) => localStorage.getItem(k), KEY);

describe('the preferred channel', () => {
  it('consent required and not granted: the context says it, the device remembers nothing', async () => {
    const context = await visitor();
    const page = await context.newPage();
    await page.goto(`${product.url}/product/basecamp-45?consent=required`);
    await bookCallback(page, '+33 6 98 76 54 32');
    const snap = await page.evaluate(() => (window as unknown as { Baton: (...a: unknown[]) => Promise<{ consent: string; preferences?: unknown }> }).Baton('getContext'));
    expect(snap.consent).toBe('pending');
    expect(snap.preferences).toEqual({ channel: 'callback', at: NOW });
    expect(await stored(page)).toBeNull();
    expect(await page.evaluate(() => localStorage.length)).toBe(0);

    const next = await context.newPage();
    await next.goto(`${product.url}/?consent=required`);
    await next.locator('#baton-launcher').click();
    await next.locator('#baton-panel #baton-start').waitFor();
    expect(await next.locator('#baton-panel .cards [data-nav]').first().getAttribute('data-nav')).not.toBe('callback');
    expect(await next.locator('#baton-panel [data-testid=last-used]').count()).toBe(0);
    await context.close();
  });

  it('a booked callback reaches the agent as "Prefers a callback"; the next visit (consent granted) offers it first', async () => {
    const context = await visitor();
    const page = await context.newPage();
    const problems = await collectConsole(page);
    await page.goto(`${product.url}/product/basecamp-45?consent=required`);
    await page.click('#cookie-accept');
    await bookCallback(page, '+33 6 12 34 56 78');
    await expect.poll(() => stored(page)).toBe(JSON.stringify({ channel: 'callback', at: NOW }));

    // The agent: the conversation the booking opened carries the context, preference included.
    const agentContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await agentContext.clock.setFixedTime(NOW);
    const agent = await agentContext.newPage();
    await signInToConsole(agent, product.url, AGENT);
    await agent.locator('[data-testid=queue-item]').first().click();
    const prefers = agent.locator('[data-testid=context-panel] [data-testid=ctx-prefers]');
    await expect.poll(() => prefers.textContent()).toBe('Prefers a callback');
    const row = agent.locator('[data-testid=context-panel] [data-testid=ctx-row][data-field=prefers]');
    expect((await row.innerText()).replace(/\s+/g, ' ').trim()).toBe('Preferred contact Callback');
    expect(await axeViolations(agent)).toEqual([]);
    await shot(agent, 'console-context-prefers-desktop');
    await agent.setViewportSize({ width: 390, height: 844 });
    // On a phone the context is the "Customer" pane.
    await agent.getByRole('button', { name: 'Customer', exact: true }).click();
    await prefers.waitFor({ state: 'visible' });
    await shot(agent, 'console-context-prefers-phone');
    await agentContext.close();

    // The next visit in the same browser: the site asks again, the visitor accepts.
    const next = await context.newPage();
    await next.goto(`${product.url}/?consent=required`);
    await next.click('#cookie-accept');
    await next.locator('#baton-launcher').click();
    // After the conversation the booking opened (its card stays first), the callback before any other way.
    const ways = () => next.locator('#baton-panel .cards [data-nav]').evaluateAll((els) => els.map((e) => e.getAttribute('data-nav')));
    // This tab follows the first one's chat (still open: booking connected it), which tells it the conversation.
    await expect.poll(async () => (await ways()).slice(0, 2), { timeout: 10_000 }).toEqual(['continue', 'callback']);
    expect((await ways()).filter((w) => w === 'callback')).toHaveLength(1);
    const first = next.locator('#baton-callback');
    expect((await first.innerText()).replace(/\s+/g, ' ').trim()).toBe('Pick a time for our call Last used');
    expect(await next.locator('#baton-panel [data-testid=last-used]').count()).toBe(1);
    expect(await axeViolations(next)).toEqual([]);
    await shot(next, 'home-last-used-desktop');
    await next.setViewportSize({ width: 390, height: 844 });
    await shot(next, 'home-last-used-phone');
    await next.setViewportSize({ width: 1280, height: 800 });

    // "What the agent sees" says it too, in the same words as the console's row.
    await next.locator('#baton-show').click();
    const mine = next.locator('#baton-panel [data-field=prefers]');
    await expect.poll(async () => (await mine.innerText()).replace(/\s+/g, ' ').trim()).toBe('Preferred contact Callback');
    await next.locator('#baton-panel [data-testid=back]').click();

    // The way leads to the booking, which shows the one already booked.
    await next.locator('#baton-callback').click();
    await next.locator('#baton-panel [data-testid=callback-booked]').waitFor();
    expect(await next.locator('#baton-panel [data-call-state=callback] .cst').first().textContent()).toBe('');
    expect(problems.problems()).toEqual([]);
    await context.close();
  });
});
