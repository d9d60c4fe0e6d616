// What a single-page app gets from `npm install baton-sdk`: the packed tarball (npm pack, after
// `npm run build`) installed into an empty app in a temp dir with npm's defaults, then bundled
// with esbuild the way a site would (code splitting, ESM). Checks the goals of issue 12: at most
// 6 packages and 6 MB in node_modules (see MAX_BYTES), no install scripts (no native build), every bundle builds
// without the server's or Twilio's packages, `baton-sdk/identity` and `baton-sdk/server` import
// without them, and a server part that needs one names it with the command that installs it.
//
// Offline: npm is asked with --offline first (the npm cache has the browser dependencies' tarballs
// after the repository's own `npm ci`, and their metadata after one online run); only when the
// cache lacks something does it fall back to --prefer-offline, which asks the registry for that
// alone (and says so on the console).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';

const ROOT = join(import.meta.dirname, '..', '..');
/** Issue 12's goals for what `npm install baton-sdk` brings: 6 packages (docs/ARCHITECTURE.md, "The npm package"). */
const MAX_PACKAGES = 6;
/**
 * Issue 12's goal was 6 MB. The package leaves out the build's .br/.gz copies (0.5 MB; createCdnAssets
 * makes them on first request), which brought it from 6.29 back to 5.77 MB after issues 14 and 16.
 * 6.45 MB since issue 18: the widget's 14 languages ship twice (the script tag's chunks and the npm
 * entries' chunks, about 0.39 MB in UTF-8; a visitor downloads one, 5.5-7 KB gzip); measured 6.36 MB,
 * then 6.41 MB with issue 15's transcript by e-mail; 6.46 MB with issue 20's Insights page and issue
 * 17's routing (the console's and the server's bundles), so 6.5 MB; 6,570,452 B with issue 20's survey,
 * issue 17's phone top bar, issue 15's preferred channel, issue 19's video (about 6.52 MB without the
 * QR entry points) and issue 19's QR entry points (+49 KB: dist/server +21 KB for signed entry links, uqr's encoder and the console's
 * label route; declarations +18 KB, 8 KB of it the context schema's new `entry` inlined in the two
 * public protocol declarations that carry it; the console's label dialog +5 KB; the 14 languages'
 * strings twice +5 KB), so 6.58 MB; 6.69 MB with issue 19's "Scan a code" (jsQR twice, script tag and
 * npm entries, 46 KB each once the build replaced its 100 KB Shift_JIS table by TextDecoder, +92 KB;
 * the scanner view, the console's scanned code, the strings, +24 KB: measured 6.69 MB); 6.58 MB once
 * the script tag's Twilio chat chunk left out the SDKs' core-js polyfills (issue 22: 535 -> 423 KB),
 * so 6.6 MB; 6,913,292 B with issue 18's agent console in 14 languages (dist/console/chunks: 13
 * catalogs of 20-32 KB each as installed, UTF-8 text that minifying cannot shrink, 8.4-9.8 KB gzip;
 * and the language choice; +335 KB), so 6.92 MB; 6,956,879 B with issue 19's "Continue by SMS /
 * on WhatsApp" (+44 KB: its view and its words in the 14 languages twice, script tag 7.7 KB
 * and npm entries 10.5 KB; dist/server's route, messaging participant and limits and their
 * declarations +17 KB; the Twilio transport and core +4 KB), so 6.96 MB; 6,587,001 B once the
 * package ships the console gzipped only (the .js.gz copies in dist/console, served as they are by
 * the embedded server: the console and its 14 languages 0.6 -> 0.2 MB), so 6.6 MB again; 6,615,927 B
 * with issue 15's Call now and "Seen" (+29 KB: dist/server's dial/pickup, the Twilio callback-call
 * route and migration 18 with declarations, the panel's Answer/Decline and "Seen" in both builds, the
 * console's dialing), so 6.62 MB; issue 22's Twilio SDK in a worker adds 9 KB (the worker's host
 * and the page's proxy, chunks of the script-tag build only; dist/npm keeps the SDK on the page's
 * thread and ships neither, nor their declarations): 6.61 MB. Issue 22: the script tag's chunks ship
 * as their .gz copies only (1.1 -> 0.35 MB; createCdnAssets serves them, tests/server/cdn-assets.test.ts),
 * so issue 12's 6 MB again (measured in the test's log line).
 */
const MAX_BYTES = 6_000_000;
/** Lifecycle scripts npm runs on install (and binding.gyp, for which it runs node-gyp by itself). */
const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall'];
/** The packages that must stay out of a browser app: the server's, and the Twilio SDKs. */
const SERVER_AND_VENDOR = ['better-sqlite3', 'ws', 'twilio', 'nodemailer', '@twilio/conversations', '@twilio/voice-sdk'];

let dir = '';
let app = '';
let tarball = '';
let files: string[] = [];

