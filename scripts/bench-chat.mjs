// `npm run bench` (part 2): chat latencies a person notices, on the embedded server, in Chromium.
//   1. click on the launcher -> composer visible, cold (a fresh browser context each run, so the
//      panel, snapshot and transport chunks come over the network and the socket opens);
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
    const toComposer = [];
    const toAgent = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${url}/product/summit-trail-runner`);
      await page.locator('#baton-launcher').waitFor();
      // Measured inside the page: click, then every frame until the composer is visible.
      toComposer.push(
        await page.evaluate(
          () =>
            new Promise((resolve) => {
              const root = document.getElementById('baton-root').shadowRoot;
              const t0 = performance.now();
              root.getElementById('baton-launcher').click();
              const check = () => {
                const input = root.getElementById('baton-input');
                if (input && input.offsetParent !== null) resolve(performance.now() - t0);
                else requestAnimationFrame(check);
              };
              check();
            }),
        ),
      );
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
    console.log(`  click launcher -> composer visible: median ${ms(pct(toComposer, 50))}, p95 ${ms(pct(toComposer, 95))}`);
    console.log(`  visitor Enter -> agent console shows it: median ${ms(pct(toAgent, 50))}, p95 ${ms(pct(toAgent, 95))}`);
    console.log(
      `chat: click->composer p50 ${ms(pct(toComposer, 50))} p95 ${ms(pct(toComposer, 95))}; send->agent p50 ${ms(pct(toAgent, 50))} p95 ${ms(pct(toAgent, 95))}`,
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
