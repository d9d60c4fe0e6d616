// "Seen" receipts (issue 15), on the real embedded server in Chromium: the visitor's last message
// says "Seen" once the agent who claimed the conversation has it on screen, not before (a message
// in the queue, or one written while the agent's tab is hidden, is only "sent"). Axe-clean;
// screenshots at 1280x800 and 390x844 when BATON_SHOTS_DIR is set.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PHONE, axeViolations, openConsole, openConversation, startProductWithAgent, type Product } from './harness';

const SHOTS = process.env.BATON_SHOTS_DIR;
const AGENT = { email: 'noor@demo.test', name: 'Noor Haddad', password: 'a long demo password' };
let browser: Browser;
let product: Product;

beforeAll(async () => {
  ({ browser, product } = await startProductWithAgent(AGENT));
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

const seen = (page: Page) => page.locator('#baton-panel li[data-sender=visitor] [data-testid=seen]');

describe('Seen', () => {
  for (const size of ['desktop', 'phone'] as const) {
    it(`shows under the visitor's last message once the agent opened the conversation (${size})`, async () => {
      const agent = await openConsole(browser, product.url, AGENT);
      const context = await browser.newContext(size === 'phone' ? PHONE : { viewport: { width: 1280, height: 800 } });
      const v = await context.newPage();
      await v.goto(`${product.url}/product/stormline-shell`);
      await openConversation(v);
      await v.locator('#baton-input').fill('Does the Stormline come in a tall fit?');
      await v.keyboard.press('Enter');
      await v.locator('#baton-input').fill('I am 1.95 m');
      await v.keyboard.press('Enter');
      await expect.poll(() => v.locator('#baton-panel li[data-sender=visitor][data-status=sent]').count()).toBe(2);

      // In the queue (an agent may glance at it): not seen.
      const item = agent.page.locator('[data-testid=queue-item]', { hasText: '1.95' });
      await item.waitFor();
      await item.click();
      await agent.page.locator('[data-testid=message][data-sender=visitor]', { hasText: '1.95' }).waitFor();
      expect(await seen(v).count()).toBe(0);

      // Claimed and on the agent's screen: "Seen" under the last message only.
      await item.locator('[data-testid=claim]').click();
      await seen(v).waitFor();
      expect(await seen(v).textContent()).toBe(' · Seen');
      expect(await v.locator('#baton-panel li[data-sender=visitor]').last().locator('[data-testid=seen]').count()).toBe(1);
      expect(await seen(v).count()).toBe(1);
      expect(await axeViolations(v)).toEqual([]);
      await shot(v, `seen-${size}`);

      // A new message moves it: not seen until the agent has it on screen, then under the new one.
      await v.locator('#baton-input').fill('Also in green?');
      await v.keyboard.press('Enter');
      await agent.page.locator('[data-testid=message][data-sender=visitor]', { hasText: 'green' }).waitFor();
      await expect.poll(() => v.locator('#baton-panel li[data-sender=visitor]').last().locator('[data-testid=seen]').count()).toBe(1);
      expect(await seen(v).count()).toBe(1);
      await context.close();
      await agent.context.close();
    });
  }
});
