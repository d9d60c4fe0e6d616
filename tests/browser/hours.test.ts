// Business hours and truthful availability (issue 15), on the real server with a fake clock (the
// server's `clock`, the browser's Playwright clock): outside hours with nobody online the panel
// says when the team is back, in the visitor's language and time zone, and what to do now; within
// hours with an agent online it says the team is online. Axe-clean; screenshots at both sizes.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PHONE, axeViolations, collectConsole, openConsole, startProductWithAgent, type Product } from './harness';

const SHOTS = process.env.BATON_SHOTS_DIR;
const AGENT = { email: 'noor@demo.test', name: 'Noor Haddad', password: 'a long demo password' };
const HOURS = { timeZone: 'Europe/Paris', weekly: { mon: '09:00-17:30', tue: '09:00-17:30', wed: '09:00-17:30', thu: '09:00-17:30', fri: '09:00-17:30' } };
let now = Date.parse('2026-12-05T11:00:00Z'); // Saturday, 12:00 in Paris
let browser: Browser;
let product: Product;

beforeAll(async () => {
  ({ browser, product } = await startProductWithAgent(AGENT, [], undefined, [], undefined, { hours: HOURS, clock: () => now }));
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

async function visitorPage(options: { timezoneId: string; locale: string; phone?: boolean }): Promise<Page> {
  const context = await browser.newContext({ ...(options.phone ? PHONE : { viewport: { width: 1280, height: 800 } }), timezoneId: options.timezoneId, locale: options.locale });
  await context.clock.setFixedTime(now);
  return context.newPage();
}

describe('outside business hours, nobody online', () => {
  it('the home says when we are back (visitor’s time zone) and what to do now; the conversation header too', async () => {
    const page = await visitorPage({ timezoneId: 'Europe/Paris', locale: 'en-US' });
    const problems = await collectConsole(page);
    await page.goto(`${product.url}/product/basecamp-45`);
    await page.locator('#baton-launcher').click();
    const line = page.locator('#baton-panel [data-testid=reply-time]');
    await expect.poll(() => line.textContent()).toMatch(/^We’re back Monday at 9:00\sAM\. Leave a message and we’ll reply when we’re back\.$/);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'closed-home-desktop');

    await page.locator('#baton-start').click();
    await expect.poll(() => page.locator('#baton-panel .h .s').textContent()).toMatch(/^We’re back Monday at 9:00\sAM$/);
    await shot(page, 'closed-conversation-desktop');
    expect(problems.problems()).toEqual([]);
    await page.context().close();
  });

  it('in New York on a phone, the same opening reads in local time: Monday at 3:00 AM', async () => {
    const page = await visitorPage({ timezoneId: 'America/New_York', locale: 'en-US', phone: true });
    await page.goto(`${product.url}/`);
    await page.locator('#baton-launcher').click();
    // 9:00 in Paris is 3:00 in New York.
    await expect.poll(() => page.locator('#baton-panel [data-testid=reply-time]').textContent()).toMatch(/^We’re back Monday at 3:00\sAM\. Leave a message/);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'closed-home-phone');
    await page.context().close();
  });
});

describe('within business hours', () => {
  it('an agent online: "Our team is online" (no reply time measured yet); nobody online: away', async () => {
    now = Date.parse('2026-12-07T09:30:00Z'); // Monday 10:30 in Paris
    const page = await visitorPage({ timezoneId: 'Europe/Paris', locale: 'en-US' });
    await page.goto(`${product.url}/`);
    await page.locator('#baton-launcher').click();
    await expect.poll(() => page.locator('#baton-panel [data-testid=reply-time]').textContent()).toBe('We’re away right now. Leave a message and we’ll reply here.');
    await page.context().close();

    const agent = await openConsole(browser, product.url, AGENT);
    const again = await visitorPage({ timezoneId: 'Europe/Paris', locale: 'en-US', phone: true });
    await again.goto(`${product.url}/`);
    await again.locator('#baton-launcher').click();
    await expect.poll(() => again.locator('#baton-panel [data-testid=reply-time]').textContent()).toBe('Our team is online');
    await shot(again, 'open-home-phone');
    await again.context().close();
    await agent.context.close();
  });
});
