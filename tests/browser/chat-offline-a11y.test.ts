// Nobody online: one composer; the visitor's message goes as usual and the e-mail for the reply is
// asked in the thread (focus stays in the composer); an agent answers later, the visitor has gone:
// the reply is an e-mail in the local outbox beside the database, and it waits in the chat too,
// with an unread badge on the next visit. Then accessibility: axe-core on the open widget and on
// the console, and sending with the keyboard only.
import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, collectConsole, screenshot, signInToConsole, startProductWithAgent, type Product } from './harness';
import { until } from '../until';

let browser: Browser;
let product: Product;
const AGENT = { email: 'lee@demo.test', name: 'Lee Chen', password: 'a long demo password' };

beforeAll(async () => {
  ({ browser, product } = await startProductWithAgent(AGENT, [], undefined, [], undefined, { replyMailDelayMs: 200 }));
});
afterAll(async () => {
  await browser?.close();
  await product?.close();
});

const focusedId = (page: Page) => page.evaluate(() => document.getElementById('baton-root')?.shadowRoot?.activeElement?.id ?? '');
const outboxFiles = () => {
  try {
    return readdirSync(`${product.dbPath}-outbox`).filter((f) => f.endsWith('.eml'));
  } catch {
    return [];
  }
};

describe('nobody online, accessibility', () => {
  it('one composer: the e-mail is asked in the thread; the reply to the left message is an e-mail in the outbox and waits in the chat', async () => {
    for (const [size, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 390, height: 844 }]] as const) {
      const visitorContext = await browser.newContext({ viewport });
      const visitor = await visitorContext.newPage();
      const problems = await collectConsole(visitor);
      await visitor.goto(`${product.url}/product/basecamp-45`);
      await visitor.locator('#baton-launcher').click();
      await visitor.locator('#baton-start').click();
      // The same composer as when someone is online: the message goes as usual.
      const box = visitor.locator('#baton-input');
      await box.click();
      await box.fill(`Can the Basecamp 45 take a 3 L bladder? (${size})`);
      await visitor.keyboard.press('Enter');
      await visitor.locator('#baton-panel li[data-sender=visitor][data-status=sent]').waitFor();
      // The ask is the thread's next item, after the message; the visitor is still in the composer.
      const ask = visitor.locator('#baton-panel ol.msgs > li[data-testid=email-ask]');
      await ask.waitFor();
      expect(await visitor.locator('#baton-panel ol.msgs > li').evaluateAll((lis) => lis.map((l) => (l as HTMLElement).dataset.testid ?? (l as HTMLElement).dataset.sender))).toEqual(['visitor', 'email-ask']);
      expect(await focusedId(visitor)).toBe('baton-input');
      expect(await visitor.locator('#baton-panel .card').count()).toBe(0); // no card pinned under the thread
      expect(await axeViolations(visitor)).toEqual([]);
      await screenshot(visitor, `chat-offline-ask-${size}`);
      // A wrong address is said; a right one becomes one line, and focus goes back to the composer.
      await visitor.fill('#baton-ask-email', 'jo@');
      await ask.locator('button[type=submit]').click();
      await expect.poll(() => ask.locator('#baton-ask-note').textContent()).toBe('This e-mail address doesn’t look complete.');
      await visitor.fill('#baton-ask-email', `jo.${size}@example.com`);
      await visitor.keyboard.press('Enter');
      await visitor.locator('#baton-panel [data-testid=email-saved]').waitFor();
      expect(await visitor.locator('#baton-panel [data-testid=email-saved]').textContent()).toBe(`Got it: we’ll e-mail \u2068jo.${size}@example.com\u2069 when someone replies.`);
      await expect.poll(() => focusedId(visitor)).toBe('baton-input');
      expect(await axeViolations(visitor)).toEqual([]);
      await screenshot(visitor, `chat-offline-saved-${size}`);
      expect(problems.problems()).toEqual([]);
      await visitor.close();
      await visitorContext.close();
    }

    // Later, an agent logs in: the messages wait in the queue with the e-mails; the visitor has gone.
    const agentContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const agent = await agentContext.newPage();
    await signInToConsole(agent, product.url, AGENT);
    const item = agent.locator('[data-testid=queue-item][data-status=offline]', { hasText: 'jo.desktop@example.com' });
    await item.waitFor();
    await item.locator('[data-testid=claim]').click();
    await agent.fill('[data-testid=composer]', 'Yes, it has a sleeve for up to 3 L.');
    await agent.keyboard.press('Enter');
    await agent.locator('[data-testid=message][data-sender=agent][data-status=sent]').waitFor();

    // The reply is an e-mail in the local outbox beside the database (read as the README shows).
    const files = await until((): string[] | null => (outboxFiles().length ? outboxFiles() : null), 'the reply e-mail in the outbox', 15_000);
    const eml = readFileSync(`${product.dbPath}-outbox/${files![0]}`, 'utf8').replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    expect(eml).toMatch(/^To: jo\.desktop@example\.com\r$/m);
    expect(eml).toMatch(/^Subject: Lee Chen replied to your message on 127\.0\.0\.1:\d+\r$/m);
    expect(eml).toContain('Yes, it has a sleeve for up to 3 L.');
    expect(eml).toMatch(/\/product\/basecamp-45#baton-handoff=h_/);
    await agentContext.close();
  });

  it('the reply waits in the chat for the next visit, with an unread badge', async () => {
    const visitorContext = await browser.newContext();
    const visitor = await visitorContext.newPage();
    await visitor.goto(`${product.url}/`);
    // The earlier test's agent has gone: the server says so (nobody can answer live).
    const online = () =>
      visitor.evaluate(async () => ((await (await fetch('/api/visitor/status', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"credential":"none"}' })).json()) as { agentsOnline: number }).agentsOnline);
    await expect.poll(online, { timeout: 15_000 }).toBe(0);
    await visitor.locator('#baton-launcher').click();
    await visitor.locator('#baton-start').click();
    await visitor.locator('#baton-input').fill('Is the Basecamp 45 waterproof?');
    await visitor.keyboard.press('Enter');
    await visitor.locator('[data-testid=email-ask]').waitFor();
    await visitor.close();
    const agentContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const agent = await agentContext.newPage();
    await signInToConsole(agent, product.url, AGENT);
    const item = agent.locator('[data-testid=queue-item]', { hasText: 'waterproof' });
    await item.waitFor();
    await item.locator('[data-testid=claim]').click();
    await agent.fill('[data-testid=composer]', 'It is water resistant, with a rain cover.');
    await agent.keyboard.press('Enter');
    await agent.locator('[data-testid=message][data-sender=agent][data-status=sent]').waitFor();
    // The visitor comes back another day: the launcher says there is an unread reply.
    const back = await visitorContext.newPage();
    await back.goto(`${product.url}/`);
    await expect.poll(() => back.locator('#baton-launcher').getAttribute('aria-label'), { timeout: 10_000 }).toMatch(/1 unread message/);
    await back.locator('#baton-launcher').click();
    await back.locator('#baton-panel li[data-sender=agent]', { hasText: 'rain cover' }).waitFor();
    // The ask went with the agent's answer (no e-mail was given): the thread reads as a conversation.
    expect(await back.locator('#baton-panel [data-testid=email-ask]').count()).toBe(0);
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
