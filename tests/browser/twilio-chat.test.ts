// Chat on Twilio in a real Chromium: the demo store booted with `transport: 'twilio'`, the server
// half (createTwilioChatHandler) in front of it with the real `twilio` package talking to the fake
// Twilio cloud's REST API. The page loads nothing of Twilio; opening the panel neither; the
// visitor's intent (focus on the composer) shows "connecting", asks the server half for a session
// and only then imports the @twilio/conversations chunk (the real SDK, which cannot reach Twilio
// from this offline machine, so the panel stays "connecting"), in a worker where the page's CSP
// allows one, else on the page's thread.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { FakeTwilioCloud } from '../fakes/twilioConversations';
import { createTwilioChatHandler, type TwilioChatConfig } from '../../src/server/index';
import { BEFORE_INTERACTION, collectConsole, launchChromium, screenshot, unhashed } from './harness';

const HEX32 = '0123456789abcdef0123456789abcdef';
const config: TwilioChatConfig = { accountSid: `AC${HEX32}`, apiKey: `SK${HEX32}`, apiSecret: 'apisecretapisecretapisecret12345', conversationsServiceSid: `IS${HEX32}` };

let browser: Browser;
let server: http.Server;
let url: string;
let cloud: FakeTwilioCloud;

beforeAll(async () => {
  const href = new URL('../../demo/server.mjs', import.meta.url).href;
  const demo = (await import(/* @vite-ignore */ href)) as { createDemoHandler(o: object): (req: http.IncomingMessage, res: http.ServerResponse) => boolean };
  const identitySecret = randomBytes(32).toString('base64url');
  cloud = new FakeTwilioCloud({ accountSid: config.accountSid, apiKey: config.apiKey, apiSecret: config.apiSecret, serviceSid: config.conversationsServiceSid });
  const client = twilio(config.apiKey, config.apiSecret, { accountSid: config.accountSid, httpClient: cloud.httpClient as unknown as twilio.RequestClient });
  const twilioRoutes = createTwilioChatHandler({ config, client, identitySecret });
  const store = demo.createDemoHandler({ identitySecret, boot: { transport: 'twilio' } });
  server = http.createServer((req, res) => void (twilioRoutes(req, res) || store(req, res)));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await new Promise<void>((r) => server.close(() => r()));
});

describe('chat on Twilio in the browser', () => {
  it('loads the Twilio SDK chunk only after the visitor shows intent, showing "connecting" first', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const problems = await collectConsole(page);
    const log: string[] = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      // The demo's proactive rules load their own chunk at idle on product pages: not the chat's.
      if ((u.pathname.startsWith('/baton/') && !u.pathname.startsWith('/baton/chunks/proactive-')) || u.pathname.startsWith('/twilio/')) log.push(`${r.method()} ${u.pathname}`);
    });
    // The SDK's own connection (twilsock's WebSocket to Twilio, which cannot resolve here): proof that
    // the chunk evaluated and built a Client, with the script tag's build leaving out core-js (issue 22).
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));
    await page.goto(`${url}/product/stormline-shell`);
    await page.locator('#baton-launcher').waitFor();
    await page.waitForLoadState('networkidle');
    expect(log.map(unhashed)).toEqual(BEFORE_INTERACTION.map((p) => `GET ${p}`));

    await page.locator('#baton-launcher').click();
    const start = page.locator('#baton-start');
    await start.waitFor();
    await page.waitForLoadState('networkidle');
    const sdk = (l: string) => /\/baton\/chunks\/twilio-conversations-/.test(l);
    expect(log.some(sdk)).toBe(false);
    expect(log).not.toContain('POST /twilio/chat/session');

    // "Send us a message" is the intent: the conversation, its composer, and the connection.
    const beforeIntent = log.length;
    await start.click();
    await page.locator('#baton-input').waitFor();
    const note = page.locator('#baton-panel', { hasText: 'Connecting to the chat…' });
    await note.waitFor();
    await expect.poll(() => log.slice(beforeIntent).some(sdk)).toBe(true);
    await expect.poll(() => log.slice(beforeIntent).includes('POST /twilio/chat/session')).toBe(true);
    // The server half made the visitor's conversation with the page they are on (the browser's
    // request is logged when it starts; the server's REST call to the cloud comes after it).
    const made = () => cloud.requests.find((r) => r.method === 'POST' && r.data?.UniqueName);
    await expect.poll(() => !!made()).toBe(true);
    const conversation = made();
    expect(JSON.parse(String(conversation!.data!.Attributes)).baton.page.path).toBe('/product/stormline-shell');
    await expect.poll(() => sockets.some((u) => /^wss:\/\/[\w.-]+\.twilio\.com\//.test(u)), { timeout: 15_000 }).toBe(true);
    expect(await note.isVisible()).toBe(true);
    // Where it ran (issue 22): the SDK's chunk was loaded by its worker (the demo's CSP allows
    // `worker-src blob:`), never by the page, whose main thread so never evaluated it.
    expect(page.workers()).toHaveLength(1);
    const loadedBy = async (where: { evaluate<T>(f: () => T): Promise<T> }) => (await where.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name))).filter((n) => sdk(n));
    expect(await loadedBy(page.workers()[0]!)).toHaveLength(1);
    expect(await loadedBy(page)).toEqual([]);
    await screenshot(page, 'twilio-chat-connecting');
    expect(problems.cspViolations).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  });

  it("runs the SDK on the page's thread when the page's CSP refuses the worker, the same for the visitor", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const problems = await collectConsole(page);
    // The demo's own policy without `worker-src blob:`: workers then fall under `script-src 'self' 'nonce-…'`.
    await page.route(`${url}/product/stormline-shell`, async (route) => {
      const response = await route.fetch();
      const csp = response.headers()['content-security-policy']!;
      expect(csp).toContain('worker-src blob:');
      await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': csp.replace(/; worker-src blob:/, '') } });
    });
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));
    await page.goto(`${url}/product/stormline-shell`);
    await page.locator('#baton-launcher').click();
    await page.locator('#baton-start').click();
    await page.locator('#baton-panel', { hasText: 'Connecting to the chat…' }).waitFor();
    await expect.poll(() => sockets.some((u) => /^wss:\/\/[\w.-]+\.twilio\.com\//.test(u)), { timeout: 15_000 }).toBe(true);
    const sdkChunks = async () => (await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name))).filter((n) => /\/baton\/chunks\/twilio-conversations-/.test(n));
    expect(await sdkChunks()).toHaveLength(1);
    expect(page.workers()).toEqual([]);
    await expect(page.locator('#baton-panel', { hasText: 'Connecting to the chat…' }).isVisible()).resolves.toBe(true);
    // The browser reports the refused worker to the page (and to the site's report-uri): the one
    // trace of the fallback, which docs/twilio.md tells sites with a CSP how to avoid.
    expect(problems.cspViolations.map((v) => [v.directive, v.blockedURI])).toEqual([['worker-src', 'blob']]);
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  });
});
