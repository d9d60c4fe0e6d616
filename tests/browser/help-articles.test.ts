// Help articles end to end on the embedded server with the demo store's articles (demo/articles.json,
// boot option `articles`): suggested above the message box while the visitor types, read inline, and
// what the visitor read reaches the agent's context; the Help view's search; "That helped" counted in
// the console as a conversation avoided; article content that looks like HTML shown as text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, collectConsole, screenshot, openConsole, startProductWithAgent, type Product } from './harness';

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

const agentConsole = () => openConsole(browser, product.url, AGENT);

const focusedIn = (page: Page) =>
  page.evaluate(() => {
    const el = document.getElementById('baton-root')?.shadowRoot?.activeElement as HTMLElement | null | undefined;
    return el ? el.id || el.dataset.nav || el.textContent || el.tagName : '';
  });

describe('help articles', () => {
  it('typing "refund" suggests the returns article; reading it, then "I still need help", reaches the agent’s context', async () => {
    const agent = await agentConsole();
    const agentProblems = await collectConsole(agent.page);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const visitor = await context.newPage();
    const problems = await collectConsole(visitor);
    await visitor.goto(`${product.url}/product/fjord-parka`);
    await visitor.locator('#baton-launcher').click();
    await visitor.locator('#baton-start').click();
    const input = visitor.locator('#baton-input');
    await input.waitFor();

    // Fewer than 3 characters: nothing; "refund": the returns article, among at most 3.
    await input.pressSequentially('re');
    expect(await visitor.locator('#baton-panel .sug li').count()).toBe(0);
    await input.pressSequentially('fund');
    const suggestion = visitor.locator('#baton-panel .sug button[data-article=returns-refunds]');
    await suggestion.waitFor();
    expect(await visitor.locator('#baton-panel .sug li').count()).toBeLessThanOrEqual(3);
    expect(await suggestion.textContent()).toBe('Returns and refunds');
    await screenshot(visitor, 'help-suggestions');
    expect(await axeViolations(visitor)).toEqual([]);

    // Read inline, rendered from the markdown subset; the draft waits in the composer.
    await suggestion.click();
    const article = visitor.locator('#baton-panel article[data-article=returns-refunds]');
    await article.waitFor();
    expect(await focusedIn(visitor)).toBe('baton-art-h');
    expect(await article.locator('h3').textContent()).toBe('Returns and refunds');
    expect(await article.locator('.md h4').first().textContent()).toBe('How to return an item');
    expect(await article.locator('.md ol > li').count()).toBe(3);
    expect(await article.locator('.md strong').first().textContent()).toBe('60 days');
    await screenshot(visitor, 'help-article');
    expect(await axeViolations(visitor)).toEqual([]);

    // "I still need help": back in the conversation, connected, the draft kept.
    await visitor.locator('[data-testid=article-need-help]').click();
    await input.waitFor();
    expect(await input.inputValue()).toBe('refund');
    expect(await focusedIn(visitor)).toBe('baton-input');
    await input.fill('My refund has not arrived after two weeks');
    await visitor.keyboard.press('Enter');
    await visitor.locator('#baton-panel li[data-sender=visitor][data-status=sent]').waitFor();

    // The agent sees what the visitor read, and that it did not settle the question.
    const item = agent.page.locator('[data-testid=queue-item]', { hasText: 'refund has not arrived' });
    await item.waitFor();
    await item.locator('[data-testid=claim]').click();
    const read = agent.page.locator('[data-testid=context-panel] [data-testid=self-service-article]');
    await expect.poll(() => read.allTextContents()).toEqual([expect.stringContaining('Returns and refunds')]);
    // The chat connected on "Send us a message": the answer reaches the agent with the next live
    // context update (at most a second later), after the message itself.
    await expect.poll(() => read.first().getAttribute('data-helped')).toBe('false');
    expect(await read.first().textContent()).toContain('still needed help');
    await screenshot(agent.page, 'help-agent-context');

    // The visitor's own "What the agent sees" says the same.
    await visitor.locator('[data-testid=back]').click();
    await visitor.locator('#baton-show').click();
    await expect.poll(() => visitor.locator('#baton-panel [data-testid=self-service-article]').allTextContents()).toEqual([
      expect.stringMatching(/Returns and refunds.*Still needed help/),
    ]);
    expect(problems.problems()).toEqual([]);
    expect(agentProblems.problems()).toEqual([]);
    await context.close();
    await agent.context.close();
  });

  it('Help searches the articles; "That helped" with no conversation is counted in the console as a conversation avoided', async () => {
    const agent = await agentConsole();
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const visitor = await context.newPage();
    const problems = await collectConsole(visitor);
    await visitor.goto(`${product.url}/cart`);
    await visitor.locator('#baton-launcher').click();
    await visitor.locator('#baton-panel [data-tab=help]').click();
    const search = visitor.locator('#baton-help-q');
    await search.waitFor();
    expect(await focusedIn(visitor)).toBe('baton-help-q');
    // Nothing typed: the popular articles (the first of the site's list).
    expect(await visitor.locator('[data-testid=help-results] li').count()).toBeGreaterThan(3);
    await search.fill('parcel late');
    const results = visitor.locator('[data-testid=help-results] button[data-article]');
    await expect.poll(() => results.first().getAttribute('data-article')).toBe('late-or-missing-parcel');
    expect(await visitor.locator('#baton-help-h').textContent()).toMatch(/^\d+ articles? for “\u2068parcel late\u2069”$/);
    await screenshot(visitor, 'help-search-phone');
    expect(await axeViolations(visitor)).toEqual([]);
    await search.fill('zzzz qqqq');
    await visitor.locator('#baton-panel button[data-nav=ask]').waitFor();
    await search.fill('delivery');
    await visitor.locator('[data-testid=help-results] button[data-article=delivery-times]').click();
    await visitor.locator('[data-testid=article-helped]').click();
    await expect.poll(() => focusedIn(visitor)).toMatch(/Glad it helped/);

    // The console reads the count when it loads (and every minute).
    const console2 = await agent.context.newPage();
    await console2.goto(`${product.url}/agent`);
    const stats = console2.locator('[data-testid=self-service-stats]');
    await expect.poll(() => stats.getAttribute('data-avoided'), { timeout: 10_000 }).toBe('1');
    expect(await stats.textContent()).toBe('Help articles avoided 1 conversation (1 helped, last 7 days)');
    await screenshot(console2, 'help-console-stats');

    // Back to the list with focus on the article that was opened.
    await visitor.locator('[data-testid=back]').click();
    expect(await focusedIn(visitor)).toBe('a:delivery-times');
    expect(problems.problems()).toEqual([]);
    await context.close();
    await agent.context.close();
  });

  it('shows article content that looks like HTML as text, and reports bad articles with the error event', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${product.url}/`);
    await page.locator('#baton-launcher').waitFor();
    await page.evaluate(() => {
      const w = window as unknown as { Baton: (...a: unknown[]) => void; __errors: unknown[] };
      w.__errors = [];
      w.Baton('shutdown');
      w.Baton('on', 'error', (e: unknown) => w.__errors.push(e));
      w.Baton('boot', {
        launcher: { label: 'Help' },
        articles: [
          { id: 'html', title: '<b>Bold</b> <script>alert(1)</script>', body: '<img src=x onerror="window.__xss=1">\n\n**real bold** and [js](javascript:window.__xss=2)', tags: ['html'] },
          { id: 'no title', title: '', body: '' },
        ],
      });
    });
    await page.getByRole('button', { name: 'Help' }).click();
    await page.locator('#baton-panel [data-tab=help]').click();
    await page.locator('[data-testid=help-results] button[data-article=html]').click();
    const article = page.locator('#baton-panel article[data-article=html]');
    await article.waitFor();
    expect(await article.locator('h3').textContent()).toBe('<b>Bold</b> <script>alert(1)</script>');
    expect(await article.locator('.md').textContent()).toContain('<img src=x onerror="window.__xss=1">');
    expect(await article.locator('img, script, b, a').count()).toBe(0);
    expect(await article.locator('strong').textContent()).toBe('real bold');
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    const errors = await page.evaluate(() => (window as unknown as { __errors: { code: string; message: string }[] }).__errors);
    expect(errors).toEqual([{ code: 'invalid_argument', message: 'boot({ articles }): 1 of 2 articles left out: articles[1] "no title": id must be 1..64 characters of letters, digits and _ . : -' }]);
    await context.close();
  });
});
