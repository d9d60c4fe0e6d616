// QR entry points end to end (issue 19) on the embedded server with the demo store: a label's QR
// code on /labels (a screenshot, decoded with jsQR) opens the product's page on a phone with the
// panel about it ("About: …"); after a message, the agent's context panel shows the scan first,
// verified by the server; the same link with its label changed opens the chat too, unverified.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PHONE, axeViolations, collectConsole, decodeQr as decodeQrIn, screenshot, signInToConsole, startProductWithAgent, type Product } from './harness';

let browser: Browser;
let product: Product;
const AGENT = { email: 'sam@demo.test', name: 'Sam Rivera', password: 'correct horse battery staple' };
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  ({ browser, product } = await startProductWithAgent(AGENT));
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await product?.close();
});

async function newPage(options: Parameters<Browser['newContext']>[0]): Promise<Page> {
  const context = await browser.newContext(options);
  contexts.push(context);
  return context.newPage();
}

const decodeQr = (png: Buffer) => decodeQrIn(browser, png);

/** Opens `link` on a phone, checks the panel is about `label`, sends `text`; returns the phone's page. */
async function scanAndWrite(link: string, label: string, text: string): Promise<Page> {
  const phone = await newPage(PHONE);
  const problems = await collectConsole(phone);
  await phone.goto(link);
  const about = phone.locator('#baton-panel [data-testid=entry-about]');
  await about.waitFor();
  expect(await about.textContent()).toBe(`About: \u2068${label}\u2069 (from the label)`);
  // The token left the address bar: a reload or a shared URL does not carry it.
  expect(new URL(phone.url()).hash).toBe('');
  expect(new URL(phone.url()).pathname).toBe('/product/stormline-shell');
  await phone.locator('#baton-input').fill(text);
  await phone.keyboard.press('Enter');
  await phone.locator('#baton-panel li[data-sender=visitor][data-status=sent]', { hasText: text }).waitFor();
  expect(problems.problems()).toEqual([]);
  return phone;
}

/** The agent opens the conversation that says `text`; returns its context panel's entry section. */
async function agentEntry(agent: Page, text: string) {
  const item = agent.locator('[data-testid=queue-item]', { hasText: text });
  await item.waitFor();
  await item.click();
  const section = agent.locator('[data-testid=context-panel] [data-testid=ctx-entry]');
  await section.waitFor();
  return section;
}

