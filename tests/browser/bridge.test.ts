// The web-view bridge (issue 16) in Chromium, with the channels native apps inject simulated in the
// page before Baton loads: iOS's webkit.messageHandlers.baton, Android's BatonBridge, React
// Native's ReactNativeWebView and Flutter InAppWebView's callHandler. The app hears `unread` and
// `message` when the agent writes while the panel is closed, and its commands open the panel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { PHONE, signInToConsole, startProductWithAgent, type Product } from './harness';

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

/** What each native shell injects, recording what Baton posts into window.__posted. */
const SHELLS = {
  ios: `window.webkit = { messageHandlers: { baton: { postMessage: (m) => window.__posted.push(m) } } };`,
  android: `window.BatonBridge = { postMessage: (m) => window.__posted.push(m) };`,
  'react-native': `window.ReactNativeWebView = { postMessage: (m) => window.__posted.push(m) };`,
  flutter: `window.flutter_inappwebview = { callHandler: (name, m) => { if (name === 'baton') window.__posted.push(m); return Promise.resolve(); } };`,
} as const;

async function inShell(shell: keyof typeof SHELLS): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(PHONE);
  await context.addInitScript(`window.__posted = []; ${SHELLS[shell]}`);
  const page = await context.newPage();
  await page.goto(`${product.url}/product/stormline-shell`);
  return { context, page };
}

type Posted = { source: string; event: string; data: unknown };
const posted = (page: Page): Promise<Posted[]> => page.evaluate(() => (window as unknown as { __posted: string[] }).__posted.map((m) => JSON.parse(m)));
const events = async (page: Page) => (await posted(page)).map((p) => p.event);

describe('web-view bridge', () => {
  it('the app hears unread and the message when the agent writes; its command opens the panel', async () => {
    const agentContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const agent = await agentContext.newPage();
    await signInToConsole(agent, product.url, AGENT);

    const { context, page } = await inShell('ios');
    await expect.poll(() => events(page)).toContain('ready');
    expect((await posted(page)).every((p) => p.source === 'baton')).toBe(true);

    // The app opens the panel (a native "Help" button), the visitor writes, and closes it.
    expect(await page.evaluate(() => (window as unknown as { BatonBridgeCommand(json: string): boolean }).BatonBridgeCommand('{"method":"open"}'))).toBe(true);
    await expect.poll(() => events(page)).toContain('open');
    // The panel opens on its home; the visitor goes on to the conversation.
    await page.locator('#baton-panel [data-go=chat]').first().click();
    await page.locator('#baton-input').waitFor();
    await page.locator('#baton-input').fill('Where is my order?');
    await page.keyboard.press('Enter');
    await page.locator('#baton-panel li[data-sender=visitor][data-status=sent]').waitFor();
    await page.evaluate(() => (window as unknown as { BatonBridgeCommand(json: string): boolean }).BatonBridgeCommand('{"method":"close"}'));
    await expect.poll(() => events(page)).toContain('close');

    // The agent answers while the panel is closed: the app gets the message and the unread count (a badge).
    const item = agent.locator('[data-testid=queue-item]', { hasText: 'Where is my order' });
    await item.waitFor();
    await item.locator('[data-testid=claim]').click();
    await agent.fill('[data-testid=composer]', 'It left our warehouse this morning.');
    await agent.keyboard.press('Enter');
    await expect.poll(async () => (await posted(page)).filter((p) => p.event === 'unread').map((p) => p.data)).toContain(1);
    const message = (await posted(page)).find((p) => p.event === 'message');
    expect(message?.data).toMatchObject({ text: 'It left our warehouse this morning.', agentName: 'Sam Rivera' });

    // A command that is not one: refused (false), reported on 'error', nothing happens.
    expect(await page.evaluate(() => (window as unknown as { BatonBridgeCommand(json: string): boolean }).BatonBridgeCommand('{"method":"boot","args":[{}]}'))).toBe(false);
    await expect.poll(async () => (await posted(page)).filter((p) => p.event === 'error').length).toBe(1);
    await Promise.all([context.close(), agentContext.close()]);
  });

  it('each shell gets the events through its own channel', async () => {
    for (const shell of ['android', 'react-native', 'flutter'] as const) {
      const { context, page } = await inShell(shell);
      await expect.poll(() => events(page)).toContain('ready');
      await page.evaluate(() => (window as unknown as { BatonBridgeCommand(json: string): boolean }).BatonBridgeCommand('{"method":"open","args":[]}'));
      await expect.poll(() => events(page)).toContain('open');
      await page.locator('#baton-panel').waitFor();
      await context.close();
    }
  });

  it('a page without a bridge loads no bridge code', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
    await page.goto(`${product.url}/product/stormline-shell`);
    await page.locator('#baton-launcher').waitFor();
    await page.evaluate(() => new Promise((r) => requestIdleCallback(() => r(null), { timeout: 2000 })));
    expect(scripts.filter((u) => /\/bridge-[^/]*\.js$/.test(u))).toEqual([]);
    expect(await page.evaluate(() => 'BatonBridgeCommand' in window)).toBe(false);
    await context.close();
  });
});
