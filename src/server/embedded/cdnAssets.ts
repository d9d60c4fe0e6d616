/**
 * Serves the script-tag build under /baton/ the way a CDN would, so any site can load it:
 * - only the files integrity.json lists (the loader, baton.js, the pinned baton-<hash>.js, their
 *   chunks) and integrity.json itself; nothing else of dist/ (the server build, the console, the npm
 *   build, manifest.json) is reachable here;
 * - `Access-Control-Allow-Origin: *` and `Cross-Origin-Resource-Policy: cross-origin`: module
 *   scripts are CORS requests, and sites with COEP need CORP; no credentials are ever involved;
 * - the brotli or gzip copy written at build time (scripts/publishCdn.mjs), chosen by
 *   Accept-Encoding, with `Vary: Accept-Encoding`; where the build's copy is absent (the npm package
 *   leaves the .br files out, and ships the chunks as their .gz copy only: a single-page app would
 *   install 1 MB for nothing), the same copy is made once on first request (from the .gz when that
 *   is all there is), off the event loop, and kept in memory; a client that takes no compression
 *   gets the .gz inflated, also once;
 * - content-hashed files are immutable for a year; the entry files (baton.js, baton-loader.js,
 *   integrity.json), whose URL stays while their content changes, are fresh for ENTRY_MAX_AGE_S and
 *   then revalidated with their ETag (304).
 */
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, realpathSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gunzip, gzip } from 'node:zlib';
import { sendError } from './http';

/** Where the script-tag build is served. */
export const CDN_PATH = '/baton/';
/** The published list of public files and their SRI hashes (written by scripts/publishCdn.mjs). */
export const INTEGRITY_FILE = 'integrity.json';
/** How long a browser may use baton.js, baton-loader.js and integrity.json before asking again: 5 minutes, so a release reaches every visitor within minutes. */
export const ENTRY_MAX_AGE_S = 300;
/** Files whose URL never changes while their content does; everything else published is content-hashed. */
const ENTRY_FILES = new Set(['baton.js', 'baton-loader.js', INTEGRITY_FILE]);

interface Published {
  /** integrity.json's modification time, to notice a rebuild. */
  mtimeMs: number;
  /** public file name -> its strong ETag (from its SRI hash). */
  etags: Map<string, string>;
}

type Encoding = 'br' | 'gzip';
const SUFFIX: Record<Encoding, string> = { br: '.br', gzip: '.gz' };

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);
/** The same settings as the build's copies (scripts/publishCdn.mjs): brotli quality 11, gzip level 9. */
const COMPRESS: Record<Encoding, (data: Buffer) => Promise<Buffer>> = {
  br: (data) => brotliAsync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
  gzip: (data) => gzipAsync(data, { level: 9 }),
};

/**
 * The encodings the client accepts, best first, from an Accept-Encoding header (q=0 refuses one;
 * `*` accepts any not named).
 */
export function acceptedEncodings(header: string | string[] | undefined): Encoding[] {
  const q = new Map<string, number>();
  for (const part of (Array.isArray(header) ? header.join(',') : header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const of = (e: string) => q.get(e) ?? q.get('*') ?? 0;
  return (['br', 'gzip'] as const).filter((e) => of(e) > 0).sort((a, b) => of(b) - of(a));
}

/** True when an If-None-Match header matches `etag` (weak comparison, as RFC 9110 asks for GET). */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => bare(t) === bare(etag));
}

/**
 * A handler for `${CDN_PATH}*` over a dist/ folder. Returns false for other paths; answers 404 for
 * anything under /baton/ that is not published.
 */
