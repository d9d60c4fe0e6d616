// The widget in other languages (issue 18), in Chromium against the real product: Slovak, Chinese,
// Arabic (right to left) and the pseudo-locale en-XA (every string accented and 40 % longer), on a
// desktop and a phone, through the main views (home, help, conversation, call). Nothing clipped or
// overflowing, Arabic mirrored and axe-clean, only the shown language's chunk loaded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PHONE, axeViolations, collectConsole, startProductWithAgent, type Product } from './harness';

/** The viewport as the visitor sees it (the panel is fixed: a full-page shot would be mostly the store), in test-results/. */
async function screenshot(page: Page, name: string): Promise<void> {
  const dir = fileURLToPath(new URL('../../test-results', import.meta.url));
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: `${dir}/${name}.png` });
}

const MEDIA_FLAGS = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'];
let browser: Browser;
let product: Product;
const AGENT = { email: 'lena@demo.test', name: 'Lena Novák', password: 'correct horse battery staple' };

beforeAll(async () => {
  ({ browser, product } = await startProductWithAgent(AGENT, MEDIA_FLAGS));
});
afterAll(async () => {
  await browser?.close();
  await product?.close();
});

/**
 * Text the panel cuts off: an element whose content is wider (or taller) than its box while its
 * overflow hides the rest (scrolling regions excepted), the panel wider than its frame, or a field
 * squeezed too narrow to type in by the words beside it.
 */
function clipped(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.getElementById('baton-root')!.shadowRoot!;
    const out: string[] = [];
    const panel = root.getElementById('baton-panel')!;
    if (panel.scrollWidth > panel.clientWidth + 1) out.push(`the panel scrolls sideways (${panel.scrollWidth} > ${panel.clientWidth})`);
    // The panel hides what does not fit: the message box pushed below its bottom edge is out of sight.
    const box = root.getElementById('baton-input');
    const bottom = panel.getBoundingClientRect().bottom;
    if (box?.offsetParent && box.getBoundingClientRect().bottom > bottom + 1) out.push(`the message box ends ${Math.round(box.getBoundingClientRect().bottom - bottom)} px below the panel`);
    for (const el of root.querySelectorAll<HTMLElement>('#baton-panel *')) {
      if (!el.offsetParent || !el.textContent?.trim()) continue;
      const s = getComputedStyle(el);
      const hides = (o: string) => o === 'hidden' || o === 'clip';
      const what = `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${el.className} "${el.textContent.trim().slice(0, 40)}"`;
      if (hides(s.overflowX) && el.scrollWidth > el.clientWidth + 1 && !el.classList.contains('sr')) out.push(`${what}: ${el.scrollWidth} wide in ${el.clientWidth}`);
      if (hides(s.overflowY) && el.scrollHeight > el.clientHeight + 1 && !el.classList.contains('sr')) out.push(`${what}: ${el.scrollHeight} tall in ${el.clientHeight}`);
      if (s.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1) out.push(`${what}: ellipsis`);
    }
    // A choice (radio, checkbox) stretched as if it were a text field.
    for (const c of root.querySelectorAll<HTMLElement>('#baton-panel input[type=radio], #baton-panel input[type=checkbox]')) {
      const w = c.getBoundingClientRect().width;
      if (c.offsetParent && w > 32) out.push(`${c.getAttribute('name') ?? 'a choice'}: ${Math.round(w)} px wide`);
    }
    // A field squeezed by a longer button beside it: too narrow to type in.
    for (const f of root.querySelectorAll<HTMLElement>('#baton-panel input:not([type=radio]):not([type=checkbox]):not([type=file]), #baton-panel textarea')) {
      const w = f.getBoundingClientRect().width;
      if (f.offsetParent && w < 120) out.push(`${f.id || f.tagName.toLowerCase()}: a field ${Math.round(w)} px wide`);
    }
    return out;
  });
}

