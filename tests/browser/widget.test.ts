// The widget on a real page under the demo's strict CSP: lazy panel, Shadow DOM isolation,
// keyboard use, and no long task of Baton's on the host page while it loads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { BEFORE_INTERACTION, collectConsole, launchChromium, screenshot, startDemo, unhashed, type Demo } from './harness';

let browser: Browser;
let demo: Demo;
beforeAll(async () => {
  [browser, demo] = await Promise.all([launchChromium(), startDemo()]);
});
afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

describe('the widget', () => {
  it('loads only the launcher with the page, and the panel chunk on intent; opens and closes by keyboard', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const problems = await collectConsole(page);
    const scripts: string[] = [];
    page.on('request', (r) => r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname));
    await page.goto(`${demo.url}/`);
    const launcher = page.locator('#baton-launcher');
    await launcher.waitFor();
    await page.waitForLoadState('networkidle');
    expect(scripts.filter((s) => s.startsWith('/baton/')).map(unhashed)).toEqual(BEFORE_INTERACTION);
    await screenshot(page, 'widget-closed');

    // Keyboard only: Tab until the launcher has focus, Enter opens, focus moves in, Escape closes.
    await launcher.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(scripts.some((s) => /\/baton\/chunks\/panel-/.test(s))).toBe(true);
    expect(await launcher.getAttribute('aria-expanded')).toBe('true');
    const focusedInPanel = await page.evaluate(() => {
      const root = document.getElementById('baton-root')!.shadowRoot!;
      return !!root.activeElement && root.getElementById('baton-panel')!.contains(root.activeElement);
    });
    expect(focusedInPanel).toBe(true);
    await screenshot(page, 'widget-open');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    const focusBack = await page.evaluate(() => document.getElementById('baton-root')!.shadowRoot!.activeElement?.id);
    expect(focusBack).toBe('baton-launcher');
    // The demo store alone has no Baton server behind it: the home's "who is online?" gets a 405,
    // which Chromium logs; the home then claims nothing (no reply line). Nothing else went wrong.
    expect(problems.problems()).toEqual([expect.stringMatching(/status of 405 .*\/api\/visitor\/status/)]);
    await context.close();
  });

  it('launcher.position puts the launcher in the bottom corner it names', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${demo.url}/`);
    const launcher = page.locator('#baton-launcher');
    await launcher.waitFor();
    const right = (await launcher.boundingBox())!;
    expect(right.x).toBeGreaterThan(1280 / 2);
    expect(right.y).toBeGreaterThan(800 / 2);
    // The same page booted again with the launcher on the left.
    await page.evaluate(() => {
      const baton = (window as unknown as { Baton: (...a: unknown[]) => void }).Baton;
      baton('shutdown');
      baton('boot', { launcher: { position: 'left', label: 'Help' } });
    });
    const help = page.getByRole('button', { name: 'Help' });
    await help.waitFor();
    const left = (await help.boundingBox())!;
    expect(left.x + left.width).toBeLessThan(1280 / 2);
    expect(left.y).toBeGreaterThan(800 / 2);
    await context.close();
  });

  it("is isolated from the host page's CSS in both directions", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const look = () =>
      page.evaluate(() =>
        ['body', 'h1', 'h2', 'a.button', 'button', 'p'].map((sel) => {
          const el = document.querySelector(sel);
          if (!el) return `${sel}: none`;
          const cs = getComputedStyle(el);
          return `${sel}: ${cs.fontFamily} ${cs.fontSize} ${cs.color} ${cs.backgroundColor} ${cs.padding} ${cs.borderRadius} ${cs.display}`;
        }),
      );
    await page.goto(`${demo.url}/?nobaton=1`);
    const without = await look();
    await page.goto(`${demo.url}/`);
    await page.locator('#baton-launcher').waitFor();
    await page.locator('#baton-launcher').click();
    await page.getByRole('dialog').waitFor();
    // Baton's own CSS (`.b`, `.p`, `button`, `*` rules in its shadow root) restyles nothing on the page.
    expect(await look()).toEqual(without);

    // A hostile host stylesheet does not reach into the shadow root.
    const launcher = await page.evaluate(() => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync('button { background: rgb(255, 0, 0) !important; font-family: monospace !important; width: 300px !important; } * { color: rgb(0, 255, 0) !important; }');
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      const root = document.getElementById('baton-root')!.shadowRoot!;
      const b = getComputedStyle(root.getElementById('baton-launcher')!);
      const h = getComputedStyle(root.querySelector('h2')!);
      return { bg: b.backgroundColor, width: b.width, font: b.fontFamily, headingColor: h.color };
    });
    expect(launcher.bg).not.toBe('rgb(255, 0, 0)');
    expect(launcher.width).toBe('56px');
    expect(launcher.font).not.toContain('monospace');
    expect(launcher.headingColor).not.toBe('rgb(0, 255, 0)');
    await context.close();
  });

  it('adds no long task of its own to the host page while it loads', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __loaf: { url: string; duration: number }[] };
      w.__loaf = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as unknown as { scripts: { sourceURL: string; duration: number }[] }[])
          for (const s of e.scripts) w.__loaf.push({ url: s.sourceURL, duration: s.duration });
      }).observe({ type: 'long-animation-frame', buffered: true });
    });
    await page.goto(`${demo.url}/`);
    await page.evaluate(() => new Promise<void>((r) => (window as unknown as { Baton: (...a: unknown[]) => void }).Baton('on', 'ready', () => r())));
    // The last of Baton's page-load work is mounting the launcher (when idle); two frames later any
    // long frame of it has been reported to the observer.
    await page.locator('#baton-launcher').waitFor();
    await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0)))));
    // Long-animation-frame entries attribute script time to its source: none of Baton's may reach 50 ms.
    const batonScripts = await page.evaluate(() => (window as unknown as { __loaf: { url: string; duration: number }[] }).__loaf.filter((s) => s.url.includes('/baton/')));
    expect(batonScripts.filter((s) => s.duration >= 50)).toEqual([]);
    await context.close();
  });

  it('goes full screen on a phone-sized viewport', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    await page.goto(`${demo.url}/product/fjord-parka`);
    await page.locator('#baton-launcher').click();
    await page.getByRole('dialog').waitFor();
    const box = await page.evaluate(() => {
      const r = document.getElementById('baton-root')!.shadowRoot!.getElementById('baton-panel')!.getBoundingClientRect();
      return { x: r.x, y: r.y, w: r.width, h: r.height, vw: innerWidth, vh: innerHeight };
    });
    expect(box).toMatchObject({ x: 0, y: 0, w: box.vw });
    expect(Math.abs(box.h - box.vh)).toBeLessThanOrEqual(1);
    await screenshot(page, 'widget-mobile');
    await context.close();
  });
});
