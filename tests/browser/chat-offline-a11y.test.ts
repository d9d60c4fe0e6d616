// Nobody online: the visitor leaves a message and an e-mail, an agent answers later, and the reply
// waits for the visitor's next visit with an unread badge. Then accessibility: axe-core on the open
// widget and on the console, and sending with the keyboard only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { axeViolations, collectConsole, screenshot, signInToConsole, startProductWithAgent, type Product } from './harness';

let browser: Browser;
let product: Product;
const AGENT = { email: 'lee@demo.test', name: 'Lee Chen', password: 'a long demo password' };

beforeAll(async () => {
  ({ browser, product } = await startProductWithAgent(AGENT));
});
afterAll(async () => {
  await browser?.close();
  await product?.close();
});

describe('nobody online, accessibility', () => {
  it('leave a message with an e-mail; the reply is there on the next visit, with an unread badge', async () => {
    const visitorContext = await browser.newContext();
    const visitor = await visitorContext.newPage();
    const problems = await collectConsole(visitor);
    await visitor.goto(`${product.url}/product/basecamp-45`);
    await visitor.locator('#baton-launcher').click();
    // The home says only what the server knows: nobody is online.
    await expect.poll(() => visitor.locator('#baton-panel [data-testid=reply-time]').textContent()).toBe('We’re away right now. Leave a message and we’ll reply here.');
    // The chat connects when the visitor shows intent ("Send us a message", the composer), so that
    // nothing of the visitor leaves the browser for a mere look; then the widget learns nobody is online.
    await visitor.locator('#baton-start').click();
    await visitor.locator('#baton-leave-email').waitFor();
    await visitor.fill('#baton-leave-email', 'jo@example.com');
    await visitor.fill('#baton-leave-text', 'Can the Basecamp 45 take a 3 L bladder?');
    await visitor.locator('#baton-panel form.leave button[type=submit]').click();
    await visitor.locator('#baton-panel li[data-sender=visitor][data-status=sent]').waitFor();
    await screenshot(visitor, 'chat-left-message');
    await visitor.close();

    // Later, an agent logs in: the message waits in the queue with the e-mail.
    const agentContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const agent = await agentContext.newPage();
    await signInToConsole(agent, product.url, AGENT);
    const item = agent.locator('[data-testid=queue-item][data-status=offline]');
    await item.waitFor();
    expect(await item.textContent()).toContain('jo@example.com');
    await item.locator('[data-testid=claim]').click();
    await agent.fill('[data-testid=composer]', 'Yes, it has a sleeve for up to 3 L.');
    await agent.keyboard.press('Enter');
    await agent.locator('[data-testid=message][data-sender=agent][data-status=sent]').waitFor();

    // The visitor comes back another day: the launcher says there is an unread reply.
    const back = await visitorContext.newPage();
    await back.goto(`${product.url}/`);
    await expect.poll(() => back.locator('#baton-launcher').getAttribute('aria-label'), { timeout: 10_000 }).toMatch(/1 unread message/);
    await back.locator('#baton-launcher').click();
    await back.locator('#baton-panel li[data-sender=agent]', { hasText: '3 L' }).waitFor();
    expect(problems.problems()).toEqual([]);
    await visitorContext.close();
    await agentContext.close();
  });

  it('axe-core finds no violations on the open widget (in a conversation) and on the console', async () => {
    const agentContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const agent = await agentContext.newPage();
    await signInToConsole(agent, product.url, AGENT);

    const visitorContext = await browser.newContext();
    const visitor = await visitorContext.newPage();
    await visitor.goto(`${product.url}/product/fjord-parka`);
    await visitor.locator('#baton-launcher').click();
    // The home, with someone online, the help card and the bottom bar.
    await expect.poll(() => visitor.locator('#baton-panel [data-testid=reply-time]').textContent()).toBe('Our team is online');
    await visitor.locator('#baton-panel .hc').waitFor();
    expect(await axeViolations(visitor)).toEqual([]);
    await visitor.locator('#baton-start').click();
    await visitor.locator('#baton-input').fill('Is the parka machine washable?');
    await visitor.keyboard.press('Enter');
    await visitor.locator('#baton-panel li[data-sender=visitor][data-status=sent]').waitFor();
    expect(await axeViolations(visitor)).toEqual([]);

    const item = agent.locator('[data-testid=queue-item]', { hasText: 'parka' });
    await item.waitFor();
    await item.locator('[data-testid=claim]').click();
    await agent.locator('[data-testid=context-panel]').waitFor();
    expect(await axeViolations(agent)).toEqual([]);
    await visitorContext.close();
    await agentContext.close();
  });

  it('a visitor can open the chat and send with the keyboard only', async () => {
    const agentContext = await browser.newContext();
    await signInToConsole(await agentContext.newPage(), product.url, AGENT); // someone is online: the widget offers the composer
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${product.url}/category/rain-jackets`);
    await page.locator('#baton-launcher').waitFor();
    const focused = () => page.evaluate(() => document.getElementById('baton-root')?.shadowRoot?.activeElement?.id ?? '');
    // Tab from the top of the page until the launcher has focus (it comes last on the page).
    for (let i = 0; i < 80 && (await focused()) !== 'baton-launcher'; i++) await page.keyboard.press('Tab');
    expect(await focused()).toBe('baton-launcher');
    await page.keyboard.press('Enter');
    // The home: Tab to "Send us a message", Enter: the conversation, on the site's topic menu
    // (its first option has focus); Tab on to the message box.
    await page.locator('#baton-start').waitFor();
    for (let i = 0; i < 15 && (await focused()) !== 'baton-start'; i++) await page.keyboard.press('Tab');
    expect(await focused()).toBe('baton-start');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.getElementById('baton-root')?.shadowRoot?.activeElement?.textContent)).toBe('Billing');
    for (let i = 0; i < 10 && (await focused()) !== 'baton-input'; i++) await page.keyboard.press('Tab');
    expect(await focused()).toBe('baton-input');
    await page.keyboard.type('Hello from the keyboard');
    await page.keyboard.press('Enter');
    await page.locator('#baton-panel li[data-sender=visitor][data-status=sent]', { hasText: 'Hello from the keyboard' }).waitFor();
    await page.keyboard.press('Escape');
    expect(await focused()).toBe('baton-launcher');
    await context.close();
    await agentContext.close();
  });
});
