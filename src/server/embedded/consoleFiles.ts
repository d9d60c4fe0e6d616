/**
 * Serves the built agent console (`/agent/*.js` from consoleDir): only regular files with a known
 * extension, never outside the folder (symlinks resolved), never dotfiles.
 */
import { createReadStream, realpathSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, sep } from 'node:path';
import { sendError } from './http';

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

  let file: string;
  let size: number;
  let mtime: number;
  try {
    const root = realpathSync(consoleDir);
    file = realpathSync(join(root, ...parts));
    if (!file.startsWith(root + sep)) return missing();
    const stat = statSync(file);
    if (!stat.isFile()) return missing();
    size = stat.size;
    mtime = stat.mtimeMs;
  } catch {
    return missing();
  }
  const etag = `W/"${size.toString(16)}-${Math.floor(mtime).toString(16)}"`;
  res.setHeader('Content-Type', type);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'no-cache');
  res.setHeader('ETag', etag);
  if (req.headers['if-none-match'] === etag) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.statusCode = 200;
  res.setHeader('Content-Length', size);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
