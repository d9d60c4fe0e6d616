// /baton/*: the script-tag build served like a CDN asset (src/server/embedded/cdnAssets.ts) over a
// dist/ published by the build's own plugin (scripts/publishCdn.mjs): CORS, CORP, build-time
// brotli/gzip chosen by Accept-Encoding, immutable hashed files, revalidated entry files, and
// nothing else of dist/ reachable.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain JS build script
import { publishCdn } from '../../scripts/publishCdn.mjs';
import { acceptedEncodings } from '../../src/server/embedded/cdnAssets';
import { startServer, type TestServer } from './helpers';

let ts: TestServer;
const dist = mkdtempSync(join(tmpdir(), 'baton-cdn-'));
// Large and repetitive enough that brotli and gzip both shrink it.
const ENTRY = `import('./chunks/panel-Ab12Cd34.js');\n${'export const text = "Chat with us, we answer in minutes";\n'.repeat(40)}`;
const CHUNK = `export const panel = ${JSON.stringify('panel '.repeat(200))};\n`;
// Too short for brotli or gzip to shrink it.
const LOADER = 'Baton=0';

function put(file: string, text: string) {
  mkdirSync(join(dist, file, '..'), { recursive: true });
  writeFileSync(join(dist, file), text);
}

beforeAll(async () => {
  put('baton-loader.js', LOADER);
  put('baton.js', ENTRY);
  put('chunks/panel-Ab12Cd34.js', CHUNK);
  // Private parts of dist/ that must never be served under /baton/.
  put('manifest.json', '{"baton.js":{}}');
  put('server/index.js', 'export const secret = 1;');
  put('console/console.js', 'export const console = 1;');
  put('npm/index.js', 'export {};');
  put('demo/spa.js', 'export {};');
  put('types/index.d.ts', 'export {};');
  mkdirSync(join(dist, 'outside'));
  writeFileSync(join(dist, 'outside', 'x.js'), 'outside');
  const bundle = {
    'baton.js': { type: 'chunk', fileName: 'baton.js' },
    'chunks/panel-Ab12Cd34.js': { type: 'chunk', fileName: 'chunks/panel-Ab12Cd34.js' },
    'manifest.json': { type: 'asset', fileName: 'manifest.json' },
  };
  publishCdn({ version: '9.9.9' }).writeBundle.call({ error: (m: string) => { throw new Error(m); } }, { dir: dist }, bundle);
  ts = await startServer({ cdnDir: dist });
});
afterAll(async () => {
  await ts.close();
  rmSync(dist, { recursive: true, force: true });
});

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/**
 * A request that keeps the body's bytes (compressed answers are compared byte for byte) and sends
 * the path exactly as written (no URL normalization of `..`).
 */
function get(path: string, headers: Record<string, string> = {}, method = 'GET', base = ts.url): Promise<Raw> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const sri = (text: string) => `sha384-${createHash('sha384').update(text).digest('base64')}`;

describe('the build publishes', () => {
  it('integrity.json: the version, the pinned copy of baton.js and an SRI hash per public file', () => {
    const list = JSON.parse(readFileSync(join(dist, 'integrity.json'), 'utf8'));
    expect(list.version).toBe('9.9.9');
    expect(list.pinned).toMatch(/^baton-[0-9a-f]{10}\.js$/);
    expect(readFileSync(join(dist, list.pinned), 'utf8')).toBe(ENTRY);
    expect(list.files).toEqual({
      'baton-loader.js': sri(LOADER),
      'baton.js': sri(ENTRY),
      [list.pinned]: sri(ENTRY),
      'chunks/panel-Ab12Cd34.js': sri(CHUNK),
    });
  });
});

