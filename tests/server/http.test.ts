// The HTTP side: console page and its CSP, console files, health, the host's static handler,
// JSON 404s, and a graceful close that tells every socket (1001).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PASSWORD, agent, login, newClientId, postJson, request, startServer, visitor, type TestServer } from './helpers';

let ts: TestServer;
const consoleDir = mkdtempSync(join(tmpdir(), 'baton-console-'));

beforeAll(async () => {
  mkdirSync(join(consoleDir, 'chunks'));
  writeFileSync(join(consoleDir, 'console.js'), 'export const console = 1;\n');
  writeFileSync(join(consoleDir, 'chunks', 'list-abc.js'), 'export {};\n');
  // As the npm package ships the console: its gzip copy only (rollup.config.mjs gzipCopies, package.json files).
  writeFileSync(join(consoleDir, 'chunks', 'sk-abc.js.gz'), gzipSync('export default { signIn: "Prihlásiť sa" };\n'));
  writeFileSync(join(consoleDir, 'secret.txt'), 'no');
  ts = await startServer({
    consoleDir,
    staticHandler(req, res) {
      if (req.url === '/' || req.url === '/cart/add') {
        res.setHeader('Content-Type', 'text/plain');
        res.end(`store ${req.method}`);
        return true;
      }
      if (req.url === '/boom') throw new Error('static handler bug');
      return false;
    },
  });
});
afterAll(() => ts.close());

describe('agent console', () => {
  it('serves the page with a nonce-based strict CSP and the module script', async () => {
    const res = await request(`${ts.url}/agent`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const csp = res.headers['content-security-policy'] as string;
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toBe(
      `default-src 'self'; script-src 'self' 'nonce-${nonce}'; style-src 'self'; connect-src 'self' ws://${new URL(ts.url).host}; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'`,
    );
    // Issue 13: the console connects only to its own origin (wss: on its own host over https; a Host that is not a host adds nothing).
    const https = await request(`${ts.url}/agent`, { headers: { 'X-Forwarded-Proto': 'https', Host: 'support.example.com' } });
    expect(https.headers['content-security-policy']).toContain("connect-src 'self' wss://support.example.com;");
    const odd = await request(`${ts.url}/agent`, { headers: { Host: 'evil.test; connect-src *' } });
    expect(odd.headers['content-security-policy']).toContain("connect-src 'self';");
    expect(res.text).toContain('<div id="app">');
    expect(res.text).toContain(`<script type="module" src="/agent/console.js" nonce="${nonce}"></script>`);
    expect(res.text).not.toMatch(/<style|style=/);
    const again = await request(`${ts.url}/agent/`);
    expect(again.headers['content-security-policy']).not.toBe(csp); // a fresh nonce per response
  });

  it('serves console scripts, and nothing else from that folder or outside it', async () => {
    const js = await request(`${ts.url}/agent/console.js`);
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
    expect((await request(`${ts.url}/agent/chunks/list-abc.js`)).status).toBe(200);
    expect((await request(`${ts.url}/agent/secret.txt`)).status).toBe(404);
    expect((await request(`${ts.url}/agent/%2e%2e/package.json`)).status).toBe(404);
    expect((await request(`${ts.url}/agent/..%2f..%2fpackage.json`)).status).toBe(404);
    expect((await request(`${ts.url}/agent/missing.js`)).json).toMatchObject({ error: { code: 'not_found' } });
  });

  it('sends a console file shipped gzipped as it is to a browser, inflated to a client without gzip', async () => {
    const raw = (headers: Record<string, string>) =>
      new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        http.get(`${ts.url}/agent/chunks/sk-abc.js`, { headers }, (res) => {
          const parts: Buffer[] = [];
          res.on('data', (c: Buffer) => parts.push(c));
          res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(parts) }));
        }).on('error', reject);
      });
    const browser = await raw({ 'Accept-Encoding': 'gzip, deflate, br' });
    expect([browser.headers['content-encoding'], browser.headers['content-type'], browser.headers.vary]).toEqual(['gzip', 'text/javascript; charset=utf-8', 'Accept-Encoding']);
    expect(gunzipSync(browser.body).toString('utf8')).toBe('export default { signIn: "Prihlásiť sa" };\n');
    const plain = await raw({});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString('utf8')).toBe('export default { signIn: "Prihlásiť sa" };\n');
    // The plain file, where there is one, for a client without gzip; the path rules hold for the copies too.
    expect((await raw({ 'Accept-Encoding': 'gzip' })).headers['content-encoding']).toBe('gzip');
    expect((await request(`${ts.url}/agent/chunks/sk-abc.js.gz`)).status).toBe(404);
  });
});

describe('routing', () => {
  it('answers health, hands other paths to the static handler, and 404s the rest in JSON', async () => {
    expect((await request(`${ts.url}/healthz`)).json).toEqual({ ok: true });
    expect((await request(`${ts.url}/`)).text).toBe('store GET');
    // The static handler's POSTs are origin-checked too.
    expect((await request(`${ts.url}/cart/add`, { method: 'POST', headers: { Origin: ts.origin } })).text).toBe('store POST');
    expect((await request(`${ts.url}/cart/add`, { method: 'POST', headers: { Origin: 'https://evil.example' } })).status).toBe(403);
    const missing = await request(`${ts.url}/nowhere`);
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ error: { code: 'not_found', message: 'Not found' } });
    expect((await request(`${ts.url}/ws/visitor`)).status).toBe(426);
  });

  it('turns a thrown bug into a 500 JSON, logged, and keeps serving', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const boom = await request(`${ts.url}/boom`);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('/boom failed'), expect.any(Error));
    log.mockRestore();
    expect(boom.status).toBe(500);
    expect(boom.json).toMatchObject({ error: { code: 'server_error' } });
    expect((await request(`${ts.url}/healthz`)).status).toBe(200);
  });
});

describe('close()', () => {
  it('sends 1001 "server shutting down" to every socket, then stops', async () => {
    const own = await startServer();
    await own.server.createAgent({ email: 'sam@desk.test', name: 'Sam', password: PASSWORD });
    const desk = await agent(own, await login(own, 'sam@desk.test'));
    const v = await visitor(own);
    await v.client.request({ type: 'send', clientId: newClientId(), text: 'bye' }, 'ack');
    const closing = own.close();
    const [vClosed, aClosed] = await Promise.all([v.client.closed, desk.client.closed]);
    expect(vClosed).toEqual({ code: 1001, reason: 'server shutting down' });
    expect(aClosed).toEqual({ code: 1001, reason: 'server shutting down' });
    await closing;
    await expect(postJson(own, '/api/visitor/status', { credential: 'x' })).rejects.toThrow();
  });
});
