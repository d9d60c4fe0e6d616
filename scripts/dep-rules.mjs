// The dependency rule of src/ (docs/ARCHITECTURE.md), as code. `checkDeps(rootDir)` reads
// rootDir/src/**/*.ts(x) with the TypeScript parser and reports:
//   - violations: an import a layer may not make (wrong layer, npm package, node builtin,
//     unresolvable relative import, a file outside every layer, src/headless.ts reaching src/ui);
//   - cycles: circular imports among src files, following static value imports only
//     (`import type` / `export type` / `typeof import()` are erased, so they cannot form a cycle).
// scripts/check-deps.mjs is the CLI; tests/unit/check-deps.test.ts runs this on fixture trees.
import ts from 'typescript';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** The only file of src/api that src/core may use, and only through `import type`. */
const API_TYPES = 'src/api/types.ts';
/** The entries: may import anything in src except src/server. */
const ENTRIES = ['src/index.ts', 'src/headless.ts', 'src/cdn.ts', 'src/twilio.ts'];
/** The headless entry must never reach src/ui, through static or dynamic imports. */
const HEADLESS = 'src/headless.ts';
/**
 * The npm entries every site installs must never reach an optional peer dependency (a vendor SDK
 * the site may not have installed), through static or dynamic imports: a bundler resolves both, and
 * fails on a package that is not there. Sites reach those through entries they import on purpose
 * (src/twilio.ts: `baton-sdk/twilio`).
 */
const PEER_FREE = ['src/index.ts', 'src/headless.ts'];
/**
 * npm packages each transport may import: its vendor SDK, keyed by the folder under src/transports.
 * Add a transport's SDK here when it gets one (it must also be in package.json dependencies).
 */
export const TRANSPORT_SDKS = {
  // example: intercom: ['@intercom/messenger-js-sdk'],
  // An optional peerDependency for npm users; bundled into its own lazy chunk in the script-tag build.
  'twilio-chat': ['@twilio/conversations'],
  // Likewise an optional peerDependency, in its own lazy chunk.
  'twilio-voice': ['@twilio/voice-sdk'],
};
/**
 * The host's globals core and protocol may not name (docs/ARCHITECTURE.md): the page's and Node's.
 * They reach the page through core's ports (src/core/ports.ts), so they run unchanged in a page, a
 * worker, Node or a native web view's bridge. tsconfig.core.json compiles them without the DOM
 * library or Node's types, which catches a bare `document`; this rule also catches what a type
 * cast lets through (`(globalThis as any).document`, `globalThis['navigator']`).
 */
export const HOST_GLOBALS = [
  'globalThis', 'self', 'window', 'document', 'navigator', 'location', 'history', 'fetch',
  'XMLHttpRequest', 'WebSocket', 'indexedDB', 'localStorage', 'sessionStorage', 'BroadcastChannel',
  'process', 'Buffer', 'require',
];
/** The layers HOST_GLOBALS are kept out of. */
const HOST_FREE = ['core', 'protocol'];
/**
 * devDependencies the build bundles (tree-shaken) into both the script-tag and the npm output, so a
 * site installs no package for them: small browser code used by one lazy chunk. `uqr`: the QR
 * encoder of "Continue on your phone" and of the server's QR entry labels, issue 19 (its package is 87 KB with three builds; what Baton uses of
 * it is a few KB). minisearch: the help articles' search and the server's article bot (0.9 MB as a
 * package, about 20 KB minified in the articles chunk). bowser: the server's reading of a visitor's
 * User-Agent (browser and OS in the agent's context panel), bundled into dist/server only (~8 KB gzip;
 * never in a browser chunk), so `npm install baton-sdk` carries no UA parser package. jsqr: the QR
 * decoder of the panel's "Scan a code" where the browser has no BarcodeDetector (issue 19), its
 * own lazy chunk.
 */
export const BUNDLED_DEV_DEPENDENCIES = ['uqr', 'minisearch', 'bowser', 'jsqr'];
/** Browser-only packages src/server may never import (its other npm imports must be package.json dependencies). */
const SERVER_FORBIDDEN_NPM = ['preact', 'idb-keyval'];

/**
 * Per layer: which layers it may import (value or type), which extra files, which npm packages
 * ('*' = any declared dependency), whether node builtins are allowed.
 * A transport may also import its own folder (src/transports/<name>/), never another transport.
 */
