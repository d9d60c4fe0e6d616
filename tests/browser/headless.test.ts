// The headless door is a real door: the README's custom-UI example (the code block under "Your own
// UI"), bundled with esbuild as a site would bundle `baton-sdk/headless` (from the built npm entry),
// served by a page of the site under a strict CSP, chats with an agent on the real embedded server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { collectConsole, screenshot, signInToConsole, startProductWithAgent, type Product, type SiteHandler } from './harness';

const ROOT = join(import.meta.dirname, '..', '..');
const AGENT = { email: 'hana@demo.test', name: 'Hana Headless', password: 'correct horse battery staple' };

/** The README's custom-UI example: the first js block after the "Your own UI" heading. */
function readmeExample(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Your own UI'));
  const code = section.match(/```js\n([\s\S]*?)```/)?.[1];
  if (!code || !code.includes("from 'baton-sdk/headless'")) throw new Error('README: no custom-UI example under "Your own UI"');
  return code;
}

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>My own support chat</title>
<script type="module" src="/custom-ui/main.js"></script></head>
<body><h1>Support</h1><p id="status"></p><ul id="messages"></ul>
<form id="composer"><input aria-label="Message" autocomplete="off"><button>Send</button></form></body></html>`;

let dir = '';
let browser: Browser;
let product: Product;
let bundled: { errors: number; warnings: number; files: string[] };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'baton-custom-ui-'));
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'src', 'main.js'), readmeExample());
  if (!existsSync(join(ROOT, 'dist/npm/headless.js'))) throw new Error('run `npm run build` first');
  const result = await build({
    absWorkingDir: dir,
    entryPoints: ['src/main.js'],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    outdir: 'out',
    // The site's `npm install baton-sdk`, as built: the package's npm entry and its dependencies.
    alias: { 'baton-sdk/headless': join(ROOT, 'dist/npm/headless.js') },
    nodePaths: [join(ROOT, 'node_modules')],
    logLevel: 'silent',
    metafile: true,
  });
  bundled = { errors: result.errors.length, warnings: result.warnings.length, files: Object.keys(result.metafile!.outputs) };
  const site: SiteHandler = (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (!path.startsWith('/custom-ui/')) return false;
    const file = path === '/custom-ui/' ? null : join(dir, 'out', path.slice('/custom-ui/'.length));
    if (file && (!file.startsWith(join(dir, 'out')) || !existsSync(file))) return false;
    // A site's strict CSP: its own scripts and connections only, no inline anything.
    res.writeHead(200, {
      'content-type': file ? 'text/javascript' : 'text/html; charset=utf-8',
      'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:",
    });
    res.end(file ? readFileSync(file) : PAGE);
    return true;
  };
  ({ browser, product } = await startProductWithAgent(AGENT, [], site));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await product?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('baton-sdk/headless with a custom UI', () => {
  it("the README's example builds, and through it a visitor's message reaches the agent and the agent's reply shows", async () => {
    expect(bundled).toMatchObject({ errors: 0, warnings: 0 });

    const agentContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const agent = await agentContext.newPage();
    await signInToConsole(agent, product.url, AGENT);

    const visitorContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const visitor = await visitorContext.newPage();
    const problems = await collectConsole(visitor);
    const sockets: string[] = [];
    visitor.on('websocket', (ws) => sockets.push(ws.url()));
    await visitor.goto(`${product.url}/custom-ui/`);
    // Rendered from the chat's state; nothing connects before the visitor's intent.
    await expect.poll(() => visitor.locator('#status').textContent()).toBe('connecting');
    expect(sockets).toEqual([]);

    const input = visitor.getByRole('textbox', { name: 'Message' });
    await input.focus();
    await input.fill('Hello from my own UI');
    await input.press('Enter');
    await visitor.locator('#messages li[data-sender=visitor]', { hasText: 'Hello from my own UI' }).waitFor();
    // Sent, not just shown: "(sending…)" goes once the server stored it.
    await expect.poll(() => visitor.locator('#messages li[data-sender=visitor]').textContent()).toBe('You: Hello from my own UI');
    expect(sockets).toHaveLength(1);

    // The agent gets it, claims the conversation and answers.
    const item = agent.locator('[data-testid=queue-item]').first();
    await item.waitFor();
    await item.locator('[data-testid=claim]').click();
    await expect.poll(() => agent.locator('[data-testid=message][data-sender=visitor]').allTextContents()).toEqual([expect.stringContaining('Hello from my own UI')]);
    await agent.fill('[data-testid=composer]', 'Hi! Hana here, how can I help?');
    await agent.keyboard.press('Enter');

    // The visitor's own UI shows the reply, who wrote it, and who they are chatting with.
    await visitor.locator('#messages li[data-sender=agent]', { hasText: 'how can I help' }).waitFor();
    expect(await visitor.locator('#messages li[data-sender=agent]').textContent()).toBe('Hana Headless: Hi! Hana here, how can I help?');
    await expect.poll(() => visitor.locator('#status').textContent()).toBe('Chatting with Hana Headless');
    // The example's 'message' listener heard it too.
    await expect.poll(() => visitor.title()).toBe('Hana Headless: Hi! Hana here, how can I help?');
    await screenshot(visitor, 'headless-custom-ui');
    expect(problems.problems()).toEqual([]);
    await Promise.all([agentContext.close(), visitorContext.close()]);
  });
});
