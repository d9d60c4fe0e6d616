#!/usr/bin/env node
// `npm run size`: gzip sizes of the script-tag (cdn) build and its budgets, after `npm run build`.
// Usage: node scripts/size.mjs [--dist <dir>]   (or BATON_DIST=<dir>; default: dist/ of the repo)
//
// Reads <dist>/manifest.json (written by rollup.config.mjs: every cdn chunk's static `imports`,
// `dynamicImports` and `modules`) and measures, gzip level 9:
//   loader           baton-loader.js, the paste-in snippet every page of the site carries;
//   page load        loader + baton.js + every chunk reachable from baton.js through static imports:
//                    what the host page downloads and runs while it loads (the command queue and the
//                    early capture of routes and friction signals, issue 22);
//   idle             the chunk(s) holding src/compose/cdnStart.ts (the API, the context engine, storage,
//                    the launcher) and their static imports outside the page-load set: what baton.js
//                    imports when the page is idle, within a second;
//   pre-interaction  page load + idle: everything a page downloads and runs before the visitor
//                    touches anything (the "minus pre-interaction" of every set below);
//   panel            the chunk(s) loaded by dynamic import whose modules include src/ui/panel/,
//                    plus their static imports not already in the pre-interaction set: what a click
//                    on the launcher downloads.
//   redaction checks the value checks of redaction (src/core/context/redaction/values.ts and what it
//                    imports), loaded after boot only on pages whose URL or title needs them, and
//                    with the snapshot builder; never in the pre-interaction set (docs/context.md).
//   proactive        the proactive rules' chunk (src/core/proactive/, src/ui/proactive.ts) and its
//                    static imports outside the pre-interaction set: what a site with `proactive`
//                    rules adds at idle. Never in the pre-interaction set (sites without rules pay nothing).
//   articles         the help articles' chunk (src/ui/panel/help/: search with minisearch, the Help
//                    and article views, the markdown subset) and what it imports beyond the two sets
//                    above: what a site with the `articles` option adds when the panel opens. Never
//                    in the pre-interaction or panel sets (sites without articles pay nothing).
//   context view     "What the agent sees" (src/ui/panel/context/ and the shared description it renders),
//                    loaded when the visitor opens that view; never in the pre-interaction or panel sets.
//   language <code>  each language's strings (src/ui/locales/<code>.ts, its own chunk) plus the message
//                    format (src/ui/locales/catalog.ts) and what they import beyond the pre-interaction
//                    and panel sets: what showing the panel in that language downloads besides the panel.
//                    Never in the pre-interaction or panel sets (the panel loads only the language it shows).
//   voice            the Twilio Voice transport (chunks with src/transports/twilio-voice/ modules) and
//                    everything it imports, statically or dynamically (the @twilio/voice-sdk chunk),
//                    minus the pre-interaction set: what starting a Twilio call downloads. Neither it
//                    nor any @twilio/voice-sdk module may be in the pre-interaction set.
//   console          the agent console's console.js, and each console language's lazy chunk
//                    (dist/console/chunks/<lang>-*.js): what an agent's browser loads.
// The summary also gives the pre-interaction bytes as served (the build's brotli copies); budgets stay gzip.
// Exits 1, with a `size: budget broken: ...` line per broken budget, when one is over.
// bench.mjs imports measure() and printReport() from here.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Budgets, in gzip bytes (zlib level 9). Changing one is a product decision: see docs/ARCHITECTURE.md.
/** The paste-in loader on every page (README: "under 300 bytes gzip"), Trusted Types policy included. */
export const LOADER_BUDGET = 300;
/**
 * Everything a page runs before any interaction (loader + baton.js + its static imports): 10.5 KB
 * (10 KB until issue 12's both-doors parity, registered transports, Trusted Types policy, top layer
 * and journey edge cases), + 64 B in issue 16 (a native app's bridge found and its first events
 * held, a handoff link's token taken at boot: docs/ARCHITECTURE.md), + 64 B in issue 14 (the
 * proactive rules' switch), + 384 B in issue 18 (the language chosen before interaction: the
 * `locale` option, then `<html lang>`, then the browser's languages, mapped to 14 languages; the
 * launcher's one-word name in each; `dir` and the launcher's mirrored side for Arabic and Hebrew;
 * the language's chunk fetched beside the panel's. Measured 11,225 B; docs/ARCHITECTURE.md).
 */
export const PRE_INTERACTION_BUDGET = 12_288;
/**
 * What the host page runs while it loads (loader + baton.js + its static imports): issue 22 asked
 * for at most 8 KB; since issue 22 the page load holds only the queue and the early capture
 * (2,096 B measured) and the rest waits for idle: 2.25 KB, so that anything added to the page's load
 * is a decision. The pre-interaction budget above grew by 1 KB for it (11,264 -> 12,288 B; measured
 * 12,175 B): the capture that keeps the page's first events for the engine (~500 B) and a second
 * file compressed on its own (~400 B).
 */
export const PAGE_LOAD_BUDGET = 2_304;
/** The idle half (src/compose/cdnStart.ts and what only it imports): 10,079 B measured at issue 22. */
export const IDLE_BUDGET = 10_240;
const IDLE_MODULE = 'src/compose/cdnStart.ts';
/**
 * The chat panel, loaded on the first click (its dynamic chunk(s) + their new static imports): 32 KB
 * (30 KB until issue 14's views and bot and issue 16's photos and handoff: docs/ARCHITECTURE.md).
 */
