// "Scan a code" (issue 19): a phone's camera films a QR code, the panel reads it, shows it, and
// sends it only once the visitor confirms, as data the agent's console shows as such (format and
// value). The camera is Chromium's fake one fed a Y4M file this test writes: one frame holding a
// QR code made by a real encoder (uqr). Headless Chromium on Linux has no BarcodeDetector, so this
// is the widget's own decoder (jsQR, a lazy chunk) reading real camera frames.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode } from 'uqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PHONE, axeViolations, collectConsole, openConversation, screenshot, signInToConsole, startProductWithAgent, type Product } from './harness';

const VALUE = 'https://fernwood.example/warranty?serial=SN-4482-KX';

/**
 * A 640x480 Y4M video of one frame (Chromium loops it): `text` as a QR code, 10 px a module with
 * the standard 4-module quiet zone, black on white, in the middle. YUV 4:2:0, chroma neutral.
 */
function qrVideo(text: string): Buffer {
  const { data, size } = encode(text, { ecc: 'M', border: 4 });
  const W = 640;
  const H = 480;
  const scale = 10;
  const side = size * scale;
  const x0 = (W - side) >> 1;
  const y0 = (H - side) >> 1;
  const y = Buffer.alloc(W * H, 235);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      if (!data[r]![c]) continue;
      for (let dy = 0; dy < scale; dy++) y.fill(16, (y0 + r * scale + dy) * W + x0 + c * scale, (y0 + r * scale + dy) * W + x0 + (c + 1) * scale);
    }
  }
  const chroma = Buffer.alloc((W / 2) * (H / 2) * 2, 128);
  return Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F30:1 Ip A1:1 C420jpeg\n`), Buffer.from('FRAME\n'), y, chroma]);
}

let dir: string;
let browser: Browser;
let product: Product;
const AGENT = { email: 'ada@demo.test', name: 'Ada Quinn', password: 'correct horse battery staple' };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'baton-scan-'));
  const video = join(dir, 'qr.y4m');
  writeFileSync(video, qrVideo(VALUE));
  ({ browser, product } = await startProductWithAgent(AGENT, ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`]));
});
afterAll(async () => {
  await browser?.close();
  await product?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Keeps the camera tracks getUserMedia hands the page (window.__cams), to check they were stopped. */
const RECORD = `(() => {
  const md = navigator.mediaDevices;
  const gum = md.getUserMedia.bind(md);
  window.__cams = [];
  md.getUserMedia = async (c) => { const s = await gum(c); window.__cams.push(...s.getVideoTracks()); return s; };
})();`;
const cameraTracks = (page: Page) => page.evaluate(() => (window as unknown as { __cams: MediaStreamTrack[] }).__cams.map((t) => t.readyState));

describe('scan a code', () => {
  it('a phone reads a QR code with its camera, the visitor confirms, and the agent gets it as data', async () => {
    const agentContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const agent = await agentContext.newPage();
    await signInToConsole(agent, product.url, AGENT);
    const agentProblems = await collectConsole(agent);

    const phone = await browser.newContext(PHONE);
    await phone.addInitScript({ content: RECORD });
    const visitor = await phone.newPage();
    const requests: string[] = [];
    visitor.on('request', (r) => requests.push(r.url()));
    const visitorProblems = await collectConsole(visitor);
    await visitor.goto(`${product.url}/product/stormline-shell`);
    await openConversation(visitor);
    await visitor.locator('#baton-input').fill('My jacket has a warranty label');
    await visitor.keyboard.press('Enter');
    await visitor.locator('#baton-panel li[data-sender=visitor][data-status=sent]').waitFor();
    const item = agent.locator('[data-testid=queue-item]', { hasText: 'warranty label' });
    await item.waitFor();
    await item.locator('[data-testid=claim]').click();
    await agent.locator('[data-testid=composer]').waitFor();

    // Nothing of the scanner is loaded before the visitor asks for it.
    expect(requests.filter((u) => /\/chunks\/(index|decode|jsQR)-/.test(u) && /scan|jsQR/i.test(u))).toEqual([]);
    await visitor.locator('#baton-photo').click();
    await visitor.locator('#baton-panel [data-testid=scan-code]').click();
    const scan = visitor.locator('#baton-panel [data-testid=scan]');
    await scan.waitFor();
    // What it read, shown for the visitor to confirm: the camera is already off.
    await expect.poll(() => scan.locator('[data-testid=scan-value]').textContent(), { timeout: 20_000 }).toBe(VALUE);
    expect(await scan.locator('[data-testid=scan-format]').textContent()).toBe('QR code');
    expect(await cameraTracks(visitor)).toEqual(['ended']);
    // This browser has no BarcodeDetector: the widget's own decoder read it, from a chunk of its own.
    expect(await visitor.evaluate(() => 'BarcodeDetector' in window)).toBe(false);
    expect(requests.some((u) => /\/chunks\/jsQR-[\w-]+\.js$/.test(u))).toBe(true);
    await visitor.screenshot({ path: await screenshot(visitor, 'scan-visitor-confirm-phone') });
    expect(await axeViolations(visitor)).toEqual([]);
    // Nothing has left the phone yet.
    expect(await agent.locator('[data-testid=scanned-code]').count()).toBe(0);

    await scan.locator('[data-testid=scan-send]').click();
    await expect.poll(() => scan.count()).toBe(0);
    await visitor.locator('#baton-panel li[data-sender=visitor][data-status=sent]', { hasText: 'SN-4482-KX' }).waitFor();
    // The agent sees it as data: what kind of code, and its exact value.
    const card = agent.locator('[data-testid=message][data-sender=visitor] [data-testid=scanned-code]');
    await card.waitFor();
    expect(await card.getAttribute('data-format')).toBe('qr_code');
    expect(await card.locator('[data-testid=scanned-format]').textContent()).toBe('QR code');
    expect(await card.locator('[data-testid=scanned-value]').textContent()).toBe(VALUE);
    await screenshot(agent, 'scan-agent-desktop');
    expect(await axeViolations(agent)).toEqual([]);
    await agent.setViewportSize({ width: 390, height: 844 });
    await screenshot(agent, 'scan-agent-phone');

    expect(visitorProblems.problems()).toEqual([]);
    expect(agentProblems.problems()).toEqual([]);
    await phone.close();
    await agentContext.close();
  });
});
