// The script tag where customers paste it: a site on another origin (another loopback port) than
// Baton's server, with no CSP and with a strict one (nonce + 'strict-dynamic', style-src 'self',
// Trusted Types required, only the policy `baton` allowed). For the inline snippet, the loader file
// and the pinned bundle (integrity + crossorigin): the launcher shows, the panel opens, a message
// reaches the agent's console, and nothing is blocked or logged as an error.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain JS module of the demo store
import { LOADER } from '../../demo/snippet.mjs';
import { collectConsole, openConversation, screenshot, signInToConsole, startProductWithAgent, type Product } from './harness';
import { hostPage, startHostSite, strictCsp, type HostPage, type HostSite } from './hostSite';

const AGENT = { email: 'sam@demo.test', name: 'Sam Rivera', password: 'correct horse battery staple' };
const BOOT = `Baton('boot', { launcher: { label: 'Chat with us', color: '#0b5fff' } });`;
const integrity = () =>
  JSON.parse(readFileSync(fileURLToPath(new URL('../../dist/integrity.json', import.meta.url)), 'utf8')) as { pinned: string; files: Record<string, string> };

let browser: Browser;
let product: Product;
let site: HostSite;
let agent: Page;

/** Baton's files on Baton's server, as a site would write them. */
const baton = (file: string) => `${product.url}/baton/${file}`;
const inline = (nonce: string) => `<script nonce="${nonce}">${(LOADER as string).replace('"/baton/baton.js"', JSON.stringify(baton('baton.js')))}\n${BOOT}</script>`;
const file = (nonce: string) => `<script nonce="${nonce}" src="${baton('baton-loader.js')}"></script><script nonce="${nonce}">${BOOT}</script>`;
const pinned = (nonce: string, hash = integrity().files[integrity().pinned]) =>
  `<script nonce="${nonce}">window.Baton||(Baton=function(){var a=arguments;(Baton.q=Baton.q||[]).push(a);return function(){Baton("off",a[1],a[2])}});${BOOT}</script>` +
  `<script nonce="${nonce}" type="module" src="${baton(integrity().pinned)}" integrity="${hash}" crossorigin="anonymous"></script>`;

/** The site serves Baton's files from its own origin (its CDN); the chat runs on Baton's server. */
const selfHosted = (nonce: string) =>
  `<script nonce="${nonce}">${LOADER as string}\nBaton('boot', { server: ${JSON.stringify(product.url)}, launcher: { label: 'Chat with us' } });</script>`;

const PAGES: Record<string, HostPage> = {
  '/self-hosted-strict': { html: (n) => hostPage('Baton files on the site, chat on Baton', selfHosted(n)), csp: strictCsp },
  '/inline': { html: (n) => hostPage('Inline snippet', inline(n)) },
  '/inline-strict': { html: (n) => hostPage('Inline snippet, strict CSP', inline(n)), csp: strictCsp },
  '/file': { html: (n) => hostPage('Loader file', file(n)) },
  '/file-strict': { html: (n) => hostPage('Loader file, strict CSP', file(n)), csp: strictCsp },
  '/pinned-strict': { html: (n) => hostPage('Pinned bundle, strict CSP', pinned(n)), csp: strictCsp },
  '/pinned-tampered': {
    // The hash of another file: the browser must refuse to run the bundle.
    html: (n) =>
      hostPage(
        'Pinned bundle, wrong hash',
        `<script nonce="${n}">addEventListener('error', (e) => { if (e.target && e.target.tagName === 'SCRIPT') window.__scriptFailed = e.target.src; }, true);</script>` +
          pinned(n, integrity().files['baton-loader.js']),
      ),
  },
};

beforeAll(async () => {
  site = await startHostSite(PAGES, fileURLToPath(new URL('../../dist', import.meta.url)));
  ({ browser, product } = await startProductWithAgent(AGENT, [], undefined, [site.origin]));
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  agent = await context.newPage();
  await signInToConsole(agent, product.url, AGENT);
});
afterAll(async () => {
  await browser?.close();
  await product?.close();
  await site?.close();
});