const npm = (args: string[], cwd: string) => spawnSync('npm', args, { cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, npm_config_update_notifier: 'false' } });

/** Installed packages: every folder with a package.json directly under node_modules (or a scope). */
function installedPackages(nodeModules: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(nodeModules)) {
    if (name.startsWith('.')) continue;
    if (name.startsWith('@')) {
      for (const sub of readdirSync(join(nodeModules, name))) out.push(`${name}/${sub}`);
    } else out.push(name);
  }
  // Nested node_modules (a second version of something) count too.
  for (const p of [...out]) {
    const nested = join(nodeModules, p, 'node_modules');
    if (existsSync(nested)) out.push(...installedPackages(nested).map((n) => `${p}/node_modules/${n}`));
  }
  return out;
}

/** Bytes of every file under `path` (apparent size, as the files are). */
function bytesUnder(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.size;
  return readdirSync(path).reduce((sum, name) => sum + bytesUnder(join(path, name)), 0);
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

beforeAll(() => {
  expect(existsSync(join(ROOT, 'dist/npm/index.js')), 'run `npm run build` first').toBe(true);
  dir = mkdtempSync(join(tmpdir(), 'baton-pack-'));
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' })) as { filename: string; files: { path: string }[] }[];
  tarball = join(dir, packed[0]!.filename);
  files = packed[0]!.files.map((f) => f.path);
  app = join(dir, 'app');
  mkdirSync(join(app, 'src'), { recursive: true });
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'an-spa', private: true, type: 'module' }));
  let r = npm(['install', tarball, '--offline', '--no-audit', '--no-fund'], app);
  if (r.status !== 0 && /ENOTCACHED/.test(r.stderr)) {
    console.log('package: the npm cache lacked some metadata; asking the registry for it once (--prefer-offline)');
    r = npm(['install', tarball, '--prefer-offline', '--no-audit', '--no-fund'], app);
  }
  expect(r.status, r.stderr).toBe(0);
}, 180_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('npm install baton-sdk, into an empty app', () => {
  it(`brings at most ${MAX_PACKAGES} packages and ${MAX_BYTES / 1e6} MB, none with install scripts, none of the server's`, () => {
    const nodeModules = join(app, 'node_modules');
    const packages = installedPackages(nodeModules);
    const bytes = bytesUnder(nodeModules);
    const withScripts = packages.filter((p) => {
      const dirOf = join(nodeModules, p);
      const pkg = JSON.parse(readFileSync(join(dirOf, 'package.json'), 'utf8')) as { scripts?: Record<string, string>; gypfile?: boolean };
      return INSTALL_SCRIPTS.some((s) => pkg.scripts?.[s]) || pkg.gypfile || existsSync(join(dirOf, 'binding.gyp'));
    });
    console.log(`package: ${packages.length} packages (${packages.join(', ')}), ${(bytes / 1e6).toFixed(2)} MB in node_modules, install scripts: ${withScripts.length ? withScripts.join(', ') : 'none'}`);
    expect(packages).toContain('baton-sdk');
    expect(packages.filter((p) => SERVER_AND_VENDOR.includes(p))).toEqual([]);
    expect(withScripts).toEqual([]);
    expect(packages.length).toBeLessThanOrEqual(MAX_PACKAGES);
    expect(bytes).toBeLessThanOrEqual(MAX_BYTES);
    // npm's own record agrees: nothing it installed declares an install script.
    const lock = JSON.parse(readFileSync(join(app, 'package-lock.json'), 'utf8')) as { packages: Record<string, { hasInstallScript?: boolean }> };
    expect(Object.entries(lock.packages).filter(([, p]) => p.hasInstallScript).map(([k]) => k)).toEqual([]);
  });

  it('publishes the builds and types, no demo build and no build manifest', () => {
    expect(files).toEqual(expect.arrayContaining(['dist/npm/index.js', 'dist/npm/headless.js', 'dist/npm/twilio.js', 'dist/server/index.js', 'dist/server/identity.js', 'dist/baton.js', 'dist/baton-loader.js', 'dist/types/index.d.ts', 'dist/types/server/identity.d.ts']));
    expect(files.filter((f) => f.startsWith('dist/demo/') || f === 'dist/manifest.json' || f.startsWith('dist/types/console/'))).toEqual([]);
  });

  it('esbuild bundles baton-sdk and baton-sdk/headless (code splitting, ESM) without a warning', async () => {
    writeFileSync(join(app, 'src/widget.js'), `import { createBaton } from 'baton-sdk';\nexport const baton = createBaton({ consent: 'required' });\n`);
    writeFileSync(join(app, 'src/headless.js'), `import { createBaton } from 'baton-sdk/headless';\nexport const baton = createBaton({});\nbaton.on('ready', () => baton.getContext());\n`);
    const result = await build({
      absWorkingDir: app,
      entryPoints: ['src/widget.js', 'src/headless.js'],
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'browser',
      minify: true,
      outdir: 'out',
      metafile: true,
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    const outputs = (result.metafile as Metafile).outputs;
    const gz = (file: string) => gzipSync(readFileSync(join(app, file)), { level: 9 }).length;
    /** An entry and what it imports statically: what the page loads before anything lazy. */
    const initial = (file: string, seen = new Set<string>()): Set<string> => {
      seen.add(file);
      for (const i of outputs[file]!.imports) if (i.kind === 'import-statement' && !seen.has(i.path)) initial(i.path, seen);
      return seen;
    };
    const lines = ['widget', 'headless'].map((name) => {
      const files = [...initial(`out/${name}.js`)];
      const raw = files.reduce((n, f) => n + outputs[f]!.bytes, 0);
      return `baton-sdk${name === 'headless' ? '/headless' : ''} ${kb(raw)} (${kb(files.reduce((n, f) => n + gz(f), 0))} gzip) before interaction`;
    });
    const js = Object.keys(outputs).filter((f) => f.endsWith('.js'));
    const total = js.reduce((n, f) => n + outputs[f]!.bytes, 0);
    console.log(`package: esbuild ok, 0 errors, 0 warnings, ${js.length} files, ${kb(total)} in all; ${lines.join('; ')}`);
    // Nothing of a vendor SDK or of Node made it into the bundle.
    const inputs = Object.keys(result.metafile!.inputs);
    expect(inputs.filter((i) => /node_modules\/(@twilio|twilio|ws|better-sqlite3|nodemailer)\//.test(i))).toEqual([]);
  });

  it("the published types check a site's code under strict TypeScript (no skipLibCheck, no Node types)", () => {
    writeFileSync(
      join(app, 'src/typed.ts'),
      `import { createBaton, type BatonChat, type ChatState } from 'baton-sdk/headless';
import { createBaton as withWidget } from 'baton-sdk';
import { signIdentity } from 'baton-sdk/identity';
const baton = createBaton({ server: 'https://baton.example.com' });
export async function render(): Promise<void> {
  const chat: BatonChat = await baton.chat();
  chat.subscribe((s: ChatState) => console.log(s.conversation?.agent?.name, s.messages.map((m) => m.text + m.status)));
  const sent = chat.send('Hello');
  if (!sent.ok && sent.reason === 'too_long') console.log(sent.max);
  withWidget({ launcher: { call: true } }).on('unread', (n: number) => console.log(n));
}
export const signature: string = signIdentity('user_1', 'secret');
`,
    );
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', strict: true, noEmit: true, lib: ['ES2022', 'DOM'], types: [], skipLibCheck: false }, files: ['src/typed.ts'] }),
    );
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: app, encoding: 'utf8', timeout: 120_000 });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });

  it('baton-sdk/identity signs on a server without any of the optional peers; baton-sdk/server imports, and names the missing package when a part needs it', () => {
    writeFileSync(
      join(app, 'server.mjs'),
      `const t0 = performance.now();
const { signIdentity, signIdentityJwt } = await import('baton-sdk/identity');
const identityMs = performance.now() - t0;
const sig = signIdentity('user_1', 'secret');
const jwt = signIdentityJwt({ sub: 'user_1' }, 'secret');
const t1 = performance.now();
const server = await import('baton-sdk/server');
const serverMs = performance.now() - t1;
let refused = '';
try { await server.createEmbeddedServer({ identitySecret: 'a-long-enough-secret-of-the-site-0123456789', dbPath: ':memory:' }); } catch (e) { refused = e.message; }
let twilioRefused = '';
try { server.verifyTwilioRequest({ authToken: 't', signature: 's', url: 'https://x.example/', params: {} }); } catch (e) { twilioRefused = e.message; }
console.log(JSON.stringify({ sig, jwt, refused, twilioRefused, identityMs, serverMs, same: server.signIdentity('user_1', 'secret') === sig }));
`,
    );
    const out = JSON.parse(execFileSync(process.execPath, ['server.mjs'], { cwd: app, encoding: 'utf8' })) as Record<string, string | number | boolean>;
    expect(out.sig).toMatch(/^[0-9a-f]{64}$/);
    expect(out.jwt).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(out.same).toBe(true);
    expect(out.refused).toMatch(/needs the package "ws", which is not installed.*npm install better-sqlite3 ws/);
    console.log(`package: import baton-sdk/identity ${Number(out.identityMs).toFixed(0)} ms, baton-sdk/server ${Number(out.serverMs).toFixed(0)} ms (no optional peer installed); createEmbeddedServer: ${out.refused}`);
    expect(out.twilioRefused).toMatch(/Twilio server half .* needs the package "twilio", which is not installed.*npm install twilio/);
  });
});
