// @ts-check
/**
 * The rollup plugin that publishes the script-tag build (rollup.config.mjs, on the `baton` build,
 * which runs after the loader's). After the files are written it adds, in dist/:
 *   baton-<hash>.js        a copy of baton.js under a content-hashed name, the file a site pins
 *                          with `integrity` (baton.js itself changes with every release);
 *   integrity.json         the public files and their SRI hashes (sha384): { version, pinned, files };
 *                          the embedded server serves exactly these files under /baton/, nothing else
 *                          of dist/ (not the server build, the console, the npm build or manifest.json);
 *   <file>.br, <file>.gz   brotli (quality 11) and gzip (level 9) copies of each public file and of
 *                          integrity.json, written only when smaller, served by Accept-Encoding.
 * Compressing here, once, keeps the server from compressing on every request.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export const INTEGRITY_FILE = 'integrity.json';
const LOADER = 'baton-loader.js';
const ENTRY = 'baton.js';

/** `sha384-<base64>`, the form of the `integrity` attribute. */
export const sriOf = (/** @type {Buffer} */ data) => `sha384-${createHash('sha384').update(data).digest('base64')}`;

/** Writes the .br and .gz copies of `dir/file` when they are smaller than the file. */
function compress(dir, file) {
  const data = readFileSync(join(dir, file));
  const br = brotliCompressSync(data, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
  });
  const gz = gzipSync(data, { level: 9 });
  for (const [ext, out] of /** @type {const} */ ([['.br', br], ['.gz', gz]])) {
    if (out.length < data.length) writeFileSync(join(dir, file + ext), out);
    else rmSync(join(dir, file + ext), { force: true });
  }
}

/**
 * @param {{ version: string }} options the package's version, recorded in integrity.json
 * @returns {import('rollup').Plugin}
 */
export function publishCdn({ version }) {
  return {
    name: 'baton-publish-cdn',
    writeBundle(options, bundle) {
      const dir = options.dir ?? 'dist';
      if (!existsSync(join(dir, LOADER))) this.error(`${join(dir, LOADER)} is missing: the loader's build must run before the bundle's (rollup.config.mjs order)`);
      const entry = bundle[ENTRY];
      if (!entry || entry.type !== 'chunk') this.error(`no ${ENTRY} in this build`);
      const entryCode = readFileSync(join(dir, ENTRY));
      // Same folder as baton.js, so its relative imports (./chunks/...) resolve the same.
      const pinned = `baton-${createHash('sha256').update(entryCode).digest('hex').slice(0, 10)}.js`;
      writeFileSync(join(dir, pinned), entryCode);

      const files = [LOADER, ENTRY, pinned, ...Object.values(bundle).filter((o) => o.type === 'chunk' && o.fileName !== ENTRY).map((o) => o.fileName).sort()];
      /** @type {Record<string, string>} */
      const hashes = {};
      for (const f of files) hashes[f] = sriOf(readFileSync(join(dir, f)));
      writeFileSync(join(dir, INTEGRITY_FILE), JSON.stringify({ version, pinned, files: hashes }, null, 2) + '\n');
      for (const f of [...files, INTEGRITY_FILE]) compress(dir, f);
    },
  };
}