/** Opens `path` on the customer's site as a new visitor, opens the chat, sends `text`; returns the page. */
async function chatFrom(path: string, text: string): Promise<{ page: Page; problems: () => string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const collected = await collectConsole(page);
  await page.goto(`${site.origin}${path}`);
  expect(new URL(page.url()).origin).not.toBe(product.url);
  const launcher = page.locator('#baton-launcher');
  await launcher.waitFor();
  expect(await launcher.getAttribute('aria-label')).toBe('Chat with us');
  await openConversation(page);
  await page.locator('#baton-input').fill(text);
  await page.keyboard.press('Enter');
  await page.locator('#baton-panel li[data-sender=visitor][data-status=sent]', { hasText: text }).waitFor();
  // The agent's console, on Baton's origin, has the conversation, from the customer's page.
  const item = agent.locator('[data-testid=queue-item]', { hasText: text });
  await item.waitFor();
  // Everything Baton loaded came from where the page said (Baton's server, or the site's own copy).
  const filesFrom = path.startsWith('/self-hosted') ? site.origin : product.url;
  const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.includes('/baton/')));
  expect(loaded.length).toBeGreaterThan(1);
  for (const url of loaded) expect(url.startsWith(`${filesFrom}/baton/`), url).toBe(true);
  return { page, problems: () => collected.problems() };
}

describe('the script tag on another origin', () => {
  it('inline snippet, no CSP: launcher, panel, message to the agent', async () => {
    const { page, problems } = await chatFrom('/inline', 'Hello from another origin');
    expect(problems()).toEqual([]);
    await page.context().close();
  });

  it('inline snippet under a strict CSP with Trusted Types: the same, the agent answers, no violation', async () => {
    const { page, problems } = await chatFrom('/inline-strict', 'Hello under a strict CSP');
    // The agent's answer renders in the visitor's panel.
    const item = agent.locator('[data-testid=queue-item]', { hasText: 'Hello under a strict CSP' });
    await item.locator('[data-testid=claim]').click();
    await agent.fill('[data-testid=composer]', 'Hi, Sam here. How can I help?');
    await agent.keyboard.press('Enter');
    await page.locator('#baton-panel li[data-sender=agent]', { hasText: 'Sam here' }).waitFor();
    await screenshot(page, 'cross-origin-strict-csp');
    expect(problems()).toEqual([]);
    // Trusted Types were enforced all along: assigning a plain string to a script URL throws, and the
    // collector sees that violation (so it would have seen Baton's).
    const enforced = await page.evaluate(() => {
      try {
        document.createElement('script').src = '/x.js';
        return false;
      } catch {
        return true;
      }
    });
    expect(enforced).toBe(true);
    await expect.poll(() => problems()).toEqual([
      "console.error: This document requires 'TrustedScriptURL' assignment. The action has been blocked.",
      expect.stringMatching(/^CSP violation: require-trusted-types-for blocked trusted-types-sink/),
    ]);
    await page.context().close();
  });

  it('the policy `baton` stays Baton\'s: the page cannot create another one by that name', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${site.origin}/inline-strict`);
    await page.locator('#baton-launcher').waitFor();
    // The page cannot get at Baton's policy (never exposed), nor create a second one named baton.
    const second = await page.evaluate(() => {
      try {
        (window as unknown as { trustedTypes: { createPolicy(n: string, r: object): unknown } }).trustedTypes.createPolicy('baton', {});
        return 'created';
      } catch (e) {
        return (e as Error).name;
      }
    });
    expect(second).toBe('TypeError');
    await context.close();
  });

  it('loader file, no CSP and strict CSP', async () => {
    for (const path of ['/file', '/file-strict']) {
      const { page, problems } = await chatFrom(path, `Hello from ${path}`);
      expect(problems(), path).toEqual([]);
      await page.context().close();
    }
  });

  it('pinned bundle with integrity and crossorigin, strict CSP', async () => {
    const { page, problems } = await chatFrom('/pinned-strict', 'Hello from a pinned build');
    expect(problems()).toEqual([]);
    await page.context().close();
  });

  it("Baton's files copied to the site's own origin, the chat on Baton's server (the `server` option), strict CSP", async () => {
    const { page, problems } = await chatFrom('/self-hosted-strict', 'Hello from a self-hosted copy');
    expect(problems()).toEqual([]);
    await page.context().close();
  });

  it('pinned bundle with the wrong hash: the browser refuses it, nothing of Baton runs', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const collected = await collectConsole(page);
    await page.goto(`${site.origin}/pinned-tampered`);
    await page.waitForFunction(() => (window as unknown as { __scriptFailed?: string }).__scriptFailed);
    expect(await page.evaluate(() => (window as unknown as { __scriptFailed?: string }).__scriptFailed)).toBe(baton(integrity().pinned));
    expect(await page.locator('#baton-root').count()).toBe(0);
    expect(collected.consoleErrors.join('\n')).toMatch(/integrity/i);
    await context.close();
  });
});
