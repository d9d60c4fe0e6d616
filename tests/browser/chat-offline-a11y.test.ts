// Nobody online: the visitor leaves a message and an e-mail, an agent answers later, and the reply
// waits for the visitor's next visit with an unread badge. Then accessibility: axe-core on the open
// widget and on the console, and sending with the keyboard only.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { collectConsole, launchChromium, screenshot, startProduct, type Product } from './harness';

let browser: Browser;
let product: Product;
const AGENT = { email: 'lee@demo.test', name: 'Lee Chen', password: 'a long demo password' };
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

beforeAll(async () => {
  [browser, product] = await Promise.all([launchChromium(), startProduct()]);
  await product.createAgent(AGENT);
});
afterAll(async () => {
  await browser?.close();
  await product?.close();
});

async function login(page: Page) {
  await page.goto(`${product.url}/agent`);
  await page.fill('#login-email', AGENT.email);
  await page.fill('#login-password', AGENT.password);
  await page.click('button[type=submit]');
  await page.locator('[data-testid=connection][data-state=open]').waitFor();
}

/** axe-core's WCAG 2 A/AA rules on the whole page, open shadow roots included. */
async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
  });
  return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}

describe('nobody online, accessibility', () => {
  it('leave a message with an e-mail; the reply is there on the next visit, with an unread badge', async () => {
    const visitorContext = await browser.newContext();
    const visitor = await visitorContext.newPage();
    const problems = await collectConsole(visitor);
    await visitor.goto(`${product.url}/product/basecamp-45`);
    await visitor.locator('#baton-launcher').click();
    // The chat connects when the visitor shows intent (focus or typing in the composer), so that
    // nothing leaves the browser for a mere look; then the widget learns nobody is online.
    await visitor.locator('#baton-input').click();
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
    await login(agent);
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
    await login(agent);

    const visitorContext = await browser.newContext();
    const visitor = await visitorContext.newPage();
    await visitor.goto(`${product.url}/product/fjord-parka`);
    await visitor.locator('#baton-launcher').click();
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
    await login(await agentContext.newPage()); // someone is online: the widget offers the composer
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${product.url}/category/rain-jackets`);
    await page.locator('#baton-launcher').waitFor();
    const focused = () => page.evaluate(() => document.getElementById('baton-root')?.shadowRoot?.activeElement?.id ?? '');
    // Tab from the top of the page until the launcher has focus (it comes last on the page).
    for (let i = 0; i < 80 && (await focused()) !== 'baton-launcher'; i++) await page.keyboard.press('Tab');
    expect(await focused()).toBe('baton-launcher');
    await page.keyboard.press('Enter');
    await page.locator('#baton-input').waitFor();
    for (let i = 0; i < 15 && (await focused()) !== 'baton-input'; i++) await page.keyboard.press('Tab');
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
