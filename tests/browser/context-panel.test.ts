// The context for humans (issue 17): the visitor's "What the agent sees" and the agent's context
// panel draw the same fields, labels and values from one description (src/view/contextFields.ts),
// the site's field labels travel in the snapshot, browser and OS come from the server's reading
// of the User-Agent, and the topic stays in view after the claim. Chromium, the real demo server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import type { ContextSnapshot } from '../../src/protocol/context';
import { contextSections } from '../../src/view/contextFields';
import { axeViolations, collectConsole, openConsole, screenshot, startProductWithAgent, type Product } from './harness';

let browser: Browser;
let product: Product;
const AGENT = { email: 'kim@demo.test', name: 'Kim Park', password: 'correct horse battery staple' };

beforeAll(async () => {
  ({ browser, product } = await startProductWithAgent(AGENT));
});
afterAll(async () => {
  await browser?.close();
  await product?.close();
});

type Global = { Baton: (...a: unknown[]) => unknown };
const snapshotOf = (page: Page) => page.evaluate(() => (window as unknown as Global).Baton('getContext') as Promise<ContextSnapshot>);

/** Every row a side shows: data-field -> [label, value]. */
async function rowsOf(rows: Locator, value: string): Promise<Record<string, [string, string]>> {
  const out: Record<string, [string, string]> = {};
  for (const row of await rows.all()) {
    const key = (await row.getAttribute('data-field'))!;
    out[key] = [(await row.locator('dt').textContent())!.trim(), (await row.locator(value).textContent())!.trim()];
  }
  return out;
}

describe('the context, as people read it', () => {
  it('the widget and the console show the same fields, labels and values for the same snapshot', async () => {
    const agent = await openConsole(browser, product.url, AGENT);
    const agentProblems = await collectConsole(agent.page);
    const visitorContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const visitor = await visitorContext.newPage();
    const visitorProblems = await collectConsole(visitor);
    await visitor.goto(`${product.url}/signin?return=/product/stormline-shell`);
    await visitor.click('#signin-submit');
    await visitor.waitForURL(/stormline-shell/);
    // The menu's topic first (the demo's visual IVR), then a message.
    await visitor.locator('#baton-launcher').click();
    await visitor.locator('#baton-start').click();
    const menu = visitor.locator('[data-testid=routing-menu]');
    for (const label of ['Billing', 'Invoices']) await menu.getByRole('button', { name: label, exact: true }).click();
    await visitor.locator('[data-testid=routing-chosen]').waitFor();
    await visitor.locator('#baton-input').fill('Where is my invoice for the Stormline?');
    await visitor.keyboard.press('Enter');
    await visitor.locator('#baton-panel li[data-sender=visitor][data-status=sent]').waitFor();

    const item = agent.page.locator('[data-testid=queue-item]', { hasText: 'Ada Lovelace' });
    await item.locator('[data-testid=claim]').click();
    const panel = agent.page.locator('[data-testid=context-panel]');
    // The server read the browser from the User-Agent (Chromium says Chrome), and the topic stays after the claim.
    await expect.poll(() => panel.locator('[data-field=browser] [data-testid=ctx-value]').textContent()).toMatch(/^Chrome \d+$/);
    await expect.poll(() => panel.locator('[data-field=topic] [data-testid=ctx-value]').textContent()).toBe('Billing › Invoices');
    expect(await panel.locator('[data-field=os] [data-testid=ctx-value]').textContent()).toBe('Linux');
    // The site's label for its field, not the raw key.
    await expect.poll(() => panel.locator('[data-field="custom.lastViewedProduct"] dt').textContent()).toBe('Last viewed product');

    // The visitor's own view of the same snapshot.
    await visitor.locator('#baton-panel .h button[aria-label="Back"]').click();
    await visitor.locator('#baton-show').click();
    await visitor.locator('#baton-panel .kv[data-field=title]').waitFor();
    const snap = await snapshotOf(visitor);
    const described = contextSections(snap, { now: Date.now(), elapsed: 0 }).flatMap((s) => s.rows);
    expect(described.length).toBeGreaterThan(15);

    const inWidget = await rowsOf(visitor.locator('#baton-panel .kv[data-field]'), 'dd [data-value]');
    await expect.poll(async () => Object.keys(await rowsOf(panel.locator('[data-testid=ctx-row]'), '[data-testid=ctx-value]')).sort()).toEqual(Object.keys(inWidget).sort());
    const inConsole = await rowsOf(panel.locator('[data-testid=ctx-row]'), '[data-testid=ctx-value]');
    // One test over the shared description: every field it describes for this snapshot is in both
    // views, under the same label, with the same value (running clocks and the server's reading aside).
    for (const row of described) {
      expect(inWidget[row.key]?.[0], `widget label of ${row.key}`).toBe(row.label);
      expect(inConsole[row.key]?.[0], `console label of ${row.key}`).toBe(row.label);
      if (row.live) continue;
      if (row.server) {
        expect(inWidget[row.key]![1]).toBe('Read by our server from your browser');
        continue;
      }
      expect(inWidget[row.key]![1], `widget value of ${row.key}`).toBe(row.value);
      expect(inConsole[row.key]![1], `console value of ${row.key}`).toBe(row.value);
    }
    // Fields the widget used to leave out: screen, touch, local time.
    for (const key of ['screen', 'touch', 'localTime', 'custom.lastViewedProduct', 'topic']) expect(inWidget[key], key).toBeTruthy();
    // URLs fold at their joints: the address carries break opportunities, and its whole value on hover.
    expect(await visitor.locator('#baton-panel .kv[data-field=address] wbr').count()).toBeGreaterThan(0);
    expect(await panel.locator('[data-field=address] dd').getAttribute('title')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/product\/stormline-shell$/);

    // The widget is fixed in the viewport: a viewport-sized picture, not a full-page one.
    await visitor.screenshot({ path: await screenshot(visitor, 'context-widget-desktop') });
    await screenshot(agent.page, 'context-console-desktop');
    await visitor.setViewportSize({ width: 390, height: 844 });
    await visitor.screenshot({ path: await screenshot(visitor, 'context-widget-phone') });
    expect(await axeViolations(visitor)).toEqual([]);
    expect(await axeViolations(agent.page)).toEqual([]);
    expect(visitorProblems.problems()).toEqual([]);
    expect(agentProblems.problems()).toEqual([]);
    await visitorContext.close();
    await agent.context.close();
  });
});
