// `npm run bench` (part 7): the link parser's time on adversarial texts (src/view/links.ts, the one
// parser of the panel and the console; issue 13, finding 4: `https://x.test/` and 3,980 `)` froze
// the console). A benchmark, not a test: it prints figures and never fails on a threshold. The
// tests prove linear work by counting it (tests/unit/links.test.ts, LinkWork); this shows the time.
//
// Each family at SMALL and LARGE (16 times more) characters: the fastest of RUNS parses of each
// (interference from other processes only ever adds time), and their ratio: linear work takes
// about 16 times longer, a quadratic one 256 times. In Node, whose URL parser is native like a
// browser's. The parser is compiled from the source with esbuild (no build needed).
//
// Env: BENCH_LINKS_RUNS (7).
// Last line: `links: worst ratio R (16x the text; 16 = linear, 256 = quadratic) in <family>,
// the issue's message parsed in X ms`
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_LINKS_RUNS || 7);
const SMALL = 1_000;
const LARGE = 16 * SMALL;

const source = readFileSync(path.join(ROOT, 'src/view/links.ts'), 'utf8');
const { code } = transformSync(source, { loader: 'ts', format: 'esm', target: 'es2022' });
const { parseLinks } = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);

const families = {
  'one URL and closing brackets (issue 13)': (n) => `https://x.test/${')'.repeat(n)}`,
  'one URL and mixed brackets and punctuation': (n) => `https://x.test/${'.)]}!'.repeat(n / 5)}`,
  'one URL and opening brackets': (n) => `https://x.test/${'('.repeat(n)}`,
  'scheme after scheme, no space': (n) => 'https://'.repeat(n / 8),
  'scheme glued to words': (n) => 'xhttps://a'.repeat(n / 10),
  'many short links': (n) => 'https://a.test/(x) '.repeat(n / 19),
  'many links ending a sentence': (n) => 'https://a.test/. '.repeat(n / 17),
  'a run of letters': (n) => `http://${'a'.repeat(n)}`,
  'a text full of broken schemes': (n) => '>https://:h'.repeat(n / 11),
};

/** The fastest of RUNS parses of `text`, in ms, and the work counted by the parser. */
function fastest(text) {
  let best = Infinity;
  const work = { steps: 0 };
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    parseLinks(text);
    best = Math.min(best, performance.now() - t0);
  }
  parseLinks(text, work);
  return { ms: best, steps: work.steps };
}

const fmt = (x) => (x < 0.1 ? x.toFixed(3) : x.toFixed(2));
let worst = { ratio: 0, name: '' };
console.log(`links: ${RUNS} parses each, fastest kept; ${SMALL} and ${LARGE} characters`);
for (const [name, make] of Object.entries(families)) {
  const small = make(SMALL);
  const large = make(LARGE);
  fastest(small); // warm the JIT on this shape
  const s = fastest(small);
  const l = fastest(large);
  // Below 0.02 ms the clock's grain is most of the figure: no ratio then.
  const ratio = s.ms >= 0.02 ? l.ms / s.ms : NaN;
  if (ratio > worst.ratio) worst = { ratio, name };
  console.log(
    `  ${name}: ${fmt(s.ms)} ms -> ${fmt(l.ms)} ms (${Number.isNaN(ratio) ? 'too fast to compare' : `x${ratio.toFixed(1)}`}); work ${(s.steps / small.length).toFixed(2)} -> ${(l.steps / large.length).toFixed(2)} steps a character`,
  );
}
const issue = fastest(`https://x.test/${')'.repeat(3980)}`);
console.log(
  `links: worst ratio ${worst.ratio.toFixed(1)} (16x the text; 16 = linear, 256 = quadratic) in "${worst.name}", the issue's message parsed in ${fmt(issue.ms)} ms`,
);
