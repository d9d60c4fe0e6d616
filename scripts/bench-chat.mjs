// `npm run bench` (part 2): chat latencies a person notices, on the embedded server, in Chromium.
//   1. click on the launcher -> composer visible, cold (a fresh browser context each run, so the
//      panel, snapshot and transport chunks come over the network and the socket opens);
//   2. the visitor presses Enter -> the agent's console shows the conversation in its queue.
// A benchmark, not a test: it prints figures and never fails on a threshold. Loopback only, bounded.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.BENCH_CHAT_RUNS || 15);
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const OVERALL_TIMEOUT_MS = 5 * 60_000;
const AGENT = { email: 'bench@demo.test', name: 'Bench Agent', password: 'bench password 123' };

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
};
const ms = (n) => `${Math.round(n)} ms`;

async function main() {
  const timer = setTimeout(() => {
    console.error('bench-chat: over the time limit, stopping');
    process.exit(1);
  }, OVERALL_TIMEOUT_MS);
  const dir = mkdtempSync(`${tmpdir()}/baton-bench-chat-`);
  const { createEmbeddedServer } = await import(pathToFileURL(`${ROOT}dist/server/index.js`).href);
  const { createDemoHandler, DEFAULT_IDENTITY_SECRET } = await import(pathToFileURL(`${ROOT}demo/server.mjs`).href);
  const server = await createEmbeddedServer({
    port: 0,
    host: '127.0.0.1',
    dbPath: `${dir}/bench.sqlite`,
    identitySecret: DEFAULT_IDENTITY_SECRET,
    staticHandler: createDemoHandler({ notFound: false, identitySecret: DEFAULT_IDENTITY_SECRET }),
  });
  await server.createAgent(AGENT);
  const url = server.url.replace(/\/$/, '');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  try {
    // The agent works in one console for the whole run.
    const agentContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const agent = await agentContext.newPage();
    await agent.goto(`${url}/agent`);
    await agent.fill('#login-email', AGENT.email);
    await agent.fill('#login-password', AGENT.password);
    await agent.click('button[type=submit]');
    await agent.locator('[data-testid=connection][data-state=open]').waitFor();

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
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
    clearTimeout(timer);
  }
}

main().catch((e) => {
  console.error('bench-chat:', e);
  process.exit(1);
});
