// Proactive help end to end (issue 14), on the demo store as `npm start` runs it: rage-clicking the
// sold-out size shows the store's proactive message next to the launcher; accepting it opens the
// chat, and the agent sees the trigger in the visitor's context. A page without rules loads none of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, collectConsole, openConsole, screenshot, startProductWithAgent, type Product } from './harness';

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

/** What the visitor sees (the viewport): test-results/<name>.png. */
async function view(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: await screenshot(page, name) });
}

/** Three clicks within a second on the sold-out size: a rage click, once Baton recorded it. */
async function rageClickSoldOut(page: Page): Promise<void> {
  await page.locator('#baton-launcher').waitFor();
  await page.locator('#size-sold-out').click({ clickCount: 3 });
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { Baton: (m: string) => Promise<{ signals: { type: string; detail: string }[] }> }).Baton('getContext').then((c) => c.signals.map((s) => `${s.type} ${s.detail}`))))
    .toContain('rage_click button#size-sold-out');
}

describe('proactive help', () => {
  it('a rage click on the sold-out size shows the message; accepting opens a chat whose context the agent sees', async () => {
    const agent = await openConsole(browser, product.url, AGENT);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const visitor = await context.newPage();
    const problems = await collectConsole(visitor);
    await visitor.goto(`${product.url}/product/stormline-shell`);
    await rageClickSoldOut(visitor);

    // The message, next to the launcher (never before the page's first 5 s), dismissible, not a dialog.
    const nudge = visitor.locator('#baton-proactive');
    await nudge.waitFor({ timeout: 15_000 });
    expect(await nudge.textContent()).toContain('That size is sold out');
    expect(await visitor.locator('#baton-panel').isHidden()).toBe(true);
    const [box, launcher] = await Promise.all([nudge.boundingBox(), visitor.locator('#baton-launcher').boundingBox()]);
    expect(box!.y + box!.height).toBeLessThanOrEqual(launcher!.y);
    expect(box!.x + box!.width).toBeCloseTo(launcher!.x + launcher!.width, 0);
    expect(await nudge.locator('button[aria-label=Dismiss]').count()).toBe(1);
    expect(await axeViolations(visitor)).toEqual([]);
    await view(visitor, 'proactive-desktop');
    // No motion for visitors who asked for less.
    expect(await nudge.evaluate((e) => getComputedStyle(e).animationName)).toBe('pi');
    await visitor.emulateMedia({ reducedMotion: 'reduce' });
    expect(await nudge.evaluate((e) => getComputedStyle(e).animationName)).toBe('none');
    await visitor.setViewportSize({ width: 390, height: 844 });
    await view(visitor, 'proactive-phone');
    await visitor.setViewportSize({ width: 1280, height: 800 });

    // Accepting: the conversation opens, its message box focused, the message recalled above it.
    await nudge.locator('.pa').click();
    await nudge.waitFor({ state: 'detached' });
    await expect.poll(() => visitor.evaluate(() => document.querySelector('#baton-root')?.shadowRoot?.activeElement?.id)).toBe('baton-input');
    expect(await visitor.locator('#baton-panel').textContent()).toContain('That size is sold out');
    await visitor.locator('#baton-input').fill('Will the M come back in stock?');
    await visitor.keyboard.press('Enter');
    await visitor.locator('#baton-panel li[data-sender=visitor][data-status=sent]').waitFor();

    // The agent sees "Proactive: ..." and the signal in the context.
    await agent.page.locator('[data-testid=queue-item] .qopen').first().click();
    const trigger = agent.page.locator('[data-testid=ctx-trigger]');
    await trigger.waitFor();
    expect(await trigger.textContent()).toMatch(/^Proactive: That size is sold out.*rage_click: button#size-sold-out$/);
    await view(agent.page, 'proactive-console');

    // The visitor moves on (another page, then a reload): the agent sees their new page, and still
    // which offer started the conversation.
    const path = agent.page.locator('[data-testid=ctx-row][data-field=address] [data-testid=ctx-value]');
    await visitor.goto(`${product.url}/cart`);
    await expect.poll(() => path.textContent()).toBe('/cart');
    expect(await trigger.textContent()).toMatch(/^Proactive: That size is sold out.*rage_click: button#size-sold-out$/);
    await visitor.goto(`${product.url}/category/trail-shoes`);
    await visitor.reload();
    await expect.poll(() => path.textContent()).toBe('/category/trail-shoes');
    expect(await agent.page.locator('[data-testid=journey-entry]').count()).toBeGreaterThanOrEqual(3);
    expect(await trigger.textContent()).toMatch(/^Proactive: That size is sold out.*rage_click: button#size-sold-out$/);

    expect(problems.problems()).toEqual([]);
    await context.close();
    await agent.context.close();
  });

  it('a page without rules loads nothing of it and shows nothing', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const visitor = await context.newPage();
    const requests: string[] = [];
    visitor.on('request', (r) => requests.push(r.url()));
    await visitor.goto(`${product.url}/product/stormline-shell?noproactive=1`);
    // The launcher mounted (where the chunk would have been imported) and the rage click was recorded.
    await rageClickSoldOut(visitor);
    expect(requests.filter((u) => /chunks\/proactive/.test(u))).toEqual([]);
    expect(await visitor.locator('#baton-proactive').count()).toBe(0);
    await context.close();
  });
});
