// "Call now" on a booked callback (issue 15), end to end on the real embedded server: a visitor
// books a callback from the panel while nobody is online and stays on the site; the agent's
// "Call now" rings the visitor's panel (an agent's call: Answer / Decline), the visitor answers and
// the two real Chromium pages talk over WebRTC (fake microphones), then the agent hangs up. Once
// the visitor has left, "Call now" is the number to dial (a tel: link). Axe-clean; screenshots at
// 1280x800 and 390x844 when BATON_SHOTS_DIR is set.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PHONE, axeViolations, collectConsole, signInToConsole, startProductWithAgent, type Product } from './harness';
import { RECORD_PEERS, expectAudioFlowing } from './peers';

const MEDIA_FLAGS = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'];
const SHOTS = process.env.BATON_SHOTS_DIR;
const AGENT = { email: 'noor@demo.test', name: 'Noor Haddad', password: 'a long demo password' };
let browser: Browser;
let product: Product;

beforeAll(async () => {
  ({ browser, product } = await startProductWithAgent(AGENT, MEDIA_FLAGS));
});
afterAll(async () => {
  await browser?.close();
  await product?.close();
});

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

async function withPeers(options: Parameters<Browser['newContext']>[0]): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(options);
  await context.addInitScript({ content: RECORD_PEERS });
  return { context, page: await context.newPage() };
}

/** The visitor books the first slot from the panel ("Call us" with nobody online offers a callback). */
async function bookCallback(page: Page, phone: string): Promise<void> {
  await page.goto(`${product.url}/product/basecamp-45`);
  await page.locator('#baton-launcher').click();
  const way = page.locator('#baton-panel .way[data-nav=call]');
  await expect.poll(() => way.locator('.note').textContent()).toBe('Nobody can take calls right now: we’ll offer you a callback');
  await way.click();
  const form = page.locator('#baton-panel [data-testid=callback-form]');
  await form.waitFor();
  await page.fill('#baton-cb', phone);
  await form.locator('button[type=submit]').click();
  await page.locator('#baton-panel [data-testid=callback-booked]').waitFor();
}

/** The call bar (not the callback offer, a section.call of its own). */
const callBar = (page: Page) => page.locator('#baton-panel section.call:not([data-call-state=unavailable]):not([data-call-state=callback])');