export const PANEL_BUDGET = 32_768;
/**
 * Proactive help (boot option `proactive`): the rule engine and its message next to the launcher,
 * imported at idle after the launcher, only on pages booted with rules: 2.25 KB (2 KB until issue 18:
 * its close button's name in 14 languages and the site's rules per language; measured 2,271 B),
 * + 96 B in issue 20 (the `import()` of the micro-survey's own chunk, src/ui/microSurvey.ts, when
 * a survey rule fires: 2,271 -> 2,344 B measured). Never pre-interaction.
 */
export const PROACTIVE_BUDGET = 2_400;
const PROACTIVE_MODULES = ['src/core/proactive/', 'src/ui/proactive.ts'];
/** Help articles (boot option `articles`): the search (minisearch, ~6 KB) and the help views: 12 KB. */
export const ARTICLES_BUDGET = 12_288;
const ARTICLES_MODULES = 'src/ui/panel/help/';
/**
 * Booking a callback at a time (issue 15): the slot picker and its client (src/ui/panel/callback/,
 * imported when the callback form shows; the phone number is checked on the server): 3 KB
 * (2,267 B measured with issue 15).
 */
export const CALLBACK_BUDGET = 3_072;
const CALLBACK_MODULES = 'src/ui/panel/callback/';
/**
 * "Scan a code" (issue 19): the scanner view and its reader (src/ui/panel/scan/, imported when the
 * visitor picks it) plus jsQR, the QR decoder it imports where the browser has no BarcodeDetector
 * (node_modules/jsqr/, a chunk of its own): 14 KB. jsQR 1.4.0 is 46.5 KB gzip as published, most
 * of it the Shift_JIS table for QR codes in kanji mode; the build replaces that table with the
 * browser's own TextDecoder('shift_jis') (scripts/jsqrShiftJis.mjs): jsQR 10,444 B, the whole
 * 12,911 B measured. Downloaded only by a visitor who presses "Scan a code" on a browser without
 * BarcodeDetector (Safari, Firefox, desktop Linux).
 */
export const SCAN_BUDGET = 14_336;
const SCAN_MODULES = ['src/ui/panel/scan/', 'node_modules/jsqr/'];
/**
 * "Continue by SMS / on WhatsApp" (issue 19): its view and its words in 14 languages
 * (src/ui/panel/continueBy/), imported by the panel only when the chat's transport offers it
 * (Twilio with a number configured, where the chat has already loaded the 131 KB Conversations SDK):
 * 4 KB (measured 3,982 B: the view ~1.4 KB, the 14 languages' 8 strings ~2.4 KB, kept here rather than
 * in each language's catalog, which every panel of every site loads and which is at its budget).
 */
export const CONTINUE_BY_BUDGET = 4_096;
const CONTINUE_BY_MODULES = 'src/ui/panel/continueBy/';
/**
 * "What the agent sees" (src/ui/panel/context/: the view and the shared snapshot description of
 * src/view/contextFields.ts), a chunk the panel imports when the visitor opens that view: 4 KB.
 * Never in the panel's own set (issue 17 moved it out, making room in the panel's 32 KB).
 */
export const CONTEXT_VIEW_BUDGET = 4_096;
const CONTEXT_VIEW_MODULES = 'src/ui/panel/context/';

/**
 * Embedded calls: the call session chunk (loaded with the panel's call button) plus the WebRTC
 * transport (loaded when the visitor presses "Call"): 6 KB.
 */
export const CALL_BUDGET = 6_144;
const CALL_MODULES = ['src/core/call/session.ts', 'src/core/call/call.ts', 'src/core/call/capabilities.ts', 'src/transports/local/call.ts'];

/**
 * Chat on Twilio (boot option transport: 'twilio'): the Twilio chat transport's chunk plus the
 * @twilio/conversations SDK's (bundled from npm through the commonjs plugin), loaded only once the
 * visitor starts a chat: 92 KB (below). 140 KB until issue 22, which left out the SDKs' ~90 core-js
 * polyfills (rollup.config.mjs, noCoreJsPolyfills): 136,019 -> 90,139 B measured; see docs/twilio.md.
 */
export const TWILIO_CHAT_BUDGET = 94_208;
const TWILIO_CHAT_MODULES = ['src/transports/twilio-chat/', 'node_modules/@twilio/conversations/'];
// 90 KB (92,160 B) until the SDK ran in a worker (issue 22: no long task on the page): the page's
// proxy (sdkWorkerClient.ts, startSdk.ts) and the worker's host (worker/) add 3.1 KB: 93,768 B measured.
const TWILIO_SDK_WORKER_URL = 'src/transports/twilio-chat/worker/chunkUrl.ts';
const TWILIO_SDK_WORKER = 'src/transports/twilio-chat/worker/entry.ts';
/**
 * One language of the widget (issue 18): its catalog chunk (src/ui/locales/<code>.ts) + the message
 * format's (catalog.ts), loaded beside the panel's: 7 KB (the figures of each: `npm run size`;
 * Russian and Ukrainian are the largest, Cyrillic being 2 bytes a letter in UTF-8). 7,188 B since
 * issue 15's agent call in the panel ("{name} is calling you", Answer, Decline: +26 B in Ukrainian,
 * measured 7,188 on top of issue 19's Scan a code, which had left 6 B), 7,196 B with its "Seen"
 * receipt (+8 B in Ukrainian, "Прочитано"), 7,197 B after the rebase onto issue 18's console
 * languages (the message format's chunk 1 B larger), 7,219 B with issue 22's idle half (the message
 * format's chunk imports from two chunks, baton.js and the idle one: +22 B in Ukrainian, measured).
 */
