// The agent console on a phone (390x844): its three columns become stacked views, the
// conversations, a conversation, its customer's context, with Back between them, and nothing
// wider than the screen; at desktop width all three columns still show side by side.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, collectConsole, openConversation, screenshot, signInToConsole, startProductWithAgent, type Product } from './harness';

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

/** Which of the three columns are on screen (displayed, with a size). */
const shown = (page: Page) =>
  page.evaluate(() =>
    ['.side', '.thread', '.ctx'].filter((sel) => {
      const el = document.querySelector<HTMLElement>(`.cols > ${sel}`);
      return !!el && el.getBoundingClientRect().width > 0;
    }),
  );
/** Nothing sticks out sideways. */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe('the console on a phone', () => {
  it('shows the list, then the conversation, then the customer, with Back, within 390 px', async () => {
    const visitorContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const visitor = await visitorContext.newPage();
    const agentContext = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true });
    const agent = await agentContext.newPage();
    await signInToConsole(agent, product.url, AGENT);
    const problems = await collectConsole(agent); // after the sign-in page's expected 401
    expect(await shown(agent)).toEqual(['.side']);
    expect(await overflow(agent)).toBeLessThanOrEqual(0);

    await visitor.goto(`${product.url}/product/stormline-shell`);
    await openConversation(visitor);
    await visitor.locator('#baton-input').fill('Does the shell come in a size for kids?');
    await visitor.keyboard.press('Enter');
    const item = agent.locator('[data-testid=queue-item]', { hasText: 'size for kids' });
    await item.waitFor();
    expect(await axeViolations(agent)).toEqual([]);
    await agent.screenshot({ path: await screenshot(agent, 'console-phone-list') });

    // The conversation: the list goes away, Back and Customer appear.
    await item.locator('.qopen').click();
    await expect.poll(() => shown(agent)).toEqual(['.thread']);
    await agent.locator('[data-testid=thread]', { hasText: 'size for kids' }).waitFor();
    await agent.locator('[data-testid=claim-thread]').click();
    await agent.locator('[data-testid=composer]').waitFor();
    await agent.fill('[data-testid=composer]', 'It does: the Stormline Junior, sizes 8 to 14.');
    await agent.keyboard.press('Enter');
    await visitor.locator('#baton-panel li[data-sender=agent]', { hasText: 'Stormline Junior' }).waitFor();
    expect(await overflow(agent)).toBeLessThanOrEqual(0);
    expect(await axeViolations(agent)).toEqual([]);
    await agent.screenshot({ path: await screenshot(agent, 'console-phone-thread') });

    // The customer's context, then Back twice.
    await agent.locator('[data-testid=pane-context]').click();
    await expect.poll(() => shown(agent)).toEqual(['.ctx']);
    expect(await agent.locator('[data-testid=ctx-row][data-field=address] [data-testid=ctx-value]').textContent()).toBe('/product/stormline-shell');
    expect(await overflow(agent)).toBeLessThanOrEqual(0);
    expect(await axeViolations(agent)).toEqual([]);
    await agent.screenshot({ path: await screenshot(agent, 'console-phone-context') });
    await agent.locator('[data-testid=pane-back]').click();
    await expect.poll(() => shown(agent)).toEqual(['.thread']);
    await agent.locator('[data-testid=pane-back]').click();
    await expect.poll(() => shown(agent)).toEqual(['.side']);
    // The same conversation again from the list (already the selected one).
    await agent.locator('[data-testid=mine] .qopen').first().click();
    await expect.poll(() => shown(agent)).toEqual(['.thread']);

    // At desktop width: the three columns, no bar.
    await agent.setViewportSize({ width: 1280, height: 800 });
    await expect.poll(() => shown(agent)).toEqual(['.side', '.thread', '.ctx']);
    expect(await agent.locator('[data-testid=pane-bar]').isVisible()).toBe(false);

    expect(problems.problems()).toEqual([]);
    await Promise.all([visitorContext.close(), agentContext.close()]);
  });
});
