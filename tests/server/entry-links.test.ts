// QR entry points (issue 19): links signed with the site's identity secret, their QR code, and the
// server's verdict on the entry a visitor's widget sends back (tampered, expired, unsigned: unverified).
import jsQR from 'jsqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryQrSvg, makeEntryLabel, signEntryLink, signEntryToken, signIdentity, unsignedEntryLink, verifyEntryToken, verifyIdentitySignature } from '../../src/server/index';
import { verifyContext } from '../../src/server/embedded/verifyContext';
import { validateContextSnapshot } from '../../src/protocol/contextSchema';
import { entryOf, type EntryContext } from '../../src/protocol/entry';
import type { ContextSnapshot } from '../../src/protocol/context';
import { Client, PASSWORD, SECRET, agent, login, makeContext, newClientId, readDb, startServer, visitor, type TestServer } from './helpers';

const JACKET = { url: 'https://shop.example/product/stormline-shell', kind: 'product' as const, label: 'Stormline 3L Shell', fields: { sku: 'FW-1004' } };
const tokenOf = (link: string) => new URL(link).hash.slice('#baton-entry='.length);
const payloadOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as Record<string, unknown>;
const encode = (o: unknown) => Buffer.from(JSON.stringify(o), 'utf8').toString('base64url');

/** What a widget opened from `link` sends: the payload read in the browser, the token as scanned. */
function browserEntry(token: string, at = Date.now()): EntryContext {
  const p = payloadOf(token) as { k: EntryContext['kind']; f: Record<string, string>; l?: string; e?: number };
  return entryOf(p, at, token);
}

/** The QR code in an SVG from entryQrSvg, drawn module by module into pixels and read by jsQR. */
function decodeSvg(svg: string): string | null {
  const n = Number(/viewBox="0 0 (\d+) \d+"/.exec(svg)![1]);
  const scale = 4;
  const w = n * scale;
  const rgba = new Uint8ClampedArray(w * w * 4).fill(255);
  for (const [, x, y] of svg.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) {
    for (let dy = 0; dy < scale; dy++)
      for (let dx = 0; dx < scale; dx++) {
        const i = ((Number(y) * scale + dy) * w + Number(x) * scale + dx) * 4;
        rgba[i] = rgba[i + 1] = rgba[i + 2] = 0;
      }
  }
  return jsQR(rgba, w, w)?.data ?? null;
}

