// `npm run bench` (insights): the Insights query (issue 20) over a year of contacts, in a real
// SQLite file, through the built embedded server's agent API (dist/server, after `npm run build`).
// A benchmark, not a test: it prints figures and never fails on a threshold. Loopback only, bounded.
//
//   1. CONVERSATIONS conversations (default 100,000), spread over the last 365 days, are written
//      straight into the schema (a server started and closed on the file first made it): each a
//      visitor, its consented context (~1.5 KB: a page among 300 drawn by a Zipf law, friction
//      signals, campaigns, click ids, proactive entries, help articles, in realistic proportions),
//      a first message, a call's system line for every 8th, a close for 9 in 10 and a satisfaction
//      answer for 3 in 10. The contact facts are made by the server's own `contactFactsOf`
//      (src/server/embedded/contactFacts.ts, bundled here by esbuild), exactly as the server
//      writes them when a conversation opens.
//   2. The server is started on the file; a signed-in agent asks GET /api/agent/insights for the
//      whole year (days=366, every section, top=10) RUNS times, then for 30 days, for calls only,
//      and as CSV. The figure is the median time to the whole answer. Goal: under 1 s for the year.
//
// Env: BENCH_INSIGHTS_CONVERSATIONS (100000), BENCH_INSIGHTS_RUNS (5).
// Last line: `insights: N conversations over a year (F contact facts, S MB file): year Y ms (median
// of R; JSON K KB), 30 days T ms, calls only C ms, CSV V ms (goal < 1000 ms for the year)`
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median, ms, seededRandom } from './benchStats.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CONVERSATIONS = Number(process.env.BENCH_INSIGHTS_CONVERSATIONS || 100_000);
const RUNS = Number(process.env.BENCH_INSIGHTS_RUNS || 5);
const OVERALL_TIMEOUT_MS = 5 * 60_000;
const DAY_MS = 24 * 60 * 60 * 1000;
const SECRET = 'bench-insights-identity-secret';
const AGENT = { email: 'insights@bench.test', name: 'Insights Bench', password: randomBytes(12).toString('base64url') };

