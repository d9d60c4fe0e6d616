// Photos end to end (issue 16) on the embedded server: a visitor on a phone-sized page sends a
// photo carrying EXIF GPS; the browser downscales and re-encodes it, the server stores it, and the
// agent's console shows it, with no GPS in the stored bytes. A text file named photo.jpg is refused
// with a clear message and nothing reaches the server. A photo refused by the server's rate limit
// (429) waits exactly its Retry-After, shown waiting, survives a reload, and is then stored once.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import WebSocket from 'ws';
import { HTTP_VISITOR_MEDIA_PATH } from '../../src/protocol/media';
import { GPS_MARKER_TEXT, containsBytes, jpegSegments, withGpsExif } from '../fixtures/exifJpeg';
import { PHONE, axeViolations, collectConsole, openConversation, screenshot, signInToConsole, startProductWithAgent, type Product } from './harness';

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

/** A real 12 MP-ish camera JPEG (4000x3000, drawn and encoded by Chromium), as bytes. */
async function cameraJpeg(page: Page, width = 4000, height = 3000): Promise<Uint8Array> {
  const bytes = await page.evaluate(
    async ({ width, height }) => {
      const c = new OffscreenCanvas(width, height);
      const g = c.getContext('2d')!;
      const grad = g.createLinearGradient(0, 0, width, height);
      grad.addColorStop(0, '#2d6cdf');
      grad.addColorStop(1, '#f3b33d');
      g.fillStyle = grad;
      g.fillRect(0, 0, width, height);
      g.fillStyle = '#fff';
      g.font = `${height / 8}px sans-serif`;
      g.fillText('Torn seam', width / 10, height / 2);
      const blob = await c.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
      return [...new Uint8Array(await blob.arrayBuffer())];
    },
    { width, height },
  );
  return new Uint8Array(bytes);
}

