// Redaction at record time in a real browser: the value checks are a chunk of their own, loaded
// after boot only when a URL needs them; what Baton stores in IndexedDB and what the agent would
// receive never hold the raw values, and order numbers survive.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ContextSnapshot } from '../../src/protocol/context';
import { BEFORE_INTERACTION, collectConsole, launchChromium, startDemo, unhashed, type Demo } from './harness';

let browser: Browser;
let demo: Demo;
beforeAll(async () => {
  [browser, demo] = await Promise.all([launchChromium(), startDemo()]);
});
afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

function scriptTagContext(page: Page): Promise<ContextSnapshot> {
  return page.evaluate(
    () =>
      new Promise<ContextSnapshot>((resolve) => {
        const B = (window as unknown as { Baton: (...a: unknown[]) => unknown }).Baton;
        B('on', 'ready', () => resolve(B('getContext') as Promise<ContextSnapshot>));
      }),
  );
}

/** Baton's stored record (IndexedDB `baton`, store `kv`, key `context`), serialized. */
function storedRecord(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const open = indexedDB.open('baton');
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('kv')) return resolve(''), db.close();
          const get = db.transaction('kv').objectStore('kv').get('context');
          get.onsuccess = () => {
            resolve(JSON.stringify(get.result ?? ''));
            db.close();
          };
        };
      }),
  );
}

const IBAN = 'CZ65 0800 0000 1920 0014 5399';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2lnbmF0dXJlLWhlcmU';

describe('redaction in Chromium', () => {
  it('loads the checks after boot when a URL needs them, stores only redacted values, keeps order numbers', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = await collectConsole(page);
    const scripts: string[] = [];
    page.on('request', (r) => r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname));

    // A page with nothing to check: recorded and stored without the checks' chunk (nobody asked
    // for a snapshot, which would bring it along with the snapshot builder).
    await page.goto(`${demo.url}/category/trail-shoes`);
    await page.locator('#baton-launcher').waitFor();
    await expect.poll(() => storedRecord(page)).toContain('/category/trail-shoes');
    await page.waitForLoadState('networkidle');
    expect(scripts.filter((s) => s.startsWith('/baton/')).map(unhashed)).toEqual(BEFORE_INTERACTION);

    // A payment link from an e-mail: an e-mail address, an IBAN (spaced), a JWT in a double-encoded
    // redirect, and an order number that must survive.
    const next = encodeURIComponent(encodeURIComponent(`/account?session=${JWT}&tab=2`));
    const checks = page.waitForRequest((r) => /\/chunks\/values-/.test(r.url()));
    await page.goto(`${demo.url}/category/trail-shoes?ref=jan.novak%40seznam.cz&note=${encodeURIComponent(IBAN)}&order=20241103&next=${next}`);
    await checks;
    const expected = `/category/trail-shoes?ref=[email]&note=[iban]&order=20241103&next=${encodeURIComponent(encodeURIComponent('/account?session=[redacted]&tab=2')).replace(/%255B|%255D/g, (m) => (m === '%255B' ? '[' : ']'))}`;
    await expect.poll(() => storedRecord(page)).toContain('order=20241103');
    const stored = await storedRecord(page);
    expect(stored).toContain('note=[iban]');
    for (const raw of ['jan.novak', '0800', '5399', 'eyJhbGci']) expect(stored).not.toContain(raw);

    // On the next page, the agent's context shows the earlier page refined.
    await page.goto(`${demo.url}/product/summit-trail-runner`);
    const ctx = await scriptTagContext(page);
    const earlier = ctx.journey.map((e) => e.path);
    expect(earlier).toContain(expected);
    const all = JSON.stringify(ctx);
    for (const raw of ['jan.novak', '0800', '5399', 'eyJhbGci']) expect(all).not.toContain(raw);
    expect(problems.problems()).toEqual([]);
    await context.close();
  });
});
