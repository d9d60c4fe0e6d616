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

describe('transfer and presence', () => {
  it('Sam hands a conversation to Kim with a note: Kim gets its history, notes and context, and answers; the visitor sees Kim', async () => {
    const KIM = { email: 'kim@demo.test', name: 'Kim Lee', password: 'correct horse battery staple' };
    await product.createAgent(KIM);
    const sam = await openConsole(browser, product.url, SAM);
    const kim = await openConsole(browser, product.url, KIM);
    const problems = await collectConsole(kim.page);
    const visitor = await visitorWrites('I was charged twice for order 1042.');

    await sam.page.locator('[data-testid=queue-item]', { hasText: 'charged twice' }).locator('[data-testid=claim]').click();
    await sam.page.getByTestId('composer').waitFor();
    await sam.page.fill('[data-testid=composer]', 'Let me get our billing specialist.');
    await sam.page.keyboard.press('Enter');
    await visitor.page.locator('#baton-panel li[data-sender=agent]', { hasText: 'billing specialist' }).waitFor();

    // Kim steps away from his phone (the top bar's More: the status select does not fit 390 px),
    // then back at his desk: Sam sees both in the transfer list.
    await kim.page.setViewportSize({ width: 390, height: 844 });
    expect(await kim.page.getByTestId('presence').isVisible()).toBe(false);
    await kim.page.getByTestId('more').click();
    await kim.page.getByTestId('more-presence-away').waitFor();
    expect(await kim.page.getByTestId('more-presence-online').getAttribute('aria-pressed')).toBe('true');
    expect(await kim.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const menuBox = await kim.page.locator('.more-list').boundingBox();
    expect(menuBox!.x).toBeGreaterThanOrEqual(0);
    expect(menuBox!.x + menuBox!.width).toBeLessThanOrEqual(390);
    expect(await axeViolations(kim.page)).toEqual([]);
    await screenshot(kim.page, 'desk-more-phone');
    await kim.page.getByTestId('more-presence-away').click();
    // Chosen: the menu closes and focus returns to its button.
    await kim.page.locator('.more-list').waitFor({ state: 'detached' });
    expect(await kim.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('more');
    await sam.page.getByTestId('transfer').click();
    const dialog = sam.page.getByTestId('transfer-dialog');
    const kimRow = dialog.locator('[data-testid=transfer-agent]', { hasText: 'Kim Lee' });
    await expect.poll(() => kimRow.textContent()).toContain('Away');
    await kim.page.getByTestId('more').click();
    expect(await kim.page.getByTestId('more-presence-away').getAttribute('aria-pressed')).toBe('true');
    await kim.page.keyboard.press('Escape');
    await kim.page.locator('.more-list').waitFor({ state: 'detached' });
    // Canned replies from the phone too, in a dialog that fits it.
    await kim.page.getByTestId('more').click();
    await kim.page.getByTestId('more-replies').click();
    const replies = kim.page.getByTestId('replies-dialog');
    await replies.waitFor();
    const box = await replies.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await screenshot(kim.page, 'desk-replies-phone');
    await kim.page.keyboard.press('Escape');
    await replies.waitFor({ state: 'hidden' });
    await kim.page.setViewportSize({ width: 1280, height: 800 });
    expect(await kim.page.getByTestId('more').isVisible()).toBe(false);
    expect(await kim.page.getByTestId('presence').inputValue()).toBe('away');
    await kim.page.getByTestId('presence').selectOption('online');
    await expect.poll(() => kimRow.textContent()).toContain('Available');
    expect(await axeViolations(sam.page)).toEqual([]);
    await kimRow.click();
    await dialog.getByTestId('transfer-note').fill('Double charge on 1042: please refund one.');
    await screenshot(sam.page, 'desk-transfer');
    await dialog.getByTestId('confirm-transfer').click();

    // Sam: no longer his (read-only, handled by Kim). Kim: in his list, with everything.
    await sam.page.locator('.notice', { hasText: 'Kim Lee' }).waitFor();
    expect(await sam.page.getByTestId('composer').count()).toBe(0);
    const mine = kim.page.locator('[data-testid=my-conversation]', { hasText: 'billing specialist' });
    await mine.waitFor();
    await mine.locator('.qopen').click();
    const thread = kim.page.getByTestId('thread');
    await thread.locator('[data-testid=message]', { hasText: 'charged twice' }).waitFor();
    await thread.locator('[data-testid=message]', { hasText: 'billing specialist' }).waitFor();
    const handover = thread.locator('[data-testid=note][data-transfer=true]');
    expect(await handover.textContent()).toMatch(/Sam Rivera transferred to you.*Double charge on 1042/);
    expect(await kim.page.locator('[data-testid=ctx-row][data-field=address]').textContent()).toContain('/product/stormline-shell');
    await screenshot(kim.page, 'desk-transferred');

    // Kim answers; the visitor sees Kim's name and reply, never the note.
    await kim.page.fill('[data-testid=composer]', 'Refunded: you will see it in 3 days.');
    await kim.page.keyboard.press('Enter');
    await visitor.page.locator('#baton-panel li[data-sender=agent]', { hasText: 'Refunded' }).waitFor();
    await expect.poll(() => visitor.page.locator('#baton-title').textContent()).toBe('Kim Lee');
    expect(visitor.frames.join('\n')).not.toContain('Double charge on 1042');
    expect(await axeViolations(kim.page)).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
    await visitor.close();
    await sam.context.close();
    await kim.context.close();
  });
});

describe('transfer to a skill\'s queue', () => {
  it('an admin gives Lee the billing skill; Sam sends a conversation to the billing queue with a note; Lee claims it whole', async () => {
    const LEE = { email: 'lee@demo.test', name: 'Lee Park', password: 'correct horse battery staple' };
    await product.createAgent(LEE);
    const sam = await openConsole(browser, product.url, SAM);
    const lee = await openConsole(browser, product.url, LEE);
    const problems = await collectConsole(lee.page);

    // Sam (an admin) gives Lee the billing skill in the Team dialog.
    await sam.page.getByTestId('open-team').click();
    const leeRow = sam.page.locator('[data-testid=team-member][data-email="lee@demo.test"]');
    await leeRow.getByTestId('team-skills').fill('billing');
    await leeRow.getByTestId('team-capacity').fill('2');
    await leeRow.getByTestId('team-routing-save').click();
    await expect.poll(() => leeRow.getByTestId('team-skills').inputValue()).toBe('billing');
    expect(await axeViolations(sam.page)).toEqual([]);
    await screenshot(sam.page, 'desk-team-routing');
    await sam.page.keyboard.press('Escape');

    const visitor = await visitorWrites('Can I pay by invoice for a company order?');
    await sam.page.locator('[data-testid=queue-item]', { hasText: 'pay by invoice' }).locator('[data-testid=claim]').click();
    await sam.page.getByTestId('composer').waitFor();
    await sam.page.fill('[data-testid=composer]', 'Our billing team will answer that.');
    await sam.page.keyboard.press('Enter');
    await visitor.page.locator('#baton-panel li[data-sender=agent]', { hasText: 'billing team' }).waitFor();

    await sam.page.getByTestId('transfer').click();
    const dialog = sam.page.getByTestId('transfer-dialog');
    const queue = dialog.locator('[data-testid=transfer-queue][data-skill=billing]');
    await expect.poll(() => queue.textContent()).toContain('1 available');
    await queue.click();
    await dialog.getByTestId('transfer-note').fill('Company order, wants an invoice');
    expect(await axeViolations(sam.page)).toEqual([]);
    await screenshot(sam.page, 'desk-transfer-queue');
    await dialog.getByTestId('confirm-transfer').click();
    // No longer Sam's: out of his conversations, no composer (it is in the queue again, for billing).
    await expect.poll(() => sam.page.locator('[data-testid=my-conversation]', { hasText: 'billing team' }).count()).toBe(0);
    expect(await sam.page.getByTestId('composer').count()).toBe(0);

    // Lee sees it queued for billing, claims it, and has the messages, the note and the context.
    const item = lee.page.locator('[data-testid=queue-item]', { hasText: 'billing team' });
    expect(await item.getByTestId('queue-skill').textContent()).toBe('billing');
    await item.getByTestId('claim').click();
    const thread = lee.page.getByTestId('thread');
    await thread.locator('[data-testid=message]', { hasText: 'pay by invoice' }).waitFor();
    expect(await thread.locator('[data-testid=note][data-transfer=true]').textContent()).toMatch(/Sam Rivera sent this to the billing queue.*Company order, wants an invoice/);
    expect(await lee.page.locator('[data-testid=ctx-row][data-field=address]').textContent()).toContain('/product/stormline-shell');
    await lee.page.fill('[data-testid=composer]', 'Yes: I will send the invoice today.');
    await lee.page.keyboard.press('Enter');
    await visitor.page.locator('#baton-panel li[data-sender=agent]', { hasText: 'invoice today' }).waitFor();
    expect(visitor.frames.join('\n')).not.toContain('Company order, wants an invoice');
    expect(problems.pageErrors).toEqual([]);
    await visitor.close();
    await sam.context.close();
    await lee.context.close();
  });
});

describe('keyboard', () => {
  it('Ctrl-K finds and runs commands; ? shows the shortcuts; J/K move between conversations but never take letters from the composer', async () => {
    const agent = await openConsole(browser, product.url, SAM);
    const page = agent.page;
    const visitor = await visitorWrites('Keyboard people welcome?');
    const item = page.locator('[data-testid=queue-item]', { hasText: 'Keyboard people' });
    await item.waitFor();

    // The command bar: "claim" claims the oldest waiting conversation.
    await page.keyboard.press('Control+k');
    const bar = page.getByTestId('command-bar');
    await bar.waitFor();
    await page.keyboard.type('claim');
    expect(await bar.locator('[data-testid=command-option]').first().textContent()).toContain('Claim');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'desk-command-bar');
    await page.keyboard.press('Enter');
    await bar.waitFor({ state: 'detached' });
    const composer = page.getByTestId('composer');
    await composer.waitFor();

    // Letters in the composer are text, not shortcuts.
    await composer.focus();
    await page.keyboard.type('just kidding, checking x and t');
    expect(await composer.inputValue()).toBe('just kidding, checking x and t');
    expect(await page.getByTestId('close-dialog').count()).toBe(0);
    await composer.fill('');

    // Out of the composer (Esc), N writes a note, ? shows the sheet.
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).not.toBe('composer');
    await page.keyboard.press('n');
    await expect.poll(() => page.getByTestId('mode-note').getAttribute('aria-checked')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('composer');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+?');
    await page.getByTestId('shortcuts-sheet').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'desk-shortcuts');
    await page.keyboard.press('Escape');
    await page.getByTestId('shortcuts-sheet').waitFor({ state: 'detached' });

    // J walks the conversations in the sidebar's order; Alt+Up back, even from the composer it focused.
    const shown = () => page.getByTestId('thread').getAttribute('data-conversation-id');
    const before = await shown();
    await page.keyboard.press('j');
    await expect.poll(shown).not.toBe(before);
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(shown).toBe(before);
    expect(await composer.inputValue()).toBe('');
    await visitor.close();
    await agent.context.close();
  });
});

