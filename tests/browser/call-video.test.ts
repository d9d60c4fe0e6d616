// Video in an embedded call (issue 19): either side turns its camera on during a call and the other
// side sees it. Two real Chromium pages with Chromium's fake camera (a moving test pattern) and the
// permission prompt answered "allow", real WebRTC, signalled through the real embedded server.
// Frames must arrive and keep coming (the receiving <video> has a size, and the receiving peer's
// framesDecoded grows), the camera's indicator shows while it is on, and turning it off (or hanging
// up) stops the camera's track.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { axeViolations, collectConsole, openConversation, screenshot, signInToConsole, startProductWithAgent, type Product } from './harness';

const MEDIA_FLAGS = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'];

let browser: Browser;
let product: Product;
const AGENT = { email: 'vic@demo.test', name: 'Vic Moreau', password: 'correct horse battery staple' };

beforeAll(async () => {
  ({ browser, product } = await startProductWithAgent(AGENT, MEDIA_FLAGS));
});
afterAll(async () => {
  await browser?.close();
  await product?.close();
});

/**
 * Observes without changing: every RTCPeerConnection a page creates (window.__pcs) and every video
 * track getUserMedia hands it (window.__cams), so the test can read getStats() and whether a
 * camera's track was stopped.
 */
const RECORD = `(() => {
  const Native = window.RTCPeerConnection;
  window.__pcs = [];
  window.__cams = [];
  window.RTCPeerConnection = class extends Native {
    constructor(...args) { super(...args); window.__pcs.push(this); }
  };
  const md = navigator.mediaDevices;
  const gum = md.getUserMedia.bind(md);
  md.getUserMedia = async (c) => {
    const s = await gum(c);
    window.__cams.push(...s.getVideoTracks());
    return s;
  };
})();`;

type Win = { __pcs: RTCPeerConnection[]; __cams: MediaStreamTrack[] };

/** Video frames decoded so far by the page's open peer connections. */
function framesDecoded(page: Page): Promise<number> {
  return page.evaluate(async () => {
    let n = 0;
    for (const pc of (window as unknown as Win).__pcs) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((s: { type: string; kind?: string; framesDecoded?: number }) => {
        if (s.type === 'inbound-rtp' && s.kind === 'video') n += s.framesDecoded ?? 0;
      });
    }
    return n;
  });
}

/** The video shows a picture (a size known from the stream) and new frames keep being decoded. */
async function expectVideoArriving(page: Page, video: Locator): Promise<void> {
  await video.waitFor();
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth), { timeout: 20_000 }).toBeGreaterThan(0);
  const first = await framesDecoded(page);
  await expect.poll(() => framesDecoded(page), { timeout: 20_000, interval: 250 }).toBeGreaterThan(first);
  const second = await framesDecoded(page);
  await expect.poll(() => framesDecoded(page), { timeout: 20_000, interval: 250 }).toBeGreaterThan(second);
  // And the element itself advances: its playback time moves on.
  const t = await video.evaluate((v: HTMLVideoElement) => v.currentTime);
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 20_000 }).toBeGreaterThan(t);
}

/** The states of the camera tracks this page opened ('live' or 'ended'). */
const cameraTracks = (page: Page) => page.evaluate(() => (window as unknown as Win).__cams.map((t) => t.readyState));

async function open(viewport: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport });
  await context.addInitScript({ content: RECORD });
  return { context, page: await context.newPage() };
}

const callBar = (page: Page) => page.locator('#baton-panel section.call');

