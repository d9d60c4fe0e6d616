#!/usr/bin/env node
// `npm run bench` (part 4): chat on Twilio, what it costs the visitor who starts a chat.
//   1. the size of the lazy chunk holding @twilio/conversations (bundled from npm through rollup's
//      commonjs plugin), raw and gzip (level 9), from dist/manifest.json;
//   2. the longest main-thread task while the SDK starts, in Chromium with the CPU throttled 4x (CDP
//      Emulation.setCPUThrottlingRate, a phone-class CPU), a fresh context per run and both ways the
//      widget runs it (src/transports/twilio-chat/startSdk.ts), interleaved run by run:
//      - worker: a `blob:` module worker importing the SDK worker's chunk (chunks/twilio-sdk-worker-*),
//        as startSdk does, until the worker says the SDK is ready;
//      - page (the fallback where the page's CSP refuses the worker): the SDK's chunk imported on the
//        page's thread, as before issue 22;
//      reading the longtask entries after the start and, on the page's thread, the
//      long-animation-frame entries (script attribution: the chunk's evaluation).
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
  const workerChunk = Object.keys(manifest).find((f) => /^chunks\/twilio-sdk-worker-/.test(f));
  if (!workerChunk) throw new Error('bench-twilio-chat: no chunks/twilio-sdk-worker-*.js in dist/manifest.json');
  const bytes = readFileSync(`${ROOT}dist/${chunk}`);
  const gzip = gzipSync(bytes, { level: 9 }).length;

  const { startDemoServer } = await import(new URL('../demo/server.mjs', import.meta.url).href);
  const server = await startDemoServer({ port: 0, host: '127.0.0.1' });
  const url = String(server.url).replace(/\/$/, '');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  const evals = [];
  const tasks = { worker: [], page: [] };
  const ready = { worker: [], page: [] };
  const run = async (how) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript({ content: OBSERVER_INIT });
    await page.goto(`${url}/?nobaton=1`, { waitUntil: 'load' });
    // Fetch them first (the network is not what we measure), then throttle and start the SDK.
    await page.evaluate((us) => Promise.all(us.map((u) => fetch(u).then((r) => r.text()))), [`${url}/baton/${chunk}`, `${url}/baton/${workerChunk}`]);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLE });
    const t0 = await page.evaluate(() => performance.now());
    const took =
      how === 'page'
        ? await page.evaluate((u) => { const t = performance.now(); return import(u).then(() => performance.now() - t); }, `${url}/baton/${chunk}`)
        : await page.evaluate(
            (u) =>
              new Promise((resolve, reject) => {
                const t = performance.now();
                const source = `import(${JSON.stringify(u)}).catch((e) => postMessage({ t: 'failed', message: String(e) }))`;
                const w = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })), { type: 'module' });
                w.onerror = () => reject(new Error('the worker failed'));
                w.onmessage = ({ data }) => (data.t === 'ready' ? resolve(performance.now() - t) : reject(new Error(data.message)));
              }),
            `${url}/baton/${workerChunk}`,
          );
    await page.waitForTimeout(500); // let the observers deliver
    const data = await page.evaluate(() => window.__twilioBench);
    if (how === 'page') {
      const scripts = data.loafs.flatMap((f) => f.scripts).filter((s) => (s.url ?? '').includes('twilio-conversations-'));
      evals.push(scripts.length ? Math.max(...scripts.map((s) => s.duration)) : NaN);
    }
    const after = data.longtasks.filter((t) => t.start >= t0 - 1).map((t) => t.duration);
    tasks[how].push(after.length ? Math.max(...after) : 0);
    ready[how].push(took);
    await context.close();
  };
  try {
    // Interleaved, the order alternating run by run, so a busy moment of the machine hits both.
    for (let i = 0; i < RUNS; i++) for (const how of i % 2 ? ['page', 'worker'] : ['worker', 'page']) await run(how);
  } finally {
    await browser.close().catch(() => {});
    await server.close();
    clearTimeout(timer);
  }
  console.log(`bench-twilio-chat: ${chunk}: ${fmt(bytes.length)} B raw, ${fmt(gzip)} B gzip (level 9); loaded only after the visitor starts a chat`);
  const workerGzip = gzipSync(readFileSync(`${ROOT}dist/${workerChunk}`), { level: 9 }).length;
  console.log(`bench-twilio-chat: ${workerChunk}: ${fmt(workerGzip)} B gzip (the worker's host; it imports the SDK's chunk)`);
  console.log(`bench-twilio-chat: starting the SDK, Chromium, CPU throttled ${CPU_THROTTLE}x, ${RUNS} fresh contexts each way, interleaved:`);
  console.log(`  in its worker: longest main-thread task median ${ms(median(tasks.worker))}, max ${ms(Math.max(...tasks.worker))}; ready after median ${ms(median(ready.worker))}`);
  console.log(`  on the page's thread (the fallback): longest main-thread task median ${ms(median(tasks.page))}, max ${ms(Math.max(...tasks.page))}; ready after median ${ms(median(ready.page))}`);
  console.log(`    long-animation-frame script attributed to the chunk: median ${ms(median(evals.filter(Number.isFinite)))}, max ${ms(Math.max(...evals.filter(Number.isFinite)))}`);
  // The one line issue 22 asks for: what starting a chat on Twilio costs, in bytes and in the longest task.
  console.log(`twilio chat: chunk ${fmt(gzip)} B gzip, longest main-thread task ${ms(median(tasks.worker))} (SDK in its worker, median of ${RUNS}; max ${ms(Math.max(...tasks.worker))}; CPU ${CPU_THROTTLE}x; where the page refuses the worker: ${ms(median(tasks.page))})`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
