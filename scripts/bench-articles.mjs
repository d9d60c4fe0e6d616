// `npm run bench` (articles): help articles in the widget, at 4x CPU throttling (CDP
// Emulation.setCPUThrottlingRate), with 2,000 articles (the demo store's 24, varied into 2,000 with
// a seeded generator, about 5,000 distinct words) given inline to boot({ articles }):
//   1. launcher click -> the home's help card shown: the articles chunk loaded, the articles
//      validated and indexed (minisearch, in slices), the panel drawn;
//   2. every keystroke typed in the message box: from the `input` event (a capture listener on
//      the widget's shadow root, before the composer's own) to the end of that task (a
//      MessageChannel message posted then), i.e. the composer's handler and render. Goal: at most
//      16 ms per keystroke (one frame). Then the suggestions' own task after that frame (the
//      search and its render), timed apart; the next key is typed once it is done.
//   3. the floor: the same sentence typed into a bare <textarea> of the same page (no Baton
//      handler), measured the same way: what the browser's own editing costs there, which no
//      widget can go under.
// A benchmark, not a test: it prints figures and never fails on a threshold. Loopback only, bounded.
// Usage: node scripts/bench-articles.mjs (after `npm run build`); BENCH_ARTICLES_RUNS (default 3).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startBenchProduct } from './bench-product.mjs';
import { median, ms, percentile as pct, seededRandom as random } from './benchStats.mjs';

const RUNS = Number(process.env.BENCH_ARTICLES_RUNS || 3);
const ARTICLES = 2000;
const CPU_THROTTLE = 4;
const OVERALL_TIMEOUT_MS = 5 * 60_000;
const AGENT = { email: 'bench@demo.test', name: 'Bench Agent', password: 'bench password 123' };
/** What the visitor types, one key at a time (suggestions from the 3rd character). */
const SENTENCE = 'Hello, how do I return my parka and get a refund?';

/** The demo's articles varied into `n`: other products, places and made-up words for a real vocabulary. */
export function benchArticles(n) {
  const demo = JSON.parse(readFileSync(fileURLToPath(new URL('../demo/articles.json', import.meta.url)), 'utf8')).articles;
  const rnd = random(14);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const products = ['Stormline Shell', 'Fjord Parka', 'Summit Trail Runner', 'Basecamp 45', 'Ridge Fleece', 'Tarn Down Vest', 'Cairn Boot', 'Scree Gaiter', 'Moraine Tent', 'Corrie Pack'];
  const places = ['Canada', 'Norway', 'Japan', 'Scotland', 'Chile', 'Iceland', 'Austria', 'Quebec', 'Oregon', 'Tasmania'];
  const syllables = 'ka lo ri ven tor mal sen dra fi por um bel cas tre no vi sha gor lin med'.split(' ');
  const word = () => Array.from({ length: 2 + Math.floor(rnd() * 2) }, () => pick(syllables)).join('');
  const vocabulary = Array.from({ length: 4000 }, word);
  return Array.from({ length: n }, (_, i) => {
    const base = demo[i % demo.length];
    const product = pick(products);
    const extra = Array.from({ length: 40 }, () => pick(vocabulary)).join(' ');
    return {
      id: `${base.id}-${i}`,
      title: `${base.title}: ${product}${i % 3 ? ` in ${pick(places)}` : ''}`,
      body: `${base.body}\n\nFor the ${product}: ${extra}.`,
      tags: [...base.tags.slice(0, 3), product.toLowerCase(), pick(vocabulary)],
    };
  });
}

