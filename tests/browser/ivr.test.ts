// The visual IVR end to end on the embedded server: the demo store's menu (boot option `menu`) in
// the widget, the visitor's choice as routing hints in the context, the agent console showing the
// skill on each queued conversation and filtering the queue by it. Screenshots:
// test-results/ivr-widget.png, test-results/ivr-console.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { collectConsole, screenshot, signInToConsole, startProductWithAgent, type Product } from './harness';

let browser: Browser;
let product: Product;
const AGENT = { email: 'sam@demo.test', name: 'Sam Rivera', password: 'correct horse battery staple' };

beforeAll(async () => {
  ({ browser, product } = await startProductWithAgent(AGENT));
});
afterAll(async () => {
  await browser?.close();
  await product?.close();
});

async function visitorPicks(path: string[], text: string): Promise<{ page: Page; problems: () => string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const collected = await collectConsole(page);
  await page.goto(`${product.url}/category/rain-jackets`);
  // The menu comes first in a new conversation, before the message box (which would connect).
  await page.locator('#baton-launcher').click();
  await page.locator('#baton-start').click();
  const menu = page.locator('[data-testid=routing-menu]');
  await expect.poll(() => page.evaluate(() => document.getElementById('baton-root')!.shadowRoot!.activeElement?.textContent)).toBe('Billing');
  for (const label of path) await menu.getByRole('button', { name: label, exact: true }).click();
  await expect(page.locator('[data-testid=routing-chosen]').textContent()).resolves.toContain(path.join(' › '));
  await page.locator('#baton-input').fill(text);
  await page.locator('#baton-input').press('Enter');
  await page.locator('#baton-panel li[data-sender=visitor][data-status=sent]').waitFor();
  return { page, problems: () => collected.problems() };
}

describe('visual IVR and routing hints', () => {
  it('Billing → Invoices becomes the conversation’s skill in the console, which filters the queue by it', async () => {
    const agentContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const agent = await agentContext.newPage();
    await signInToConsole(agent, product.url, AGENT);
    const agentProblems = await collectConsole(agent);

    const billing = await visitorPicks(['Billing', 'Invoices'], 'My invoice shows the wrong address');
    await screenshot(billing.page, 'ivr-widget');
    const sales = await visitorPicks(['Sales'], 'Do you ship to Canada?');

    const items = agent.locator('[data-testid=queue-item]');
    await expect.poll(() => items.count(), { timeout: 10_000 }).toBe(2);
    const billingItem = items.filter({ hasText: 'My invoice' });
    await expect(billingItem.locator('[data-testid=queue-skill]').textContent()).resolves.toBe('billing');
    await expect(billingItem.textContent()).resolves.toContain('Billing › Invoices');
    await expect(items.filter({ hasText: 'Canada' }).locator('[data-testid=queue-skill]').textContent()).resolves.toBe('sales');

    await agent.locator('[data-testid=skill-filter]').selectOption('billing');
    await expect.poll(() => items.count()).toBe(1);
    await expect(items.first().textContent()).resolves.toContain('My invoice');
    await screenshot(agent, 'ivr-console');
    await agent.locator('[data-testid=skill-filter]').selectOption('');
    await expect.poll(() => items.count()).toBe(2);

    expect(billing.problems()).toEqual([]);
    expect(sales.problems()).toEqual([]);
    expect(agentProblems.problems()).toEqual([]);
  });
});
