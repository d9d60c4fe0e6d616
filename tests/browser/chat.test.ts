// Chat end to end on the embedded server, as a newcomer sees it after `npm start`: a visitor on the
// demo store and an agent in the console, two browser contexts, real WebSockets, real SQLite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { collectConsole, openConsole, openConversation, screenshot, startProductWithAgent, type Product } from './harness';

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

const agentConsole = () => openConsole(browser, product.url, AGENT);

/** The widget's shadow root is open, so Playwright's CSS selectors reach into it. */
const widget = (page: Page) => ({
  launcher: page.locator('#baton-launcher'),
  input: page.locator('#baton-input'),
  messages: page.locator('#baton-panel li[data-sender]'),
});

describe('chat on the embedded server', () => {
  it('visitor and agent talk, and the agent sees who, where and how, live', async () => {
    const agent = await agentConsole();
    const agentProblems = await collectConsole(agent.page);

    // The visitor signs in on the demo store, looks at two products, opens the chat and writes.
    const visitorContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const visitor = await visitorContext.newPage();
    const visitorProblems = await collectConsole(visitor);
    await visitor.goto(`${product.url}/signin?return=/product/summit-trail-runner`);
    await visitor.click('#signin-submit');
    await visitor.waitForURL(/summit-trail-runner/);
    // A moment on the page, as a person would take (Baton reads the stored journey meanwhile).
    await visitor.evaluate(() => new Promise<void>((r) => (window as unknown as { Baton: (...a: unknown[]) => void }).Baton('on', 'ready', () => r())));
    await visitor.goto(`${product.url}/product/stormline-shell`);
    const w = widget(visitor);
    await w.launcher.click();
    // The home greets her by name; "Send us a message" opens the conversation.
    await expect.poll(() => visitor.locator('#baton-title').textContent()).toBe('Hi \u2068Ada\u2069');
    await visitor.locator('#baton-start').click();
    await w.input.waitFor();
    await w.input.fill('Hi! Does the Stormline come in a tall fit?');
    await visitor.keyboard.press('Enter');
    await visitor.locator('#baton-panel li[data-sender=visitor][data-status=sent]').waitFor();

    // The agent sees it in the queue, with the verified identity and the page the visitor is on.
    const item = agent.page.locator('[data-testid=queue-item]', { hasText: 'Ada Lovelace' });
    await item.waitFor();
    await expect.poll(() => item.textContent()).toMatch(/Stormline/);
    await item.locator('[data-testid=claim]').click();
    const panel = agent.page.locator('[data-testid=context-panel]');
    await panel.waitFor();
    await expect
      .poll(() => panel.locator('[data-testid=verified-badge][data-field=id]').getAttribute('data-verified'))
      .toBe('true');
    expect(await panel.locator('[data-testid=verified-badge][data-field=email]').getAttribute('data-verified')).toBe('true');
    expect(await panel.locator('[data-testid=ctx-row][data-field=address]').textContent()).toContain('/product/stormline-shell');
    const journey = await panel.locator('[data-testid=journey-entry]').allTextContents();
    expect(journey.join('\n')).toMatch(/Summit Trail Runner/);
    expect(journey.join('\n')).toMatch(/Stormline/);
    await expect.poll(() => agent.page.locator('[data-testid=message][data-sender=visitor]').allTextContents()).toEqual([
      expect.stringContaining('tall fit'),
    ]);

    // The agent replies; the visitor sees the reply and who wrote it.
    await agent.page.fill('[data-testid=composer]', 'Hi Ada, yes: sizes M to XL come in a tall fit.');
    await agent.page.keyboard.press('Enter');
    await visitor.locator('#baton-panel li[data-sender=agent]', { hasText: 'tall fit' }).waitFor();
    expect(await visitor.locator('#baton-panel').textContent()).toContain('Sam');
    // The agent's avatar (their initials on their colour) beside the first of their messages (issue 15).
    expect(await visitor.locator('#baton-panel li[data-sender=agent] .who .av').first().textContent()).toBe('SR');
    // The header names the agent in full, clear of its buttons (Back, call, close) and not cut.
    await expect.poll(() => visitor.locator('#baton-title').textContent()).toBe('Sam Rivera');
    const title = await visitor.locator('#baton-title').evaluate((h) => {
      const r = h.getBoundingClientRect();
      const range = document.createRange();
      range.selectNodeContents(h);
      const text = range.getBoundingClientRect();
      const buttons = [...h.closest('.h')!.querySelectorAll('button')].map((b) => b.getBoundingClientRect());
      return { cut: h.scrollHeight > h.clientHeight + 1 || text.right > r.right + 1, overlaps: buttons.some((b) => b.left < text.right && b.right > text.left && b.top < text.bottom && b.bottom > text.top) };
    });
    expect(title).toEqual({ cut: false, overlaps: false });
    // The visitor's own message on the right, the agent's on the left, as in every messenger.
    const side = async (sender: string) => {
      const item = visitor.locator(`#baton-panel li[data-sender=${sender}]`).first();
      const li = (await item.boundingBox())!;
      const list = (await item.locator('xpath=..').boundingBox())!; // the conversation's list
      return { left: li.x - list.x, right: list.x + list.width - (li.x + li.width) };
    };
    const mine = await side('visitor');
    const theirs = await side('agent');
    expect(mine.right).toBeLessThan(mine.left);
    expect(theirs.left).toBeLessThan(theirs.right);
    await screenshot(visitor, 'chat-visitor');

    // The visitor moves on to the SPA (npm import) and changes route: the agent's panel follows.
    await visitor.goto(`${product.url}/app`);
    await visitor.waitForFunction(() => !!(window as unknown as { demoBaton?: unknown }).demoBaton);
    await visitor.click('#nav-orders');
    await expect.poll(() => panel.locator('[data-testid=ctx-row][data-field=address]').textContent()).toContain('/app/orders');
    await screenshot(agent.page, 'chat-agent');

    expect(visitorProblems.problems()).toEqual([]);
    expect(agentProblems.problems()).toEqual([]);
    await visitorContext.close();
    await agent.context.close();
  });

  it('keeps the conversation across a reload, with its history', async () => {
    const agent = await agentConsole();
    const visitorContext = await browser.newContext();
    const visitor = await visitorContext.newPage();
    await visitor.goto(`${product.url}/category/backpacks`);
    const w = widget(visitor);
    await openConversation(visitor);
    await w.input.fill('Is the Basecamp 45 carry-on size?');
    await visitor.keyboard.press('Enter');
    await visitor.locator('#baton-panel li[data-sender=visitor][data-status=sent]').waitFor();
    await visitor.reload();
    await widget(visitor).launcher.click();
    // The home shows the conversation with its last message; it opens the history.
    const card = visitor.locator('#baton-continue');
    await expect.poll(() => card.textContent(), { timeout: 10_000 }).toContain('You: Is the Basecamp 45 carry-on size?');
    await card.click();
    await visitor.locator('#baton-panel li[data-sender=visitor]', { hasText: 'carry-on' }).waitFor();
    expect(await widget(visitor).messages.count()).toBeGreaterThanOrEqual(1);
    await visitorContext.close();
    await agent.context.close();
  });
});
