// The console's Insights page (issue 20) on the demo store as `npm start` runs it: three visitors
// rage-click the sold-out size on the same product page, then ask in the chat; Insights shows that
// page and that element as the top drivers (and the API and its CSV say the same), an example opens
// the conversation in the thread; a micro-survey answer shows with its page; axe-core clean; desktop
// and phone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Insights } from '../../src/protocol/insights';
import { axeViolations, openConsole, openConversation, screenshot, startProductWithAgent, type Product } from './harness';

let browser: Browser;
let product: Product;
const AGENT = { email: 'ines@demo.test', name: 'Inès Duval', password: 'correct horse battery staple' };
const PAGE = '/product/summit-trail-runner';

beforeAll(async () => {
  ({ browser, product } = await startProductWithAgent(AGENT));
});
afterAll(async () => {
  await browser?.close();
  await product?.close();
});

/** A visitor rage-clicks the sold-out size (once Baton recorded it), then asks through the launcher. */
async function rageThenAsk(page: Page, question: string): Promise<void> {
  await page.goto(`${product.url}${PAGE}`);
  await page.locator('#baton-launcher').waitFor();
  await page.locator('#size-sold-out').click({ clickCount: 3 });
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { Baton: (m: string) => Promise<{ signals: { type: string; detail: string }[] }> }).Baton('getContext').then((c) => c.signals.map((s) => `${s.type} ${s.detail}`))))
    .toContain('rage_click button#size-sold-out');
  await openConversation(page);
  await page.locator('#baton-input').fill(question);
  await page.keyboard.press('Enter');
  await page.locator('#baton-panel li[data-sender=visitor][data-status=sent]').waitFor();
}

describe('Insights', () => {
  it('makes the product page and the sold-out size the top drivers after three rage clicks, in the page, the API and the CSV', async () => {
    const agent = await openConsole(browser, product.url, AGENT);
    const page = agent.page;
    await page.setViewportSize({ width: 1280, height: 800 });
    // Another visitor asks from the checkout, without friction: a second, smaller driver.
    const other = await browser.newContext();
    const o = await other.newPage();
    await o.goto(`${product.url}/checkout`);
    await openConversation(o);
    await o.locator('#baton-input').fill('Do you ship to Norway?');
    await o.keyboard.press('Enter');
    await o.locator('#baton-panel li[data-sender=visitor][data-status=sent]').waitFor();
    const visitors = [];
    for (const q of ['Will the 44 come back?', 'Is size 42 sold out everywhere?', 'Any 43 left in a store?']) {
      const context = await browser.newContext();
      visitors.push(context);
      await rageThenAsk(await context.newPage(), q);
    }
    await expect.poll(() => page.locator('[data-testid=queue-item]').count()).toBe(4);
    // A micro-survey answer from the checkout's page (POST /api/visitor/survey, as the survey sends it).
    const status = await o.evaluate(async () => {
      const body = { sid: 'browser-survey-0001', rule: 'checkout-easy', question: 'Was checkout easy?', scale: 'five', answer: 2, path: location.pathname };
      return (await fetch('/api/visitor/survey', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).status;
    });
    expect(status).toBe(200);

    await page.locator('[data-testid=open-insights]').click();
    await page.locator('[data-testid=insights]').waitFor();
    const pages = page.locator('[data-testid=insight-table-page] tbody tr');
    await expect.poll(() => pages.count()).toBe(2);
    expect(await pages.first().getAttribute('data-key')).toBe(PAGE);
    expect(await pages.first().locator('[data-col=contacts]').textContent()).toBe('3');
    expect(await pages.nth(1).getAttribute('data-key')).toBe('/checkout');
    const rage = page.locator('[data-testid=insight-table-rage_click] tbody tr');
    expect(await rage.count()).toBe(1);
    expect(await rage.first().getAttribute('data-key')).toBe('button#size-sold-out');
    expect(await rage.first().locator('[data-col=contacts]').textContent()).toBe('3');
    expect(await page.locator('[data-testid=chart-insight-page-summary]').textContent()).toBe(`Top: ${PAGE}, 75% of contacts.`);
    expect(await page.locator('[data-testid=insights-total]').textContent()).toMatch(/^4 contacts in these days; 0 in as many days before\./);
    // The survey's answer, next to the page it was asked on.
    const survey = page.locator('[data-testid=insight-table-surveys] tbody tr');
    expect(await survey.count()).toBe(1);
    expect(await survey.first().getAttribute('data-key')).toBe('/checkout');
    expect(await survey.first().locator('[data-col=result]').textContent()).toBe('2 out of 5 on average');
    // The chart draws the two pages' bars (3 and 1).
    expect(await page.locator('[data-testid=chart-insight-page] svg rect').count()).toBe(2);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'insights-desktop');

    // The API and its CSV download say the same.
    const api = (await (await page.request.get(`${product.url}/api/agent/insights?days=30`)).json()) as Insights;
    expect(api.drivers.page[0]).toMatchObject({ key: PAGE, contacts: 3, share: 0.75 });
    expect(api.drivers.rage_click[0]).toMatchObject({ key: 'button#size-sold-out', contacts: 3 });
    const href = await page.locator('[data-testid=insights-csv]').getAttribute('href');
    const csv = await (await page.request.get(`${product.url}${href}`)).text();
    // (No field here holds a comma or a quote: tests/server/insights.test.ts parses the quoted ones.)
    const rows = csv.trim().split('\r\n').map((r) => r.split(','));
    expect(rows.find((r) => r[0] === 'page')).toEqual(expect.arrayContaining(['page', PAGE, '3', '0.75']));
    expect(rows.find((r) => r[0] === 'rage_click')).toEqual(expect.arrayContaining(['rage_click', 'button#size-sold-out', '3', '0.75']));

    // The channel picker: no call was made.
    const insights = page.locator('[data-testid=insights]');
    await insights.getByRole('button', { name: 'Calls', exact: true }).click();
    await expect.poll(() => page.locator('[data-testid=insights-total]').textContent()).toMatch(/^0 contacts/);
    await insights.getByRole('button', { name: 'All', exact: true }).click();
    await expect.poll(() => pages.count()).toBe(2);

    // Phone: the top bar keeps Insights, the table scrolls beside (under) its chart.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.locator('[data-testid=open-insights]').isVisible()).toBe(true);
    // Nothing wider than the phone: the top bar's buttons and the pickers fit, the tables scroll in their own box.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'insights-phone');
    await page.setViewportSize({ width: 1280, height: 800 });

    // An example opens that conversation in the thread.
    await pages.first().locator('.examples button').first().click();
    await page.locator('[data-testid=insights]').waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('[data-testid=message][data-sender=visitor]').first().textContent()).toMatch(/Any 43 left in a store\?/);
    for (const c of [other, ...visitors]) await c.close();
    await agent.context.close();
  });
});