export const LANGUAGE_BUDGET = 7_219;
const LOCALES = 'src/ui/locales/';
/** Redaction's value checks (names, e-mails, cards, national ids, IBANs, tokens), after boot when needed: 3 KB. */
export const REDACTION_CHECKS_BUDGET = 3_072;
const REDACTION_CHECKS_MODULE = 'src/core/context/redaction/values.ts';
/** A Twilio Voice call: our transport (~3 KB) + @twilio/voice-sdk 2.x (~43 KB), on the click on "Call": 48 KB. */
export const VOICE_BUDGET = 49_152;

/**
 * The agent console (dist/console, its own app; agents load it, never a site's visitors): console.js,
 * 67,112 B gzip measured at issue 22, so 68 KB; each console language other than English (a lazy
 * chunk an agent who picks it loads, dist/console/chunks/<lang>-*.js) 10,347 B at most (Ukrainian),
 * so 10.5 KB. Issue 18 left the console without a budget.
 */
export const CONSOLE_BUDGET = 69_632;
export const CONSOLE_LANGUAGE_BUDGET = 10_752;
const CONSOLE_LANGUAGE_CHUNK = /^([a-z]{2}(?:-[A-Z][a-z]{3})?)-[\w-]{8}\.js$/;

const LOADER = 'baton-loader.js';
const ENTRY = 'baton.js';
const PANEL_MODULES = 'src/ui/panel/';
const VOICE_MODULES = ['src/transports/twilio-voice/', 'node_modules/@twilio/voice-sdk/'];

const fmt = (n) => n.toLocaleString('en-US');

/** { raw, gzip } byte counts of a file. */
export function sizeOf(path) {
  const buf = readFileSync(path);
  return { raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
}

/** The static-import closure of `start` (file names as in the manifest), `start` included. */
function staticClosure(manifest, start) {
  const seen = new Set();
  const stack = [...start];
  while (stack.length) {
    const f = stack.pop();
    if (seen.has(f) || !manifest[f]) continue;
    seen.add(f);
    stack.push(...(manifest[f].imports ?? []));
  }
  return seen;
}

function jsFilesUnder(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...jsFilesUnder(p));
    else if (name.endsWith('.js')) out.push(p);
  }
  return out;
}

/**
 * Measures a built dist/ directory. Never throws for a missing panel or a broken budget: those
 * come back in `problems` (a missing manifest or loader does throw, with a clear message).
 * @param {string} distDir
 */
