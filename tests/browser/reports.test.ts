// The console's Reports page (issue 15) against the real server: after a rated chat, the charts
// say so (satisfaction, first response, conversations by channel, missed calls, callbacks' empty
// state); axe-core clean; desktop and a narrow window.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { axeViolations, openConversation, screenshot, signInToConsole, startProductWithAgent, type Product } from './harness';

let browser: Browser;
let product: Product;
const AGENT = { email: 'ria@demo.test', name: 'Ria Das', password: 'correct horse battery staple' };

beforeAll(async () => {
  ({ browser, product } = await startProductWithAgent(AGENT));
});
afterAll(async () => {
  await browser?.close();
  await product?.close();
});

describe('Reports', () => {
  it('shows a rated, answered chat in the charts; no callback was due', async () => {
    const agentContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const agent = await agentContext.newPage();
    await signInToConsole(agent, product.url, AGENT);
    const visitorContext = await browser.newContext();
    const v = await visitorContext.newPage();
    await v.goto(`${product.url}/product/fjord-parka`);
    await openConversation(v);
    await v.locator('#baton-input').fill('Is the parka warm enough for -10 °C?');
    await v.keyboard.press('Enter');
    const item = agent.locator('[data-testid=queue-item]', { hasText: 'warm enough' });
    await item.waitFor();
    await item.locator('[data-testid=claim]').click();
    await agent.fill('[data-testid=composer]', 'Yes, down to -15 °C.');
    await agent.keyboard.press('Enter');
    await agent.locator('[data-testid=message][data-sender=agent][data-status=sent]').waitFor();
    await agent.locator('[data-testid=close-conversation]').click();
    await agent.locator('[data-testid=confirm-close]').click();
    const survey = v.locator('#baton-panel [data-testid=survey]');
    await survey.waitFor();
    await survey.locator('input[type=radio][value="5"]').check();
    await survey.locator('button[type=submit]').click();
    await agent.locator('[data-testid=csat]').waitFor();

    await agent.locator('[data-testid=open-reports]').click();
    await agent.locator('[data-testid=reports]').waitFor();
    await expect.poll(() => agent.locator('[data-testid=chart-csat-summary]').textContent()).toBe('Average 5 out of 5 from 1 answer.');
    expect(await agent.locator('[data-testid=chart-volume-summary]').textContent()).toBe('1 chat and 0 with a call.');
    expect(await agent.locator('[data-testid=chart-frt-summary]').textContent()).toMatch(/^Median under a minute over 1 conversation an agent answered/);
    expect(await agent.locator('[data-testid=chart-missed-summary]').textContent()).toBe('Every call was answered.');
    expect(await agent.locator('[data-testid=chart-callbacks-summary]').textContent()).toMatch(/^No callbacks were due in these days/);
    // One bar for the one answer with score 5 (the satisfaction chart's fifth column).
    expect(await agent.locator('[data-testid=chart-csat] svg rect').count()).toBe(1);
    expect(await axeViolations(agent)).toEqual([]);
    await screenshot(agent, 'reports-desktop');
    await agent.locator('[data-testid=reports] .seg button', { hasText: '30 days' }).click();
    await expect.poll(() => agent.locator('[data-testid=chart-volume] table tbody tr').count()).toBe(30);
    await agent.setViewportSize({ width: 390, height: 844 });
    await screenshot(agent, 'reports-phone');
    // One column: no Conversations/Customer bar over it.
    expect(await agent.locator('[data-testid=pane-bar]').count()).toBe(0);
    await agent.locator('[data-testid=reports-close]').click();
    // Back to the conversations (on a phone-sized window, the console's stacked view).
    await agent.locator('[data-testid=reports]').waitFor({ state: 'detached' });
    await agent.locator('[data-testid=queue]').waitFor({ state: 'attached' });
    await visitorContext.close();
    await agentContext.close();
  });
});