describe('Micro-survey', () => {
  it('asks "Was checkout easy?" after an order; a poor answer offers a chat that starts with it, and Insights counts it on its page', async () => {
    const agent = await openConsole(browser, product.url, AGENT);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const v = await context.newPage();
    await v.goto(`${product.url}/checkout`);
    await v.fill('#checkout-name', 'Ada Lovelace');
    await v.fill('#checkout-email', 'ada@example.com');
    await v.fill('#checkout-postcode', '98101');
    await v.fill('#checkout-card', '4242424242424242');
    await v.click('#place-order');
    await v.locator('#order-confirmation').waitFor();
    // The survey, next to the launcher once the page's first quiet seconds are over.
    const box = v.locator('#baton-proactive');
    await box.locator('[role=group] button').first().waitFor({ timeout: 15_000 });
    expect(await box.locator('p').first().textContent()).toBe('Was checkout easy?');
    expect(await box.locator('[role=group] button').count()).toBe(5);
    expect(await v.locator('#baton-panel').isHidden()).toBe(true);
    expect(await axeViolations(v)).toEqual([]);
    await v.screenshot({ path: await screenshot(v, 'survey-desktop') });
    await v.setViewportSize({ width: 390, height: 844 });
    await v.screenshot({ path: await screenshot(v, 'survey-phone') });
    await v.setViewportSize({ width: 1280, height: 800 });

    // A poor answer: sorry, and a chat that starts with the answer in its context.
    await box.getByRole('button', { name: '2 out of 5' }).click();
    await box.getByText('Sorry about that. Can we help?').waitFor();
    expect(await axeViolations(v)).toEqual([]);
    await box.getByRole('button', { name: 'Chat with us' }).click();
    await box.waitFor({ state: 'detached' });
    await v.locator('#baton-panel #baton-input').waitFor();
    await v.locator('#baton-input').fill('The postcode field refused my first try.');
    await v.keyboard.press('Enter');
    await v.locator('#baton-panel li[data-sender=visitor][data-status=sent]').waitFor();
    await agent.page.locator('[data-testid=queue-item]', { hasText: 'postcode field' }).locator('.qopen').click();
    const trigger = agent.page.locator('[data-testid=ctx-trigger]');
    await trigger.waitFor();
    expect(await trigger.textContent()).toContain('Was checkout easy? → 2 out of 5');

    // Insights: the answer, on the page it was asked on.
    await agent.page.locator('[data-testid=open-insights]').click();
    const row = agent.page.locator('[data-testid=insight-table-surveys] tbody tr', { hasText: 'Was checkout easy?' }).filter({ has: agent.page.locator('th', { hasText: /^\/checkout$/ }) });
    await expect.poll(() => row.count()).toBe(1);
    expect(Number(await row.locator('[data-col=answers]').textContent())).toBeGreaterThanOrEqual(1);
    await context.close();
    await agent.context.close();
  });
});
