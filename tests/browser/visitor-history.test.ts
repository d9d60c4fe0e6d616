// The visitor as a person (issue 17), in Chromium against the real demo server: the same browser
// coming back is the same visitor in the console, their earlier conversation is listed beside the
// new one and opens read-only; tags; search finds a message by a word in it, with filters;
// "Load earlier messages" is offered only when there are earlier ones. axe-core on each new view.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { axeViolations, collectConsole, openConsole, openConversation, screenshot, startProductWithAgent, type Product } from './harness';

let browser: Browser;
let product: Product;
const AGENT = { email: 'lee@demo.test', name: 'Lee Chen', password: 'correct horse battery staple' };

beforeAll(async () => {
  ({ browser, product } = await startProductWithAgent(AGENT));
});
afterAll(async () => {
  await browser?.close();
  await product?.close();
});

describe('a returning visitor, search and tags in the console', () => {
  it('lists the earlier conversation beside the new one, opens it, tags, and finds it by a word', async () => {
    const agent = await openConsole(browser, product.url, AGENT);
    const agentProblems = await collectConsole(agent.page);
    const page = agent.page;
    const visitorContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const visitor = await visitorContext.newPage();
    await visitor.goto(`${product.url}/category/backpacks`);

    // First conversation: anonymous, answered and closed.
    await openConversation(visitor);
    await visitor.locator('#baton-input').fill('My parcel never arrived, order 5521');
    await visitor.keyboard.press('Enter');
    await visitor.locator('#baton-panel li[data-sender=visitor][data-status=sent]').waitFor();
    const firstItem = page.locator('[data-testid=queue-item]', { hasText: 'parcel never arrived' });
    const firstRef = (await firstItem.locator('.ref').textContent())!;
    await firstItem.locator('[data-testid=claim]').click();
    const firstId = (await page.locator('[data-testid=thread]').getAttribute('data-conversation-id'))!;
    await page.locator('[data-testid=close-conversation]').click();
    await page.locator('[data-testid=confirm-close]').click();
    await page.locator('[data-testid=closed-notice]').waitFor();

    // The same browser, a minute later: a new conversation.
    await visitor.locator('#baton-panel button', { hasText: 'Start a new conversation' }).click();
    await visitor.locator('#baton-input').fill('Still waiting for my parcel');
    await visitor.keyboard.press('Enter');
    await visitor.locator('#baton-panel li[data-sender=visitor][data-status=sent]', { hasText: 'Still waiting' }).waitFor();
    const secondItem = page.locator('[data-testid=queue-item]', { hasText: 'Still waiting' });
    // The same person, not a stranger: the same "Visitor #…" reference as the closed one.
    expect(await secondItem.locator('.ref').textContent()).toBe(firstRef);
    await secondItem.locator('[data-testid=claim]').click();
    const panel = page.locator('[data-testid=context-panel]');
    const history = panel.locator('[data-testid=visitor-history]');
    await history.locator(`[data-testid=history-item][data-conversation-id="${firstId}"]`).waitFor();
    expect(await panel.locator('[data-testid=returning]').textContent()).toBe('Returning visitor · 1 other conversation');
    expect(await history.locator('[data-testid=history-item]').first().textContent()).toContain('parcel never arrived');

    // Tags, added in the context panel.
    await panel.locator('[data-testid=tag-input]').fill('Delivery');
    await panel.locator('[data-testid=tag-input]').press('Enter');
    await panel.locator('[data-testid=tag-editor] [data-tag=delivery]').waitFor();
    await screenshot(page, 'history-console-desktop');
    expect(await axeViolations(page)).toEqual([]);

    // The earlier conversation opens in the thread, read-only, and leads back.
    const secondId = (await page.locator('[data-testid=thread]').getAttribute('data-conversation-id'))!;
    await history.locator('[data-testid=history-item] button').first().click();
    await expect.poll(() => page.locator('[data-testid=thread]').getAttribute('data-conversation-id')).toBe(firstId);
    await page.locator('[data-testid=closed-notice]').waitFor();
    await page.locator('[data-testid=message]', { hasText: 'parcel never arrived' }).waitFor();
    expect(await page.locator('[data-testid=composer]').count()).toBe(0);
    expect(await page.locator('[data-testid=close-conversation]').count()).toBe(0);
    expect(await page.locator('[data-testid=load-earlier]').count()).toBe(0); // nothing earlier than message 1
    await panel.locator(`[data-testid=history-item][data-conversation-id="${secondId}"] button`).click();
    await expect.poll(() => page.locator('[data-testid=thread]').getAttribute('data-conversation-id')).toBe(secondId);

    // Search: a word in a message, then a filter.
    await page.locator('[data-testid=open-search]').click();
    await page.locator('[data-testid=search-input]').fill('parcel');
    await page.locator('[data-testid=search-submit]').click();
    await expect.poll(() => page.locator('[data-testid=search-result]').count()).toBe(2);
    expect(await page.locator('[data-testid=search-result] mark').first().textContent()).toBe('parcel');
    await page.locator('[data-testid=search-status]').selectOption('closed');
    await page.locator('[data-testid=search-submit]').click();
    await expect.poll(() => page.locator('[data-testid=search-result]').count()).toBe(1);
    await page.locator('[data-testid=search-tag]').fill('delivery');
    await page.locator('[data-testid=search-status]').selectOption('');
    await page.locator('[data-testid=search-submit]').click();
    await expect.poll(async () => (await page.locator('[data-testid=search-result]').getAttribute('data-conversation-id'))).toBe(secondId);
    await screenshot(page, 'search-console-desktop');
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('[data-testid=search-result] button').first().click();
    await expect.poll(() => page.locator('[data-testid=thread]').getAttribute('data-conversation-id')).toBe(secondId);

    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'history-console-phone');
    expect(agentProblems.problems()).toEqual([]);
    await visitorContext.close();
    await agent.context.close();
  });
});
