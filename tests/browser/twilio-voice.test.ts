// Calls through Twilio Voice in real Chromium with fake media devices: the demo store booted with
// `transport: 'twilio'` and the real server half (createTwilioVoiceHandler from the built
// dist/server). Nothing of the voice chunks loads with the page or the panel; pressing the panel's
// Call button loads them, asks for the microphone, fetches a real token, and runs the real
// @twilio/voice-sdk bundle, which cannot reach Twilio here (every host but 127.0.0.1 is
// unresolvable), so the call ends with the 'network' reason and the UI offers the alternatives.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from './harness';

const MEDIA = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'];
/** Offline for real: no DNS for anything but loopback, so Twilio's cloud is unreachable. */
const OFFLINE = ['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'];

let browser: Browser;
let server: http.Server;
let base: string;
let tokens = 0;

beforeAll(async () => {
  const dist = (p: string) => new URL(`../../dist/${p}`, import.meta.url).href;
  const { createTwilioVoiceHandler } = (await import(/* @vite-ignore */ dist('server/index.js'))) as typeof import('../../src/server/index');
  const demo = (await import(/* @vite-ignore */ new URL('../../demo/server.mjs', import.meta.url).href)) as {
    createDemoHandler(o: { notFound: boolean; identitySecret: string }): (req: http.IncomingMessage, res: http.ServerResponse) => boolean;
  };
  const identitySecret = randomBytes(32).toString('base64url');
  const store = demo.createDemoHandler({ notFound: false, identitySecret, boot: { transport: 'twilio' } } as never);
  let voice: ReturnType<typeof createTwilioVoiceHandler> | null = null;
  server = http.createServer((req, res) => {
    if (req.url?.startsWith('/api/twilio/voice/token')) tokens++;
    if (!voice?.(req, res) && !store(req, res)) res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  voice = createTwilioVoiceHandler({
    accountSid: `AC${'a'.repeat(32)}`,
    apiKey: `SK${'b'.repeat(32)}`,
    apiSecret: 'api-secret-for-tests',
    authToken: 'f'.repeat(32),
    twimlAppSid: `AP${'c'.repeat(32)}`,
    workflowSid: `WW${'d'.repeat(32)}`,
    publicUrl: base,
    identitySecret,
  });
  browser = await launchChromium([...MEDIA, ...OFFLINE]);
});

afterAll(async () => {
  await browser?.close();
  server?.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

describe('Twilio Voice in Chromium', () => {
  it('loads nothing of the voice chunks with the page; a call loads them, gets a token, and ends with "network" when Twilio is unreachable', async () => {
    const page = await browser.newPage();
    const loaded: string[] = [];
    page.on('request', (r) => loaded.push(new URL(r.url()).pathname));
    await page.goto(`${base}/`);
    await page.locator('#baton-launcher').waitFor();
    // The panel too: opening it must not fetch the voice chunks either.
    await page.locator('#baton-launcher').click();
    await page.locator('#baton-panel [data-nav=call]').waitFor();
    const voiceFiles = (list: string[]) => list.filter((p) => /twilio-voice|voice-sdk/.test(p));
    expect(voiceFiles(loaded)).toEqual([]);
    expect(tokens).toBe(0);

    // The visitor presses Call: the Twilio transport and the SDK load now, inside the click.
    await page.locator('#baton-panel [data-nav=call]').click();
    const bar = page.locator('#baton-panel section.call');
    await expect.poll(() => bar.getAttribute('data-call-state'), { timeout: 20_000 }).toBe('ended');
    expect(tokens).toBe(1);
    const voice = voiceFiles(loaded);
    expect(voice.some((p) => /\/chunks\/twilio-voice-[\w-]+\.js$/.test(p))).toBe(true);
    expect(voice.some((p) => /\/chunks\/voice-sdk-[\w-]+\.js$/.test(p))).toBe(true);
    // Twilio unreachable: the reason is the network, and the ways to still reach someone are offered.
    expect(await bar.locator('button[data-alt]').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-alt')))).toEqual(['retry', 'chat', 'phone', 'callback']);
    await screenshot(page, 'twilio-voice-network');
    await page.close();
  });
});