describe('team admin', () => {
  it('an admin adds an agent who signs in; disabling them signs their console out at once', async () => {
    const admin = await openConsole(browser, product.url, SAM);
    const page = admin.page;
    await page.getByTestId('open-team').click();
    const dialog = page.getByTestId('team-dialog');
    await dialog.locator('[data-testid=team-member]').first().waitFor();
    await dialog.getByTestId('team-name').fill('Ana Costa');
    await dialog.getByTestId('team-email').fill('ana@demo.test');
    await dialog.getByTestId('team-password').fill('anas long password');
    await dialog.getByTestId('team-create').click();
    const row = dialog.locator('[data-testid=team-member][data-email="ana@demo.test"]');
    await row.waitFor();
    expect(await row.locator('select').inputValue()).toBe('agent');
    expect(await axeViolations(page)).toEqual([]);

    // Ana signs in; as an agent she has no Team button.
    const ana = await openConsole(browser, product.url, { email: 'ana@demo.test', password: 'anas long password' });
    expect(await ana.page.getByTestId('open-team').count()).toBe(0);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('open-team').click();
    await expect.poll(() => row.textContent()).toContain('Signed in');
    await screenshot(page, 'desk-team');

    page.once('dialog', (d) => void d.accept());
    await row.getByTestId('team-disable').click();
    await expect.poll(() => row.getAttribute('data-disabled')).toBe('true');
    // Her console is signed out at once: back to the sign-in form.
    await ana.page.locator('#login-email').waitFor();
    await ana.context.close();
    await admin.context.close();
  });
});
