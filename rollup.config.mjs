// Builds, all into dist/ (see docs/ARCHITECTURE.md for what each is for):
//   dist/baton-loader.js   the paste-in loader (IIFE, imports nothing)
//   dist/baton.js          the script-tag bundle (ES module) + dist/chunks/* loaded by import()
//   dist/npm/              the npm entries `baton-sdk`, `baton-sdk/headless`, `baton-sdk/twilio` (dependencies stay external)
//   dist/server/           `baton-sdk/server` and `baton-sdk/identity` for Node (+ checkpointWorker.mjs, the server's WAL checkpoint thread)
//   dist/demo/spa.js       the demo store's SPA section, bundled from src/ the way a site bundles the npm package
// dist/manifest.json records each cdn chunk's static and dynamic imports, for scripts/size.mjs (private).
// scripts/publishCdn.mjs then adds the pinned copy baton-<hash>.js, integrity.json (SRI hashes; the list
// of files the server publishes under /baton/) and the .br/.gz copies the server sends.
import esbuild from 'rollup-plugin-esbuild';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import terser from '@rollup/plugin-terser';
import { transform as esbuildTransform } from 'esbuild';
import { builtinModules } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { terserMangleProperties } from './scripts/mangle.mjs';
import { publishCdn } from './scripts/publishCdn.mjs';
import { jsqrShiftJis } from './scripts/jsqrShiftJis.mjs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
// charset utf8: text outside ASCII (the widget's 14 languages, src/ui/locales/) stays UTF-8 (2-3 bytes
// a letter) instead of \uXXXX escapes (6 bytes): the npm package's language chunks at half the size.
const ts = () =>
  esbuild({ target: 'es2020', jsx: 'automatic', jsxImportSource: 'preact', minify: false, sourceMap: false, legalComments: 'none', charset: 'utf8' });
/**
 * Members named `_x` are private to one class (see src/core/context): shortened, each to the same
 * name in every chunk, from the fixed list mangle.json (scripts/mangle.mjs): terser minifies chunk
 * by chunk, and names it chose per chunk would differ between a class and a reader in another one.
 * Names not in the list (vendor code's own `_x`) are left as they are.
 */
const mangleProperties = terserMangleProperties(fileURLToPath(new URL('.', import.meta.url)));
const min = () =>
  terser({ ecma: 2020, module: true, compress: { passes: 3, pure_getters: true, unsafe_arrows: true, unsafe_methods: true, unsafe_comps: true },
    mangle: { properties: mangleProperties }, format: { comments: false } });

/**
 * Writes `<file>.gz` (gzip level 9) beside each console file: the npm package ships only those
 * (package.json `files`), which the embedded server sends as they are (src/server/embedded/consoleFiles.ts).
 * The console in 14 languages is 0.6 MB as text, 0.2 MB gzipped (issue 18; issue 22's install size).
 */
function gzipCopies() {
  return {
    name: 'gzip-copies',
    writeBundle(options, bundle) {
      for (const name of Object.keys(bundle)) {
        if (!name.endsWith('.js')) continue;
        const path = `${options.dir}/${name}`;
        writeFileSync(`${path}.gz`, gzipSync(readFileSync(path), { level: 9 }));
      }
    },
  };
}

/** Writes dist/manifest.json: for every cdn output file, what it imports statically and dynamically. */
function manifest() {
  return {
    name: 'baton-manifest',
    generateBundle(_options, bundle) {
      const files = {};
      for (const [fileName, out] of Object.entries(bundle)) {
        if (out.type !== 'chunk') continue;
        files[fileName] = {
          isEntry: out.isEntry,
          name: out.name,
          imports: out.imports,
          dynamicImports: out.dynamicImports,
          modules: Object.keys(out.modules).map((m) => m.replace(process.cwd() + '/', '')),
        };
      }
      this.emitFile({ type: 'asset', fileName: 'manifest.json', source: JSON.stringify(files, null, 2) });
    },
  };
}

