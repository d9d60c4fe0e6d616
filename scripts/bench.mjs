#!/usr/bin/env node
// `npm run bench`: what Baton costs the host page's main thread, measured in a real Chromium.
// A benchmark, not a test: it prints figures and never fails on a threshold.
//
// Starts the demo store (demo/server.mjs, port 0, 127.0.0.1; needs `npm run build`), then RUNS times
// loads each variant in a fresh browser context with the CPU throttled 4x (CDP
// Emulation.setCPUThrottlingRate), the variants interleaved (the order alternating run by run) and
// each load started only once the machine is quiet (scripts/machineIdle.mjs: the CPUs 85 % idle
// over half a second, at most 30 s of waiting; loads taken on a busy machine are counted):
//   without  /?nobaton=1   the same page with no Baton snippet (baseline)
//   with     /             the page with the Baton snippet
// Each load waits for the `load` event plus 3 s idle (no interaction), then reads what a
// buffered PerformanceObserver saw: long tasks (count, max, total blocking time = sum(max(0, d - 50)))
// and long-animation-frame script attribution for URLs containing /baton/.
// Prints per-run figures, per-variant medians with their interquartile range, the added TBT
// (median with - median without) with a 95 % bootstrap confidence interval (benchStats.mjs), the
// longest Baton-attributed script, and the gzip sizes (scripts/size.mjs). An interval holding 0
// says the runs cannot tell Baton's added blocking time from none; more runs narrow it.
//
// Usage: node scripts/bench.mjs [--runs 15] [--url http://127.0.0.1:PORT] [--dist dist]
//   --url   bench an already running loopback server instead of starting the demo
//   --dist  where size.mjs reads the build (default dist/, or BATON_DIST)
// Env: CHROMIUM_PATH (default /usr/bin/chromium).
// Bounded: 30 s per page load, 30 s of waiting for a quiet machine, the whole run gives up after 20 minutes. Loopback only: every
// other host name fails to resolve in the benchmark browser.
import { chromium } from 'playwright-core';
import { distFromArgs, measure, printReport, summaryLine } from './size.mjs';
import { median, medianDifference, ms, percentile } from './benchStats.mjs';
import { waitForIdleCpu } from './machineIdle.mjs';

const RUNS_DEFAULT = 15;
const CPU_THROTTLE = 4;
const LOAD_TIMEOUT_MS = 30_000;
const IDLE_AFTER_LOAD_MS = 3_000;
const OVERALL_TIMEOUT_MS = 20 * 60_000;
const LONG_TASK_MS = 50;
const BATON_URL_PART = '/baton/';

/** Same flags as tests/browser/harness.ts, plus: no host but loopback resolves. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];

const VARIANTS = [
  { name: 'without', path: '/?nobaton=1' },
  { name: 'with', path: '/' },
];

/** Runs in every document before its own scripts: buffered observers into window.__batonBench. */
const OBSERVER_INIT = `(() => {
  const out = (window.__batonBench = { longtasks: [], loafs: [], supported: [] });
  const observe = (type, onEntry) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(onEntry)).observe({ type, buffered: true });
      out.supported.push(type);
    } catch (e) {}
  };
  observe('longtask', (e) => out.longtasks.push({ start: e.startTime, duration: e.duration }));
  observe('long-animation-frame', (e) => out.loafs.push({
    start: e.startTime,
    duration: e.duration,
    blocking: e.blockingDuration,
    scripts: (e.scripts || []).map((s) => ({
      url: s.sourceURL, fn: s.sourceFunctionName, invoker: s.invoker, type: s.invokerType, duration: s.duration,
    })),
  }));
})();`;

