// `npm run bench` (part 2): chat latencies a person notices, on the embedded server, in Chromium.
//   1. click on the launcher -> the panel's home usable ("Send us a message" visible), then a click
//      on it -> composer visible, cold (a fresh browser context each run, so the panel, snapshot and
//      transport chunks come over the network and the socket opens);
//   2. the visitor presses Enter -> the agent's console shows the conversation in its queue.
// A benchmark, not a test: it prints figures and never fails on a threshold. Loopback only, bounded.
import { startBenchProduct } from './bench-product.mjs';
import { ms, percentile as pct } from './benchStats.mjs';

const RUNS = Number(process.env.BENCH_CHAT_RUNS || 15);
const OVERALL_TIMEOUT_MS = 5 * 60_000;
const AGENT = { email: 'bench@demo.test', name: 'Bench Agent', password: 'bench password 123' };


async function main() {
  const timer = setTimeout(() => {
    console.error('bench-chat: over the time limit, stopping');
    process.exit(1);
  }, OVERALL_TIMEOUT_MS);
  const { url, browser, agent, close } = await startBenchProduct({ name: 'chat', agent: AGENT });
  try {
    const toHome = [];
    const toComposer = [];
    const toAgent = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${url}/product/summit-trail-runner`);
      await page.locator('#baton-launcher').waitFor();
      // Measured inside the page: click, every frame until the home's "Send us a message" is
      // visible, click it, every frame until the composer is.
      const [home, composer] = await page.evaluate(
        () =>
          new Promise((resolve) => {
            const root = document.getElementById('baton-root').shadowRoot;
            const visible = (id) => {
              const el = root.getElementById(id);
              return el && el.offsetParent !== null ? el : null;
            };
            const t0 = performance.now();
            let t1 = 0;
            root.getElementById('baton-launcher').click();
            const check = () => {
              const start = !t1 && visible('baton-start');
              if (start) {
                t1 = performance.now();
                start.click();
              }
              if (t1 && visible('baton-input')) resolve([t1 - t0, performance.now() - t0]);
              else requestAnimationFrame(check);
            };
            check();
          }),
      );
      toHome.push(home);
      toComposer.push(composer);
      const text = `bench message ${i} ${Math.random().toString(36).slice(2, 8)}`;
      // The agent's page watches its own DOM for the message; both clocks are this machine's.
      const seen = agent.evaluate(
        (t) =>
          new Promise((resolve) => {
            const found = () => [...document.querySelectorAll('[data-testid=queue-item]')].some((e) => e.textContent.includes(t));
            if (found()) return resolve(Date.now());
            const mo = new MutationObserver(() => found() && (mo.disconnect(), resolve(Date.now())));
            mo.observe(document.body, { subtree: true, childList: true, characterData: true });
          }),
        text,
      );
      await page.locator('#baton-input').fill(text);
      const sentAt = await page.evaluate(() => Date.now());
      await page.keyboard.press('Enter');
      toAgent.push((await seen) - sentAt);
      await context.close();
    }
    console.log(`bench-chat: ${url}, ${RUNS} runs, cold (fresh context each run), no CPU throttling`);
    console.log(`  click launcher -> home visible: median ${ms(pct(toHome, 50))}, p95 ${ms(pct(toHome, 95))}`);
    console.log(`  click launcher, then "Send us a message" -> composer visible: median ${ms(pct(toComposer, 50))}, p95 ${ms(pct(toComposer, 95))}`);
    console.log(`  visitor Enter -> agent console shows it: median ${ms(pct(toAgent, 50))}, p95 ${ms(pct(toAgent, 95))}`);
    console.log(
      `chat: click->home p50 ${ms(pct(toHome, 50))} p95 ${ms(pct(toHome, 95))}; click->composer p50 ${ms(pct(toComposer, 50))} p95 ${ms(pct(toComposer, 95))}; send->agent p50 ${ms(pct(toAgent, 50))} p95 ${ms(pct(toAgent, 95))}`,
    );
  } finally {
    await close();
    clearTimeout(timer);
  }
}

main().catch((e) => {
  console.error('bench-chat:', e);
  process.exit(1);
});