// peerDependencies (the optional Twilio SDKs) stay external in dist/npm too: the site's bundler resolves them.
const deps = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });
/**
 * The vendor SDKs ship CommonJS only (@twilio/conversations: no ESM entry): converted here, each
 * into the lazy chunk that imports it (docs/twilio.md). Only node_modules: src/ is ESM.
 */
const cjs = () => commonjs({ include: /node_modules/, transformMixedEsModules: false });
/** Chunk names that say what they hold; the Twilio SDK's is `twilio-conversations-*.js`. */
const chunkName = (chunk) =>
  chunk.moduleIds?.some((m) => m.includes('/src/ui/panel/help/')) ? 'chunks/articles-[hash].js'
  // The panel's chunk (its entry also shares preact with the articles chunk, so it may have no facade).
  : chunk.moduleIds?.some((m) => m.endsWith('/src/ui/panel/index.tsx')) ? 'chunks/panel-[hash].js'
  : chunk.moduleIds?.some((m) => m.includes('/node_modules/@twilio/conversations/')) ? 'chunks/twilio-conversations-[hash].js'
  : chunk.moduleIds?.some((m) => m.includes('/node_modules/@twilio/voice-sdk/')) ? 'chunks/voice-sdk-[hash].js'
  : chunk.facadeModuleId?.includes('/src/transports/twilio-voice/') ? 'chunks/twilio-voice-[hash].js'
  : chunk.facadeModuleId?.endsWith('/src/transports/twilio-chat/worker/entry.ts') ? 'chunks/twilio-sdk-worker-[hash].js'
  // The embedded call's WebRTC transport, apart from the call session chunk (also named "call").
  : chunk.facadeModuleId?.includes('/src/transports/local/call') ? 'chunks/call-webrtc-[hash].js'
  : 'chunks/[name]-[hash].js';
/**
 * dist/npm keeps the dependencies external, but bundles the devDependencies it uses (minisearch, in
 * the help articles' chunk): those are minified here, as they would be in a site's production
 * build anyway, so `npm install baton-sdk` does not carry a vendor's comments (issue 12: 6 MB).
 */
const minifyBundledVendors = () => ({
  name: 'minify-bundled-vendors',
  async transform(code, id) {
    if (!id.includes('/node_modules/')) return null;
    const out = await esbuildTransform(code, { loader: 'js', format: 'esm', target: 'es2020', minify: true, legalComments: 'none' });
    return { code: out.code, map: null };
  },
});
/**
 * The Twilio SDKs (built with Babel's `useBuiltIns: 'usage'`) import about 90 core-js polyfills for
 * ES2015-ES2019 features (Promise, Map, Symbol, typed arrays, URL, ...) as bare side-effect imports
 * (`require('core-js/modules/es.promise.js')`: no value is used). Every browser Baton supports
 * (ES2020, the `target` above) has them natively; evaluating them cost about a third of the SDK
 * chunk's bytes and of its start-up task (issue 22; `npm run bench`, bench-twilio-chat). In the
 * script-tag build they resolve to an empty module. dist/npm leaves the SDKs to the site's bundler.
 */
const noCoreJsPolyfills = () => ({
  name: 'no-core-js-polyfills',
  resolveId(source, importer) {
    return /^core-js\/modules\/(es|web)\.[a-z0-9.-]+(\.js)?$/.test(source) && importer?.includes('/node_modules/') ? '\0baton:no-polyfill' : null;
  },
  load(id) {
    return id === '\0baton:no-polyfill' ? { code: '', moduleSideEffects: false } : null;
  },
});
/**
 * The Twilio SDK's worker (issue 22: no long task on the page when the chat starts). In the
 * script-tag build src/transports/twilio-chat/worker/entry.ts becomes a chunk of its own
 * (chunks/twilio-sdk-worker-*.js, which imports the SDK's chunk) and worker/chunkUrl.ts its URL,
 * resolved from the importing chunk's own URL. Other builds keep chunkUrl.ts's null: the SDK on
 * the page's thread.
 */
