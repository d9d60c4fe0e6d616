// "Continue on your phone" end to end (issue 16) on the embedded server: the QR code in a desktop
// screenshot decodes (jsQR) to a link that, opened in a phone-emulated context, shows the same
// conversation's messages; the agent sees the switch; the desktop says where the conversation
// continues, lastingly (back in the conversation, after a reload) until "Continue here"; the same
// link opened again is refused and says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PHONE, axeViolations, collectConsole, decodeQr as decodeQrIn, openConversation, screenshot, signInToConsole, startProductWithAgent, type Product } from './harness';

let browser: Browser;
let product: Product;
const AGENT = { email: 'sam@demo.test', name: 'Sam Rivera', password: 'correct horse battery staple' };
const MAC_CHROME = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

beforeAll(async () => {
  ({ browser, product } = await startProductWithAgent(AGENT));
});
afterAll(async () => {
  await browser?.close();
  await product?.close();
});

const decodeQr = (png: Buffer) => decodeQrIn(browser, png);

const messagesOf = (page: Page) => page.locator('#baton-panel li[data-sender] .bub').allTextContents();

describe('continue on your phone', () => {
  it('the QR code opens the same conversation on the phone once; the agent and the desktop see the switch', async () => {
    const agentContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const agent = await agentContext.newPage();
    await signInToConsole(agent, product.url, AGENT);
    const agentProblems = await collectConsole(agent);

    const desktopContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, userAgent: MAC_CHROME });
    const desktop = await desktopContext.newPage();
    const desktopProblems = await collectConsole(desktop);
    await desktop.goto(`${product.url}/product/stormline-shell`);
    await openConversation(desktop);
    await desktop.locator('#baton-input').fill('I would rather send the photo from my phone');
    await desktop.keyboard.press('Enter');
    await desktop.locator('#baton-panel li[data-sender=visitor][data-status=sent]').waitFor();
    const item = agent.locator('[data-testid=queue-item]', { hasText: 'photo from my phone' });
    await item.waitFor();
    await item.locator('[data-testid=claim]').click();
    await agent.locator('[data-testid=composer]').waitFor();
    await agent.fill('[data-testid=composer]', 'Sure, scan the code and send it from there');
    await agent.keyboard.press('Enter');
    await desktop.locator('#baton-panel li[data-sender=agent]', { hasText: 'scan the code' }).waitFor();

    // "Continue on your phone": a QR code, which the desktop's screenshot carries.
    // The ways to reach us are on the panel's home.
    await desktop.locator('#baton-panel [data-testid=back]').click();
    await desktop.locator('#baton-handoff').click();
    await desktop.locator('[data-testid=handoff-qr]').waitFor();
    const shot = await desktop.screenshot({ path: await screenshot(desktop, 'handoff-desktop-qr') });
    const link = await decodeQr(shot);
    expect(link).toMatch(new RegExp(`^${product.url}/product/stormline-shell#baton-handoff=h_[\\w-]{16}\\.[\\w-]{43}$`));
    expect(await desktop.locator('[data-testid=handoff-link]').textContent()).toBe(link);
    expect(await axeViolations(desktop)).toEqual([]);

    // The phone opens it: the same conversation, with everything said so far; the token leaves the address bar.
    const phoneContext = await browser.newContext(PHONE);
    const phone = await phoneContext.newPage();
    const phoneProblems = await collectConsole(phone);
    await phone.goto(link!);
    await phone.locator('[data-testid=handoff-arrival]').waitFor();
    expect(await phone.locator('[data-testid=handoff-arrival]').textContent()).toBe('Picked up from \u2068Mac Chrome\u2069: everything said so far is here.');
    await phone.locator('#baton-panel li[data-sender=agent]', { hasText: 'scan the code' }).waitFor();
    expect(await messagesOf(phone)).toEqual(
      expect.arrayContaining([expect.stringContaining('I would rather send the photo from my phone'), expect.stringContaining('Sure, scan the code and send it from there')]),
    );
    expect(new URL(phone.url()).hash).toBe('');

    // The agent sees the switch in the thread; the desktop's QR view says where the conversation went.
    await agent.locator('[data-testid=message][data-sender=system]', { hasText: 'Continued on iPhone Safari (from Mac Chrome)' }).waitFor();
    await desktop.locator('[data-testid=handoff-moved]').waitFor();
    expect(await desktop.locator('[data-testid=handoff-moved]').textContent()).toBe('This conversation continues on \u2068iPhone Safari\u2069.');
    await screenshot(desktop, 'handoff-desktop-moved');
    await screenshot(phone, 'handoff-phone-arrived');
    await screenshot(agent, 'handoff-agent-switch');

    // It lasts: back in the conversation, and after a reload, the desktop says where the
    // conversation continues in place of its message box.
    const movedHere = desktop.locator('[data-testid=handoff-moved-here]');
    await desktop.locator('#baton-panel [data-testid=back]').click();
    await desktop.locator('#baton-panel [data-go=chat]').first().click();
    await movedHere.waitFor();
    await desktop.reload();
    await desktop.locator('#baton-launcher').click();
    const go = desktop.locator('#baton-panel [data-go=chat]').first();
    await movedHere.or(go).waitFor();
    if (!(await movedHere.isVisible())) await go.click();
    await movedHere.waitFor();
    expect(await movedHere.locator('p').textContent()).toBe('This conversation continues on \u2068iPhone Safari\u2069.');
    expect(await desktop.locator('#baton-input').count()).toBe(0);
    expect(await axeViolations(desktop)).toEqual([]);
    await desktop.screenshot({ path: await screenshot(desktop, 'handoff-desktop-moved-reload') });
    await desktop.setViewportSize({ width: 390, height: 844 });
    await desktop.screenshot({ path: await screenshot(desktop, 'handoff-desktop-moved-reload-390') });
    await desktop.setViewportSize({ width: 1280, height: 800 });

    // The phone writes; the agent gets it in the same conversation, and the desktop shows it too.
    await phone.locator('#baton-input').fill('Sent from my phone');
    await phone.keyboard.press('Enter');
    await agent.locator('[data-testid=message][data-sender=visitor]', { hasText: 'Sent from my phone' }).waitFor();
    await desktop.locator('#baton-panel li[data-sender=visitor]', { hasText: 'Sent from my phone' }).waitFor();
    // "Continue here": the desktop's message box is back, and stays after another reload.
    await movedHere.locator('button', { hasText: 'Continue here' }).click();
    await desktop.locator('#baton-input').waitFor();
    expect(await movedHere.count()).toBe(0);
    await desktop.reload();
    await openConversation(desktop);
    await desktop.locator('#baton-panel li[data-sender=visitor]', { hasText: 'Sent from my phone' }).waitFor();
    expect(await movedHere.count()).toBe(0);

    // The same link again (another phone): refused, and it says so.
    const secondContext = await browser.newContext(PHONE);
    const second = await secondContext.newPage();
    await second.goto(link!);
    await second.locator('[data-testid=handoff-arrival]').waitFor();
    expect(await second.locator('[data-testid=handoff-arrival]').textContent()).toMatch(/already used/);
    expect(await second.locator('#baton-panel li[data-sender=agent]').count()).toBe(0);
    await screenshot(second, 'handoff-phone-used');
    expect(await axeViolations(second)).toEqual([]);

    expect(desktopProblems.problems()).toEqual([]);
    expect(phoneProblems.problems()).toEqual([]);
    expect(agentProblems.problems()).toEqual([]);
    await Promise.all([agentContext.close(), desktopContext.close(), phoneContext.close(), secondContext.close()]);
  });
});