describe('video in an embedded call', () => {
  it('both sides turn their camera on, each sees the other\'s frames, the indicators show, and turning off or hanging up stops the cameras', async () => {
    const agent = await open({ width: 1280, height: 800 });
    await signInToConsole(agent.page, product.url, AGENT);
    const agentProblems = await collectConsole(agent.page);
    const visitor = await open({ width: 1280, height: 800 });
    const v = visitor.page;
    const visitorProblems = await collectConsole(v);
    await v.goto(`${product.url}/product/stormline-shell`);

    await openConversation(v);
    await v.locator('#baton-input').fill('Can I show you the zip on my jacket?');
    await v.keyboard.press('Enter');
    await v.locator('#baton-panel li[data-sender=visitor][data-status=sent]').waitFor();
    await v.locator('#baton-call').click();
    await agent.page.locator('[data-testid=call-answer]').click();
    await agent.page.locator('[data-testid=call-active][data-state=connected]').waitFor({ timeout: 20_000 });
    await expect.poll(() => callBar(v).getAttribute('data-call-state'), { timeout: 20_000 }).toBe('connected');

    // Off by default: no camera opened on either side, nothing shown, the buttons not pressed.
    const camButton = callBar(v).locator('button.cam');
    const agentCamButton = agent.page.locator('[data-testid=call-camera]');
    expect(await camButton.getAttribute('aria-pressed')).toBe('false');
    expect(await agentCamButton.getAttribute('aria-pressed')).toBe('false');
    expect(await cameraTracks(v)).toEqual([]);
    expect(await cameraTracks(agent.page)).toEqual([]);
    expect(await v.locator('#baton-panel video').count()).toBe(0);
    expect(await agent.page.locator('video').count()).toBe(0);
    // The offer carried the video section from the start, within the signalling's SDP limit.
    const offer = await v.evaluate(() => (window as unknown as Win).__pcs.at(-1)!.localDescription!.sdp);
    expect(offer).toMatch(/^m=video /m);
    expect(new TextEncoder().encode(offer).length).toBeLessThan(16 * 1024);

    // The visitor turns their camera on: the rear one on a phone (an ideal, so a laptop's only camera serves).
    await camButton.click();
    await expect.poll(() => camButton.getAttribute('aria-pressed')).toBe('true');
    await callBar(v).locator('.cvid .live', { hasText: 'Your camera is on' }).waitFor();
    await callBar(v).locator('video.lv').waitFor();
    expect(await cameraTracks(v)).toEqual(['live']);
    // The agent sees it.
    await expectVideoArriving(agent.page, agent.page.locator('[data-testid=call-remote-video]'));
    expect(await agent.page.locator('[data-testid=call-remote-video]').getAttribute('aria-label')).toMatch(/^Visitor #[A-Z0-9]{4}’s camera$/);

    // The agent turns theirs on too: the visitor sees it, and both indicators show.
    await agentCamButton.click();
    await agent.page.locator('[data-testid=camera-indicator]', { hasText: 'Your camera is on' }).waitFor();
    await agent.page.locator('[data-testid=call-local-video]').waitFor();
    await expectVideoArriving(v, callBar(v).locator('video.rv'));
    expect(await callBar(v).locator('video.rv').getAttribute('aria-label')).toBe('Vic Moreau: Camera');

    await screenshot(v, 'call-video-visitor-desktop');
    expect(await axeViolations(v)).toEqual([]);
    await screenshot(agent.page, 'call-video-agent-desktop');
    expect(await axeViolations(agent.page)).toEqual([]);
    // Phone sizes: the panel full screen on the visitor's side, the console's one-column layout.
    await v.setViewportSize({ width: 390, height: 844 });
    await agent.page.setViewportSize({ width: 390, height: 844 });
    await callBar(v).locator('video.rv').waitFor();
    // The panel fills the phone's screen: the screen itself, not the long store page under it.
    await v.screenshot({ path: await screenshot(v, 'call-video-visitor-phone') });
    expect(await axeViolations(v)).toEqual([]);
    // The call bar wraps its buttons under the status: nothing wider than the phone.
    expect(await agent.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(agent.page, 'call-video-agent-phone');
    expect(await axeViolations(agent.page)).toEqual([]);

    // The visitor turns theirs off: its track stops (the camera's light goes off), the agent's
    // view of it goes, and the agent's own camera still reaches the visitor.
    await camButton.click();
    await expect.poll(() => cameraTracks(v)).toEqual(['ended']);
    expect(await camButton.getAttribute('aria-pressed')).toBe('false');
    expect(await callBar(v).locator('.cvid .live').count()).toBe(0);
    await expect.poll(() => agent.page.locator('[data-testid=call-remote-video]').count()).toBe(0);
    await expectVideoArriving(v, callBar(v).locator('video.rv'));

    // On again: a new track, and the agent sees it again.
    await camButton.click();
    await expect.poll(() => cameraTracks(v)).toEqual(['ended', 'live']);
    await expectVideoArriving(agent.page, agent.page.locator('[data-testid=call-remote-video]'));

    // Hanging up releases both cameras.
    await callBar(v).locator('button.hang').click();
    await agent.page.locator('[data-testid=call-ended]').waitFor();
    await expect.poll(() => cameraTracks(v)).toEqual(['ended', 'ended']);
    await expect.poll(() => cameraTracks(agent.page)).toEqual(['ended']);
    expect(await v.locator('#baton-panel video').count()).toBe(0);
    expect(await agent.page.locator('video').count()).toBe(0);

    expect(visitorProblems.problems()).toEqual([]);
    expect(agentProblems.problems()).toEqual([]);
    await visitor.context.close();
    await agent.context.close();
  });
});