describe('GET /baton/*', () => {
  it('serves baton.js to any origin: CORS, CORP, JavaScript, nosniff, revalidated with an ETag', async () => {
    const res = await get('/baton/baton.js', { Origin: 'https://shop.example' });
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe(ENTRY);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('public, max-age=300, must-revalidate');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(res.headers.etag).toMatch(/^"[\w-]{22}"$/);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('answers 304 to If-None-Match with the current ETag, and 200 once the file changed', async () => {
    const first = await get('/baton/baton-loader.js');
    expect(first.headers['cache-control']).toBe('public, max-age=300, must-revalidate');
    const again = await get('/baton/baton-loader.js', { 'If-None-Match': first.headers.etag as string });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(first.headers.etag);
    const stale = await get('/baton/baton-loader.js', { 'If-None-Match': '"not-this-one"' });
    expect(stale.status).toBe(200);
    expect(stale.body.toString()).toBe(LOADER);
  });

  it('sends the build-time brotli copy to browsers that accept it, gzip to the others, and marks each', async () => {
    const br = await get('/baton/baton.js', { 'Accept-Encoding': 'gzip, deflate, br, zstd' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.body.equals(readFileSync(join(dist, 'baton.js.br')))).toBe(true);
    expect(brotliDecompressSync(br.body).toString()).toBe(ENTRY);
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(ENTRY.length / 4);

    const gz = await get('/baton/baton.js', { 'Accept-Encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(ENTRY);
    expect(gz.headers.vary).toBe('Accept-Encoding');

    // A representation's ETag is its own: the brotli ETag does not validate the gzip answer.
    expect(br.headers.etag).not.toBe(gz.headers.etag);
    expect((await get('/baton/baton.js', { 'Accept-Encoding': 'br', 'If-None-Match': br.headers.etag as string })).status).toBe(304);
    expect((await get('/baton/baton.js', { 'Accept-Encoding': 'gzip', 'If-None-Match': br.headers.etag as string })).status).toBe(200);

    // br;q=0 refuses brotli.
    expect((await get('/baton/baton.js', { 'Accept-Encoding': 'br;q=0, gzip' })).headers['content-encoding']).toBe('gzip');
    expect((await get('/baton/baton.js', { 'Accept-Encoding': 'identity' })).headers['content-encoding']).toBeUndefined();
  });

  it('keeps the loader uncompressed when compressing would not shrink it', async () => {
    const res = await get('/baton/baton-loader.js', { 'Accept-Encoding': 'br, gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.toString()).toBe(LOADER);
  });

  it('caches content-hashed files for a year, immutable: the chunks and the pinned baton-<hash>.js', async () => {
    const { pinned } = JSON.parse(readFileSync(join(dist, 'integrity.json'), 'utf8'));
    for (const path of ['/baton/chunks/panel-Ab12Cd34.js', `/baton/${pinned}`]) {
      const res = await get(path, { 'Accept-Encoding': 'br' });
      expect(res.status, path).toBe(200);
      expect(res.headers['cache-control'], path).toBe('public, max-age=31536000, immutable');
      expect(res.headers['access-control-allow-origin'], path).toBe('*');
    }
  });

  it('publishes integrity.json itself, as JSON, revalidated like an entry file', async () => {
    const res = await get('/baton/integrity.json', { 'Accept-Encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=300, must-revalidate');
    expect(JSON.parse(gunzipSync(res.body).toString()).files['baton.js']).toBe(sri(ENTRY));
  });

  it('answers HEAD with the headers only', async () => {
    const res = await get('/baton/baton.js', { 'Accept-Encoding': 'br' }, 'HEAD');
    expect(res.status).toBe(200);
    expect(res.body.length).toBe(0);
    expect(Number(res.headers['content-length'])).toBe(readFileSync(join(dist, 'baton.js.br')).length);
  });
});

describe('a dist/ without the build-time copies (as the npm package installs it)', () => {
  it('compresses on first request, the same bytes as the build would write, and keeps ETags and 304s', async () => {
    const bare = mkdtempSync(join(tmpdir(), 'baton-cdn-bare-'));
    const server = await startServer({ cdnDir: bare });
    try {
      for (const f of ['baton-loader.js', 'baton.js', 'chunks/panel-Ab12Cd34.js', 'integrity.json']) {
        mkdirSync(join(bare, f, '..'), { recursive: true });
        writeFileSync(join(bare, f), readFileSync(join(dist, f)));
      }
      const fetchRaw = (path: string, headers: Record<string, string>) => get(path, headers, 'GET', server.url);
      // Two requests at once share one compression; both get the build's exact bytes.
      const [br, again] = await Promise.all([fetchRaw('/baton/baton.js', { 'Accept-Encoding': 'br' }), fetchRaw('/baton/baton.js', { 'Accept-Encoding': 'br' })]);
      for (const res of [br, again]) {
        expect(res.status).toBe(200);
        expect(res.headers['content-encoding']).toBe('br');
        expect(res.body.equals(readFileSync(join(dist, 'baton.js.br')))).toBe(true);
        expect(Number(res.headers['content-length'])).toBe(res.body.length);
      }
      expect(br.headers.etag).toBe((await get('/baton/baton.js', { 'Accept-Encoding': 'br' })).headers.etag);
      expect((await fetchRaw('/baton/baton.js', { 'Accept-Encoding': 'br', 'If-None-Match': br.headers.etag as string })).status).toBe(304);
      const gz = await fetchRaw('/baton/chunks/panel-Ab12Cd34.js', { 'Accept-Encoding': 'gzip' });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gz.body).toString()).toBe(CHUNK);
      // Not smaller compressed: sent as it is, as the build would.
      const loader = await fetchRaw('/baton/baton-loader.js', { 'Accept-Encoding': 'br, gzip' });
      expect(loader.headers['content-encoding']).toBeUndefined();
      expect(loader.body.toString()).toBe(LOADER);
    } finally {
      await server.close();
      rmSync(bare, { recursive: true, force: true });
    }
  });
});

describe('a chunk shipped as its gzip copy only (the npm package)', () => {
  it('sends the .gz as it is, makes brotli from it, and inflates it for a client without compression', async () => {
    const packed = mkdtempSync(join(tmpdir(), 'baton-cdn-gz-'));
    const server = await startServer({ cdnDir: packed });
    try {
      // As `npm pack` leaves it: the entries plain, the chunk as chunks/<name>.js.gz only, no .br.
      for (const f of ['baton-loader.js', 'baton.js', 'integrity.json', 'chunks/panel-Ab12Cd34.js.gz']) {
        mkdirSync(join(packed, f, '..'), { recursive: true });
        writeFileSync(join(packed, f), readFileSync(join(dist, f)));
      }
      const fetchRaw = (path: string, headers: Record<string, string>) => get(path, headers, 'GET', server.url);
      const path = '/baton/chunks/panel-Ab12Cd34.js';
      const gz = await fetchRaw(path, { 'Accept-Encoding': 'gzip' });
      expect([gz.status, gz.headers['content-encoding']]).toEqual([200, 'gzip']);
      expect(gz.body.equals(readFileSync(join(dist, 'chunks/panel-Ab12Cd34.js.gz')))).toBe(true);
      // Brotli made from the inflated text: the build's own bytes.
      const br = await fetchRaw(path, { 'Accept-Encoding': 'br, gzip' });
      expect([br.status, br.headers['content-encoding']]).toEqual([200, 'br']);
      expect(brotliDecompressSync(br.body).toString()).toBe(CHUNK);
      expect(br.body.equals(readFileSync(join(dist, 'chunks/panel-Ab12Cd34.js.br')))).toBe(true);
      // No Accept-Encoding: the text itself, with its length, and the plain representation's ETag.
      const plain = await fetchRaw(path, {});
      expect([plain.status, plain.headers['content-encoding']]).toEqual([200, undefined]);
      expect(plain.body.toString()).toBe(CHUNK);
      expect(Number(plain.headers['content-length'])).toBe(Buffer.byteLength(CHUNK));
      expect(plain.headers['access-control-allow-origin']).toBe('*');
      expect((await fetchRaw(path, { 'If-None-Match': plain.headers.etag as string })).status).toBe(304);
      expect(gz.headers.etag).not.toBe(plain.headers.etag);
    } finally {
      await server.close();
      rmSync(packed, { recursive: true, force: true });
    }
  });
});

describe('nothing else of dist/ is public under /baton/', () => {
  it.each([
    ['the manifest', '/baton/manifest.json'],
    ['the server build', '/baton/server/index.js'],
    ["the console's build", '/baton/console/console.js'],
    ['the npm build', '/baton/npm/index.js'],
    ['the demo build', '/baton/demo/spa.js'],
    ['the type declarations', '/baton/types/index.d.ts'],
    ['a compressed copy by its own name', '/baton/baton.js.br'],
    ['a dot-dot path', '/baton/../package.json'],
    ['an encoded dot-dot path', '/baton/%2e%2e/server/index.js'],
    ['an encoded slash', '/baton/server%2Findex.js'],
    ['the folder itself', '/baton/'],
    ['a file outside the list', '/baton/outside/x.js'],
  ])('refuses %s (%s) with a 404', async (_what, path) => {
    const res = await get(path);
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body.toString())).toEqual({ error: { code: 'not_found', message: 'Not a published Baton file' } });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses a listed name whose file is a symlink out of dist/', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'baton-outside-'));
    writeFileSync(join(outside, 'secret.js'), 'secret');
    const list = JSON.parse(readFileSync(join(dist, 'integrity.json'), 'utf8'));
    symlinkSync(join(outside, 'secret.js'), join(dist, 'chunks', 'evil-Zz99Yy88.js'));
    list.files['chunks/evil-Zz99Yy88.js'] = 'sha384-x';
    writeFileSync(join(dist, 'integrity.json'), JSON.stringify(list));
    try {
      const res = await get('/baton/chunks/evil-Zz99Yy88.js');
      expect(res.status).toBe(404);
      expect(res.body.toString()).not.toContain('secret');
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('refuses writes (405) and says so before a build exists', async () => {
    const post = await get('/baton/baton.js', { Origin: ts.origin }, 'PUT');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
    const empty = await startServer({ cdnDir: mkdtempSync(join(tmpdir(), 'baton-nodist-')) });
    try {
      const res = await new Promise<{ status: number; text: string }>((resolve, reject) => {
        http.get(`${empty.url}/baton/baton.js`, (r) => {
          let text = '';
          r.on('data', (c) => (text += c));
          r.on('end', () => resolve({ status: r.statusCode ?? 0, text }));
        }).on('error', reject);
      });
      expect(res.status).toBe(404);
      expect(res.text).toContain('Baton is not built (npm run build)');
    } finally {
      await empty.close();
    }
  });
});

describe('acceptedEncodings', () => {
  it('reads Accept-Encoding with q-values and *', () => {
    expect(acceptedEncodings('gzip, deflate, br')).toEqual(['br', 'gzip']);
    expect(acceptedEncodings('gzip;q=1, br;q=0.5')).toEqual(['gzip', 'br']);
    expect(acceptedEncodings('br;q=0, *')).toEqual(['gzip']);
    expect(acceptedEncodings('identity')).toEqual([]);
    expect(acceptedEncodings(undefined)).toEqual([]);
    expect(acceptedEncodings('*;q=0')).toEqual([]);
  });
});
