// "Continue by SMS / on WhatsApp" (issue 19) in a real Chromium: the demo store booted with
// `transport: 'twilio'`, the server half (createTwilioChatHandler, the real `twilio` package) in front
// of it with an SMS number and a WhatsApp sender, both talking to one fake Twilio cloud: its REST API
// for the server, its SDK side for the page (./twilioBridge.ts answers the SDK chunk's import). The
// visitor writes, chooses "Continue by SMS", types their number, confirms it as the server read it
// (nothing is sent before), and the same conversation gets the phone: the agent sees the change in
// the thread, the agent's reply goes to the phone, the visitor's text back lands in the thread, and
// coming back to the site shows all of it.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { FakeTwilioCloud } from '../fakes/twilioConversations';
import { createTwilioChatHandler, type TwilioChatConfig } from '../../src/server/index';
import { PHONE, axeViolations, collectConsole, launchChromium, openConversation, screenshot } from './harness';
import { bridgeTwilioCloud } from './twilioBridge';

const HEX32 = '0123456789abcdef0123456789abcdef';
const SMS_NUMBER = '+14155550100';
const config: TwilioChatConfig = {
  accountSid: `AC${HEX32}`,
  apiKey: `SK${HEX32}`,
  apiSecret: 'apisecretapisecretapisecret12345',
  conversationsServiceSid: `IS${HEX32}`,
  smsNumber: SMS_NUMBER,
  whatsappNumber: '+12025550143',
};
/** Where the screenshots are looked at (outside the repository); copied there when it exists. */
const SHOTS = process.env.BATON_SHOTS_DIR;

let browser: Browser;
let server: http.Server;
let url: string;
let cloud: FakeTwilioCloud;

beforeAll(async () => {
  const href = new URL('../../demo/server.mjs', import.meta.url).href;
  const demo = (await import(/* @vite-ignore */ href)) as { createDemoHandler(o: object): (req: http.IncomingMessage, res: http.ServerResponse) => boolean };
  const identitySecret = randomBytes(32).toString('base64url');
  cloud = new FakeTwilioCloud({ accountSid: config.accountSid, apiKey: config.apiKey, apiSecret: config.apiSecret, serviceSid: config.conversationsServiceSid });
  const client = twilio(config.apiKey, config.apiSecret, { accountSid: config.accountSid, httpClient: cloud.httpClient as unknown as twilio.RequestClient });
  const twilioRoutes = createTwilioChatHandler({ config, client, identitySecret });
  const store = demo.createDemoHandler({ identitySecret, boot: { transport: 'twilio' } });
  server = http.createServer((req, res) => void (twilioRoutes(req, res) || store(req, res)));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await new Promise<void>((r) => server.close(() => r()));
});