describe('"Call now" on a callback', () => {
  it('rings the visitor’s panel while they are on the site; answered, it is a call with audio both ways; the agent hangs up', async () => {
    const visitor = await withPeers({ viewport: { width: 1280, height: 800 } });
    const v = visitor.page;
    const visitorProblems = await collectConsole(v);
    await bookCallback(v, '+33 6 12 34 56 78');

    const agent = await withPeers({ viewport: { width: 1280, height: 800 } });
    const a = agent.page;
    await signInToConsole(a, product.url, AGENT);
    // After signing in (the sign-in page's own session check answers 401 before it).
    const agentProblems = await collectConsole(a);
    const item = a.locator('[data-testid=callback][data-status=booked]');
    await item.waitFor();
    // The visitor is on the site: "Call now" rings their browser (no tel: link).
    await expect.poll(() => item.locator('.cbk-phone').textContent()).toContain('on the site now');
    expect(await item.locator('[data-testid=callback-dial]').count()).toBe(0);
    await item.locator('[data-testid=callback-call]').click();

    // The console says it is calling, with the conversation (and the visitor's context) open.
    await a.locator('[data-testid=call-active][data-state=dialing]').waitFor();
    expect(await a.locator('[data-testid=call-active]').textContent()).toMatch(/^Calling Visitor #[A-Z0-9]{4}… their browser rings/);
    await expect.poll(() => a.locator('[data-testid=ctx-row][data-field=address]').textContent()).toContain('/product/basecamp-45');

    // The visitor's panel rings: the agent's name, Answer and Decline.
    const invite = v.locator('#baton-panel section.call[data-call-state=invite]');
    await invite.waitFor();
    expect(await invite.locator('.cst').textContent()).toBe('\u2068Noor Haddad\u2069 is calling you');
    expect(await invite.locator('button').allTextContents()).toEqual(['Decline', 'Answer']);
    expect(await axeViolations(v)).toEqual([]);
    await shot(v, 'visitor-incoming-desktop');
    expect(await axeViolations(a)).toEqual([]);
    await shot(a, 'console-dialing-desktop');

    await invite.getByRole('button', { name: 'Answer' }).click();
    await expect.poll(() => callBar(v).getAttribute('data-call-state'), { timeout: 20_000 }).toBe('connected');
    await a.locator('[data-testid=call-active][data-state=connected]').waitFor({ timeout: 20_000 });
    expect(await callBar(v).textContent()).toContain('On a call with \u2068Noor Haddad\u2069');
    await Promise.all([expectAudioFlowing(v), expectAudioFlowing(a)]);
    await shot(v, 'visitor-in-call-desktop');

    await a.locator('[data-testid=call-hangup]').click();
    await expect.poll(() => callBar(v).getAttribute('data-call-state')).toBe('ended');
    await a.locator('[data-testid=call-ended]').waitFor();
    // The thread holds the call's lines, for both.
    const thread = a.locator('[data-testid=thread] [data-testid=messages]');
    await expect.poll(() => thread.textContent()).toMatch(/Call to the visitor started by Noor Haddad.*Call answered by the visitor.*Call ended \(0:\d\d\)/s);
    // The microphone is released on both sides.
    const live = (p: Page) => p.evaluate(() => (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.filter((pc) => pc.connectionState !== 'closed').length);
    await expect.poll(() => live(v)).toBe(0);
    await expect.poll(() => live(a)).toBe(0);

    // The visitor leaves the site: the callback's "Call now" is the number to dial.
    await visitor.context.close();
    await a.locator('[data-testid=call-done]').click();
    await a.reload();
    await a.locator('[data-testid=connection][data-state=open]').waitFor();
    const dial = a.locator('[data-testid=callback][data-status=booked] [data-testid=callback-dial]');
    await dial.waitFor();
    expect(await dial.getAttribute('href')).toBe('tel:+33612345678');
    expect(await a.locator('[data-testid=callback-call]').count()).toBe(0);
    expect(await axeViolations(a)).toEqual([]);
    await shot(a, 'console-callback-offline-desktop');
    expect(visitorProblems.problems()).toEqual([]);
    expect(agentProblems.problems()).toEqual([]);
    await agent.context.close();
  });

  it('on a phone: the visitor declines, the console says so; the console at 390 px', async () => {
    const visitor = await withPeers(PHONE);
    const v = visitor.page;
    await bookCallback(v, '+44 20 7946 0958');
    const agent = await withPeers(PHONE);
    const a = agent.page;
    await signInToConsole(a, product.url, AGENT);
    const item = a.locator('[data-testid=callback][data-status=booked]').filter({ hasText: '+442079460958' });
    await item.waitFor();
    await item.locator('[data-testid=callback-call]').click();
    const invite = v.locator('#baton-panel section.call[data-call-state=invite]');
    await invite.waitFor();
    expect(await axeViolations(v)).toEqual([]);
    await shot(v, 'visitor-incoming-phone');
    await shot(a, 'console-dialing-phone');
    await invite.getByRole('button', { name: 'Decline' }).click();
    await invite.waitFor({ state: 'detached' });
    const ended = a.locator('[data-testid=call-ended]');
    await ended.waitFor();
    expect(await ended.getAttribute('data-reason')).toBe('declined');
    expect(await ended.textContent()).toContain('The visitor declined the call.');
    expect(await axeViolations(a)).toEqual([]);
    await shot(a, 'console-declined-phone');
    await visitor.context.close();
    await agent.context.close();
  });

  it('rings on a later page where the visitor never opened the panel: the widget opens on the call', async () => {
    const visitor = await withPeers({ viewport: { width: 1280, height: 800 } });
    const v = visitor.page;
    const visitorProblems = await collectConsole(v);
    await bookCallback(v, '+33 6 98 76 54 32');
    // Another page of the site: the chat reconnects by itself (the conversation is open); the panel stays closed.
    await v.goto(`${product.url}/category/trail-shoes`);
    await v.locator('#baton-launcher').waitFor();
    const agent = await withPeers({ viewport: { width: 1280, height: 800 } });
    const a = agent.page;
    await signInToConsole(a, product.url, AGENT);
    const item = a.locator('[data-testid=callback][data-status=booked]').filter({ hasText: '+33698765432' });
    await item.waitFor();
    await expect.poll(() => item.locator('.cbk-phone').textContent()).toContain('on the site now');
    expect(await v.locator('#baton-panel').isHidden()).toBe(true);
    await item.locator('[data-testid=callback-call]').click();

    // The widget opens by itself, ringing.
    const invite = v.locator('#baton-panel section.call[data-call-state=invite]');
    await invite.waitFor();
    expect(await invite.locator('.cst').textContent()).toBe('\u2068Noor Haddad\u2069 is calling you');
    expect(await v.locator('#baton-launcher').getAttribute('aria-expanded')).toBe('true');
    await invite.getByRole('button', { name: 'Decline' }).click();
    const ended = a.locator('[data-testid=call-ended]');
    await ended.waitFor();
    expect(await ended.getAttribute('data-reason')).toBe('declined');
    expect(visitorProblems.problems()).toEqual([]);
    await visitor.context.close();
    await agent.context.close();
  });
});