const RULES = {
  protocol: { layers: ['protocol'], npm: ['valibot'] },
  core: { layers: ['core', 'protocol'], typeOnlyFiles: [API_TYPES], npm: [] },
  storage: { layers: ['storage', 'core', 'protocol'], npm: ['idb-keyval'] },
  platform: { layers: ['platform', 'core', 'protocol'], npm: [] },
  // minisearch: the help articles' search, in the panel's articles chunk only (src/ui/panel/help/),
  // loaded when a site boots with `articles` (docs/ARCHITECTURE.md).
  // uqr: the QR encoder of "Continue on your phone", imported dynamically (a chunk of its own).
  // jsqr: the QR decoder of "Scan a code" where the browser has no BarcodeDetector, imported
  // dynamically by src/ui/panel/scan/decode.ts (a chunk of its own).
  ui: { layers: ['ui', 'core', 'protocol', 'view'], files: [API_TYPES], npm: ['preact', 'minisearch', 'uqr', 'jsqr'] },
  transports: { layers: ['core', 'protocol'], npm: [] /* + TRANSPORT_SDKS[name] */ },
  server: { layers: ['server', 'protocol'], npm: '*', node: true },
  api: { layers: ['api', 'core', 'protocol', 'platform'], npm: [] },
  entry: {
    layers: ['entry', 'protocol', 'core', 'storage', 'platform', 'ui', 'transports', 'api', 'loader', 'view'],
    npm: '*',
  },
  loader: { layers: ['loader'], npm: [] },
  // The agent console: its own browser app, speaking the protocol; none of the widget's code.
  console: { layers: ['console', 'protocol', 'view'], npm: ['preact'] },
  // What the widget's panel and the agent console render alike (message text, its links): one
  // copy for both, so the two UIs cannot drift apart. Knows neither of them, nor core.
  view: { layers: ['view', 'protocol'], npm: ['preact'] },
};

const FOLDER_LAYERS = ['protocol', 'core', 'storage', 'platform', 'ui', 'transports', 'server', 'api', 'loader', 'console', 'view'];

/** 'src/core/x.ts' -> { layer: 'core' }; 'src/transports/ably/x.ts' -> { layer: 'transports', unit: 'ably' }. */
export function layerOf(file) {
  // src/compose/: what the entries load lazily to put concrete parts together; ruled like an entry.
  if (ENTRIES.includes(file) || file.startsWith('src/compose/')) return { layer: 'entry' };
  const parts = file.split('/');
  if (parts[0] !== 'src' || parts.length < 3) return null;
  const folder = parts[1];
  if (!FOLDER_LAYERS.includes(folder)) return null;
  if (folder === 'transports') {
    // src/transports/<name>/... or src/transports/<name>.ts; src/transports/index.ts etc. is shared.
    const unit = parts.length > 3 ? parts[2] : parts[2].replace(/\.(d\.)?tsx?$/, '');
    return { layer: 'transports', unit };
  }
  return { layer: folder };
}

const layerName = (l) => (l.layer === 'transports' ? `transports/${l.unit}` : l.layer);

