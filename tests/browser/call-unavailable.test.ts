// A call with nobody online (issue 15): the panel says so before anything rings and offers a
// callback instead of "Call again"; a call that reaches the server anyway (the site's own button)
// is refused without ringing, offers a callback (no "Call again"), and the console lists the
// visitor as a missed call, not "Left a message". Real server, real Chromium with fake media.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PHONE, axeViolations, collectConsole, openConsole, startProductWithAgent, type Product } from './harness';

const SHOTS = process.env.BATON_SHOTS_DIR;
const MEDIA_FLAGS = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'];
const AGENT = { email: 'ines@demo.test', name: 'Inès Moreau', password: 'a long demo password' };
let browser: Browser;
let product: Product;

beforeAll(async () => {
  ({ browser, product } = await startProductWithAgent(AGENT, MEDIA_FLAGS));
});
afterAll(async () => {
  await browser?.close();
  await product?.close();
});

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

describe('calling with nobody online', () => {
  it('the home says nobody can take calls; "Call us" offers a callback at once, with no microphone prompt', async () => {
    for (const size of ['desktop', 'phone'] as const) {
      const context = await browser.newContext(size === 'phone' ? PHONE : { viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const problems = await collectConsole(page);
      let askedMicrophone = false;
      await page.exposeFunction('__micAsked', () => void (askedMicrophone = true));
      await page.addInitScript(() => {
        const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
        navigator.mediaDevices.getUserMedia = (c) => ((window as unknown as { __micAsked(): void }).__micAsked(), original(c));
      });
      await page.goto(`${product.url}/`);
      await page.locator('#baton-launcher').click();
      const way = page.locator('#baton-panel .way[data-nav=call]');
      await expect.poll(() => way.locator('.note').textContent()).toBe('Nobody can take calls right now: we’ll offer you a callback');
      await way.click();
      const offer = page.locator('#baton-panel [data-call-state=unavailable]');
      await offer.waitFor();
      expect(await offer.textContent()).toContain('Nobody can take calls right now, so we didn’t ring.');
      // The callback form has focus; no "Call again" anywhere (the phone line is offered too).
      await expect.poll(() => page.evaluate(() => document.getElementById('baton-root')?.shadowRoot?.activeElement?.id)).toBe('baton-cb');
      expect(await page.locator('#baton-panel', { hasText: 'Call again' }).count()).toBe(0);
      expect(askedMicrophone).toBe(false);
      expect(await axeViolations(page)).toEqual([]);
      await shot(page, `call-nobody-offer-${size}`);
      expect(problems.problems()).toEqual([]);
      await context.close();
    }
  });

  it('a call from the site’s own button is refused without ringing: a callback first, and the console says missed call', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${product.url}/category/backpacks`);
    await page.evaluate(() => {
      const b = document.createElement('button');
      b.id = 'site-call';
      b.textContent = 'Call us';
      b.onclick = () => (window as unknown as { Baton: (m: string) => void }).Baton('call');
      document.body.prepend(b);
    });
    await page.click('#site-call');
    const bar = page.locator('#baton-panel section.call[data-call-state=ended]');
    await bar.waitFor({ timeout: 20_000 });
    expect(await bar.textContent()).toContain('Nobody can take calls right now, so we didn’t ring.');
    expect(await bar.locator('[data-alt]').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-alt')))).toEqual(['callback', 'chat', 'phone']);
    await page.locator('#baton-panel li[data-sender=system]', { hasText: 'Missed call: no agent was online' }).waitFor();
    await shot(page, 'call-refused-desktop');
    await context.close();

    // Later, the agent signs in: the queue and the thread say "Missed call".
    const agent = await openConsole(browser, product.url, AGENT);
    const item = agent.page.locator('[data-testid=queue-item][data-status=offline]');
    await item.waitFor();
    expect(await item.locator('[data-testid=queue-offline]').textContent()).toBe('Missed call');
    expect(await item.textContent()).not.toContain('Left a message');
    await item.click();
    await expect.poll(() => agent.page.locator('[data-testid=thread-status]').textContent()).toBe('Missed call');
    expect(await axeViolations(agent.page)).toEqual([]);
    await shot(agent.page, 'console-missed-call');
    await agent.context.close();
  });
});
