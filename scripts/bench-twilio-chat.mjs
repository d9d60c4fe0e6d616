#!/usr/bin/env node
// `npm run bench` (part 4): chat on Twilio, what it costs the visitor who starts a chat.
//   1. the size of the lazy chunk holding @twilio/conversations (bundled from npm through rollup's
//      commonjs plugin), raw and gzip (level 9), from dist/manifest.json;
//   2. the long task evaluating it, in Chromium with the CPU throttled 4x (CDP
//      Emulation.setCPUThrottlingRate, a phone-class CPU): a fresh context per run opens a demo
//      page, then imports the chunk the way the transport does (dynamic import) and reads the
//      long-animation-frame entries (script attribution: the chunk's evaluation) and longtask entries.
// A benchmark, not a test: it prints figures and never fails on a threshold. Loopback only, bounded.
// Usage: node scripts/bench-twilio-chat.mjs [--runs N]   (after `npm run build`)
import { chromium } from 'playwright-core';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { median, ms } from './benchStats.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CPU_THROTTLE = 4;
const runsArg = process.argv.indexOf('--runs');
const RUNS = Math.max(1, Number(runsArg > 0 ? process.argv[runsArg + 1] : process.env.BENCH_TWILIO_RUNS) || 5);
const OVERALL_TIMEOUT_MS = 3 * 60_000;
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1'];

const OBSERVER_INIT = `(() => {
  const out = (window.__twilioBench = { longtasks: [], loafs: [] });
  const observe = (type, onEntry) => { try { new PerformanceObserver((l) => l.getEntries().forEach(onEntry)).observe({ type, buffered: true }); } catch (e) {} };
  observe('longtask', (e) => out.longtasks.push({ start: e.startTime, duration: e.duration }));
  observe('long-animation-frame', (e) => out.loafs.push({ start: e.startTime, duration: e.duration,
    scripts: (e.scripts || []).map((s) => ({ url: s.sourceURL, type: s.invokerType, duration: s.duration })) }));
})();`;

const fmt = (n) => n.toLocaleString('en-US');

async function main() {
  const timer = setTimeout(() => {
    console.error('bench-twilio-chat: over the time limit, stopping');
    process.exit(1);
  }, OVERALL_TIMEOUT_MS);
  const manifestPath = `${ROOT}dist/manifest.json`;
  if (!existsSync(manifestPath)) throw new Error('bench-twilio-chat: dist/manifest.json not found; run `npm run build` first');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const chunk = Object.keys(manifest).find((f) => /^chunks\/twilio-conversations-/.test(f));
  if (!chunk) throw new Error('bench-twilio-chat: no chunks/twilio-conversations-*.js in dist/manifest.json');
  const bytes = readFileSync(`${ROOT}dist/${chunk}`);
  const gzip = gzipSync(bytes, { level: 9 }).length;

  const { startDemoServer } = await import(new URL('../demo/server.mjs', import.meta.url).href);
  const server = await startDemoServer({ port: 0, host: '127.0.0.1' });
  const url = String(server.url).replace(/\/$/, '');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  const evals = [];
  const tasks = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.addInitScript({ content: OBSERVER_INIT });
      await page.goto(`${url}/?nobaton=1`, { waitUntil: 'load' });
      // Fetch it first (the network is not what we measure), then throttle and evaluate it.
      await page.evaluate((u) => fetch(u).then((r) => r.text()), `${url}/baton/${chunk}`);
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLE });
      const t0 = await page.evaluate(() => performance.now());
      await page.evaluate((u) => import(u).then(() => undefined), `${url}/baton/${chunk}`);
      await page.waitForTimeout(500); // let the observers deliver
      const data = await page.evaluate(() => window.__twilioBench);
      const scripts = data.loafs.flatMap((f) => f.scripts).filter((s) => (s.url ?? '').includes('twilio-conversations-'));
      evals.push(scripts.length ? Math.max(...scripts.map((s) => s.duration)) : NaN);
      const after = data.longtasks.filter((t) => t.start >= t0 - 1).map((t) => t.duration);
      tasks.push(after.length ? Math.max(...after) : 0);
      await context.close();
    }
  } finally {
    await browser.close().catch(() => {});
    await server.close();
    clearTimeout(timer);
  }
  console.log(`bench-twilio-chat: ${chunk}: ${fmt(bytes.length)} B raw, ${fmt(gzip)} B gzip (level 9); loaded only after the visitor starts a chat`);
  console.log(`bench-twilio-chat: evaluating it, Chromium, CPU throttled ${CPU_THROTTLE}x, ${RUNS} fresh contexts:`);
  console.log(`  long-animation-frame script attributed to the chunk: median ${ms(median(evals.filter(Number.isFinite)))}, max ${ms(Math.max(...evals.filter(Number.isFinite)))}`);
  console.log(`  longest long task after the import started: median ${ms(median(tasks))}, max ${ms(Math.max(...tasks))}`);
  // The one line issue 22 asks for: what starting a chat on Twilio costs, in bytes and in the longest task.
  console.log(`twilio chat: chunk ${fmt(gzip)} B gzip, longest main-thread task ${ms(median(tasks))} (median of ${RUNS}; max ${ms(Math.max(...tasks))}; CPU ${CPU_THROTTLE}x)`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
