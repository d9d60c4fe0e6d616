// The worst common host CSS: a maximal z-index fixed bar over the corner, `transform` or `filter` on
// body, `zoom` on html, `overflow: hidden` on html. Whatever the page does, the launcher and the
// panel stay visible, on top, on screen and clickable (the top layer, src/ui/launcher.ts). Each case
// is clicked the way a visitor would (Playwright refuses to click what another element covers) and
// saved as a screenshot (test-results/hostile-*.png).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain JS module of the demo store
import { LOADER } from '../../demo/snippet.mjs';
import { collectConsole, launchChromium, startDemo, type Demo } from './harness';
import { hostPage, startHostSite, type HostSite } from './hostSite';

let browser: Browser;
let demo: Demo;
let site: HostSite;

/** A cookie bar as sites do it: fixed over the bottom of the screen, at the highest z-index. */
const BAR =
  '<div id="cookie-bar" style="position:fixed;left:0;right:0;bottom:0;height:140px;z-index:2147483647;background:#1f2937;color:#fff;padding:16px;font:16px system-ui">' +
  'We use cookies. <button>Accept all</button></div>';
/** Enough content to scroll: a launcher that is not really fixed ends up at the end of it. */
const LONG = Array.from({ length: 60 }, (_, i) => `<p>Paragraph ${i + 1} of the customer's long page.</p>`).join('');

const CASES: Record<string, { css: string; body?: string }> = {
  'z-index bar': { css: '', body: BAR },
  'transform on body': { css: 'body{transform:translateX(0)}', body: LONG },
  'filter on body': { css: 'body{filter:saturate(1.2)}', body: LONG },
  'zoom on html': { css: 'html{zoom:1.5}', body: LONG },
  'overflow hidden on html': { css: 'html{overflow:hidden;height:100%}body{height:100%;overflow:auto}', body: LONG },
  'all of them': { css: 'html{zoom:1.25;overflow:hidden}body{transform:scale(1);filter:contrast(1.1);height:100%;overflow:auto}', body: BAR + LONG },
};
const slug = (name: string) => name.replace(/\W+/g, '-');

beforeAll(async () => {
  [browser, demo] = await Promise.all([launchChromium(), startDemo()]);
  const pages = Object.fromEntries(
    Object.entries(CASES).map(([name, c]) => [
      `/${slug(name)}`,
      {
        html: () =>
          hostPage(
            `Host page: ${name}`,
            `<style>${c.css}</style><script>${(LOADER as string).replace('"/baton/baton.js"', JSON.stringify(`${demo.url}/baton/baton.js`))}
Baton('boot', { launcher: { label: 'Chat with us' } });</script>`,
            c.body,
          ),
      },
    ]),
  );
  site = await startHostSite(pages);
});
afterAll(async () => {
  await browser?.close();
  await demo?.close();
  await site?.close();
});

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Fully inside the viewport. */
function onScreen(box: Box | null, viewport: { width: number; height: number }): boolean {
  return !!box && box.x >= 0 && box.y >= 0 && box.x + box.width <= viewport.width + 0.5 && box.y + box.height <= viewport.height + 0.5;
}

/** Opens the page, checks the launcher and the panel, saves screenshots; returns the page. */
async function check(name: string, viewport: { width: number; height: number }, noPopover = false): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const collected = await collectConsole(page);
  if (noPopover) await page.addInitScript(() => delete (HTMLElement.prototype as Partial<HTMLElement>).showPopover);
  await page.goto(`${site.origin}/${slug(name)}`);
  const launcher = page.locator('#baton-launcher');
  await launcher.waitFor();
  // In the corner of the screen at the top of a long page and scrolled halfway down it (a launcher
  // that is not really fixed sits at the end of the page instead).
  for (const at of ['top', 'halfway'] as const) {
    if (at === 'halfway') {
      await page.evaluate(() => {
        for (const el of [document.scrollingElement!, document.body]) el.scrollTop = (el.scrollHeight - el.clientHeight) / 2;
      });
    }
    const box = await launcher.boundingBox();
    expect(onScreen(box, viewport), `launcher on screen (${at}): ${JSON.stringify(box)}`).toBe(true);
    // The 56 px button, 20 px from the bottom-right corner, whatever the page's zoom.
    expect(box!.width).toBeCloseTo(56, 0);
    expect(viewport.width - (box!.x + box!.width)).toBeCloseTo(20, 0);
    expect(viewport.height - (box!.y + box!.height)).toBeCloseTo(20, 0);
  }
  const shot = `test-results/hostile-${slug(name)}${noPopover ? '-no-popover' : ''}-${viewport.width}`;
  await page.screenshot({ path: `${shot}-closed.png` });

  // On top: clicking its centre reaches the button (Playwright checks nothing covers it first).
  await launcher.click();
  const panel = page.locator('#baton-panel');
  await page.locator('#baton-panel h2').waitFor();
  // The panel's own close button (the header's last), once the panel chunk has rendered.
  const close = panel.locator('.h .x').last();
  const p = await panel.boundingBox();
  expect(onScreen(p, viewport), `panel on screen: ${JSON.stringify(p)}`).toBe(true);
  await page.screenshot({ path: `${shot}-open.png` });
  // Its header's close button is on screen and clickable too.
  await close.click();
  await panel.waitFor({ state: 'hidden' });
  // The demo store alone has no Baton server behind it: the home's "who is online?" is refused
  // (Chromium logs the 405 and the missing CORS headers) and the home claims nothing. Nothing else.
  expect(collected.problems().filter((p) => !p.includes('/api/visitor/status'))).toEqual([]);
  return page;
}

describe('hostile host layouts', () => {
  for (const name of Object.keys(CASES)) {
    it(`${name}: the launcher and the panel stay on screen, on top and clickable`, async () => {
      const page = await check(name, { width: 1280, height: 800 });
      await page.context().close();
    });
  }

  it('zoom on html, on a phone: the full-screen panel fits the screen', async () => {
    const page = await check('zoom on html', { width: 390, height: 844 });
    await page.context().close();
  });

  it('in the top layer where the Popover API exists; without it the maximal z-index still beats the bar', async () => {
    const page = await check('z-index bar', { width: 1280, height: 800 });
    expect(await page.evaluate(() => document.getElementById('baton-root')!.matches(':popover-open'))).toBe(true);
    await page.context().close();
    const old = await check('z-index bar', { width: 1280, height: 800 }, true);
    expect(await old.evaluate(() => document.getElementById('baton-root')!.matches(':popover-open'))).toBe(false);
    await old.context().close();
  });
});
