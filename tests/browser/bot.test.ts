// The site's bot end to end (issue 14), as `npm start` runs the demo: the built-in bot answers a
// question it knows from the demo's help articles, labelled as the bot's; "Talk to a person" is
// there while it answers and hands over; the agent who claims sees the whole exchange and the context.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, collectConsole, openConsole, openConversation, screenshot, startProductWithAgent, type Product } from './harness';

let browser: Browser;
let product: Product;
const AGENT = { email: 'sam@demo.test', name: 'Sam Rivera', password: 'correct horse battery staple' };

beforeAll(async () => {
  ({ browser, product } = await startProductWithAgent(AGENT, [], undefined, [], undefined, { bot: 'articles' }));
});
afterAll(async () => {
  await browser?.close();
  await product?.close();
});

/** What the visitor sees (the viewport, not the whole page): test-results/<name>.png. */
async function view(page: Page, name: string): Promise<void> {
  const path = await screenshot(page, name);
  await page.screenshot({ path });
}

const botMessages = (page: Page) => page.locator('#baton-panel li[data-sender=bot]');

async function ask(page: Page, text: string): Promise<void> {
  await page.locator('#baton-input').fill(text);
  await page.keyboard.press('Enter');
}

describe('the bot, with a person one click away', () => {
  it('answers a question it knows, hands over on "Talk to a person", and the claiming agent sees it all', async () => {
    const agent = await openConsole(browser, product.url, AGENT);
    const agentProblems = await collectConsole(agent.page);

    const visitorContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const visitor = await visitorContext.newPage();
    const visitorProblems = await collectConsole(visitor);
    await visitor.goto(`${product.url}/product/stormline-shell`);
    await openConversation(visitor);
    await ask(visitor, 'How do I get a refund?');

    // The bot's answer: the article, labelled with the bot's name and a "Bot" badge.
    const answer = botMessages(visitor).first();
    await answer.waitFor();
    expect(await answer.textContent()).toContain('Returns and refunds');
    expect(await answer.locator('.who').textContent()).toBe('Fernwood assistantBot');
    // "Talk to a person" is there while the bot answers; no queue line yet (nobody is awaited).
    const handover = visitor.locator('[data-testid=talk-to-person]');
    await handover.waitFor();
    expect(await visitor.locator('#baton-panel .cst', { hasText: /Waiting for an agent/ }).count()).toBe(0);

    // The console: in the queue marked as the bot's, with its reply as the last message.
    const item = agent.page.locator('[data-testid=queue-item]', { hasText: 'Stormline' });
    await agent.page.locator('[data-testid=queue-bot]', { hasText: 'Bot answering' }).waitFor();

    expect(await axeViolations(visitor)).toEqual([]);
    await view(visitor, 'bot-answer-desktop');
    await view(agent.page, 'bot-console-answering');
    await visitor.setViewportSize({ width: 390, height: 844 });
    await view(visitor, 'bot-answer-phone');
    await visitor.setViewportSize({ width: 1280, height: 800 });

    // "Talk to a person": the bot says a person is coming, stops, and the visitor waits in line.
    await handover.click();
    await botMessages(visitor).filter({ hasText: 'getting a person' }).waitFor();
    await handover.waitFor({ state: 'detached' });
    await visitor.locator('#baton-panel .cst', { hasText: 'number 1 in line' }).waitFor();

    // The agent: "The bot handed over", claims, and sees the whole exchange, labelled, and the page.
    await agent.page.locator('[data-testid=queue-bot]', { hasText: 'The bot handed over' }).waitFor();
    await item.locator('[data-testid=claim]').click();
    const thread = agent.page.locator('[data-testid=message]');
    await expect.poll(() => thread.evaluateAll((els) => els.map((e) => e.getAttribute('data-sender')))).toEqual(['visitor', 'bot', 'bot']);
    const botRow = agent.page.locator('[data-testid=message][data-sender=bot]').first();
    expect(await botRow.locator('.who').textContent()).toBe('Fernwood assistantBot');
    expect(await agent.page.locator('[data-testid=ctx-row][data-field=address]').textContent()).toContain('/product/stormline-shell');
    expect(await axeViolations(agent.page)).toEqual([]);
    await view(agent.page, 'bot-console-claimed');

    // The agent answers; the bot stays quiet from now on.
    await agent.page.fill('[data-testid=composer]', 'Hi, Sam here: I can start the refund for you.');
    await agent.page.keyboard.press('Enter');
    await visitor.locator('#baton-panel li[data-sender=agent]', { hasText: 'start the refund' }).waitFor();
    expect(await botMessages(visitor).count()).toBe(2);
    await visitor.setViewportSize({ width: 390, height: 844 });
    await view(visitor, 'bot-handed-over-phone');

    expect(visitorProblems.problems()).toEqual([]);
    expect(agentProblems.problems()).toEqual([]);
    await visitorContext.close();
    await agent.context.close();
  });
});
