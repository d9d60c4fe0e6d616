// The satisfaction survey (issue 15) in Chromium against the real server: after the agent closes a
// chat, and after an answered call ends, the visitor gets the same question in the thread (1 to 5
// and a comment), answers once, and the answer reaches the agent's console.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, collectConsole, openConversation, screenshot, signInToConsole, startProductWithAgent, type Product } from './harness';

const MEDIA_FLAGS = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'];
let browser: Browser;
let product: Product;
const AGENT = { email: 'ana@demo.test', name: 'Ana Ortiz', password: 'correct horse battery staple' };

beforeAll(async () => {
  ({ browser, product } = await startProductWithAgent(AGENT, MEDIA_FLAGS));
});
afterAll(async () => {
  await browser?.close();
  await product?.close();
});

/** An .eml in the server's local outbox to `to` that contains `text` (the bodies are quoted-printable: plain words survive). */
function outboxHas(to: string, text: string): boolean {
  const dir = `${product.dbPath}-outbox`;
  if (!existsSync(dir)) return false;
  return readdirSync(dir).some((f) => {
    const eml = readFileSync(join(dir, f), 'utf8').replace(/=\r\n/g, ''); // quoted-printable's soft line breaks
    return eml.includes(`To: ${to}`) && eml.includes(text);
  });
}

/** Picks `score` and sends the survey with `comment`. */
async function answer(v: Page, score: number, comment: string) {
  const survey = v.locator('#baton-panel [data-testid=survey]');
  await survey.waitFor();
  await survey.locator(`input[type=radio][value="${score}"]`).check();
  await survey.locator('#baton-csat-comment').fill(comment);
  await survey.locator('button[type=submit]').click();
  await v.locator('#baton-panel [data-testid=survey-done]').waitFor();
}

describe('the satisfaction survey', () => {
  it('after the agent closes the chat: asked in the thread, answered once, shown to the agent', async () => {
    const agentContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const agent = await agentContext.newPage();
    await signInToConsole(agent, product.url, AGENT);
    for (const [size, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 390, height: 844 }]] as const) {
      const context = await browser.newContext({ viewport });
      const v = await context.newPage();
      const problems = await collectConsole(v);
      await v.goto(`${product.url}/product/fjord-parka`);
      await openConversation(v);
      await v.locator('#baton-input').fill(`Does the parka run large? (${size})`);
      await v.keyboard.press('Enter');
      const item = agent.locator('[data-testid=queue-item]', { hasText: `(${size})` });
      await item.waitFor();
      await item.locator('[data-testid=claim]').click();
      await agent.fill('[data-testid=composer]', 'It runs true to size.');
      await agent.keyboard.press('Enter');
      await agent.locator('[data-testid=message][data-sender=agent][data-status=sent]', { hasText: 'true to size' }).waitFor();
      await agent.locator('[data-testid=close-conversation]').click();
      await agent.locator('[data-testid=confirm-close]').click();
      await agent.locator('[data-testid=closed-notice]').waitFor();

      // The survey is the thread's last item; focus is not taken from where the visitor was.
      const survey = v.locator('#baton-panel ol.msgs > li').last();
      await expect.poll(() => survey.getAttribute('data-testid')).toBe('survey');
      expect(await survey.locator('legend').textContent()).toBe('How was this conversation?');
      expect(await axeViolations(v)).toEqual([]);
      await screenshot(v, `survey-chat-${size}`);
      await answer(v, size === 'desktop' ? 5 : 2, size === 'desktop' ? 'Quick and clear' : 'Took a while');
      expect(await v.locator('#baton-panel [data-testid=survey-done]').textContent()).toBe('Thanks for your feedback.');
      await screenshot(v, `survey-chat-done-${size}`);

      // Then a copy of the conversation by e-mail: typed once, sent once, an .eml in the outbox.
      const offer = v.locator('#baton-panel [data-testid=transcript]');
      await offer.waitFor();
      await offer.locator('button[type=submit]').click();
      expect(await offer.locator('#baton-tr-note').textContent()).toBe('This e-mail address doesn’t look complete.');
      await offer.locator('#baton-tr-email').fill(`parka-${size}@example.com`);
      expect(await axeViolations(v)).toEqual([]);
      await screenshot(v, `transcript-ask-${size}`);
      await offer.locator('button[type=submit]').click();
      await expect.poll(() => v.locator('#baton-panel [data-testid=transcript-sent]').textContent()).toBe('The transcript is on its way to your inbox.');
      await expect.poll(() => outboxHas(`parka-${size}@example.com`, 'true to size')).toBe(true);

      // The answer reaches the agent: the closed conversation's thread and its row in the list.
      const csat = agent.locator('[data-testid=csat]');
      await csat.waitFor();
      expect(await csat.textContent()).toBe(size === 'desktop' ? 'The visitor rated this conversation 5 out of 5: Quick and clear' : 'The visitor rated this conversation 2 out of 5: Took a while');
      expect(await agent.locator('[data-testid=queue-csat]', { hasText: size === 'desktop' ? 'Rated 5/5' : 'Rated 2/5' }).count()).toBeGreaterThan(0);
      // A reload of the visitor's page asks nothing again.
      await v.reload();
      await v.locator('#baton-launcher').click();
      await v.locator('#baton-panel [data-go=chat]').first().click();
      await v.locator('#baton-panel li[data-sender=agent]', { hasText: 'true to size' }).waitFor();
      expect(await v.locator('#baton-panel [data-testid=survey]').count()).toBe(0);
      expect(problems.problems()).toEqual([]);
      await context.close();
    }
    expect(await axeViolations(agent)).toEqual([]);
    await screenshot(agent, 'survey-console');
    await agentContext.close();
  });

  it('after an answered call ends: the same question, and the agent sees the answer', async () => {
    const agentContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const agent = await agentContext.newPage();
    await signInToConsole(agent, product.url, AGENT);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const v = await context.newPage();
    await v.goto(`${product.url}/product/stormline-shell`);
    await openConversation(v);
    await v.locator('#baton-input').fill('Can I call about sizing?');
    await v.keyboard.press('Enter');
    await v.locator('#baton-panel li[data-sender=visitor][data-status=sent]').waitFor();
    await v.locator('#baton-call').click();
    await agent.locator('[data-testid=call-answer]').click();
    await expect.poll(() => v.locator('#baton-panel section.call').getAttribute('data-call-state'), { timeout: 20_000 }).toBe('connected');
    await v.locator('#baton-panel section.call button.hang').click();
    await expect.poll(() => v.locator('#baton-panel section.call').getAttribute('data-call-state')).toBe('ended');
    // The chat is still open (active): the survey comes after the call.
    await v.locator('#baton-panel [data-testid=survey]').waitFor();
    expect(await v.locator('#baton-input').count()).toBe(1);
    await screenshot(v, 'survey-call-desktop');
    await answer(v, 4, 'Clear answer on the phone');
    await agent.locator('[data-testid=csat]', { hasText: '4 out of 5' }).waitFor();
    await context.close();
    await agentContext.close();
  });
});