describe('signEntryLink / verifyEntryToken', () => {
  it('makes a link with the entry in the fragment, which the server verifies', () => {
    const link = signEntryLink(JACKET, SECRET);
    const url = new URL(link);
    expect(url.origin + url.pathname).toBe(JACKET.url);
    expect(url.search).toBe('');
    const token = tokenOf(link);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(payloadOf(token)).toEqual({ k: 'product', f: { sku: 'FW-1004' }, l: 'Stormline 3L Shell' });
    expect(verifyEntryToken(token, SECRET)).toEqual({ ok: true, payload: { k: 'product', f: { sku: 'FW-1004' }, l: 'Stormline 3L Shell' } });
  });

  it('refuses a tampered payload, a tampered signature, another secret', () => {
    const token = signEntryToken({ kind: 'order', label: 'Order FW-10423', fields: { order: 'FW-10423' } }, SECRET);
    const [, sig] = token.split('.');
    // Another customer's order under the same signature:
    const forged = `${encode({ k: 'order', f: { order: 'FW-10424' }, l: 'Order FW-10424' })}.${sig}`;
    expect(verifyEntryToken(forged, SECRET)).toMatchObject({ ok: false, reason: 'invalid', payload: { f: { order: 'FW-10424' } } });
    const flipped = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    expect(verifyEntryToken(flipped, SECRET)).toMatchObject({ ok: false, reason: 'invalid' });
    expect(verifyEntryToken(token, 'another-secret-of-32-characters!')).toMatchObject({ ok: false, reason: 'invalid' });
    expect(verifyEntryToken(token, null)).toMatchObject({ ok: false, reason: 'invalid' });
    expect(verifyEntryToken(token, SECRET).ok).toBe(true);
  });

  it('expires: verified until expiresAt, then expired', () => {
    const expiresAt = Date.now() + 60_000;
    const token = signEntryToken({ ...JACKET, expiresAt }, SECRET);
    expect(verifyEntryToken(token, SECRET, expiresAt - 1000).ok).toBe(true);
    expect(verifyEntryToken(token, SECRET, expiresAt + 1000)).toMatchObject({ ok: false, reason: 'expired', payload: { l: 'Stormline 3L Shell' } });
  });

  it('an unsigned link carries the entry but is never verified', () => {
    const token = tokenOf(unsignedEntryLink({ url: 'https://shop.example/store/leeds', kind: 'store', fields: { store: 'leeds' } }));
    expect(token).not.toContain('.');
    expect(verifyEntryToken(token, SECRET)).toEqual({ ok: false, reason: 'unsigned', payload: { k: 'store', f: { store: 'leeds' } } });
  });

  it('malformed tokens are invalid and never throw', () => {
    for (const bad of ['', '.', 'not base64!', encode({ k: 'weapon', f: {} }), encode([1, 2]), encode({ k: 'free', f: {} }), `${encode({ k: 'free', f: { a: 'b' }, x: 1 })}`, 'a'.repeat(5000)])
      expect(verifyEntryToken(bad, SECRET).ok).toBe(false);
  });

  it('never mistakes an entry signature for an identity signature (or the reverse)', () => {
    const token = signEntryToken(JACKET, SECRET);
    const [payload] = token.split('.');
    // The identity HMAC of the payload string does not sign the entry, and the entry's does not sign an id.
    const identityMac = Buffer.from(signIdentity(payload!, SECRET), 'hex').subarray(0, 16).toString('base64url');
    expect(verifyEntryToken(`${payload}.${identityMac}`, SECRET).ok).toBe(false);
    expect(verifyIdentitySignature(payload!, Buffer.from(token.split('.')[1]!, 'base64url').toString('hex'), SECRET)).toBe(false);
  });

  it('checks what it signs: kinds, fields, label, expiry, URL, secret', () => {
    expect(() => signEntryLink({ ...JACKET, kind: 'weapon' as never }, SECRET)).toThrow(/kind/);
    expect(() => signEntryLink({ ...JACKET, fields: { 'bad key': 'x' } }, SECRET)).toThrow(/field names/);
    expect(() => signEntryLink({ ...JACKET, fields: { sku: 'x'.repeat(129) } }, SECRET)).toThrow(/sku/);
    expect(() => signEntryLink({ ...JACKET, fields: Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`f${i}`, 'v'])) }, SECRET)).toThrow(/at most 8/);
    expect(() => signEntryLink({ ...JACKET, label: 'x'.repeat(81) }, SECRET)).toThrow(/label/);
    expect(() => signEntryLink({ url: JACKET.url, kind: 'free' }, SECRET)).toThrow(/label or at least one field/);
    expect(() => signEntryLink({ ...JACKET, url: 'javascript:alert(1)' }, SECRET)).toThrow(/http/);
    expect(() => signEntryLink({ ...JACKET, url: '/relative' }, SECRET)).toThrow(/absolute/);
    expect(() => signEntryLink(JACKET, 'short')).toThrow(/at least 16/);
    // Unicode labels survive (base64url of UTF-8 JSON).
    const token = signEntryToken({ ...JACKET, label: 'Veste Stormline 3L — imperméable' }, SECRET);
    expect(verifyEntryToken(token, SECRET)).toMatchObject({ ok: true, payload: { l: 'Veste Stormline 3L — imperméable' } });
  });
});

