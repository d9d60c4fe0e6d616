// `npm run bench` (part 6): the queue at scale (issue 13, finding 2), on the built embedded server
// (dist/server) and console (dist/console), in Chromium. A benchmark, not a test: it prints
// figures and never fails on a threshold. Loopback only, bounded in time.
//
//   1. QUEUED conversations wait in the queue (scripts/seedQueue.mjs writes them into the SQLite
//      file before the server starts). The server runs in a child process (its own event loop).
//   2. The agent's console, signed in, is loaded RUNS times in Chromium: time from navigation to
//      the queue shown (its count and first rows), and to a click on the first conversation
//      answered (its messages on screen): "usable". The longest task while loading is reported.
//   3. Every WebSocket frame the console and a second (Node) agent socket receive is measured:
//      the largest one, against the protocol's 64 KiB.
//   4. PROBE_VISITORS other visitors, whose conversations the agent claimed, send one message a
//      second each (the server's per-visitor message limit allows 60 a minute), one every
//      PROBE_INTERVAL_MS in all: their latency to the agent socket, first alone, then while
//      visitor A (queued, the agent watching its conversation) sends STORM_RATE context frames a second.
//
// Env: BENCH_QUEUE_SIZE (5000), BENCH_QUEUE_RUNS (5), CHROMIUM_PATH.
// Last line: `queue: N queued, usable in X ms (p50 of R loads; queue shown Y ms), largest frame Z KB,
// other visitor's latency p50 A ms / p99 B ms alone, p50 C ms / p99 D ms during a 60/s context storm`
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { percentile } from './benchStats.mjs';
import { seedQueue } from './seedQueue.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SECRET = 'bench-queue-identity-secret';
const QUEUED = Number(process.env.BENCH_QUEUE_SIZE || 5000);
const RUNS = Number(process.env.BENCH_QUEUE_RUNS || 5);
const STORM_RATE = 60;
const PHASE_MS = 10_000;
const PROBE_VISITORS = 5;
const PROBE_INTERVAL_MS = 1000 / PROBE_VISITORS;
const OVERALL_TIMEOUT_MS = 5 * 60_000;
const AGENT = { email: 'queue@bench.test', name: 'Queue Bench', password: randomBytes(12).toString('base64url') };
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

// ---------------------------------------------------------------------------------------------
// Child: the server on the seeded file

if (process.argv[2] === '--child') {
  const { createEmbeddedServer } = await import(pathToFileURL(path.join(ROOT, 'dist/server/index.js')).href);
  const server = await createEmbeddedServer({ port: 0, host: '127.0.0.1', dbPath: process.argv[3], identitySecret: SECRET, noAgentAfterMs: 0 });
  process.on('SIGTERM', () => server.close().then(() => process.exit(0), () => process.exit(1)));
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
} else {
  const timer = setTimeout(() => {
    console.error('bench-queue: over the time limit, stopping');
    process.exit(1);
  }, OVERALL_TIMEOUT_MS);
  main().then(
    () => {
      clearTimeout(timer);
      process.exit(0);
    },
    (error) => {
      console.error('bench-queue:', error);
      process.exit(1);
    },
  );
}

