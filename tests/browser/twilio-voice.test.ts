// The Twilio Voice transport in real Chromium with fake media devices, against the real server half
// (createTwilioVoiceHandler from the built dist/server) beside the demo store: nothing of the voice
// chunks loads with the page; starting a call loads them, asks for the microphone, fetches a real
// token, and runs the real @twilio/voice-sdk bundle, which cannot reach Twilio here (every host
// but 127.0.0.1 is unresolvable), so the call ends with the 'network' reason.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './harness';

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
    DEFAULT_IDENTITY_SECRET: string;
  };
  const store = demo.createDemoHandler({ notFound: false, identitySecret: demo.DEFAULT_IDENTITY_SECRET });
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
    identitySecret: demo.DEFAULT_IDENTITY_SECRET,
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
    await page.locator('#baton-input').waitFor();
    const voiceFiles = (list: string[]) => list.filter((p) => /twilio-voice|voice-sdk/.test(p));
    expect(voiceFiles(loaded)).toEqual([]);
    expect(tokens).toBe(0);

    // The visitor starts a call: the call UI imports the transport chunk (as the call panel does).
    // A string, so the test runner does not rewrite this import() for Node.
    const result = (await page.evaluate(`(async () => {
      const m = await import('/baton/chunks/twilio-voice.js');
      const t = m.createTwilioVoiceTransport({ server: ${JSON.stringify(base)}, context: () => window.Baton('getContext') });
      const states = [], ended = [], devices = [];
      t.on('state', (s) => states.push(s));
      t.on('ended', (e) => ended.push(e));
      t.on('devices', (d) => devices.push(d));
      const caps = t.capabilities();
      await t.start();
      const until = Date.now() + 20000;
      while (!ended.length && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      t.destroy();
      return { caps, states, ended, devices };
    })()`)) as { caps: unknown; states: string[]; ended: unknown[]; devices: unknown[] };

    expect(result.caps).toEqual({ supported: true });
    expect(result.states.slice(0, 2)).toEqual(['media', 'connecting']);
    expect(result.states.at(-1)).toBe('ended');
    expect(result.ended).toHaveLength(1);
    expect(result.ended[0]).toMatchObject({ reason: 'network', durationMs: 0 });
    expect(tokens).toBe(1);
    // The fake microphone was granted and listed.
    expect((result.devices.at(-1) as { label: string }[]).length).toBeGreaterThan(0);
    const voice = voiceFiles(loaded);
    expect(voice.some((p) => p.includes('/chunks/twilio-voice.js'))).toBe(true);
    expect(voice.some((p) => /\/chunks\/voice-sdk-[\w-]+\.js$/.test(p))).toBe(true);
    await page.close();
  });
});