const sdkWorkerChunk = () => ({
  name: 'twilio-sdk-worker-chunk',
  load(id) {
    if (!id.endsWith('/src/transports/twilio-chat/worker/chunkUrl.ts')) return null;
    const ref = this.emitFile({ type: 'chunk', id: fileURLToPath(new URL('./src/transports/twilio-chat/worker/entry.ts', import.meta.url)), name: 'twilio-sdk-worker' });
    return `export const sdkWorkerUrl = import.meta.ROLLUP_FILE_URL_${ref};`;
  },
});
const external = (id) => deps.some((d) => id === d || id.startsWith(d + '/'));
const nodeExternal = (id) => id.startsWith('node:') || builtinModules.includes(id) || external(id);

export default [
  {
    input: 'src/loader/snippet.ts',
    output: { file: 'dist/baton-loader.js', format: 'iife' },
    plugins: [ts(), min()],
  },
  {
    input: { baton: 'src/cdn.ts' },
    output: {
      dir: 'dist',
      format: 'es',
      entryFileNames: '[name].js',
      // Chunks are named after what they hold, so a network log reads as a story.
      chunkFileNames: chunkName,
    },
    // Inside the node_modules CommonJS (cjs()), 'events' is the npm package, not Node's (the browser has none).
    plugins: [noCoreJsPolyfills(), sdkWorkerChunk(), nodeResolve({ browser: true, preferBuiltins: false }), jsqrShiftJis(), cjs(), ts(), min(), manifest(), publishCdn({ version: pkg.version })],
  },
  {
    // `baton-sdk/twilio` is its own entry: the only one whose graph imports the Twilio SDKs.
    input: { index: 'src/index.ts', headless: 'src/headless.ts', twilio: 'src/twilio.ts' },
    // No bare `import 'x'` lines for the site's bundler to question (the package is sideEffects:
    // false): chunks import only what they use; the dependencies have no side effects.
    output: { dir: 'dist/npm', format: 'es', chunkFileNames: 'chunks/[name]-[hash].js', hoistTransitiveImports: false },
    treeshake: { moduleSideEffects: 'no-external' },
    preserveEntrySignatures: 'allow-extension',
    external,
    plugins: [nodeResolve({ browser: true }), jsqrShiftJis(), ts(), minifyBundledVendors()],
  },
  {
    // `baton-sdk/identity`: identity signing for a site's server, node:crypto only (imports fast).
    input: { index: 'src/server/index.ts', identity: 'src/server/identity.ts' },
    output: { dir: 'dist/server', format: 'es', chunkFileNames: 'chunks/[name]-[hash].js' },
    external: nodeExternal,
    // The bundled devDependencies (minisearch, for the built-in bot's search) minified, as in dist/npm.
    plugins: [nodeResolve({ preferBuiltins: true }), ts(), minifyBundledVendors()],
  },
  {
    // The WAL checkpointer's thread (src/server/embedded/walCheckpoints.ts), loaded by URL beside index.js.
    input: 'src/server/embedded/checkpointWorker.mjs',
    output: { file: 'dist/server/checkpointWorker.mjs', format: 'es' },
    external: nodeExternal,
  },
  {
    input: { spa: 'demo/spa/main.ts' },
    output: { dir: 'dist/demo', format: 'es', chunkFileNames: chunkName },
    plugins: [nodeResolve({ browser: true }), cjs(), ts(), min()],
  },
  {
    input: { console: 'src/console/main.tsx' },
    output: { dir: 'dist/console', format: 'es', chunkFileNames: 'chunks/[name]-[hash].js' },
    plugins: [nodeResolve({ browser: true }), ts(), min(), gzipCopies()],
  },
];