async function main() {
  const { WebSocket } = await import('ws');
  const { chromium } = await import('playwright-core');
  const { createEmbeddedServer } = await import(pathToFileURL(path.join(ROOT, 'dist/server/index.js')).href);
  const dir = mkdtempSync(path.join(tmpdir(), 'baton-bench-queue-'));
  const dbPath = path.join(dir, 'queue.sqlite');
  const first = await createEmbeddedServer({ port: 0, host: '127.0.0.1', dbPath, identitySecret: SECRET, noAgentAfterMs: 0 });
  await first.createAgent(AGENT);
  await first.close();
  const seeded = seedQueue(dbPath, { count: QUEUED });

  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--child', dbPath], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const sockets = [];
  let browser;
  try {
    const url = await new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (c) => {
        out += c;
        const line = out.split('\n').find((l) => l.startsWith('{'));
        if (line) resolve(JSON.parse(line).url);
      });
      exited.then((code) => reject(new Error(`server exited (${code})`)));
    });
    const cookie = await login(url);
    let largestFrame = 0;
    const frameSeen = (bytes) => (largestFrame = Math.max(largestFrame, bytes));

    // -- 2. the console, loaded RUNS times
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
    const browserContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const [name, value] = cookie.split('=');
    await browserContext.addCookies([{ name, value, url }]);
    await browserContext.addInitScript(() => {
      window.__longest = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    const shown = [];
    const usable = [];
    const longest = [];
    for (let run = 0; run < RUNS; run++) {
      const page = await browserContext.newPage();
      page.on('websocket', (ws) => ws.on('framereceived', ({ payload }) => frameSeen(Buffer.byteLength(payload))));
      const t0 = performance.now();
      await page.goto(`${url}/agent`);
      await page.locator(`[data-testid=queue-count]:text-is("${QUEUED}")`).waitFor();
      const firstRow = page.locator(`[data-testid=queue-item][data-conversation-id="${seeded[0]}"] .qopen`);
      await firstRow.waitFor();
      shown.push(performance.now() - t0);
      await firstRow.click();
      await page.locator(`[data-testid=thread][data-conversation-id="${seeded[0]}"] [data-testid=message]`).first().waitFor();
      usable.push(performance.now() - t0);
      longest.push(await page.evaluate(() => window.__longest));
      if (run < RUNS - 1) await page.close();
    }

    // -- 3 and 4: a second agent socket, visitors A (storm) and B (probe)
    const agent = await connect(WebSocket, `${url.replace('http', 'ws')}/ws/agent`, { Origin: url, Cookie: cookie }, sockets);
    const agentBytes = { total: 0 };
    const probes = new Map(); // seq -> sent at
    const latencies = { alone: [], storm: [] };
    let phase = 'alone';
    agent.on('message', (data) => {
      agentBytes.total += data.length;
      frameSeen(data.length);
      const f = JSON.parse(data.toString());
      if (f.type === 'message' && f.message.sender === 'visitor') {
        const m = /^probe (\d+)/.exec(f.message.text);
        if (m && probes.has(Number(m[1]))) {
          latencies[phase].push(performance.now() - probes.get(Number(m[1])));
          probes.delete(Number(m[1]));
        }
      }
    });
    await next(agent, (f) => f.type === 'queue' && f.last);

    const others = [];
    for (let i = 0; i < PROBE_VISITORS; i++) {
      const b = await visitorSocket(WebSocket, url, sockets, `/account/orders/${i}`);
      const conversationId = await opened(b, `B${i}: where is my order?`);
      agent.send(JSON.stringify({ type: 'claim', conversationId }));
      await next(agent, (f) => f.type === 'conversation' && f.conversation.id === conversationId);
      others.push(b);
    }
    let probeRefused = 0;
    for (const b of others) b.on('message', (data) => JSON.parse(data.toString()).type === 'error' && probeRefused++);

    const a = await visitorSocket(WebSocket, url, sockets, '/storm/0');
    const aConversation = await opened(a, 'A: hello');
    agent.send(JSON.stringify({ type: 'open', conversationId: aConversation }));
    await next(agent, (f) => f.type === 'conversation' && f.conversation.id === aConversation);
    let refused = 0;
    a.on('message', (data) => {
      if (JSON.parse(data.toString()).type === 'error') refused++;
    });

    let seq = 0;
    const probe = async () => {
      const end = performance.now() + PHASE_MS;
      while (performance.now() < end) {
        const n = seq++;
        probes.set(n, performance.now());
        others[n % PROBE_VISITORS].send(JSON.stringify({ type: 'send', clientId: `probe${String(n).padStart(8, '0')}`, text: `probe ${n}` }));
        await sleep(PROBE_INTERVAL_MS);
      }
      await sleep(1000); // the last probes arrive
    };
    await probe();
    phase = 'storm';
    const before = agentBytes.total;
    let storm = 0;
    const stormTimer = setInterval(() => {
      for (let k = 0; k < STORM_RATE / 20; k++) a.send(JSON.stringify({ type: 'context', context: snapshot(`/storm/${++storm}`) }));
    }, 50);
    const stormStart = performance.now();
    await probe();
    clearInterval(stormTimer);
    const stormSeconds = (performance.now() - stormStart) / 1000;
    const stormKBps = (agentBytes.total - before) / 1024 / stormSeconds;

    const p = (xs, q) => percentile(xs, q);
    const f1 = (n) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(1) : String(Math.round(n))) : 'n/a');
    console.log(`bench-queue: ${url}, ${QUEUED} queued, ${RUNS} console loads (warm browser, signed in), storm ${STORM_RATE} context frames/s for ${PHASE_MS / 1000} s`);
    console.log(`  console: queue shown ${f1(p(shown, 50))} ms p50 (${shown.map(f1).join(', ')}); first conversation open after a click ${f1(p(usable, 50))} ms p50 (${usable.map(f1).join(', ')}); longest task ${f1(Math.max(...longest))} ms`);
    console.log(`  frames: largest ${f1(largestFrame / 1024)} KB (console and agent socket, protocol limit 64 KB)`);
    console.log(`  storm: visitor A sent ${storm} context frames (${refused} refused: rate limit); the agent received ${f1(stormKBps)} KB/s in all`);
    console.log(`  other visitors -> agent latency: alone p50 ${f1(p(latencies.alone, 50))} ms, p99 ${f1(p(latencies.alone, 99))} ms (${latencies.alone.length}); during the storm p50 ${f1(p(latencies.storm, 50))} ms, p99 ${f1(p(latencies.storm, 99))} ms (${latencies.storm.length}); ${probeRefused} of their messages refused`);
    console.log(
      `queue: ${QUEUED} queued, usable in ${f1(p(usable, 50))} ms (p50 of ${RUNS} loads; queue shown ${f1(p(shown, 50))} ms), largest frame ${f1(largestFrame / 1024)} KB, ` +
        `other visitor's latency p50 ${f1(p(latencies.alone, 50))} ms / p99 ${f1(p(latencies.alone, 99))} ms alone, ` +
        `p50 ${f1(p(latencies.storm, 50))} ms / p99 ${f1(p(latencies.storm, 99))} ms during a ${STORM_RATE}/s context storm`,
    );
  } finally {
    for (const ws of sockets) ws.terminate();
    await browser?.close();
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(5000)]);
    rmSync(dir, { recursive: true, force: true });
  }
}