export function createCdnAssets(distDir: string): (req: IncomingMessage, res: ServerResponse) => boolean {
  let published: Published | null = null;
  /** Compressed copies made on request, by `${etag}-${encoding}` (see compressed()). */
  const made = new Map<string, Promise<Buffer | null>>();

  /** integrity.json, re-read when a build rewrote it; null without a build. */
  function load(): Published | null {
    const file = join(distDir, INTEGRITY_FILE);
    let mtimeMs: number;
    try {
      mtimeMs = statSync(file).mtimeMs;
    } catch {
      return (published = null);
    }
    if (published?.mtimeMs === mtimeMs) return published;
    try {
      const list = JSON.parse(readFileSync(file, 'utf8')) as { files?: Record<string, string> };
      const etags = new Map<string, string>();
      for (const [name, sri] of Object.entries(list.files ?? {})) etags.set(name, etagOf(sri));
      etags.set(INTEGRITY_FILE, etagOf(createHash('sha256').update(readFileSync(file)).digest('base64')));
      made.clear();
      return (published = { mtimeMs, etags });
    } catch {
      return (published = null);
    }
  }

  return (req, res) => {
    const url = req.url ?? '/';
    if (!url.startsWith(CDN_PATH)) return false;
    const name = url.slice(CDN_PATH.length).split(/[?#]/)[0]!;
    const etag = load()?.etags.get(name);
    // Names come from our own list, never from the request: no path tricks can reach another file.
    if (!etag) {
      sendError(res, 404, 'not_found', published ? 'Not a published Baton file' : 'Baton is not built (npm run build)');
      return true;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendError(res, 405, 'method_not_allowed', 'Use GET', { Allow: 'GET, HEAD' });
      return true;
    }
    const accepted = acceptedEncodings(req.headers['accept-encoding']);
    const built = accepted.find((e) => isFile(join(distDir, name + SUFFIX[e])));
    // The npm package ships the chunks gzipped only (`<name>.gz`, no plain file: 0.75 MB less for a
    // single-page app to install); the source of every other representation is then that copy.
    const plain = join(distDir, name);
    const gzOnly = !isFile(plain) && isFile(plain + SUFFIX.gzip);
    const source = gzOnly ? plain + SUFFIX.gzip : plain;
    const file = built ? join(distDir, name + SUFFIX[built]) : source;
    let size: number;
    try {
      // The published file must still be inside dist/ (a symlink pointing out of it is refused).
      for (const f of new Set([file, source])) if (!realpathSync(f).startsWith(realpathSync(distDir) + sep)) throw new Error('outside');
      size = statSync(file).size;
    } catch {
      sendError(res, 404, 'not_found', 'Not a published Baton file');
      return true;
    }
    const wanted = accepted[0];
    // What is on disk for this client: the build's copy it takes or the plain file; with only the
    // gzip copy here and a client that takes no compression, its text (inflated once, kept).
    const asIs = (): unknown =>
      built || !gzOnly
        ? send(req, res, name, etag, built, size, file)
        : text(source, true, etag).then(
            (body) => send(req, res, name, etag, undefined, body.length, body),
            () => sendError(res, 500, 'server_error', 'Could not read a published Baton file'),
          );
    // No build-time copy for the encoding the client prefers: make it (once per file and encoding).
    if (wanted && wanted !== built) compressed(source, gzOnly, etag, wanted).then((body) => (body ? send(req, res, name, etag, wanted, body.length, body) : asIs()), asIs);
    else asIs();
    return true;
  };

  /** A published file's text: read, or inflated from its gzip copy once and kept (bounded like `made`). */
  function text(source: string, gzipped: boolean, etag: string): Promise<Buffer> {
    if (!gzipped) return readFile(source);
    const key = `${etag}-text`;
    let entry = made.get(key) as Promise<Buffer> | undefined;
    if (!entry) {
      entry = readFile(source).then((data) => gunzipAsync(data));
      entry.catch(() => made.delete(key));
      made.set(key, entry);
    }
    return entry;
  }

  /**
   * The `encoding` copy of a published file, made in zlib's thread pool and kept while the build
   * stays the same (`made` is emptied when integrity.json changes); null when it would not be
   * smaller, as the build does. Bounded by the published list: one entry per file and encoding.
   */
  function compressed(source: string, gzipped: boolean, etag: string, encoding: Encoding): Promise<Buffer | null> {
    const key = `${etag}-${encoding}`;
    let entry = made.get(key);
    if (!entry) {
      entry = text(source, gzipped, etag).then(async (data) => {
        const out = await COMPRESS[encoding](data);
        return out.length < data.length ? out : null;
      });
      entry.catch(() => made.delete(key));
      made.set(key, entry);
    }
    return entry;
  }
}

/** Answers with one representation of a published file: from disk (a path) or from memory. */
function send(req: IncomingMessage, res: ServerResponse, name: string, etag: string, encoding: Encoding | undefined, size: number, body: string | Buffer): void {
  const representation = encoding ? `"${etag}-${encoding}"` : `"${etag}"`;
  res.setHeader('Content-Type', name.endsWith('.json') ? 'application/json; charset=utf-8' : 'text/javascript; charset=utf-8');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
  res.setHeader('Timing-Allow-Origin', '*');
  res.setHeader('Vary', 'Accept-Encoding');
  res.setHeader('Cache-Control', ENTRY_FILES.has(name) ? `public, max-age=${ENTRY_MAX_AGE_S}, must-revalidate` : 'public, max-age=31536000, immutable');
  res.setHeader('ETag', representation);
  if (matches(req.headers['if-none-match'], representation)) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.statusCode = 200;
  if (encoding) res.setHeader('Content-Encoding', encoding);
  res.setHeader('Content-Length', size);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  if (typeof body !== 'string') {
    res.end(body);
    return;
  }
  const stream = createReadStream(body);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

/** A strong ETag value from a base64 hash: URL-safe characters, 22 of them (132 bits). */
function etagOf(hash: string): string {
  return hash.replace(/^sha\d+-/, '').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '').slice(0, 22);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
