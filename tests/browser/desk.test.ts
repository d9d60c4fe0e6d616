// The agents' desk (issue 17) in Chromium against the real server: a visitor on the demo store in
// the widget, agents in the console. Internal notes stay with the team.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, collectConsole, openConsole, openConversation, screenshot, startProductWithAgent, type Product } from './harness';

let browser: Browser;
let product: Product;
const SAM = { email: 'sam@demo.test', name: 'Sam Rivera', password: 'correct horse battery staple' };

beforeAll(async () => {
  ({ browser, product } = await startProductWithAgent(SAM));
});
afterAll(async () => {
  await browser?.close();
  await product?.close();
});

/** A visitor on a product page who writes `text` in the widget; every frame their page receives is kept. */
async function visitorWrites(text: string): Promise<{ page: Page; frames: string[]; close(): Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const frames: string[] = [];
  page.on('websocket', (ws) => ws.on('framereceived', ({ payload }) => frames.push(String(payload))));
  await page.goto(`${product.url}/product/stormline-shell`);
  await openConversation(page);
  await page.locator('#baton-input').fill(text);
  await page.keyboard.press('Enter');
  await page.locator('#baton-panel li[data-sender=visitor][data-status=sent]').waitFor();
  return { page, frames, close: () => context.close() };
}

describe('internal notes', () => {
  it('show in the thread, apart from the messages, and never reach the visitor', async () => {
    const agent = await openConsole(browser, product.url, SAM);
    const problems = await collectConsole(agent.page);
    const visitor = await visitorWrites('My parcel has not arrived.');

    const item = agent.page.locator('[data-testid=queue-item]', { hasText: 'parcel' });
    await item.locator('[data-testid=claim]').click();
    await agent.page.locator('[data-testid=composer]').waitFor();

    // "Internal note": the composer turns yellow, says who sees it, and adds a note.
    await agent.page.getByTestId('mode-note').click();
    expect(await agent.page.getByTestId('mode-note').getAttribute('aria-checked')).toBe('true');
    await agent.page.fill('[data-testid=composer]', 'Carrier lost it: send a new one, no charge.');
    await agent.page.keyboard.press('Enter');
    const note = agent.page.locator('[data-testid=note][data-status=sent]', { hasText: 'Carrier lost it' });
    await note.waitFor();
    expect(await note.textContent()).toContain('Internal note');
    // Yellow, not the blue of a message to the visitor.
    expect(await note.locator('.bubble').evaluate((b) => getComputedStyle(b).backgroundColor)).toBe('rgb(255, 246, 214)');

    // Back to "Reply": the message goes to the visitor, and only the message.
    await agent.page.getByTestId('mode-reply').click();
    await agent.page.fill('[data-testid=composer]', 'Sorry about that: a new one ships today.');
    await agent.page.keyboard.press('Enter');
    await visitor.page.locator('#baton-panel li[data-sender=agent]', { hasText: 'ships today' }).waitFor();
    // The note sits before the reply in the agent's thread (written first).
    const order = await agent.page.locator('[data-testid=messages] > li:not(.day)').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(order).toEqual(['message', 'note', 'message']);
    await screenshot(agent.page, 'desk-note');
    await agent.page.getByTestId('mode-note').click();
    await agent.page.fill('[data-testid=composer]', 'Refund approved by Kim');
    await screenshot(agent.page, 'desk-note-mode');
    await agent.page.setViewportSize({ width: 390, height: 844 });
    await screenshot(agent.page, 'desk-note-phone');
    await agent.page.setViewportSize({ width: 1280, height: 800 });

    // The visitor reloads (welcome, history again): still no note anywhere in what they received.
    await visitor.page.reload();
    await openConversation(visitor.page);
    await visitor.page.locator('#baton-panel li[data-sender=agent]', { hasText: 'ships today' }).waitFor();
    expect(await visitor.page.locator('#baton-panel').textContent()).not.toContain('Carrier lost it');
    expect(visitor.frames.length).toBeGreaterThan(2);
    expect(visitor.frames.join('\n')).not.toContain('Carrier lost it');

    expect(await axeViolations(agent.page)).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
    await visitor.close();
    await agent.context.close();
  });
});

describe('canned replies', () => {
  it('an admin writes one with variables; `/` in the composer finds it, Enter inserts it filled, and the visitor gets it', async () => {
    const agent = await openConsole(browser, product.url, SAM);
    const problems = await collectConsole(agent.page);
    const page = agent.page;

    // Managed in the console: a team reply with variables.
    await page.getByTestId('open-replies').click();
    const dialog = page.getByTestId('replies-dialog');
    await dialog.getByTestId('reply-new').click();
    await dialog.getByTestId('reply-shortcut').fill('greet');
    await dialog.getByTestId('reply-text').fill('Hi {{visitor.firstName|there}}, {{agent.firstName}} here. I see you are on {{page.title}}.');
    await dialog.getByTestId('reply-save').click();
    await dialog.locator('[data-testid=reply-item][data-shortcut=greet]').waitFor();
    expect(await dialog.locator('[data-testid=reply-item][data-shortcut=greet]').textContent()).toContain('Team');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'desk-replies');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    const visitor = await visitorWrites('Do you ship to Norway?');
    await page.locator('[data-testid=queue-item]', { hasText: 'Norway' }).locator('[data-testid=claim]').click();
    const composer = page.getByTestId('composer');
    await composer.waitFor();

    // `/gr`: the popup lists it; Enter inserts it with the values of this conversation.
    await composer.pressSequentially('/gr');
    const option = page.locator('[data-testid=canned-option][data-shortcut=greet]');
    await option.waitFor();
    expect(await option.getAttribute('aria-selected')).toBe('true');
    expect(await composer.getAttribute('aria-activedescendant')).toBe(await option.getAttribute('id'));
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'desk-canned-popup');
    await page.keyboard.press('Enter');
    await page.getByTestId('canned').waitFor({ state: 'detached' });
    // The visitor is anonymous: the fallback stands in for the first name.
    await expect.poll(() => composer.inputValue()).toBe('Hi there, Sam here. I see you are on Stormline 3L Shell · Fernwood Outfitters.');
    // Nothing was sent yet: the agent reads it, then Enter sends it.
    expect(await visitor.page.locator('#baton-panel li[data-sender=agent]').count()).toBe(0);
    await page.keyboard.press('Enter');
    await visitor.page.locator('#baton-panel li[data-sender=agent]', { hasText: 'Hi there, Sam here.' }).waitFor();

    // Escape closes the popup and leaves what was typed.
    await composer.pressSequentially('see /gr');
    await page.getByTestId('canned').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('canned').waitFor({ state: 'detached' });
    expect(await composer.inputValue()).toBe('see /gr');

    expect(problems.pageErrors).toEqual([]);
    await visitor.close();
    await agent.context.close();
  });
});