async function shot(page: Page, name: string) {
  await screenshot(page, name);
  if (SHOTS) {
    // What the visitor sees: the viewport, with the panel.
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/${name}.png` });
  }
}

/** The panel's thread as the visitor reads it: [sender, text] per line. */
const thread = (page: Page) =>
  page.locator('#baton-panel .msgs > li[data-sender]').evaluateAll((lis) => lis.map((li) => [li.getAttribute('data-sender'), (li.querySelector('.tx') ?? li).textContent?.trim() ?? '']));

describe('continue by SMS on Twilio', () => {
  for (const [size, device] of [
    ['desktop', { viewport: { width: 1280, height: 800 } }],
    ['phone', PHONE],
  ] as const) {
    // Both places the SDK runs (src/transports/twilio-chat/startSdk.ts): its worker, and the page's
    // thread where the page refuses the worker.
    const sdk = size === 'desktop' ? 'worker' : 'page';
    it(`keeps the conversation when the visitor moves it to SMS, and shows the phone's replies on return (${size}, the SDK ${sdk === 'worker' ? 'in its worker' : "on the page's thread"})`, async () => {
      const context = await browser.newContext(device);
      const page = await context.newPage();
      const bridge = await bridgeTwilioCloud(page, cloud, { sdk });
      const problems = await collectConsole(page);
      await page.goto(`${url}/product/stormline-shell`);
      await page.locator('#baton-launcher').click();
      await page.locator('#baton-start').click();
      const input = page.locator('#baton-input');
      await input.fill('My parcel has not arrived');
      await input.press('Enter');
      await page.locator('#baton-panel li[data-sender=visitor][data-status=sent]').waitFor();

      // The offers, once the chat is connected on Twilio with a number and a sender configured.
      const sms = page.locator('[data-testid=continue-sms]');
      await sms.waitFor();
      expect(await page.locator('[data-testid=continue-whatsapp]').isVisible()).toBe(true);
      await sms.click();
      const phone = page.locator('#baton-cb-phone');
      await expect.poll(() => phone.evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el)).toBe(true);
      await phone.fill('+44 7911 12345x');
      await page.locator('[data-testid=continue-next]').click();
      await page.locator('#baton-cb-note.bad').waitFor();
      expect(await page.locator('#baton-cb-note').textContent()).toContain('include the country code');
      const number = size === 'desktop' ? '+447911123456' : '+447911123457';
      const display = size === 'desktop' ? '+44 7911 123456' : '+44 7911 123457';
      await phone.fill(number);
      await phone.press('Enter'); // Enter reads the number; it never sends the composer's message

      const ask = page.locator('[data-testid=continue-ask]');
      await ask.waitFor();
      // The number as the server read it, for the visitor to confirm: nothing sent yet.
      expect(await ask.textContent()).toBe(`Send our replies to ${display} too?`);
      const participantAdded = () => cloud.requests.some((r) => r.method === 'POST' && r.data?.['MessagingBinding.Address'] === number);
      expect(participantAdded()).toBe(false);
      expect(cloud.texts.filter((t) => t.to === number)).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
      await shot(page, `continue-sms-confirm-${size}`);

      await page.locator('[data-testid=continue-yes]').click();
      await page.locator('[data-testid=continue-done]').waitFor();
      expect(await page.locator('[data-testid=continue-done]').textContent()).toBe(`Our replies also go to ${display}.`);
      // The channel change in the thread, on the visitor's side and on the agent's (the conversation's messages).
      const line = `Continued by SMS at ${display}. Replies to this number reach the same conversation.`;
      await expect.poll(async () => (await thread(page)).some(([s, t]) => s === 'system' && t === line)).toBe(true);
      expect(participantAdded()).toBe(true);
      const c = cloud.conversation(cloud.requests.find((r) => r.method === 'POST' && r.data?.['MessagingBinding.Address'] === number)!.uri.split('/Conversations/')[1]!.split('/')[0]!)!;
      expect(c.messages.map((m) => m.body)).toEqual(['My parcel has not arrived', line]);
      // SMS is continued, so only WhatsApp is still offered; the composer has focus back.
      expect(await sms.count()).toBe(0);
      expect(await page.locator('[data-testid=continue-whatsapp]').isVisible()).toBe(true);
      await shot(page, `continue-sms-done-${size}`);

      // The agent answers (Flex, or any desk): the web chat and the phone get it.
      const visitor = c.uniqueName!;
      cloud.agentJoin(visitor, 'agent_5fsam', 'Sam');
      cloud.agentSend(visitor, 'agent_5fsam', 'It left the depot this morning.');
      await page.locator('#baton-panel li[data-sender=agent]', { hasText: 'It left the depot this morning.' }).waitFor();
      expect(cloud.texts.filter((t) => t.to === number).map((t) => t.body)).toEqual([line, 'It left the depot this morning.']);
      await page.close();

      // Away from the site, the visitor answers by SMS; it lands in the same conversation.
      cloud.textFrom(number, SMS_NUMBER, 'Thanks! I will be home after 6.');

      // Back on the site later: the whole conversation, the SMS reply as the visitor's own.
      const back = await context.newPage();
      const backBridge = await bridgeTwilioCloud(back, cloud, { sdk });
      const backProblems = await collectConsole(back);
      await back.goto(`${url}/`);
      await openConversation(back);
      await back.locator('#baton-panel li[data-sender=visitor]', { hasText: 'Thanks! I will be home after 6.' }).waitFor();
      expect(await thread(back)).toEqual([
        ['visitor', 'My parcel has not arrived'],
        ['system', line],
        ['system', '\u2068Sam\u2069 joined the conversation'],
        ['agent', 'It left the depot this morning.'],
        ['visitor', 'Thanks! I will be home after 6.'],
      ]);
      await back.locator('[data-testid=continue-whatsapp]').waitFor();
      expect(await back.locator('[data-testid=continue-sms]').count()).toBe(0);
      expect(await axeViolations(back)).toEqual([]);
      await shot(back, `continue-sms-return-${size}`);
      expect([bridge.sdkThread(), backBridge.sdkThread()]).toEqual([sdk, sdk]);
      for (const p of [problems, backProblems]) {
        expect(p.cspViolations).toEqual([]);
        expect(p.pageErrors).toEqual([]);
      }
      await context.close();
    });
  }

  it('speaks the visitor\'s language, right to left in Arabic, the number kept left to right; "Change" sends nothing', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await bridgeTwilioCloud(page, cloud);
    await page.goto(`${url}/product/stormline-shell?lang=ar`);
    await page.locator('#baton-launcher').click();
    await page.locator('#baton-start').click();
    await page.locator('#baton-input').fill('وصلني المعطف بمقاس خاطئ');
    await page.locator('#baton-input').press('Enter');
    await page.locator('#baton-panel li[data-sender=visitor][data-status=sent]').waitFor();
    const sms = page.locator('[data-testid=continue-sms]');
    await sms.waitFor();
    expect(await sms.textContent()).toBe('المتابعة عبر SMS');
    await sms.click();
    await page.locator('#baton-cb-phone').fill('+33 6 98 76 54 31');
    await page.locator('[data-testid=continue-next]').click();
    const ask = page.locator('[data-testid=continue-ask]');
    await ask.waitFor();
    expect(await ask.textContent()).toBe('هل نرسل ردودنا إلى +33 6 98 76 54 31 أيضًا؟');
    expect(await ask.locator('bdi').getAttribute('dir')).toBe('ltr');
    // Drawn left to right: the + left of the last digit, inside the right-to-left sentence.
    const plusLeftOfLastDigit = await ask.locator('bdi').evaluate((el) => {
      const text = el.firstChild!;
      const x = (from: number) => {
        const r = document.createRange();
        r.setStart(text, from);
        r.setEnd(text, from + 1);
        return r.getBoundingClientRect().x;
      };
      return x(0) < x(text.textContent!.length - 1);
    });
    expect(plusLeftOfLastDigit).toBe(true);
    expect(await page.locator('div.dlg[role=dialog]').getAttribute('dir')).toBe('rtl');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'continue-sms-confirm-ar-phone');
    await page.locator('[data-testid=continue-form] .btn2').click(); // "Change": back to the number, nothing sent
    await page.locator('#baton-cb-phone').waitFor();
    expect(cloud.requests.some((r) => r.data?.['MessagingBinding.Address'] === '+33698765431')).toBe(false);
    await context.close();
  });
});
