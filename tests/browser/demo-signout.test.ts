// The demo store's sign-out is a POST form drawn as the header's link (issue 13): signing in and
// out in Chromium, at desktop and phone sizes, ends back on the same page, signed out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { collectConsole, launchChromium, screenshot, startDemo, type Demo } from './harness';

let browser: Browser;
let demo: Demo;
beforeAll(async () => {
  [browser, demo] = await Promise.all([launchChromium(), startDemo()]);
});
afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

describe('demo sign-out', () => {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
    it(`signs out with the header's button (a POST) at ${viewport.width}px`, async () => {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      const problems = await collectConsole(page);
      await page.goto(`${demo.url}/signin?return=/cart`);
      await page.click('#signin-submit');
      await page.waitForURL(/\/cart$/);
      const signOut = page.locator('#signout-link');
      await expect.poll(() => signOut.isVisible()).toBe(true);
      await screenshot(page, `demo-signed-in-${viewport.width}`);
      const posted = page.waitForRequest((r) => r.url().endsWith('/signout'));
      await signOut.click();
      expect((await posted).method()).toBe('POST');
      await page.waitForURL(/\/cart$/);
      await page.locator('#signin-link').waitFor();
      expect(await page.locator('#header-user').count()).toBe(0);
      expect(problems.problems()).toEqual([]);
      await context.close();
    });
  }
});