describe('entryQrSvg', () => {
  it('draws a QR code that decodes to the link, with a quiet zone and a title', () => {
    const { url, svg } = makeEntryLabel({ ...JACKET, expiresAt: Date.now() + 86_400_000 }, SECRET, { size: 200 });
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 \d+ \d+" width="200" height="200" role="img"/);
    expect(svg).toContain('<title>Stormline 3L Shell</title>');
    expect(svg).not.toMatch(/M[0-3] \d+h1|M\d+ [0-3]h1/); // 4 light modules around
    expect(decodeSvg(svg)).toBe(url);
    // A label's code stays small enough to print (version 10 at most: 57 modules + the quiet zone).
    expect(Number(/viewBox="0 0 (\d+)/.exec(svg)![1])).toBeLessThanOrEqual(57 + 8);
  });

  it('escapes its title and refuses odd colours and sizes', () => {
    expect(entryQrSvg('x', { title: '<script>"&' })).toContain('<title>&#60;script&#62;&#34;&#38;</title>');
    expect(() => entryQrSvg('x', { color: 'red" onload="x' })).toThrow(/color/);
    expect(() => entryQrSvg('x', { size: 0 })).toThrow(/size/);
  });
});

describe('verifyContext: the entry as the agent sees it', () => {
  const withEntry = (entry: EntryContext): ContextSnapshot => ({ ...makeContext(), entry });

  it('verifies a signed entry, takes its fields from the token and drops the token', () => {
    const token = signEntryToken(JACKET, SECRET);
    const seen = verifyContext(withEntry(browserEntry(token)), SECRET).entry!;
    expect(seen).toMatchObject({ kind: 'product', label: 'Stormline 3L Shell', fields: { sku: 'FW-1004' }, verified: true });
    expect(seen).not.toHaveProperty('token');
    expect(seen).not.toHaveProperty('unverified');
  });

  it('a browser that edits the fields or claims verified gets an unverified entry', () => {
    const token = signEntryToken(JACKET, SECRET);
    const edited = { ...browserEntry(token), fields: { sku: 'FW-9999' } };
    // The token's own copy wins: what the agent sees verified is what was signed.
    expect(verifyContext(withEntry(edited), SECRET).entry).toMatchObject({ fields: { sku: 'FW-1004' }, verified: true });
    const claimed = { ...browserEntry(`${encode({ k: 'product', f: { sku: 'FW-9999' }, l: 'Stormline 3L Shell' })}.${token.split('.')[1]}`), verified: true };
    expect(verifyContext(withEntry(claimed), SECRET).entry).toMatchObject({ fields: { sku: 'FW-9999' }, verified: false, unverified: 'invalid' });
    const noToken: EntryContext = { kind: 'order', fields: { order: 'FW-1' }, at: Date.now(), verified: true };
    expect(verifyContext(withEntry(noToken), SECRET).entry).toMatchObject({ verified: false, unverified: 'unsigned' });
  });

  it('an expired link is marked expired', () => {
    const token = signEntryToken({ ...JACKET, expiresAt: Date.now() - 1000 }, SECRET);
    expect(verifyContext(withEntry(browserEntry(token)), SECRET).entry).toMatchObject({ verified: false, unverified: 'expired', label: 'Stormline 3L Shell' });
  });

  it('the schema takes an entry and refuses a malformed one', () => {
    const token = signEntryToken(JACKET, SECRET);
    expect(validateContextSnapshot(withEntry(browserEntry(token))).ok).toBe(true);
    expect(validateContextSnapshot({ ...makeContext(), entry: { ...browserEntry(token), kind: 'weapon' } }).ok).toBe(false);
    expect(validateContextSnapshot({ ...makeContext(), entry: { ...browserEntry(token), fields: { sku: 'x'.repeat(200) } } }).ok).toBe(false);
    expect(validateContextSnapshot({ ...makeContext(), entry: { ...browserEntry(token), extra: 1 } }).ok).toBe(false);
  });
});

describe('through the embedded server', () => {
  let ts: TestServer;
  let desk: Client;
  beforeAll(async () => {
    ts = await startServer();
    await ts.server.createAgent({ email: 'sam@desk.test', name: 'Sam', password: PASSWORD });
    desk = (await agent(ts, await login(ts, 'sam@desk.test'))).client;
  });
  afterAll(() => ts.close());

  async function seenByAgent(entry: EntryContext): Promise<{ entry: EntryContext; stored: string }> {
    const v = await visitor(ts, { context: { ...makeContext(), entry } });
    const ack = await v.client.request({ type: 'send', clientId: newClientId(), text: 'about this jacket' }, 'ack');
    const conversationId = ack.message.conversationId as string;
    const opened = await desk.request({ type: 'open', conversationId }, (f) => f.type === 'conversation' && (f.conversation as { id: string }).id === conversationId);
    const stored = (readDb(ts.dbPath, (db) => db.prepare('SELECT context_json FROM conversations WHERE id = ?').get(conversationId)) as { context_json: string }).context_json;
    v.client.close();
    return { entry: opened.conversation.context.entry, stored };
  }

  it('the agent sees a signed entry verified; the token is neither stored nor shown', async () => {
    const token = signEntryToken(JACKET, SECRET);
    const seen = await seenByAgent(browserEntry(token));
    expect(seen.entry).toMatchObject({ kind: 'product', label: 'Stormline 3L Shell', fields: { sku: 'FW-1004' }, verified: true });
    expect(seen.stored).toContain('FW-1004');
    expect(seen.stored).not.toContain(token.split('.')[1]);
  });

  it('the conversation keeps its scanned code, with its verdict, when a later page has none', async () => {
    const token = signEntryToken({ kind: 'order', label: 'Order FW-10423', fields: { order: 'FW-10423' } }, SECRET);
    const v = await visitor(ts, { context: { ...makeContext(null, '/'), entry: browserEntry(token) } });
    const ack = await v.client.request({ type: 'send', clientId: newClientId(), text: 'where is my order?' }, 'ack');
    const conversationId = ack.message.conversationId as string;
    await desk.request({ type: 'open', conversationId }, (f) => f.type === 'conversation' && (f.conversation as { id: string }).id === conversationId);
    // The visitor moves on: this page's context has no entry (the link was read on the first page).
    v.client.send({ type: 'context', context: makeContext(null, '/cart') });
    const next = await desk.next((f) => f.type === 'context' && f.conversationId === conversationId && f.context.page.path === '/cart', 5000);
    expect(next.context.entry).toMatchObject({ kind: 'order', fields: { order: 'FW-10423' }, verified: true });
    v.client.close();
  });

  it('the agent sees a tampered entry unverified', async () => {
    const token = signEntryToken(JACKET, SECRET);
    const tampered = `${encode({ k: 'product', f: { sku: 'FW-1004' }, l: 'Fjord Insulated Parka' })}.${token.split('.')[1]}`;
    const seen = await seenByAgent(browserEntry(tampered));
    expect(seen.entry).toMatchObject({ label: 'Fjord Insulated Parka', verified: false, unverified: 'invalid' });
  });
});