export function measure(distDir) {
  const manifestPath = join(distDir, 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`size: ${manifestPath} not found; run \`npm run build\` first`);
  /** @type {Record<string, { isEntry?: boolean, name?: string, imports?: string[], dynamicImports?: string[], modules?: string[] }>} */
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  for (const f of [LOADER, ENTRY]) {
    if (!existsSync(join(distDir, f))) throw new Error(`size: ${join(distDir, f)} not found; run \`npm run build\` first`);
  }
  if (!manifest[ENTRY]) throw new Error(`size: ${manifestPath} has no entry for ${ENTRY}`);

  const problems = [];
  const pageLoadSet = staticClosure(manifest, [ENTRY]);
  const idleRoots = Object.keys(manifest).filter((f) => (manifest[f].modules ?? []).includes(IDLE_MODULE));
  if (!idleRoots.length) problems.push(`no idle chunk: no chunk has ${IDLE_MODULE} (see ${manifestPath})`);
  const idleSet = new Set([...staticClosure(manifest, idleRoots)].filter((f) => !pageLoadSet.has(f)));
  const pre = new Set([...pageLoadSet, ...idleSet]);

  // Everything reachable from baton.js (static or dynamic), and which files are dynamic-import targets.
  const reachable = new Set();
  const dynamicTargets = new Set();
  const stack = [ENTRY];
  while (stack.length) {
    const f = stack.pop();
    if (reachable.has(f) || !manifest[f]) continue;
    reachable.add(f);
    stack.push(...(manifest[f].imports ?? []));
    // The Twilio SDK's worker chunk is reached by its URL (new Worker), from the chunk holding it.
    if ((manifest[f].modules ?? []).includes(TWILIO_SDK_WORKER_URL)) stack.push(...Object.keys(manifest).filter((x) => (manifest[x].modules ?? []).includes(TWILIO_SDK_WORKER)));
    for (const d of manifest[f].dynamicImports ?? []) {
      if (manifest[d]) dynamicTargets.add(d);
      stack.push(d);
    }
  }

  const hasPanel = (f) => (manifest[f]?.modules ?? []).some((m) => m.includes(PANEL_MODULES) && !m.includes(ARTICLES_MODULES) && !m.includes(CONTEXT_VIEW_MODULES) && !m.includes(CALLBACK_MODULES) && !m.includes(SCAN_MODULES[0]) && !m.includes(CONTINUE_BY_MODULES));
  const panelRoots = [...dynamicTargets].filter((f) => hasPanel(f) && !pre.has(f)).sort();
  const panelFiles = new Set([...staticClosure(manifest, panelRoots)].filter((f) => !pre.has(f)));
  const prePanel = [...pre].filter(hasPanel);
  if (prePanel.length) {
    problems.push(`panel code (${PANEL_MODULES}) is loaded before interaction, in ${prePanel.join(', ')} (statically imported from ${ENTRY}); it must only be reached by dynamic import`);
  }
  if (!panelRoots.length) {
    problems.push(`no panel chunk: no chunk reached from ${ENTRY} by dynamic import has modules in ${PANEL_MODULES} (see ${manifestPath})`);
  }

  // The voice chunks: every chunk holding our Twilio Voice transport, and all it imports (the SDK by import()).
  const isVoice = (f) => (manifest[f]?.modules ?? []).some((m) => VOICE_MODULES.some((v) => m.includes(v)));
  const voiceFiles = new Set();
  const voiceStack = Object.keys(manifest).filter((f) => (manifest[f].modules ?? []).some((m) => m.includes(VOICE_MODULES[0])));
  while (voiceStack.length) {
    const f = voiceStack.pop();
    if (voiceFiles.has(f) || !manifest[f] || pre.has(f)) continue;
    voiceFiles.add(f);
    voiceStack.push(...(manifest[f].imports ?? []), ...(manifest[f].dynamicImports ?? []));
  }
  // The articles chunk(s): reached by dynamic import only, and never part of the panel's own set.
  const isArticles = (f) => (manifest[f]?.modules ?? []).some((m) => m.includes(ARTICLES_MODULES));
  const articlesRoots = [...dynamicTargets].filter((f) => isArticles(f) && !pre.has(f)).sort();
  const articlesFiles = new Set([...staticClosure(manifest, articlesRoots)].filter((f) => !pre.has(f) && !panelFiles.has(f)));
  for (const f of [...pre, ...panelFiles].filter(isArticles)) problems.push(`help articles code (${ARTICLES_MODULES}) is in ${f}, loaded ${pre.has(f) ? 'before interaction' : 'with every panel'}; it must only be reached by dynamic import from the panel`);

  // The callback booking chunk(s): reached by dynamic import from the panel only.
  const isCallback = (f) => (manifest[f]?.modules ?? []).some((m) => m.includes(CALLBACK_MODULES));
  const callbackFiles = new Set([...staticClosure(manifest, [...dynamicTargets].filter((f) => isCallback(f) && !pre.has(f)))].filter((f) => !pre.has(f) && !panelFiles.has(f)));
  for (const f of [...pre, ...panelFiles].filter(isCallback)) problems.push(`callback booking code (${CALLBACK_MODULES}) is in ${f}; it must only be reached by dynamic import from the panel`);
  // "Scan a code": the scanner's chunk and the decoder's, reached by dynamic import from the panel only.
  const isScan = (f) => (manifest[f]?.modules ?? []).some((m) => SCAN_MODULES.some((s) => m.includes(s)));
  const scanFiles = new Set([...staticClosure(manifest, [...dynamicTargets].filter((f) => isScan(f) && !pre.has(f)))].filter((f) => !pre.has(f) && !panelFiles.has(f)));
  for (const f of [...pre, ...panelFiles].filter(isScan)) problems.push(`"Scan a code" (${SCAN_MODULES.join(', ')}) is in ${f}; it must only be reached by dynamic import from the panel`);
  const isContinueBy = (f) => (manifest[f]?.modules ?? []).some((m) => m.includes(CONTINUE_BY_MODULES));
  const continueByFiles = new Set([...staticClosure(manifest, [...dynamicTargets].filter((f) => isContinueBy(f) && !pre.has(f)))].filter((f) => !pre.has(f) && !panelFiles.has(f)));
  for (const f of [...pre, ...panelFiles].filter(isContinueBy)) problems.push(`"continue by" code (${CONTINUE_BY_MODULES}) is in ${f}; it must only be reached by dynamic import from the panel`);
  // "What the agent sees": reached by dynamic import from the panel only.
  const isContextView = (f) => (manifest[f]?.modules ?? []).some((m) => m.includes(CONTEXT_VIEW_MODULES));
  const contextViewRoots = [...dynamicTargets].filter((f) => isContextView(f) && !pre.has(f)).sort();
  const contextViewFiles = new Set([...staticClosure(manifest, contextViewRoots)].filter((f) => !pre.has(f) && !panelFiles.has(f)));
  for (const f of [...pre, ...panelFiles].filter(isContextView)) problems.push(`"What the agent sees" (${CONTEXT_VIEW_MODULES}) is in ${f}, loaded ${pre.has(f) ? 'before interaction' : 'with every panel'}; it must only be reached by dynamic import from the panel`);

  // The proactive chunk: reached by dynamic import only (from the launcher, at idle).
  const isProactive = (f) => (manifest[f]?.modules ?? []).some((m) => PROACTIVE_MODULES.some((p) => m.includes(p)));
  const proactiveFiles = new Set([...staticClosure(manifest, [...dynamicTargets].filter(isProactive))].filter((f) => !pre.has(f)));
  for (const f of [...pre].filter(isProactive)) problems.push(`proactive rules (${PROACTIVE_MODULES.join(', ')}) are in ${f}, loaded before interaction; they must only be reached by dynamic import`);

  // The languages: one chunk each (+ the message format's chunk), reached by dynamic import only.
  const localeOf = (f) => (manifest[f]?.modules ?? []).map((m) => m.startsWith(LOCALES) && m.slice(LOCALES.length).replace(/\.ts$/, '')).find((x) => x && x !== 'catalog' && x !== 'units' && x !== 'overlay');
  const formatFiles = Object.keys(manifest).filter((f) => (manifest[f].modules ?? []).includes(`${LOCALES}catalog.ts`));
  const languages = Object.keys(manifest).filter(localeOf).sort().map((f) => {
    const set = new Set([...staticClosure(manifest, [f, ...formatFiles])].filter((x) => !pre.has(x) && !panelFiles.has(x)));
    return { lang: localeOf(f), files: [...set].sort(), set };
  });
  for (const f of [...pre, ...panelFiles]) if (localeOf(f) || formatFiles.includes(f)) problems.push(`the language chunk ${f} is loaded ${pre.has(f) ? 'before interaction' : 'with every panel'}; each language must only be reached by dynamic import`);
  if (!languages.length) problems.push(`no language chunk: no chunk has modules in ${LOCALES}<code>.ts (see ${manifestPath})`);
  const languageFiles = new Set(languages.flatMap((l) => l.files));

  const preVoice = [...pre].filter(isVoice);
  if (preVoice.length) problems.push(`Twilio Voice code is loaded before interaction, in ${preVoice.join(', ')}; it must only be reached by dynamic import`);

  const files = [{ file: LOADER, role: 'loader', ...sizeOf(join(distDir, LOADER)) }];
  const cdnFiles = Object.keys(manifest).sort((a, b) => (a === ENTRY ? -1 : b === ENTRY ? 1 : a.localeCompare(b)));
  for (const f of cdnFiles) {
    const path = join(distDir, f);
    if (!existsSync(path)) { problems.push(`${f} is in manifest.json but not in ${distDir}`); continue; }
    const role = pageLoadSet.has(f) ? 'page load'
      : idleSet.has(f) ? 'idle'
      : panelFiles.has(f) ? 'panel'
      : articlesFiles.has(f) ? 'articles'
      : callbackFiles.has(f) ? 'callback'
      : scanFiles.has(f) ? 'scan'
      : continueByFiles.has(f) ? 'continue by'
      : contextViewFiles.has(f) ? 'context view'
      : proactiveFiles.has(f) ? 'proactive'
      : languageFiles.has(f) ? 'language'
      : voiceFiles.has(f) ? 'voice'
      : reachable.has(f) ? 'lazy'
      : 'unreachable';
    files.push({ file: f, role, ...sizeOf(path) });
  }

  const sum = (set) => files.filter((x) => set.has(x.file)).reduce((s, x) => s + x.gzip, 0);
  const loader = files[0].gzip;
  const preInteraction = { files: [LOADER, ...[...pre].sort()], gzip: loader + sum(pre) };
  const pageLoad = { files: [LOADER, ...[...pageLoadSet].sort()], gzip: loader + sum(pageLoadSet) };
  const idle = { files: [...idleSet].sort(), gzip: sum(idleSet) };
  // What the server actually sends a browser that accepts brotli: the build's .br copies (scripts/publishCdn.mjs).
  const served = (f) => (existsSync(join(distDir, `${f}.br`)) ? statSync(join(distDir, `${f}.br`)).size : statSync(join(distDir, f)).size);
  preInteraction.brotli = preInteraction.files.every((f) => existsSync(join(distDir, f))) ? preInteraction.files.reduce((n, f) => n + served(f), 0) : null;
  const panel = { files: [...panelFiles].sort(), gzip: sum(panelFiles), found: panelRoots.length > 0 };
  const voice = { files: [...voiceFiles].sort(), gzip: sum(voiceFiles), found: voiceFiles.size > 0 };
  const articles = { files: [...articlesFiles].sort(), gzip: sum(articlesFiles), found: articlesFiles.size > 0 };
  const callback = { files: [...callbackFiles].sort(), gzip: sum(callbackFiles), found: callbackFiles.size > 0 };
  const scan = { files: [...scanFiles].sort(), gzip: sum(scanFiles), found: scanFiles.size > 0 };
  const continueBy = { files: [...continueByFiles].sort(), gzip: sum(continueByFiles), found: continueByFiles.size > 0 };
  const proactive = { files: [...proactiveFiles].sort(), gzip: sum(proactiveFiles), found: proactiveFiles.size > 0 };
  const contextView = { files: [...contextViewFiles].sort(), gzip: sum(contextViewFiles), found: contextViewFiles.size > 0 };
  const langs = languages.map((l) => ({ lang: l.lang, files: l.files, gzip: sum(l.set) }));
  const isCall = (f) => !pre.has(f) && !panelFiles.has(f) && (manifest[f]?.modules ?? []).some((m) => CALL_MODULES.some((c) => m.includes(c)));
  const callFiles = new Set([...reachable].filter(isCall));
  const call = { files: [...callFiles].sort(), gzip: sum(callFiles) };
  for (const f of pre) if ((manifest[f]?.modules ?? []).some((m) => CALL_MODULES.some((c) => m.includes(c)))) problems.push(`call code is loaded before interaction, in ${f}`);

  // Redaction's value checks: the chunk holding values.ts and its static imports, outside the pre-interaction set.
  const holdsChecks = (f) => (manifest[f]?.modules ?? []).includes(REDACTION_CHECKS_MODULE);
  const checksFiles = new Set([...staticClosure(manifest, Object.keys(manifest).filter(holdsChecks))].filter((f) => !pre.has(f)));
  const redactionChecks = { files: [...checksFiles].sort(), gzip: sum(checksFiles), found: Object.keys(manifest).some(holdsChecks) };
  for (const f of pre) if (holdsChecks(f)) problems.push(`redaction's value checks are loaded before interaction, in ${f}; they must only be reached by dynamic import`);

  const broken = [];
  if (loader > LOADER_BUDGET) broken.push(`loader ${fmt(loader)} B > ${fmt(LOADER_BUDGET)} B gzip (${LOADER})`);
  if (pageLoad.gzip > PAGE_LOAD_BUDGET) broken.push(`page load ${fmt(pageLoad.gzip)} B > ${fmt(PAGE_LOAD_BUDGET)} B gzip (${pageLoad.files.join(' + ')})`);
  if (idle.gzip > IDLE_BUDGET) broken.push(`idle ${fmt(idle.gzip)} B > ${fmt(IDLE_BUDGET)} B gzip (${idle.files.join(' + ')})`);
  if (preInteraction.gzip > PRE_INTERACTION_BUDGET) {
    broken.push(`pre-interaction ${fmt(preInteraction.gzip)} B > ${fmt(PRE_INTERACTION_BUDGET)} B gzip (${preInteraction.files.join(' + ')})`);
  }
  if (redactionChecks.gzip > REDACTION_CHECKS_BUDGET) broken.push(`redaction checks ${fmt(redactionChecks.gzip)} B > ${fmt(REDACTION_CHECKS_BUDGET)} B gzip (${redactionChecks.files.join(' + ')})`);
  if (call.gzip > CALL_BUDGET) broken.push(`call ${fmt(call.gzip)} B > ${fmt(CALL_BUDGET)} B gzip (${call.files.join(' + ')})`);
  if (panel.gzip > PANEL_BUDGET) broken.push(`panel ${fmt(panel.gzip)} B > ${fmt(PANEL_BUDGET)} B gzip (${panel.files.join(' + ')})`);
  if (proactive.gzip > PROACTIVE_BUDGET) broken.push(`proactive ${fmt(proactive.gzip)} B > ${fmt(PROACTIVE_BUDGET)} B gzip (${proactive.files.join(' + ')})`);
  if (scan.gzip > SCAN_BUDGET) broken.push(`scan ${fmt(scan.gzip)} B > ${fmt(SCAN_BUDGET)} B gzip (${scan.files.join(' + ')})`);
  if (callback.gzip > CALLBACK_BUDGET) broken.push(`callback ${fmt(callback.gzip)} B > ${fmt(CALLBACK_BUDGET)} B gzip (${callback.files.join(' + ')})`);
  if (continueBy.gzip > CONTINUE_BY_BUDGET) broken.push(`continue by ${fmt(continueBy.gzip)} B > ${fmt(CONTINUE_BY_BUDGET)} B gzip (${continueBy.files.join(' + ')})`);
  if (contextView.gzip > CONTEXT_VIEW_BUDGET) broken.push(`context view ${fmt(contextView.gzip)} B > ${fmt(CONTEXT_VIEW_BUDGET)} B gzip (${contextView.files.join(' + ')})`);
  if (articles.gzip > ARTICLES_BUDGET) broken.push(`articles ${fmt(articles.gzip)} B > ${fmt(ARTICLES_BUDGET)} B gzip (${articles.files.join(' + ')})`);
  for (const l of langs) if (l.gzip > LANGUAGE_BUDGET) broken.push(`language ${l.lang} ${fmt(l.gzip)} B > ${fmt(LANGUAGE_BUDGET)} B gzip (${l.files.join(' + ')})`);
  if (voice.gzip > VOICE_BUDGET) broken.push(`voice ${fmt(voice.gzip)} B > ${fmt(VOICE_BUDGET)} B gzip (${voice.files.join(' + ')})`);

  // Chat on Twilio: every lazy chunk holding the Twilio chat transport or its SDK (never pre-interaction).
  const holdsTwilio = (f) => (manifest[f]?.modules ?? []).some((m) => TWILIO_CHAT_MODULES.some((t) => m.includes(t)));
  const twilioPre = [...pre].filter(holdsTwilio);
  if (twilioPre.length) problems.push(`Twilio chat code is loaded before interaction, in ${twilioPre.join(', ')}; it must only be reached by dynamic import`);
  const twilioFiles = new Set(Object.keys(manifest).filter((f) => holdsTwilio(f) && !pre.has(f) && !panelFiles.has(f)));
  const twilioChat = { files: [...twilioFiles].sort(), gzip: sum(twilioFiles), found: twilioFiles.size > 0 };
  if (twilioChat.gzip > TWILIO_CHAT_BUDGET) broken.push(`twilio-chat ${fmt(twilioChat.gzip)} B > ${fmt(TWILIO_CHAT_BUDGET)} B gzip (${twilioChat.files.join(' + ')})`);

  // The agent console: console.js and each language's chunk (absent from a dist/ without the console build).
  const consoleDir = join(distDir, 'console');
  const agentConsole = existsSync(join(consoleDir, 'console.js'))
    ? {
        gzip: sizeOf(join(consoleDir, 'console.js')).gzip,
        languages: (existsSync(join(consoleDir, 'chunks')) ? readdirSync(join(consoleDir, 'chunks')) : [])
          .map((f) => [f, CONSOLE_LANGUAGE_CHUNK.exec(f)?.[1]])
          .filter(([, lang]) => lang)
          .map(([f, lang]) => ({ lang, file: `console/chunks/${f}`, gzip: sizeOf(join(consoleDir, 'chunks', f)).gzip }))
          .sort((a, b) => a.lang.localeCompare(b.lang)),
      }
    : null;
  if (agentConsole) {
    if (agentConsole.gzip > CONSOLE_BUDGET) broken.push(`console ${fmt(agentConsole.gzip)} B > ${fmt(CONSOLE_BUDGET)} B gzip (console/console.js)`);
    for (const l of agentConsole.languages) if (l.gzip > CONSOLE_LANGUAGE_BUDGET) broken.push(`console language ${l.lang} ${fmt(l.gzip)} B > ${fmt(CONSOLE_LANGUAGE_BUDGET)} B gzip (${l.file})`);
  }

  const npmDir = join(distDir, 'npm');
  const npm = jsFilesUnder(npmDir).map((p) => ({ file: relative(npmDir, p).split(sep).join('/'), ...sizeOf(p) }));

  return { distDir, files, npm, loader, agentConsole, pageLoad, idle, preInteraction, panel, articles, contextView, callback, scan, continueBy, proactive, languages: langs, twilioChat, voice, call, redactionChecks, problems, broken };
}