/** The npm package an import names: 'preact/hooks' -> 'preact', '@scope/pkg/x' -> '@scope/pkg'. */
function packageName(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

/**
 * Every import of a source file: { spec, kind: 'static' | 'dynamic', typeOnly }.
 * Static = import/export ... from, import x = require(); dynamic = import('literal');
 * typeOnly = `import type`, `export type`, `import x = ...` of a type, `typeof import('x')`.
 */
export function importsOf(fileName, source) {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true,
    fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found = [];
  const visit = (node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      // With verbatimModuleSyntax, `import { type A } from 'x'` still loads 'x': only `import type` is erased.
      found.push({ spec: node.moduleSpecifier.text, kind: 'static', typeOnly: !!node.importClause?.isTypeOnly });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ spec: node.moduleSpecifier.text, kind: 'static', typeOnly: node.isTypeOnly });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)
      && ts.isStringLiteral(node.moduleReference.expression)) {
      found.push({ spec: node.moduleReference.expression.text, kind: 'static', typeOnly: node.isTypeOnly });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = node.arguments[0];
      if (arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg))) {
        found.push({ spec: arg.text, kind: 'dynamic', typeOnly: false });
      }
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)
      && ts.isStringLiteral(node.argument.literal)) {
      found.push({ spec: node.argument.literal.text, kind: 'static', typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  // Cross-check with the compiler's own import scanner: anything it sees that the walk missed
  // (it should be nothing) is kept as a static value import rather than silently ignored.
  const pre = ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);
  for (const spec of pre) {
    if (!found.some((f) => f.spec === spec)) found.push({ spec, kind: 'static', typeOnly: false });
  }
  return found;
}

/**
 * Every use of a HOST_GLOBALS name as a global in a source file: { name, line } (1-based). A name
 * the file declares itself (a parameter, variable, function, class or import called `location`),
 * a member (`x.location`, `{ location: 1 }`) and a type's member are not globals (an ambient
 * `declare const document` is); a member of
 * `globalThis`, `self` or `window` counts under its own name too.
 */
export function hostGlobalsOf(fileName, source) {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true,
    fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const declared = new Set();
  const collect = (node) => {
    const named = ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isFunctionDeclaration(node)
      || ts.isClassDeclaration(node) || ts.isImportSpecifier(node) || ts.isImportClause(node)
      || ts.isNamespaceImport(node) || ts.isBindingElement(node);
    // An ambient declaration (`declare const document: any`) declares the global itself: it counts as a use.
    const ambient = sf.isDeclarationFile || (ts.getCombinedModifierFlags(node) & ts.ModifierFlags.Ambient) !== 0;
    if (named && !ambient && node.name && ts.isIdentifier(node.name)) declared.add(node.name.text);
    ts.forEachChild(node, collect);
  };
  collect(sf);
  const found = [];
  const at = (node) => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
  const holders = new Set(['globalThis', 'self', 'window']);
  const visit = (node) => {
    if (ts.isIdentifier(node) && HOST_GLOBALS.includes(node.text) && !declared.has(node.text)) {
      const p = node.parent;
      const member = (ts.isPropertyAccessExpression(p) && p.name === node)
        || ((ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p) || ts.isPropertySignature(p)
          || ts.isMethodDeclaration(p) || ts.isMethodSignature(p) || ts.isGetAccessor(p) || ts.isSetAccessor(p)
          || ts.isEnumMember(p) || ts.isPropertyAccessExpression(p)) && p.name === node)
        || ts.isQualifiedName(p);
      if (!member) found.push({ name: node.text, line: at(node) });
    }
    // globalThis.document, self['navigator']: the member is a host global of its own.
    if ((ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node))
      && ts.isIdentifier(node.expression) && holders.has(node.expression.text)) {
      const key = ts.isPropertyAccessExpression(node) ? node.name.text
        : ts.isStringLiteralLike(node.argumentExpression) ? node.argumentExpression.text : null;
      if (key && HOST_GLOBALS.includes(key) && !holders.has(key)) found.push({ name: key, line: at(node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** Resolves a relative import the way the bundler does: ./x -> x.ts, x.tsx, x/index.ts(x); ./x.js -> x.ts. */
function resolveRelative(fromAbs, spec) {
  const base = resolve(dirname(fromAbs), spec);
  const stem = base.replace(/\.(m?js|jsx)$/, '');
  const candidates = [
    base,
    `${base}.ts`, `${base}.tsx`, `${base}.d.ts`,
    `${stem}.ts`, `${stem}.tsx`,
    join(base, 'index.ts'), join(base, 'index.tsx'),
  ];
  for (const c of candidates) {
    if (/\.tsx?$/.test(c) && existsSync(c) && statSync(c).isFile()) return c;
  }
  return null;
}

function declaredDependencies(rootDir) {
  const pkgPath = join(rootDir, 'package.json');
  if (!existsSync(pkgPath)) return null; // fixture trees without a package.json: no declared-ness check
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
  return new Set([
    ...Object.keys(pkg.dependencies ?? {}),
    ...Object.keys(pkg.peerDependencies ?? {}),
    ...Object.keys(pkg.optionalDependencies ?? {}),
    ...BUNDLED_DEV_DEPENDENCIES.filter((d) => pkg.devDependencies?.[d]),
  ]);
}

/** package.json's optional peer dependencies (empty without a package.json). */
function optionalPeers(rootDir) {
  const pkgPath = join(rootDir, 'package.json');
  if (!existsSync(pkgPath)) return new Set();
  const meta = JSON.parse(readFileSync(pkgPath, 'utf8')).peerDependenciesMeta ?? {};
  return new Set(Object.keys(meta).filter((k) => meta[k]?.optional));
}

/**
 * Walks the value imports (static and dynamic) from `entry` and returns, for every file `stop`
 * says yes to, the chain that reaches it (`a -> b -(dynamic)-> c`); the walk does not go inside it.
 */
function reaching(graph, entry, stop) {
  const found = [];
  const prev = new Map([[entry, null]]);
  const queue = [entry];
  while (queue.length) {
    const n = queue.shift();
    for (const e of graph.get(n) ?? []) {
      if (e.typeOnly || prev.has(e.target)) continue;
      prev.set(e.target, { from: n, kind: e.kind });
      if (stop(e.target)) {
        const chain = [e.target];
        for (let p = prev.get(e.target); p; p = prev.get(p.from)) {
          chain.unshift(p.kind === 'dynamic' ? ' -(dynamic)-> ' : ' -> ');
          chain.unshift(p.from);
        }
        found.push({ file: e.target, chain: chain.join('') });
        continue;
      }
      queue.push(e.target);
    }
  }
  return found;
}

/** One simple cycle through the strongly connected component `scc` (a Set), starting at its first file. */
function cycleIn(scc, edges) {
  const start = [...scc].sort()[0];
  const prev = new Map([[start, null]]);
  const queue = [start];
  while (queue.length) {
    const n = queue.shift();
    for (const m of edges.get(n) ?? []) {
      if (!scc.has(m)) continue;
      if (m === start) {
        const path = [];
        for (let p = n; p !== null; p = prev.get(p)) path.unshift(p);
        return path;
      }
      if (!prev.has(m)) { prev.set(m, n); queue.push(m); }
    }
  }
  return [start];
}

/** Tarjan's strongly connected components; returns those that contain a cycle. */
function findCycles(nodes, edges) {
  let index = 0;
  const idx = new Map(), low = new Map(), onStack = new Set(), stack = [], cycles = [];
  const strong = (v) => {
    idx.set(v, index); low.set(v, index); index++;
    stack.push(v); onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!idx.has(w)) { strong(w); low.set(v, Math.min(low.get(v), low.get(w))); }
      else if (onStack.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const scc = new Set();
      let w;
      do { w = stack.pop(); onStack.delete(w); scc.add(w); } while (w !== v);
      if (scc.size > 1 || (edges.get(v) ?? new Set()).has(v)) cycles.push(cycleIn(scc, edges));
    }
  };
  for (const n of nodes) if (!idx.has(n)) strong(n);
  return cycles.sort((a, b) => a[0].localeCompare(b[0]));
}

/**
 * Checks rootDir/src. Returns the files checked (paths relative to rootDir, '/'-separated),
 * the violations (one line each, naming file and import) and the cycles (each a list of files,
 * every one importing the next and the last importing the first).
 * @param {string} rootDir
 * @returns {{ files: string[], violations: string[], cycles: string[][] }}
 */
export function checkDeps(rootDir) {
  const rel = (abs) => relative(rootDir, abs).split(sep).join('/');
  const absFiles = walk(join(rootDir, 'src'));
  const files = absFiles.map(rel);
  const declared = declaredDependencies(rootDir);
  const peers = optionalPeers(rootDir);
  const violations = [];
  /** file -> [{ target, spec, kind, typeOnly }] for imports of src files */
  const graph = new Map();
  /** file -> npm packages it imports as values (static or dynamic) */
  const npmImports = new Map();

  for (const abs of absFiles) {
    const file = rel(abs);
    const edges = [];
    graph.set(file, edges);
    const from = layerOf(file);
    if (!from) {
      violations.push(`${file}: is in no layer (allowed: src/{${FOLDER_LAYERS.join(',')}}/ or ${ENTRIES.join(', ')}); add it to a layer or to the rules in scripts/dep-rules.mjs`);
      continue;
    }
    const rule = RULES[from.layer];
    const who = layerName(from);
    const source = readFileSync(abs, 'utf8');
    if (HOST_FREE.includes(from.layer)) {
      for (const g of hostGlobalsOf(file, source))
        violations.push(`${file}:${g.line}: ${who} may not use the host's global "${g.name}"; it reaches the page through its ports (src/core/ports.ts), so it runs in a page, a worker, Node or a web view alike`);
    }
    for (const imp of importsOf(file, source)) {
      const { spec, kind, typeOnly } = imp;
      const how = `${typeOnly ? 'type ' : ''}${kind === 'dynamic' ? 'dynamic ' : ''}import "${spec}"`;
      const bad = (why) => violations.push(`${file}: ${how}: ${why}`);

      if (spec.startsWith('.') || spec.startsWith('/')) {
        const targetAbs = resolveRelative(abs, spec);
        if (!targetAbs) { bad('cannot be resolved to a .ts/.tsx file'); continue; }
        const target = rel(targetAbs);
        if (!target.startsWith('src/')) { bad(`${target} is outside src/`); continue; }
        edges.push({ target, spec, kind, typeOnly });
        const to = layerOf(target);
        if (!to) continue; // reported for the target file itself
        const toName = layerName(to);
        const sameTransport = from.layer === 'transports' && to.layer === 'transports' && from.unit === to.unit;
        if (sameTransport || rule.layers.includes(to.layer) || rule.files?.includes(target)) continue;
        if (rule.typeOnlyFiles?.includes(target)) {
          if (!typeOnly) bad(`${who} may import ${target} only with \`import type\``);
          continue;
        }
        bad(`${who} may not import ${toName} (${target}); ${who} may import ${describe(from, rule)}`);
        continue;
      }

      if (spec.startsWith('node:') || isBuiltin(spec)) {
        if (!rule.node) bad(`${who} may not import node builtins; ${who} may import ${describe(from, rule)}`);
        continue;
      }

      const pkg = packageName(spec);
      if (!typeOnly) npmImports.set(file, [...(npmImports.get(file) ?? []), pkg]);
      if (declared && !declared.has(pkg) && !BUNDLED_DEV_DEPENDENCIES.includes(pkg)) {
        bad(`"${pkg}" is not in package.json dependencies (devDependencies do not ship)`);
        continue;
      }
      if (from.layer === 'server' && !typeOnly && peers.has(pkg)) {
        bad(`"${pkg}" is an optional peer: import its types only, and load it with peer() from src/server/peers.ts (a missing one is then named, and importing baton-sdk/server never needs it)`);
        continue;
      }
      let allowed;
      if (rule.npm === '*') allowed = !(from.layer === 'server' && SERVER_FORBIDDEN_NPM.includes(pkg));
      else if (from.layer === 'transports') allowed = (TRANSPORT_SDKS[from.unit] ?? []).includes(pkg);
      else allowed = rule.npm.includes(pkg);
      if (!allowed) bad(`${who} may not import the npm package "${pkg}"; ${who} may import ${describe(from, rule)}`);
    }
  }

  // src/headless.ts must not reach src/ui, following static and dynamic value imports.
  if (graph.has(HEADLESS)) {
    for (const r of reaching(graph, HEADLESS, (f) => f.startsWith('src/ui/')))
      violations.push(`${HEADLESS}: reaches ui (${r.file}), which the headless entry must never load: ${r.chain}`);
  }
  // The npm entries must not reach an optional peer (a vendor SDK the site may not have installed).
  for (const entry of PEER_FREE) {
    if (!graph.has(entry) || !peers.size) continue;
    for (const r of reaching(graph, entry, (f) => (npmImports.get(f) ?? []).some((p) => peers.has(p))))
      violations.push(`${entry}: reaches the optional peer ${npmImports.get(r.file).filter((p) => peers.has(p)).join(', ')} (${r.file}), which a site installing baton-sdk may not have: ${r.chain}; reach it through an entry the site imports on purpose (src/twilio.ts)`);
  }

  const valueEdges = new Map();
  for (const [file, edges] of graph) {
    valueEdges.set(file, new Set(edges.filter((e) => e.kind === 'static' && !e.typeOnly).map((e) => e.target)));
  }
  const cycles = findCycles(files, valueEdges);
  return { files, violations, cycles };
}

function describe(from, rule) {
  const parts = [...rule.layers];
  if (from.layer === 'transports') parts.push(`its own folder src/transports/${from.unit}/`);
  for (const f of rule.files ?? []) parts.push(f);
  for (const f of rule.typeOnlyFiles ?? []) parts.push(`${f} (import type only)`);
  if (rule.npm === '*') parts.push(from.layer === 'server' ? 'npm dependencies except ' + SERVER_FORBIDDEN_NPM.join('/') : 'npm dependencies');
  else if (from.layer === 'transports') parts.push(...(TRANSPORT_SDKS[from.unit] ?? []).map((p) => `"${p}"`), '(vendor SDKs: TRANSPORT_SDKS in scripts/dep-rules.mjs)');
  else parts.push(...rule.npm.map((p) => `"${p}"`));
  if (rule.node) parts.push('node builtins');
  return `only: ${parts.join(', ')}`;
}