const CASES = [
  { lang: 'sk', hello: 'Dobrý deň', start: 'Pošlite nám správu', help: 'Pomoc', dir: 'ltr' },
  { lang: 'zh-Hans', hello: '您好', start: '给我们发消息', help: '帮助', dir: 'ltr' },
  { lang: 'ar', hello: 'مرحبًا', start: 'أرسل لنا رسالة', help: 'المساعدة', dir: 'rtl' },
  { lang: 'en-XA', hello: '[Ĥî ţĥéŕé', start: '[Šéñð ûš å ɱéššåĝé', help: '[Ĥéļþ', dir: 'ltr' },
] as const;

describe.each(CASES)('the widget in $lang', ({ lang, hello, start, help, dir }) => {
  it.each([
    ['desktop', { viewport: { width: 1280, height: 800 } }],
    ['phone', PHONE],
  ] as const)('%s: home, help, conversation, call, nothing clipped', async (size, device) => {
    const context = await browser.newContext(device);
    const page = await context.newPage();
    const problems = await collectConsole(page);
    const chunks: string[] = [];
    page.on('request', (r) => {
      const m = /\/chunks\/(en|fr|de|es|sk|cs|pl|ru|uk|zh-Hans|zh-Hant|ja|ar|he|pseudo)-[\w-]+\.js$/.exec(r.url());
      if (m) chunks.push(m[1]!);
    });
    await page.goto(`${product.url}/product/fjord-parka?lang=${lang}&noproactive=1`);
    const launcher = page.locator('#baton-launcher');
    await launcher.waitFor();
    // Before interaction, no language chunk: only the launcher's word for it.
    expect(chunks).toEqual([]);
    const box = (await launcher.boundingBox())!;
    const width = device.viewport.width;
    // Arabic mirrors: the launcher on the left.
    expect(dir === 'rtl' ? box.x < width / 2 : box.x > width / 2).toBe(true);
    await launcher.click();
    const dialog = page.locator('#baton-panel [role=dialog]');
    await expect.poll(() => dialog.locator('#baton-title').textContent()).toContain(hello);
    expect([await dialog.getAttribute('lang'), await dialog.getAttribute('dir')]).toEqual([lang, dir]);
    await expect.poll(() => dialog.locator('#baton-start').textContent()).toContain(start);
    // Only the language shown (the pseudo-locale is made from English's chunk).
    expect([...new Set(chunks)].sort()).toEqual(lang === 'en-XA' ? ['en', 'pseudo'] : [lang]);
    expect(await clipped(page)).toEqual([]);
    await screenshot(page, `i18n-${lang}-home-${size}`);
    if (lang === 'ar') expect(await axeViolations(page)).toEqual([]);

    // Help: the articles, in the panel's words.
    await dialog.locator('[data-tab=help]').click();
    await expect.poll(() => dialog.locator('#baton-title').textContent()).toContain(help);
    await dialog.locator('.bd button, .bd a').first().waitFor();
    expect(await clipped(page)).toEqual([]);
    await screenshot(page, `i18n-${lang}-help-${size}`);

    // The conversation: the menu in the site's words for the language, a message written in English.
    await dialog.locator('[data-tab=home]').click();
    await dialog.locator('#baton-start').click();
    await dialog.locator('#baton-input').waitFor();
    await dialog.locator('#baton-input').fill(`Is the Fjord parka waterproof? https://example.com/fjord (${lang} ${size})`);
    await page.keyboard.press('Enter');
    const mine = dialog.locator('li.msg.me').last();
    await mine.waitFor();
    // The visitor's own text keeps its direction whatever the panel's.
    expect(await mine.locator('bdi[dir=auto]').count()).toBe(1);
    expect(await clipped(page)).toEqual([]);
    await screenshot(page, `i18n-${lang}-chat-${size}`);
    if (lang === 'ar') expect(await axeViolations(page)).toEqual([]);

    // A call: the call bar in the language (nobody answers here: it ends with the other ways to reach us).
    await dialog.locator('#baton-call').click();
    await dialog.locator('section.call[data-call-state]').waitFor();
    // The callback booking's slot picker (its own chunk) and its phone field, in the language.
    await dialog.locator('section.call input[type=tel]').waitFor();
    expect(await clipped(page)).toEqual([]);
    await screenshot(page, `i18n-${lang}-call-${size}`);

    expect(problems.problems()).toEqual([]);
    await context.close();
  });
});