/** A text table; `align` has one letter per column, 'l' or 'r'. */
function table(rows, cols, align) {
  const widths = cols.map((c, i) => Math.max(c.length, ...rows.map((r) => String(r[i]).length)));
  const cell = (v, i) => (align[i] === 'r' ? String(v).padStart(widths[i]) : String(v).padEnd(widths[i]));
  const line = (r) => '  ' + r.map(cell).join('  ').trimEnd();
  return [line(cols), ...rows.map(line)].join('\n');
}

/** Prints the tables and budgets of a measure() result; returns true when every budget holds. */
export function printReport(r, log = console.log) {
  log(`size: cdn files in ${r.distDir} (bytes; gzip = zlib level 9)`);
  log(table(r.files.map((f) => [f.file, fmt(f.raw), fmt(f.gzip), f.role]), ['file', 'raw', 'gzip', 'loaded'], 'lrrl'));
  if (r.npm.length) {
    log(`size: npm entries in ${join(r.distDir, 'npm')} (not minified, dependencies external; for information)`);
    log(table(r.npm.map((f) => [f.file, fmt(f.raw), fmt(f.gzip)]), ['file', 'raw', 'gzip'], 'lrr'));
  }
  const ok = (n, max) => (n <= max ? 'ok' : 'OVER');
  log('size: budgets (gzip)');
  log(table([
    ['loader', fmt(r.loader), fmt(LOADER_BUDGET), ok(r.loader, LOADER_BUDGET), LOADER],
    ['page load', fmt(r.pageLoad.gzip), fmt(PAGE_LOAD_BUDGET), ok(r.pageLoad.gzip, PAGE_LOAD_BUDGET), r.pageLoad.files.join(' + ')],
    ['idle', fmt(r.idle.gzip), fmt(IDLE_BUDGET), ok(r.idle.gzip, IDLE_BUDGET), r.idle.files.join(' + ')],
    ['pre-interaction', fmt(r.preInteraction.gzip), fmt(PRE_INTERACTION_BUDGET), ok(r.preInteraction.gzip, PRE_INTERACTION_BUDGET), r.preInteraction.files.join(' + ')],
    ['panel', r.panel.found ? fmt(r.panel.gzip) : '-', fmt(PANEL_BUDGET), r.panel.found ? ok(r.panel.gzip, PANEL_BUDGET) : 'NOT FOUND', r.panel.files.join(' + ')],
    ...(r.articles?.found ? [['articles', fmt(r.articles.gzip), fmt(ARTICLES_BUDGET), ok(r.articles.gzip, ARTICLES_BUDGET), r.articles.files.join(' + ')]] : []),
    ...(r.callback?.found ? [['callback', fmt(r.callback.gzip), fmt(CALLBACK_BUDGET), ok(r.callback.gzip, CALLBACK_BUDGET), r.callback.files.join(' + ')]] : []),
    ...(r.scan?.found ? [['scan', fmt(r.scan.gzip), fmt(SCAN_BUDGET), ok(r.scan.gzip, SCAN_BUDGET), r.scan.files.join(' + ')]] : []),
    ...(r.continueBy?.found ? [['continue by', fmt(r.continueBy.gzip), fmt(CONTINUE_BY_BUDGET), ok(r.continueBy.gzip, CONTINUE_BY_BUDGET), r.continueBy.files.join(' + ')]] : []),
    ...(r.contextView?.found ? [['context view', fmt(r.contextView.gzip), fmt(CONTEXT_VIEW_BUDGET), ok(r.contextView.gzip, CONTEXT_VIEW_BUDGET), r.contextView.files.join(' + ')]] : []),
    ...(r.proactive?.found ? [['proactive', fmt(r.proactive.gzip), fmt(PROACTIVE_BUDGET), ok(r.proactive.gzip, PROACTIVE_BUDGET), r.proactive.files.join(' + ')]] : []),
    ...(r.languages ?? []).map((l) => [`language ${l.lang}`, fmt(l.gzip), fmt(LANGUAGE_BUDGET), ok(l.gzip, LANGUAGE_BUDGET), l.files.join(' + ')]),
    ...(r.twilioChat?.found ? [['twilio-chat', fmt(r.twilioChat.gzip), fmt(TWILIO_CHAT_BUDGET), ok(r.twilioChat.gzip, TWILIO_CHAT_BUDGET), r.twilioChat.files.join(' + ')]] : []),
    ...(r.voice?.found ? [['voice (Twilio)', fmt(r.voice.gzip), fmt(VOICE_BUDGET), ok(r.voice.gzip, VOICE_BUDGET), r.voice.files.join(' + ')]] : []),
    ['call (embedded)', fmt(r.call.gzip), fmt(CALL_BUDGET), ok(r.call.gzip, CALL_BUDGET), r.call.files.join(' + ')],
    ...(r.redactionChecks?.found ? [['redaction checks', fmt(r.redactionChecks.gzip), fmt(REDACTION_CHECKS_BUDGET), ok(r.redactionChecks.gzip, REDACTION_CHECKS_BUDGET), r.redactionChecks.files.join(' + ')]] : []),
    ...(r.agentConsole ? [['console', fmt(r.agentConsole.gzip), fmt(CONSOLE_BUDGET), ok(r.agentConsole.gzip, CONSOLE_BUDGET), 'console/console.js']] : []),
    ...(r.agentConsole?.languages ?? []).map((l) => [`console ${l.lang}`, fmt(l.gzip), fmt(CONSOLE_LANGUAGE_BUDGET), ok(l.gzip, CONSOLE_LANGUAGE_BUDGET), l.file]),
  ], ['budget', 'bytes', 'max', '', 'files'], 'lrrll'));
  for (const p of r.problems) log(`size: error: ${p}`);
  return r.problems.length === 0 && r.broken.length === 0;
}

