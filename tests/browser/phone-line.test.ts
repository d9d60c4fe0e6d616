// The phone-line fallback end to end on the embedded server (what `npm start` runs): the visitor
// opens "Call us by phone" in the widget and sees the company's number as a tel: link with a
// 6-digit code; the agent types that code into the console and sees who is calling, from which
// page; the code works once. Screenshots of both sides: test-results/phone-line-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { collectConsole, screenshot, signInToConsole, startProductWithAgent, type Product } from './harness';

let browser: Browser;
let product: Product;
const AGENT = { email: 'sam@demo.test', name: 'Sam Rivera', password: 'correct horse battery staple' };

beforeAll(async () => {
  ({ browser, product } = await startProductWithAgent(AGENT));
});
afterAll(async () => {
  await browser?.close();
  await product?.close();
});

describe('phone line with a context code', () => {
  it('the widget shows the number and a code; the console looks the code up once and shows the caller’s context', async () => {
    const agentContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const agent = await agentContext.newPage();
    await signInToConsole(agent, product.url, AGENT);
    const agentProblems = await collectConsole(agent);

    const visitorContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const visitor = await visitorContext.newPage();
    const visitorProblems = await collectConsole(visitor);
    await visitor.goto(`${product.url}/product/stormline-shell`);
    await visitor.locator('#baton-launcher').click();
    await visitor.locator('#baton-phone').click();
    const view = visitor.locator('[data-testid=phone-line]');
    await view.waitFor();
    const number = view.locator('[data-testid=phone-number]');
    await expect(number.textContent()).resolves.toBe('+1 555 0100');
    await expect(number.getAttribute('href')).resolves.toBe('tel:+15550100');
    const codeText = (await view.locator('[data-testid=phone-code]').textContent()) ?? '';
    expect(codeText).toMatch(/^\d{3} \d{3}$/);
    await expect(view.locator('[data-testid=phone-expiry]').textContent()).resolves.toMatch(/Valid until .+ \((9|10) minutes left\), once\./);
    await screenshot(visitor, 'phone-line-widget');

    // The caller reads the code out; the agent types it into the console.
    const lookup = agent.locator('[data-testid=phone-lookup]');
    await lookup.locator('input').fill(codeText);
    await lookup.locator('button[type=submit]').click();
    const result = agent.locator('[data-testid=phone-result]');
    await expect(result.locator('[data-testid=phone-page]').textContent()).resolves.toMatch(/Stormline/);
    await expect(result.locator('[data-testid=phone-caller]').textContent()).resolves.toMatch(/Anonymous visitor|Visitor/);
    // Opening it shows the conversation the code belongs to, in the queue.
    await result.locator('[data-testid=phone-open]').click();
    await agent.locator('[data-testid=queue-item].selected').waitFor();
    await screenshot(agent, 'phone-line-console');

    // Single use: the same code again finds nothing.
    await lookup.locator('input').fill(codeText);
    await lookup.locator('button[type=submit]').click();
    // Waits for the new answer: the previous result stays on screen until it arrives.
    await agent.locator('[data-testid=phone-result]', { hasText: /No such code/ }).waitFor();

    expect(visitorProblems.problems()).toEqual([]);
    // Only the refused second lookup (Chromium logs every 4xx answer).
    expect(agentProblems.problems()).toEqual([expect.stringMatching(/404 \(Not Found\).*\/api\/agent\/phone-lookup/)]);
    await visitorContext.close();
    await agentContext.close();
  });
});
