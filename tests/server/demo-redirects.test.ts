// Issue 13, small ones: the demo store's sign-in and sign-out send the visitor back only to a path
// on the same site, judged after normalisation (`/.//evil.test` became `//evil.test`, another site),
// and signing out is a POST (a GET, a link or an <img> elsewhere, must not sign anyone out), which
// the embedded server accepts only from an allowed Origin.
import type http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startServer, type TestServer } from './helpers';

type DemoModule = {
  createDemoHandler(o: { notFound: boolean; identitySecret: string }): (req: http.IncomingMessage, res: http.ServerResponse) => boolean;
  safeReturn(value: string | null): string;
};
let demo: DemoModule;
let ts: TestServer;

beforeAll(async () => {
  demo = (await import(/* @vite-ignore */ new URL('../../demo/server.mjs', import.meta.url).href)) as DemoModule;
  ts = await startServer({ staticHandler: demo.createDemoHandler({ notFound: false, identitySecret: 'x'.repeat(32) }) });
});
afterAll(() => ts.close());

const form = (path: string, fields: Record<string, string>, origin = ts.origin, cookie?: string) =>
  request(`${ts.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin, ...(cookie ? { Cookie: cookie } : {}) },
    body: new URLSearchParams(fields).toString(),
  });

const OFF_SITE = ['/.//evil.test', '/./\\evil.test', '/a/..//evil.test', '/\t/evil.test', '//evil.test', 'https://evil.test/', '/\\evil.test', 'javascript:alert(1)', '/%5Cevil.test/..//evil.test'];

describe('demo redirects', () => {
  it('never sends the visitor off-site, whatever the return path, after normalisation', async () => {
    for (const value of OFF_SITE) {
      expect(demo.safeReturn(value), value).toBe('/');
      const res = await form('/signin', { return: value });
      expect(res.status, value).toBe(303);
      expect(res.headers.location, value).toBe('/');
    }
    expect(demo.safeReturn('/cart?added=x#top')).toBe('/cart?added=x#top');
    expect((await form('/signin', { return: '/product/stormline-shell' })).headers.location).toBe('/product/stormline-shell');
  });

  it('signs out with a POST only, from an allowed page, back to a same-site path', async () => {
    const cookie = 'demo_user=ada';
    const get = await request(`${ts.url}/signout?return=/cart`, { headers: { Cookie: cookie } });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
    expect(get.headers['set-cookie']).toBeUndefined();
    expect((await form('/signout', { return: '/cart' }, 'https://evil.test', cookie)).status).toBe(403);
    const out = await form('/signout', { return: '/.//evil.test' }, ts.origin, cookie);
    expect(out.status).toBe(303);
    expect(out.headers.location).toBe('/');
    expect(out.headers['set-cookie']?.[0]).toMatch(/^demo_user=; .*Max-Age=0/);
    // The store's pages offer a sign-out form, not a link.
    const page = await request(`${ts.url}/cart`, { headers: { Cookie: cookie } });
    expect(page.text).toMatch(/<form class="signout-form" method="post" action="\/signout">/);
    expect(page.text).not.toMatch(/href="\/signout/);
  });
});