function parseArgs(argv) {
  const opts = { runs: RUNS_DEFAULT, url: null };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    const value = () => inline ?? argv[++i];
    if (flag === '--runs') opts.runs = Math.max(1, Number.parseInt(value(), 10) || RUNS_DEFAULT);
    else if (flag === '--url') opts.url = value();
    else if (flag === '--dist') value(); // read by size.mjs's distFromArgs
    else throw new Error(`bench: unknown argument ${argv[i]}`);
  }
  if (opts.url) {
    const host = new URL(opts.url).hostname;
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(host)) throw new Error(`bench: --url must be a loopback address, got ${host}`);
    opts.url = opts.url.replace(/\/$/, '');
  }
  return opts;
}

const num = (n) => (Number.isFinite(n) ? String(Math.round(n * 10) / 10) : 'n/a');

async function startDemo() {
  const mod = await import(new URL('../demo/server.mjs', import.meta.url).href).catch((e) => {
    throw new Error(`bench: cannot load demo/server.mjs (${e instanceof Error ? e.message : e})`);
  });
  const server = await mod.startDemoServer({ port: 0, host: '127.0.0.1' });
  return { url: String(server.url).replace(/\/$/, ''), close: async () => void (await server.close()) };
}

/** One page load of one variant in a fresh context; returns its figures. */
async function runOnce(browser, baseUrl, variant) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLE });
    await page.addInitScript({ content: OBSERVER_INIT });
    const response = await page.goto(baseUrl + variant.path, { waitUntil: 'load', timeout: LOAD_TIMEOUT_MS });
    if (!response || !response.ok()) throw new Error(`${variant.path}: HTTP ${response?.status() ?? 'no response'}`);
    await page.waitForTimeout(IDLE_AFTER_LOAD_MS);
    const data = await page.evaluate(
      (part) => ({
        ...window.__batonBench,
        batonResources: performance.getEntriesByType('resource').filter((r) => r.name.includes(part)).length,
      }),
      BATON_URL_PART,
    );
    const durations = data.longtasks.map((t) => t.duration);
    const batonScripts = data.loafs.flatMap((f) => f.scripts).filter((s) => (s.url ?? '').includes(BATON_URL_PART));
    return {
      longTasks: durations.length,
      maxTask: durations.length ? Math.max(...durations) : 0,
      tbt: durations.reduce((sum, d) => sum + Math.max(0, d - LONG_TASK_MS), 0),
      batonMaxScript: batonScripts.length ? Math.max(...batonScripts.map((s) => s.duration)) : 0,
      batonScripts: batonScripts.length,
      batonResources: data.batonResources,
      supported: data.supported,
    };
  } finally {
    await context.close().catch(() => {});
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const watchdog = setTimeout(() => {
    console.error(`bench: gave up after ${OVERALL_TIMEOUT_MS / 1000} s`);
    process.exit(1);
  }, OVERALL_TIMEOUT_MS);
  watchdog.unref();

  // Sizes first: cheap, and what the timings are about.
  try {
    const sizes = measure(distFromArgs());
    printReport(sizes);
    console.log(summaryLine(sizes));
  } catch (e) {
    console.log(`bench: no sizes (${e instanceof Error ? e.message : e})`);
  }

  let demo = null;
  let browser = null;
  const cleanup = async () => {
    await browser?.close().catch(() => {});
    await demo?.close().catch(() => {});
  };
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  try {
    demo = opts.url ? { url: opts.url, close: async () => {} } : await startDemo();
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
      headless: true,
    });
    console.log(`bench: ${demo.url}, Chromium ${browser.version()}, CPU ${CPU_THROTTLE}x, ${opts.runs} runs per variant, load + ${IDLE_AFTER_LOAD_MS / 1000} s idle`);

    /** @type {Record<string, Awaited<ReturnType<typeof runOnce>>[]>} */
    const results = { without: [], with: [] };
    let busyLoads = 0;
    for (let i = 0; i < opts.runs; i++) {
      // Alternate which variant goes first so warm-up effects do not favour one.
      const order = i % 2 ? [...VARIANTS].reverse() : VARIANTS;
      const parts = [];
      for (const v of order) {
        const quiet = await waitForIdleCpu();
        if (!quiet.idle) busyLoads++;
        try {
          const r = await runOnce(browser, demo.url, v);
          results[v.name].push(r);
          parts.push(`${v.name}: ${r.longTasks} long tasks, max ${ms(r.maxTask)}, TBT ${ms(r.tbt)}` +
            (v.name === 'with' ? `, Baton max script ${ms(r.batonMaxScript)}` : ''));
        } catch (e) {
          parts.push(`${v.name}: failed (${e instanceof Error ? e.message.split('\n')[0] : e})`);
        }
      }
      console.log(`  run ${i + 1}/${opts.runs}  ${parts.join(' | ')}`);
    }

    const stats = {};
    for (const v of VARIANTS) {
      const rs = results[v.name];
      stats[v.name] = {
        n: rs.length,
        longTasks: median(rs.map((r) => r.longTasks)),
        maxTask: median(rs.map((r) => r.maxTask)),
        tbt: median(rs.map((r) => r.tbt)),
        tbtP25: percentile(rs.map((r) => r.tbt), 25),
        tbtP75: percentile(rs.map((r) => r.tbt), 75),
        batonResources: median(rs.map((r) => r.batonResources)),
      };
    }
    const withRuns = results.with;
    const batonMax = withRuns.length ? Math.max(...withRuns.map((r) => r.batonMaxScript)) : NaN;
    const batonMedian = median(withRuns.map((r) => r.batonMaxScript));
    const added = medianDifference(results.without.map((r) => r.tbt), results.with.map((r) => r.tbt));

    console.log('bench: medians per variant');
    for (const v of VARIANTS) {
      const s = stats[v.name];
      console.log(`  ${v.name.padEnd(8)} ${v.path.padEnd(12)} runs ${s.n}/${opts.runs}  long tasks ${num(s.longTasks)}  max task ${ms(s.maxTask)}  TBT ${ms(s.tbt)} (IQR ${ms(s.tbtP25)}-${ms(s.tbtP75)})  /baton/ resources ${num(s.batonResources)}`);
    }
    console.log(`  Baton-attributed scripts (long-animation-frame): longest ${ms(batonMax)}, median of per-run longest ${ms(batonMedian)}`);
    const supported = withRuns[0]?.supported ?? [];
    for (const type of ['longtask', 'long-animation-frame']) {
      if (withRuns.length && !supported.includes(type)) console.log(`bench: warning: this Chromium does not report ${type} entries`);
    }
    if (withRuns.length && stats.with.batonResources === 0) console.log('bench: warning: the "with" page loaded nothing from /baton/; is the snippet on it?');
    if (stats.without.batonResources > 0) console.log('bench: warning: the "without" page loaded files from /baton/');

    if (busyLoads) console.log(`bench: warning: ${busyLoads} of ${2 * opts.runs} loads started on a busy machine (CPUs under 85 % idle for 30 s); their figures carry the neighbour's load`);
    const ci = `95 % CI ${ms(added.low)} to ${ms(added.high)}`;
    const verdict = added.low <= 0 && added.high >= 0 ? 'not distinguishable from 0 ms' : added.low > 0 ? 'above 0 ms' : 'below 0 ms';
    console.log(`bench: host page long tasks >50ms: without ${num(stats.without.longTasks)}, with ${num(stats.with.longTasks)}; added TBT ${ms(added.difference)} (${ci}, ${opts.runs} runs per variant: ${verdict}); max Baton task ${ms(batonMax)} (CPU ${CPU_THROTTLE}x)`);
    // Not a threshold: only "nothing could be measured" makes the benchmark itself fail.
    if (!stats.with.n || !stats.without.n) process.exitCode = 1;
  } finally {
    await cleanup();
    clearTimeout(watchdog);
  }
}

main().catch((e) => {
  const expected = e instanceof Error && (e.message.startsWith('bench:') || /** @type {any} */ (e).code === 'ERR_MODULE_NOT_FOUND');
  console.error(expected ? e.message : `bench: error: ${e instanceof Error ? e.stack ?? e.message : e}`);
  process.exit(1);
});
