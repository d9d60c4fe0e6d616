#!/usr/bin/env node
// The minified builds' property mangling, as a fixed list (as Preact's mangle.json): every member
// named `_x` in the browser code (src/, but not src/server, which is not minified) gets one short
// name, the same in every chunk. rollup.config.mjs hands the list to terser (`only_cache`), so
// a class in one chunk and its reader in another always agree; names not in the list are never
// mangled (vendor code keeps its own `_x` names), so an omission costs bytes, never correctness.
//
//   node scripts/mangle.mjs           checks mangle.json against the source; exits 1 when stale
//   node scripts/mangle.mjs --write   adds new names (existing ones keep their short name), drops gone ones
//
// tests/unit/mangle.test.ts runs the check; tests/browser run on the minified build.
import ts from 'typescript';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** What may be mangled: a member named `_` then a lower-case letter (private by convention, see src/core/context). */
export const MANGLE_PATTERN = /^_[a-z]/;
/**
 * Short names start with `$`: no property of our code or of the bundled vendors' (Preact's own
 * mangled names are `__x`) does, so a short name never meets another property on the same object.
 * tests/unit/mangle.test.ts checks our side.
 */
export const PREFIX = '$';
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (p.endsWith(`${join('src', 'server')}`)) continue;
      walk(p, out);
    } else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/**
 * Every property, member or key name in the browser code under rootDir/src, with how often it
 * occurs (Map name -> count). `sourceNames` keeps those matching MANGLE_PATTERN.
 */
const parsed = new Map();
export function propertyNames(rootDir) {
  // Parsed once per process (the check and the tests ask more than once).
  if (parsed.has(rootDir)) return parsed.get(rootDir);
  const names = new Map();
  parsed.set(rootDir, names);
  const take = (n) => {
    if (n && (ts.isIdentifier(n) || ts.isPrivateIdentifier(n) || ts.isStringLiteral(n))) names.set(n.text, (names.get(n.text) ?? 0) + 1);
  };
  for (const file of walk(join(rootDir, 'src'))) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const visit = (node) => {
      if (ts.isPropertyAccessExpression(node)) take(node.name);
      else if (ts.isElementAccessExpression(node)) take(node.argumentExpression);
      else if (ts.isPropertyDeclaration(node) || ts.isMethodDeclaration(node) || ts.isGetAccessor(node) || ts.isSetAccessor(node) || ts.isPropertyAssignment(node) || ts.isPropertySignature(node) || ts.isMethodSignature(node)) take(node.name);
      else if (ts.isShorthandPropertyAssignment(node)) take(node.name);
      else if (ts.isBindingElement(node) && node.propertyName) take(node.propertyName);
      else if (ts.isParameter(node) && node.modifiers?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ReadonlyKeyword || m.kind === ts.SyntaxKind.PublicKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword)) take(node.name);
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return names;
}

/** The names to mangle, most used first (so they get the shortest names when first listed). */
export function sourceNames(rootDir) {
  return [...propertyNames(rootDir)].filter(([n]) => MANGLE_PATTERN.test(n)).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([n]) => n);
}

/** The n-th short name: $a .. $Z, then $aa, $ab, ... */
function shortName(n) {
  let s = '';
  do {
    s = LETTERS[n % LETTERS.length] + s;
    n = Math.floor(n / LETTERS.length) - 1;
  } while (n >= 0);
  return PREFIX + s;
}

/** mangle.json: { help, props: { name: short } } (read as is; missing file: empty). */
export function readMangleList(rootDir) {
  const path = join(rootDir, 'mangle.json');
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : { props: {} };
}

/** What rollup hands terser: mangle exactly the listed names, each to its fixed short name. */
export function terserMangleProperties(rootDir) {
  const { props } = readMangleList(rootDir);
  return {
    regex: MANGLE_PATTERN,
    // Only names in the cache are mangled, each to its cached name (terser's `only_cache`).
    only_cache: true,
    cache: { props: Object.fromEntries(Object.entries(props).map(([name, short]) => [`$${name}`, short])) },
  };
}

/** { missing: names in the source without a short name, stale: listed names gone from the source, clashes: short names given twice }. */
export function checkMangleList(rootDir) {
  const wanted = sourceNames(rootDir);
  const { props } = readMangleList(rootDir);
  const shorts = Object.values(props);
  return {
    missing: wanted.filter((n) => !(n in props)),
    stale: Object.keys(props).filter((n) => !wanted.includes(n)),
    clashes: shorts.filter((s, i) => shorts.indexOf(s) !== i || !s.startsWith(PREFIX)),
  };
}

/** Rewrites mangle.json: known names keep their short name, new ones get the next free one. */
export function writeMangleList(rootDir) {
  const wanted = sourceNames(rootDir);
  const old = readMangleList(rootDir).props ?? {};
  const used = new Set(Object.values(old));
  const props = {};
  let next = 0;
  for (const name of wanted) {
    if (old[name]) props[name] = old[name];
    else {
      while (used.has(shortName(next))) next++;
      props[name] = shortName(next);
      used.add(props[name]);
    }
  }
  const sorted = Object.fromEntries(Object.entries(props).sort(([a], [b]) => a.localeCompare(b)));
  const help = 'Fixed property-mangling list of the minified builds (scripts/mangle.mjs): every `_x` member of the browser code and its short name, the same in every chunk. Regenerate with `node scripts/mangle.mjs --write`; existing names keep theirs.';
  writeFileSync(join(rootDir, 'mangle.json'), JSON.stringify({ help, props: sorted }, null, 2) + '\n');
  return sorted;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
  if (process.argv.includes('--write')) {
    const props = writeMangleList(root);
    console.log(`mangle: ${Object.keys(props).length} names in mangle.json`);
  } else {
    const { missing, stale, clashes } = checkMangleList(root);
    for (const n of missing) console.error(`mangle: ${n} is not in mangle.json (node scripts/mangle.mjs --write)`);
    for (const n of stale) console.error(`mangle: ${n} is in mangle.json but no longer in the source (node scripts/mangle.mjs --write)`);
    for (const s of clashes) console.error(`mangle: short name ${s} is given twice or lacks the ${PREFIX} prefix`);
    if (missing.length || stale.length || clashes.length) process.exit(1);
    console.log(`mangle: mangle.json lists all ${Object.keys(readMangleList(root).props).length} names`);
  }
}