export function summaryLine(r) {
  return `size: loader ${fmt(r.loader)} B, page load ${fmt(r.pageLoad.gzip)} B of ${fmt(PAGE_LOAD_BUDGET)} B, idle ${fmt(r.idle.gzip)} B of ${fmt(IDLE_BUDGET)} B, pre-interaction ${fmt(r.preInteraction.gzip)} B of ${fmt(PRE_INTERACTION_BUDGET)} B${r.preInteraction.brotli ? ` (${fmt(r.preInteraction.brotli)} B as served, brotli)` : ''}, panel ${fmt(r.panel.gzip)} B of ${fmt(PANEL_BUDGET)} B${r.articles?.found ? `, articles ${fmt(r.articles.gzip)} B of ${fmt(ARTICLES_BUDGET)} B` : ''}${r.contextView?.found ? `, context view ${fmt(r.contextView.gzip)} B of ${fmt(CONTEXT_VIEW_BUDGET)} B` : ''}${r.callback?.found ? `, callback ${fmt(r.callback.gzip)} B of ${fmt(CALLBACK_BUDGET)} B` : ''}${r.scan?.found ? `, scan ${fmt(r.scan.gzip)} B of ${fmt(SCAN_BUDGET)} B` : ''}${r.continueBy?.found ? `, continue by ${fmt(r.continueBy.gzip)} B of ${fmt(CONTINUE_BY_BUDGET)} B` : ''}${r.proactive?.found ? `, proactive ${fmt(r.proactive.gzip)} B of ${fmt(PROACTIVE_BUDGET)} B` : ''}${r.languages?.length ? `, languages ${fmt(Math.min(...r.languages.map((l) => l.gzip)))}-${fmt(Math.max(...r.languages.map((l) => l.gzip)))} B of ${fmt(LANGUAGE_BUDGET)} B each` : ''}${r.twilioChat?.found ? `, twilio-chat ${fmt(r.twilioChat.gzip)} B of ${fmt(TWILIO_CHAT_BUDGET)} B` : ''}${r.voice?.found ? `, voice ${fmt(r.voice.gzip)} B of ${fmt(VOICE_BUDGET)} B` : ''}, call ${fmt(r.call.gzip)} B of ${fmt(CALL_BUDGET)} B${r.redactionChecks?.found ? `, redaction checks ${fmt(r.redactionChecks.gzip)} B of ${fmt(REDACTION_CHECKS_BUDGET)} B` : ''}`;
}

/** --dist <dir>, --dist=<dir>, BATON_DIST, or the repository's dist/. */
export function distFromArgs(argv = process.argv.slice(2)) {
  const i = argv.findIndex((a) => a === '--dist' || a.startsWith('--dist='));
  if (i >= 0) {
    const v = argv[i].startsWith('--dist=') ? argv[i].slice('--dist='.length) : argv[i + 1];
    if (!v) throw new Error('size: --dist needs a directory');
    return resolve(v);
  }
  if (process.env.BATON_DIST) return resolve(process.env.BATON_DIST);
  return fileURLToPath(new URL('../dist', import.meta.url));
}

function main() {
  let r;
  try {
    r = measure(distFromArgs());
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  }
  const ok = printReport(r);
  if (!ok) {
    for (const b of r.broken) console.error(`size: budget broken: ${b}`);
    if (r.problems.length) console.error(`size: budget broken: ${r.problems.length === 1 ? r.problems[0] : `${r.problems.length} errors above`}`);
    process.exit(1);
  }
  console.log(summaryLine(r));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