async function main() {
  const timer = setTimeout(() => {
    console.error('bench-articles: over the time limit, stopping');
    process.exit(1);
  }, OVERALL_TIMEOUT_MS);
  const articles = benchArticles(ARTICLES);
  const { url, browser, close } = await startBenchProduct({ name: 'articles', agent: AGENT });
  try {
    const ready = [];
    const keys = [];
    const after = [];
    const floor = [];
    let suggested = 0;
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLE });
      await page.goto(`${url}/product/fjord-parka`);
      await page.locator('#baton-launcher').waitFor();
      await page.evaluate((list) => {
        window.Baton('shutdown');
        window.Baton('boot', { launcher: { label: 'Chat with us' }, articles: list });
      }, articles);
      await page.locator('#baton-launcher').waitFor();
      // 1. Click -> the help card (articles loaded, validated and indexed), measured in the page.
      ready.push(
        await page.evaluate(
          () =>
            new Promise((resolve) => {
              const root = document.getElementById('baton-root').shadowRoot;
              const t0 = performance.now();
              root.getElementById('baton-launcher').click();
              const check = () => (root.querySelector('#baton-panel .hc') ? resolve(performance.now() - t0) : requestAnimationFrame(check));
              check();
            }),
        ),
      );
      await page.locator('#baton-start').click();
      await page.locator('#baton-input').waitFor();
      // 2. Each keystroke: input event -> the end of its task (the composer's handler and render),
      //    then the suggestions' own task after that frame (Preact's effect: the search and its
      //    render), timed between two tasks queued around it from the frame's requestAnimationFrame.
      await page.evaluate(() => {
        const root = document.getElementById('baton-root').shadowRoot;
        window.__keys = [];
        window.__after = [];
        root.addEventListener(
          'input',
          () => {
            const t0 = performance.now();
            const channel = new MessageChannel();
            channel.port1.onmessage = () => window.__keys.push(performance.now() - t0);
            channel.port2.postMessage(0);
            // Registered before the panel's own requestAnimationFrame: A is queued before the
            // effect's task, B after it, so B - A is that task.
            requestAnimationFrame(() =>
              setTimeout(() => {
                const t1 = performance.now();
                setTimeout(() => window.__after.push(performance.now() - t1));
              }),
            );
          },
          true,
        );
      });
      await page.locator('#baton-input').focus();
      for (const ch of SENTENCE) {
        const n = await page.evaluate(() => window.__after.length);
        await page.keyboard.type(ch);
        // One key at a time, as a person types: the key's task and the suggestions' are done before the next.
        await page.waitForFunction((k) => window.__after.length > k, n, { polling: 'raf' });
      }
      const times = await page.evaluate(() => window.__keys);
      if (times.length !== SENTENCE.length) throw new Error(`bench-articles: ${times.length} keystrokes measured of ${SENTENCE.length}`);
      keys.push(...times.slice(2)); // from the 3rd character on, when the search runs
      after.push(...(await page.evaluate(() => window.__after)).slice(2));
      suggested = await page.locator('#baton-panel .sug li').count();
      // 3. The floor: a bare textarea on the same page, the same sentence, the same measure.
      await page.evaluate(() => {
        const ta = document.createElement('textarea');
        ta.id = 'bench-floor';
        document.body.prepend(ta);
        window.__floor = [];
        ta.addEventListener('input', () => {
          const t0 = performance.now();
          const channel = new MessageChannel();
          channel.port1.onmessage = () => window.__floor.push(performance.now() - t0);
          channel.port2.postMessage(0);
        });
      });
      await page.locator('#bench-floor').focus();
      for (const ch of SENTENCE) {
        await page.keyboard.type(ch);
        await page.evaluate(() => new Promise((r) => setTimeout(r, 0)));
      }
      floor.push(...(await page.evaluate(() => window.__floor)).slice(2));
      await context.close();
    }
    console.log(`bench-articles: ${url}, ${ARTICLES.toLocaleString('en')} articles inline, CPU throttled ${CPU_THROTTLE}x, ${RUNS} runs, "${SENTENCE}" typed key by key`);
    console.log(`  launcher click -> help ready (articles chunk, validated, indexed, drawn): median ${ms(median(ready))}, max ${ms(Math.max(...ready))}`);
    console.log(`  keystroke (input -> the end of its task: the composer), ${keys.length} keys: p50 ${ms(pct(keys, 50))}, p95 ${ms(pct(keys, 95))}, max ${ms(Math.max(...keys))} (goal <= 16 ms)`);
    console.log(`  the suggestions' task after that frame (search + render), ${after.length} keys: p50 ${ms(pct(after, 50))}, p95 ${ms(pct(after, 95))}, max ${ms(Math.max(...after))}`);
    console.log(`  the floor (a bare <textarea> on the same page), ${floor.length} keys: p50 ${ms(pct(floor, 50))}, p95 ${ms(pct(floor, 95))}`);
    console.log(`  suggestions shown at the end: ${suggested}`);
    console.log(
      `articles: ${ARTICLES} indexed, ready p50 ${ms(median(ready))}; keystroke p50 ${ms(pct(keys, 50))} p95 ${ms(pct(keys, 95))} max ${ms(Math.max(...keys))} at ${CPU_THROTTLE}x CPU (goal <= 16 ms; a bare textarea p50 ${ms(pct(floor, 50))}); search task p50 ${ms(pct(after, 50))} p95 ${ms(pct(after, 95))}`,
    );
  } finally {
    await close();
    clearTimeout(timer);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e) => {
    console.error('bench-articles:', e);
    process.exit(1);
  });
}
