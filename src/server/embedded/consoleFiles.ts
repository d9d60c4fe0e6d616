/**
 * Serves the built agent console (`/agent/*.js` from consoleDir): only regular files with a known
 * extension, never outside the folder (symlinks resolved), never dotfiles.
 *
 * Compressed copies: the build writes `<file>.gz` beside each console file, and the npm package ships
 * only those (the console's 14 languages are 0.4 MB as text, 0.13 MB gzipped: issue 18/22). A
 * browser gets the `.gz` as it is (`Content-Encoding: gzip`); a client that does not accept gzip
 * gets it inflated on the way; a folder with the plain file only (tests, a custom consoleDir) is
 * served as before.
 */
import { createReadStream, realpathSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, sep } from 'node:path';
import { createGunzip } from 'node:zlib';
import { sendError } from './http';

/** The file to send: the plain one, or its gzip copy, whichever exists (the copy first when the client takes gzip). */
function pick(root: string, parts: string[], gzipOk: boolean): { file: string; gzipped: boolean; size: number; mtime: number } | null {
  const plain = join(root, ...parts);
  for (const [path, gzipped] of (gzipOk ? [[`${plain}.gz`, true], [plain, false]] : [[plain, false], [`${plain}.gz`, true]]) as [string, boolean][]) {
    try {
      const file = realpathSync(path);
      if (!file.startsWith(root + sep)) return null;
      const stat = statSync(file);
      if (stat.isFile()) return { file, gzipped, size: stat.size, mtime: stat.mtimeMs };
    } catch {
      // not there: the other one
    }
  }
  return null;
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** `relative` is the still-encoded path after `/agent/`. */
export function serveConsoleFile(req: IncomingMessage, res: ServerResponse, consoleDir: string, relative: string): void {
  const missing = () => sendError(res, 404, 'not_found', 'No such file');
  let parts: string[];
  try {
    parts = relative.split('/').map(decodeURIComponent);
  } catch {
    return missing();
  }
  if (parts.some((p) => p === '' || p.startsWith('.') || /[/\\\0:]/.test(p))) return missing();
  const type = CONTENT_TYPES[extname(parts[parts.length - 1]!).toLowerCase()];
  if (!type) return missing();

  const gzipOk = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  let found: ReturnType<typeof pick>;
  try {
    found = pick(realpathSync(consoleDir), parts, gzipOk);
  } catch {
    return missing();
  }
  if (!found) return missing();
  const { file, gzipped, size, mtime } = found;
  const inflate = gzipped && !gzipOk;
  const etag = `W/"${size.toString(16)}-${Math.floor(mtime).toString(16)}${gzipped ? '-gz' : ''}"`;
  res.setHeader('Content-Type', type);
  res.setHeader('Vary', 'Accept-Encoding');
  if (gzipped && !inflate) res.setHeader('Content-Encoding', 'gzip');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'no-cache');
  res.setHeader('ETag', etag);
  if (req.headers['if-none-match'] === etag) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.statusCode = 200;
  if (!inflate) res.setHeader('Content-Length', size);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  if (!inflate) {
    stream.pipe(res);
    return;
  }
  const gunzip = createGunzip();
  gunzip.on('error', () => res.destroy());
  stream.pipe(gunzip).pipe(res);
}