describe('photos', () => {
  it('a photo from a phone reaches the agent without its EXIF GPS; a non-image named .jpg is refused', async () => {
    const agentContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const agent = await agentContext.newPage();
    await signInToConsole(agent, product.url, AGENT);
    const agentProblems = await collectConsole(agent); // after the sign-in page's expected 401

    const phone = await browser.newContext(PHONE);
    const visitor = await phone.newPage();
    const visitorProblems = await collectConsole(visitor);
    await visitor.goto(`${product.url}/product/stormline-shell`);
    await openConversation(visitor);
    await visitor.locator('#baton-input').fill('The seam on my jacket tore');
    await visitor.keyboard.press('Enter');
    await visitor.locator('#baton-panel li[data-sender=visitor][data-status=sent]').waitFor();

    // The agent claims the conversation.
    const item = agent.locator('[data-testid=queue-item]', { hasText: 'seam' });
    await item.waitFor();
    await item.locator('[data-testid=claim]').click();
    await agent.locator('[data-testid=composer]').waitFor();

    // A touch screen offers the camera and the library.
    await visitor.locator('#baton-photo').click();
    const menu = visitor.locator('#baton-panel [role=menu]');
    await menu.waitFor();
    expect(await menu.locator('[role=menuitem]').allTextContents()).toEqual(['Take a photo', 'Choose a photo', 'Scan a code']);
    expect(await visitor.locator('[data-testid=camera-input]').getAttribute('capture')).toBe('environment');
    await visitor.screenshot({ path: await screenshot(visitor, 'photos-phone-menu') }); // the viewport, where the panel is
    await visitor.keyboard.press('Escape');
    await expect.poll(() => menu.count()).toBe(0);

    // The photo, with a GPS position in its EXIF, picked from the library.
    const original = withGpsExif(await cameraJpeg(visitor));
    expect(containsBytes(original, GPS_MARKER_TEXT)).toBe(true);
    await visitor.locator('[data-testid=photo-input]').setInputFiles({ name: 'IMG_0042.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(original) });
    const sent = visitor.locator('#baton-panel li[data-sender=visitor][data-status=sent] .phb img');
    await sent.waitFor();
    await expect.poll(() => sent.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(2048);

    // The agent sees it as a thumbnail, opens it in the lightbox.
    const thumb = agent.locator('[data-testid=message][data-sender=visitor] [data-testid=photo-thumb] img');
    await thumb.waitFor();
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(2048);
    await agent.locator('[data-testid=photo-thumb]').click();
    await agent.locator('[data-testid=lightbox]').waitFor();
    await screenshot(agent, 'photos-agent-lightbox');
    await agent.locator('[data-testid=lightbox-close]').click();

    // On the server's disk: downscaled to 2,048 px, re-encoded, no EXIF, no GPS.
    const rows = new Database(product.dbPath, { readonly: true }).prepare('SELECT sha256, size, content_type FROM media').all() as { sha256: string; size: number; content_type: string }[];
    expect(rows).toHaveLength(1);
    const stored = new Uint8Array(readFileSync(`${product.dbPath}-media/${rows[0]!.sha256.slice(0, 2)}/${rows[0]!.sha256}`));
    expect(createHash('sha256').update(stored).digest('hex')).toBe(rows[0]!.sha256);
    expect(rows[0]!.content_type).toBe('image/jpeg');
    expect(jpegSegments(stored)).not.toContain(0xe1);
    expect(containsBytes(stored, GPS_MARKER_TEXT)).toBe(false);
    expect(containsBytes(stored, 'Exif')).toBe(false);
    expect(stored.length).toBeLessThan(original.length);

    // The agent sends a photo back from the console; the visitor sees it.
    await agent.locator('[data-testid=photo-input]').setInputFiles({ name: 'how-to-fold.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(await cameraJpeg(agent, 800, 600)) });
    const back = visitor.locator('#baton-panel li[data-sender=agent] .phb img');
    await back.waitFor();
    await expect.poll(() => back.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(800);

    // A text file named like a photo: refused in the browser with a clear message, nothing uploaded.
    const before = await visitor.locator('#baton-panel li[data-sender=visitor]').count();
    await visitor.locator('[data-testid=photo-input]').setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('this is not a picture, only text') });
    await expect.poll(() => visitor.locator('#baton-note').textContent()).toMatch(/not a photo/);
    expect(await visitor.locator('#baton-panel li[data-sender=visitor]').count()).toBe(before);
    expect(new Database(product.dbPath, { readonly: true }).prepare('SELECT COUNT(*) AS n FROM media').get()).toEqual({ n: 2 });
    await visitor.screenshot({ path: await screenshot(visitor, 'photos-phone-conversation') });

    expect(await axeViolations(visitor)).toEqual([]);
    expect(visitorProblems.problems()).toEqual([]);
    expect(agentProblems.problems()).toEqual([]);
    await phone.close();
    await agentContext.close();
  });

  it('a photo refused with 429 waits the Retry-After, shown waiting, across a reload, then arrives once', { timeout: 240_000 }, async () => {
    // An agent online (else the visitor gets the leave-a-message form).
    const agentContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await signInToConsole(await agentContext.newPage(), product.url, AGENT);
    const phone = await browser.newContext(PHONE);
    const uploads: number[] = [];
    phone.on('response', (r) => {
      if (r.request().method() === 'POST' && new URL(r.url()).pathname === HTTP_VISITOR_MEDIA_PATH) uploads.push(r.status());
    });
    const visitor = await phone.newPage();
    const problems = await collectConsole(visitor);
    await visitor.goto(`${product.url}/product/stormline-shell`);
    await openConversation(visitor);
    await visitor.locator('#baton-input').fill('A photo of the label is coming');
    await visitor.keyboard.press('Enter');
    await visitor.locator('#baton-panel li[data-sender=visitor][data-status=sent]').waitFor();

    // Another visitor from the same address uses up the server's photo limit for it (12 a minute,
    // counted per visitor and per address; the attempts count even when refused for their content).
    const credential = await new Promise<string>((resolve, reject) => {
      const ws = new WebSocket(`${product.url.replace(/^http/, 'ws')}/ws/visitor`, { headers: { Origin: product.url } });
      ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', v: 1 })));
      ws.on('message', (data) => {
        const f = JSON.parse(data.toString()) as { type: string; credential?: string };
        if (f.type === 'welcome') resolve(f.credential!), ws.close();
      });
      ws.on('error', reject);
    });
    for (let i = 0; i < 12; i++) {
      await fetch(`${product.url}${HTTP_VISITOR_MEDIA_PATH}?clientId=bad`, { method: 'POST', headers: { Origin: product.url, Authorization: `Bearer ${credential}`, 'Content-Type': 'image/jpeg' }, body: 'x' });
    }
    const mediaRows = () => (new Database(product.dbPath, { readonly: true }).prepare('SELECT COUNT(*) AS n FROM media').get() as { n: number }).n;
    const before = mediaRows();

    // The photo: refused for now; the visitor sees it waiting, with the time left.
    await visitor.locator('[data-testid=photo-input]').setInputFiles({ name: 'label.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(await cameraJpeg(visitor, 800, 600)) });
    const waiting = visitor.locator('#baton-panel [data-testid=photo-waiting]');
    await waiting.waitFor();
    expect(await waiting.textContent()).toMatch(/^Waiting to send: it goes by itself in \d+ s\.$/);
    expect(uploads).toEqual([429]);
    await visitor.screenshot({ path: await screenshot(visitor, 'photos-phone-waiting') });
    expect(await axeViolations(visitor)).toEqual([]);

    // A reload loses nothing: the photo is still there, tried once more, and waits again.
    await visitor.reload();
    await openConversation(visitor);
    await waiting.waitFor();
    expect(uploads).toEqual([429, 429]);

    // It goes when the server said it could, once: no upload in between (a backoff would have
    // tried several times in that minute), and one photo stored.
    const sent = visitor.locator('#baton-panel li[data-sender=visitor][data-status=sent] .phb img');
    await sent.waitFor({ timeout: 120_000 });
    expect(uploads).toEqual([429, 429, 200]);
    expect(mediaRows()).toBe(before + 1);
    expect(await visitor.locator('#baton-panel li[data-sender=visitor] .phb').count()).toBe(1);

    // Chromium logs each refused upload ("the server responded with a status of 429"): expected here.
    expect(problems.problems().filter((p) => !p.includes('status of 429'))).toEqual([]);
    await phone.close();
    await agentContext.close();
  });
});
