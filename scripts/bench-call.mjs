// `npm run bench` (part 4): embedded calls, on the embedded server, in Chromium with fake microphones.
//   1. the visitor presses "Call" in the panel -> the agent's console rings (median of N runs; goal
//      <= 1 s). Cold: a fresh browser context each run, so the WebRTC transport chunk comes over the
//      network, the microphone is opened and the chat socket connects, as on a first call;
//   2. the gzip size of the call chunks (the same figures as `npm run size`, "call (embedded)").
// A benchmark, not a test: it prints figures and never fails on a threshold. Loopback only, bounded.
import { fileURLToPath } from 'node:url';
import { startBenchProduct } from './bench-product.mjs';
import { ms, percentile as pct } from './benchStats.mjs';
import { CALL_BUDGET, measure } from './size.mjs';

const RUNS = Number(process.env.BENCH_CALL_RUNS || 10);
/** Fake microphones, and the permission prompt answered "allow". */
const MEDIA_FLAGS = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'];
const OVERALL_TIMEOUT_MS = 5 * 60_000;
const GOAL_MS = 1000;
const AGENT = { email: 'bench-call@demo.test', name: 'Bench Agent', password: 'bench password 123' };


async function main() {
  const timer = setTimeout(() => {
    console.error('bench-call: over the time limit, stopping');
    process.exit(1);
  }, OVERALL_TIMEOUT_MS);
  const { url, browser, agent, close } = await startBenchProduct({ name: 'call', agent: AGENT, chromiumArgs: MEDIA_FLAGS });
  try {
    const toRing = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${url}/product/stormline-shell`);
      await page.locator('#baton-launcher').click();
      // The home's "Call us" (the conversation's header has the same button).
      await page.locator('#baton-panel [data-nav=call]').waitFor();
      // The agent's page watches its own DOM for a ringing call; both clocks are this machine's.
      const rang = agent.evaluate(
        () =>
          new Promise((resolve) => {
            const ringing = () => !!document.querySelector('[data-testid=call-ringing]');
            if (ringing()) return resolve(Date.now());
            const mo = new MutationObserver(() => ringing() && (mo.disconnect(), resolve(Date.now())));
            mo.observe(document.body, { subtree: true, childList: true });
          }),
      );
      const clickedAt = await page.evaluate(() => {
        const t0 = Date.now();
        document.getElementById('baton-root').shadowRoot.querySelector('#baton-panel [data-nav=call]').click();
        return t0;
      });
      toRing.push((await rang) - clickedAt);
      // The visitor hangs up; the console stops ringing before the next run.
      await page.locator('#baton-panel section.call button.hang').click();
      await agent.locator('[data-testid=call-ringing]').waitFor({ state: 'detached' });
      await context.close();
    }
    const size = measure(fileURLToPath(new URL('../dist', import.meta.url))).call;
    const median = pct(toRing, 50);
    console.log(`bench-call: ${url}, ${RUNS} runs, cold (fresh context each run: transport chunk, microphone, chat socket), no CPU throttling`);
    console.log(`  click "Call" -> agent console rings: median ${ms(median)} (goal <= ${GOAL_MS} ms: ${median <= GOAL_MS ? 'met' : 'MISSED'}), p95 ${ms(pct(toRing, 95))}`);
    console.log(`  call chunks: ${size.gzip.toLocaleString('en-US')} B gzip of a ${CALL_BUDGET.toLocaleString('en-US')} B budget (${size.files.join(' + ')})`);
    console.log(`call: click->ring p50 ${ms(median)} p95 ${ms(pct(toRing, 95))}; chunks ${size.gzip} B gzip`);
  } finally {
    await close();
    clearTimeout(timer);
  }
}

main().catch((e) => {
  console.error('bench-call:', e);
  process.exit(1);
});