const rnd = seededRandom(20);
const pick = (list) => list[Math.floor(rnd() * list.length)];
/** Index 0..n-1 drawn by a Zipf law (s = 1): a few pages draw most contacts, as on a real site. */
function zipf(n) {
  const weights = Array.from({ length: n }, (_, i) => 1 / (i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative = [];
  let sum = 0;
  for (const w of weights) cumulative.push((sum += w / total));
  return () => {
    const x = rnd();
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const PAGES = Array.from({ length: 300 }, (_, i) => ({ path: i === 0 ? '/checkout' : i % 3 ? `/product/item-${i}` : `/help/topic-${i}`, title: i === 0 ? 'Checkout' : `Page ${i}` }));
const pageOf = zipf(PAGES.length);
const ELEMENTS = Array.from({ length: 60 }, (_, i) => `button#action-${i}`);
const ERRORS = Array.from({ length: 40 }, (_, i) => `TypeError: cannot read properties of undefined (reading 'f${i}')`);
const FORMS = Array.from({ length: 20 }, (_, i) => `form-${i}: email, postcode`);
const CAMPAIGNS = Array.from({ length: 25 }, (_, i) => ({ utm_source: pick(['google', 'newsletter', 'facebook', 'partner']), utm_medium: pick(['cpc', 'email', 'social']), utm_campaign: `campaign-${i}` }));
const CLICK_IDS = ['gclid', 'fbclid', 'msclkid'];
const RULES = Array.from({ length: 6 }, (_, i) => ({ rule: `rule-${i}`, message: `Need a hand with step ${i}?` }));
const ARTICLES = Array.from({ length: 40 }, (_, i) => ({ id: `article-${i}`, title: `How to ${i}` }));

function snapshot(at) {
  const page = PAGES[pageOf()];
  const signals = [];
  if (rnd() < 0.3) signals.push({ type: 'rage_click', detail: pick(ELEMENTS), path: page.path, firstAt: at - 30_000, at: at - 20_000, count: 1 + Math.floor(rnd() * 3) });
  if (rnd() < 0.12) signals.push({ type: rnd() < 0.8 ? 'error' : 'unhandled_rejection', detail: pick(ERRORS), path: page.path, firstAt: at - 60_000, at: at - 50_000, count: 1 });
  if (rnd() < 0.1) signals.push({ type: 'form_invalid', detail: pick(FORMS), path: page.path, firstAt: at - 40_000, at: at - 40_000, count: 1 });
  const params = {};
  if (rnd() < 0.4) Object.assign(params, pick(CAMPAIGNS));
  if (rnd() < 0.2) params[pick(CLICK_IDS)] = randomBytes(12).toString('base64url');
  const trigger = rnd() < 0.1 ? { ...pick(RULES), signal: 'timeOnPageS', at: at - 5000 } : undefined;
  const articles = rnd() < 0.25 ? Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => ({ ...pick(ARTICLES), helped: rnd() < 0.5 ? false : null, at: at - 90_000 })) : [];
  const journey = Array.from({ length: 6 }, (_, i) => {
    const p = PAGES[pageOf()];
    return { path: p.path, title: p.title, at: at - (7 - i) * 60_000, dwellMs: 60_000, kind: i ? 'route' : 'load' };
  });
  journey.push({ path: page.path, title: page.title, at: at - 60_000, dwellMs: 60_000, kind: 'route' });
  return {
    v: 1,
    at,
    consent: rnd() < 0.05 ? 'denied' : 'granted',
    page: { url: `https://shop.example${page.path}`, path: page.path, title: page.title, referrer: '', language: 'en', startedAt: at - 60_000, timeOnPageMs: 60_000 },
    identity: null,
    journey,
    campaign: Object.keys(params).length ? { params, landingPath: '/', referrer: 'https://www.google.com/', at: at - 600_000 } : null,
    device: { viewport: { width: 1280, height: 800 }, screen: { width: 1920, height: 1080 }, pixelRatio: 1, touch: false, language: 'en', languages: ['en'], timeZone: 'Europe/London', online: true, webView: false, webViewHint: null },
    signals,
    custom: { plan: pick(['free', 'pro', 'team']) },
    location: null,
    trimmed: 0,
    ...(articles.length ? { selfService: { articles } } : {}),
    ...(trigger ? { trigger } : {}),
  };
}

/** The server's own fact extraction, from the source (esbuild, in memory). */
async function loadContactFactsOf() {
  const out = await build({ entryPoints: [path.join(ROOT, 'src/server/embedded/contactFacts.ts')], bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'silent' });
  const mod = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
  return mod.contactFactsOf;
}

function seed(dbPath, contactFactsOf, now) {
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  const q = {
    visitor: db.prepare('INSERT INTO visitors (id, credential_hash, created_at, last_seen_at) VALUES (?, ?, ?, ?)'),
    conversation: db.prepare(`INSERT INTO conversations (id, visitor_id, status, created_at, waiting_since, closed_at, context_json, page_title, page_path, last_index, csat_score, csat_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    message: db.prepare('INSERT INTO messages (id, conversation_id, idx, client_id, sender, text, at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    fact: db.prepare('INSERT OR IGNORE INTO contact_facts (conversation_id, at, kind, key, label) VALUES (?, ?, ?, ?, ?)'),
  };
  let facts = 0;
  const batch = db.transaction((from, to) => {
    for (let i = from; i < to; i++) {
      const at = now - 365 * DAY_MS + Math.floor((i / CONVERSATIONS) * 365 * DAY_MS);
      const v = `v_bench${i}`;
      const c = `c_bench${i}`;
      q.visitor.run(v, createHash('sha256').update(`${v}-credential`).digest('hex'), at, at);
      const context = snapshot(at);
      const closed = rnd() < 0.9 ? at + Math.floor(rnd() * 2 * 3600_000) : null;
      const csat = closed && rnd() < 0.33 ? 1 + Math.floor(rnd() * 5) : null;
      const call = i % 8 === 0;
      q.conversation.run(c, v, closed ? 'closed' : 'offline', at, at, closed, JSON.stringify(context), context.page.title, context.page.path, call ? 2 : 1, csat, csat ? closed : null);
      q.message.run(`m_bench${i}a`, c, 1, `cl${i}`, 'visitor', 'Hello, I need help with my order please', at);
      if (call) q.message.run(`m_bench${i}b`, c, 2, `call-answered-${i}`, 'system', 'Call answered', at + 1000);
      for (const f of contactFactsOf(context)) {
        q.fact.run(c, at, f.kind, f.key, f.label);
        facts++;
      }
    }
  });
  for (let i = 0; i < CONVERSATIONS; i += 5000) batch(i, Math.min(CONVERSATIONS, i + 5000));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return facts;
}

function get(url, cookie) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { Cookie: cookie } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
  });
}

function login(url) {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ email: AGENT.email, password: AGENT.password });
    const req = http.request(`${url}/api/agent/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: url } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve(res.headers['set-cookie'][0].split(';')[0]) : reject(new Error(`login: ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function timed(url, cookie, runs) {
  const times = [];
  let last;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    last = await get(url, cookie);
    times.push(performance.now() - t0);
    if (last.status !== 200) throw new Error(`${url}: ${last.status} ${last.body.toString().slice(0, 200)}`);
  }
  return { ms: median(times), body: last.body };
}

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), 'baton-bench-insights-'));
  const dbPath = path.join(dir, 'bench.sqlite');
  const { createEmbeddedServer } = await import(pathToFileURL(path.join(ROOT, 'dist/server/index.js')).href);
  let server = await createEmbeddedServer({ port: 0, host: '127.0.0.1', dbPath, identitySecret: SECRET, noAgentAfterMs: 0, retentionDays: 400 });
  await server.createAgent(AGENT);
  await server.close();
  try {
    const now = Date.now();
    const t0 = performance.now();
    const facts = seed(dbPath, await loadContactFactsOf(), now);
    const seedMs = performance.now() - t0;
    const mb = (statSync(dbPath).size / 1e6).toFixed(0);
    server = await createEmbeddedServer({ port: 0, host: '127.0.0.1', dbPath, identitySecret: SECRET, noAgentAfterMs: 0, retentionDays: 400 });
    const url = server.url.replace(/\/$/, '');
    const cookie = await login(url);
    const api = `${url}/api/agent/insights`;
    await get(`${api}?days=7`, cookie); // warm the statements
    const year = await timed(`${api}?days=366`, cookie, RUNS);
    const parsed = JSON.parse(year.body.toString());
    if (parsed.contacts < CONVERSATIONS * 0.9) throw new Error(`the year counted ${parsed.contacts} contacts of ${CONVERSATIONS}`);
    const month = await timed(`${api}?days=30`, cookie, RUNS);
    const calls = await timed(`${api}?days=366&channel=call`, cookie, RUNS);
    const csv = await timed(`${api}?days=366&format=csv`, cookie, RUNS);
    await server.close();
    console.log(`insights: seeded in ${ms(seedMs)}; top page ${parsed.drivers.page[0].key} (${parsed.drivers.page[0].contacts} of ${parsed.contacts} contacts)`);
    console.log(
      `insights: ${CONVERSATIONS} conversations over a year (${facts} contact facts, ${mb} MB file): year ${ms(year.ms)} (median of ${RUNS}; JSON ${(year.body.length / 1024).toFixed(1)} KB), 30 days ${ms(month.ms)}, calls only ${ms(calls.ms)}, CSV ${ms(csv.ms)} (goal < 1000 ms for the year)`,
    );
  } finally {
    if (process.env.BENCH_INSIGHTS_KEEP) console.log(`insights: kept ${dbPath}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

const timer = setTimeout(() => {
  console.error('bench-insights: over the time limit, stopping');
  process.exit(1);
}, OVERALL_TIMEOUT_MS);
main().then(
  () => {
    clearTimeout(timer);
    process.exit(0);
  },
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