function snapshot(pagePath) {
  const now = Date.now();
  return {
    v: 1,
    at: now,
    consent: 'granted',
    page: { url: `http://shop.test${pagePath}`, path: pagePath, title: `Page ${pagePath}`, referrer: '', language: 'en', startedAt: now - 1000, timeOnPageMs: 1000 },
    identity: null,
    journey: [{ path: pagePath, title: `Page ${pagePath}`, at: now - 1000, dwellMs: 1000, kind: 'route' }],
    campaign: null,
    device: { viewport: { width: 1280, height: 800 }, screen: { width: 1920, height: 1080 }, pixelRatio: 1, touch: false, language: 'en', languages: ['en'], timeZone: 'Europe/London', online: true, webView: false, webViewHint: null },
    signals: [],
    custom: {},
    location: null,
    trimmed: 0,
  };
}

async function connect(WebSocket, wsUrl, headers, sockets) {
  const ws = new WebSocket(wsUrl, { headers });
  sockets.push(ws);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return ws;
}

async function visitorSocket(WebSocket, url, sockets, pagePath) {
  const ws = await connect(WebSocket, `${url.replace('http', 'ws')}/ws/visitor`, { Origin: url }, sockets);
  const welcome = next(ws, (f) => f.type === 'welcome');
  ws.send(JSON.stringify({ type: 'hello', v: 1, context: snapshot(pagePath) }));
  await welcome;
  return ws;
}

/** Sends the visitor's first message and returns the conversation it opened. */
async function opened(ws, text) {
  const ack = next(ws, (f) => f.type === 'ack');
  ws.send(JSON.stringify({ type: 'send', clientId: `open${randomBytes(6).toString('hex')}`, text }));
  return (await ack).message.conversationId;
}

function next(ws, match, ms = 20_000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('bench-queue: a frame did not come')), ms);
    const on = (data) => {
      const f = JSON.parse(data.toString());
      if (!match(f)) return;
      clearTimeout(timer);
      ws.off('message', on);
      resolve(f);
    };
    ws.on('message', on);
  });
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

/** POST /api/agent/login; returns the `baton_agent=...` cookie pair. */
function login(url) {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}/api/agent/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: url } }, (res) => {
      res.resume();
      const cookie = res.headers['set-cookie']?.[0]?.split(';')[0];
      if (res.statusCode === 200 && cookie) resolve(cookie);
      else reject(new Error(`login: HTTP ${res.statusCode}`));
    });
    req.on('error', reject);
    req.end(JSON.stringify({ email: AGENT.email, password: AGENT.password }));
  });
}