describe('QR entry points', () => {
  it('a label from /labels opens the panel about the product on a phone; the agent sees the scan verified', async () => {
    const agent = await newPage({ viewport: { width: 1280, height: 800 } });
    await signInToConsole(agent, product.url, AGENT);

    // The printable labels: four products and an order, each a QR code.
    const sheet = await newPage({ viewport: { width: 1280, height: 800 } });
    await sheet.goto(`${product.url}/labels`);
    expect(await sheet.locator('[data-testid=label]').count()).toBe(5);
    await sheet.screenshot({ path: await screenshot(sheet, 'qr-labels-1280') });
    expect(await axeViolations(sheet)).toEqual([]);
    const code = sheet.locator('[data-testid=label][data-sku=FW-1004] .label__code');
    const link = await decodeQr(await code.screenshot());
    expect(link).toMatch(new RegExp(`^${product.url}/product/stormline-shell#baton-entry=[\\w-]+\\.[\\w-]{22}$`));
    const order = await decodeQr(await sheet.locator('[data-testid=label][data-kind=order] .label__code').screenshot());
    expect(order).toMatch(new RegExp(`^${product.url}/#baton-entry=[\\w-]+\\.[\\w-]{22}$`));

    const phone = await scanAndWrite(link!, 'Stormline 3L Shell', 'Does the Stormline come in a longer cut?');
    await phone.screenshot({ path: await screenshot(phone, 'qr-entry-phone-panel') });
    expect(await axeViolations(phone)).toEqual([]);

    // The agent: the scan first in the context panel, verified by the server, with its fields.
    const entry = await agentEntry(agent, 'longer cut');
    const row = entry.locator('[data-testid=ctx-row][data-field=entry]');
    expect(await row.locator('dt').textContent()).toBe('Product');
    expect(await row.locator('[data-testid=ctx-value]').textContent()).toBe('Stormline 3L Shell');
    expect(await row.locator('[data-testid=verified-badge]').getAttribute('data-verified')).toBe('true');
    expect(await entry.locator('[data-testid=ctx-row][data-field="entry.sku"] [data-testid=ctx-value]').textContent()).toBe('FW-1004');
    expect(await entry.locator('[data-testid=entry-why]').count()).toBe(0);
    // First: above the identity and the page.
    const firstSection = await agent.locator('[data-testid=context-panel] details.ctx-sec').first().getAttribute('data-testid');
    expect(firstSection).toBe('ctx-entry');
    await agent.screenshot({ path: await screenshot(agent, 'qr-entry-agent-1280') });
    expect(await axeViolations(agent)).toEqual([]);

    // The visitor's "What the agent sees" lists it too, first.
    await phone.locator('#baton-panel [data-testid=back]').click();
    await phone.locator('#baton-show').click();
    const mine = phone.locator('#baton-panel [data-field=entry]');
    await mine.waitFor();
    expect(await mine.textContent()).toContain('Stormline 3L Shell');
    await phone.screenshot({ path: await screenshot(phone, 'qr-entry-phone-what-the-agent-sees') });

    // The agent's context at phone size.
    await agent.setViewportSize({ width: 390, height: 844 });
    await agent.getByRole('button', { name: 'Customer' }).click();
    await agent.locator('[data-testid=context-panel] [data-testid=ctx-entry]').waitFor({ state: 'visible' });
    await agent.screenshot({ path: await screenshot(agent, 'qr-entry-agent-390') });
  });

  it('a tampered link still opens the chat, and the agent sees it unverified', async () => {
    const agent = await newPage({ viewport: { width: 1280, height: 800 } });
    await signInToConsole(agent, product.url, AGENT);
    const sheet = await newPage({ viewport: { width: 1280, height: 800 } });
    await sheet.goto(`${product.url}/labels`);
    const link = (await decodeQr(await sheet.locator('[data-testid=label][data-sku=FW-1004] .label__code').screenshot()))!;
    // Someone rewrites the label's payload (another product) and keeps the signature.
    const [base, token] = link.split('#baton-entry=') as [string, string];
    const [payload, signature] = token.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { l: string };
    claims.l = 'Fjord Insulated Parka';
    const tampered = `${base}#baton-entry=${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;

    await scanAndWrite(tampered, 'Fjord Insulated Parka', 'Is this parka warm enough for Norway?');
    const entry = await agentEntry(agent, 'warm enough for Norway');
    const row = entry.locator('[data-testid=ctx-row][data-field=entry]');
    expect(await row.locator('[data-testid=ctx-value]').textContent()).toBe('Fjord Insulated Parka');
    expect(await row.locator('[data-testid=verified-badge]').getAttribute('data-verified')).toBe('false');
    expect(await entry.locator('[data-testid=entry-why]').textContent()).toBe('The signature does not match: the code was altered, or signed with another secret.');
    await agent.screenshot({ path: await screenshot(agent, 'qr-entry-agent-tampered') });
  });

  it("an admin makes a label in the console; its code opens the panel about it", async () => {
    const agent = await newPage({ viewport: { width: 1280, height: 800 } });
    await signInToConsole(agent, product.url, AGENT);
    await agent.locator('[data-testid=open-label]').click();
    const dialog = agent.locator('[data-testid=label-dialog]');
    await dialog.waitFor();
    await agent.fill('[data-testid=label-url]', `${product.url}/product/stormline-shell`);
    await agent.selectOption('[data-testid=label-kind]', 'parcel');
    await agent.fill('[data-testid=label-text]', 'Parcel 1Z999 for Ada');
    await agent.fill('[data-testid=label-field]', 'parcel');
    await agent.fill('[data-testid=label-value]', '1Z999AA10123456784');
    await agent.fill('[data-testid=label-days]', '14');
    await agent.locator('[data-testid=label-make]').click();
    const qr = dialog.locator('[data-testid=label-qr]');
    await qr.waitFor();
    await agent.waitForFunction(() => (document.querySelector('[data-testid=label-qr]') as HTMLImageElement | null)?.complete === true);
    const link = await decodeQr(await qr.screenshot());
    expect(link).toBe(await dialog.locator('[data-testid=label-link]').textContent());
    expect(await axeViolations(agent)).toEqual([]);
    await agent.screenshot({ path: await screenshot(agent, 'qr-label-dialog-1280') });
    await agent.setViewportSize({ width: 390, height: 844 });
    await agent.screenshot({ path: await screenshot(agent, 'qr-label-dialog-390') });
    await agent.setViewportSize({ width: 1280, height: 800 });
    await agent.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    await scanAndWrite(link!, 'Parcel 1Z999 for Ada', 'My parcel has not arrived');
    const entry = await agentEntry(agent, 'parcel has not arrived');
    const row = entry.locator('[data-testid=ctx-row][data-field=entry]');
    expect(await row.locator('dt').textContent()).toBe('Parcel');
    expect(await row.locator('[data-testid=verified-badge]').getAttribute('data-verified')).toBe('true');
    expect(await entry.locator('[data-testid=ctx-row][data-field="entry.parcel"] [data-testid=ctx-value]').textContent()).toBe('1Z999AA10123456784');
  });
});
