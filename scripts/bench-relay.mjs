// `npm run bench:relay`: how fast the embedded server relays visitor messages to agents.
//
// The server runs in a CHILD process (its own event loop; this process only generates load and
// measures), on a temp SQLite file, loopback only. Steps: N visitor sockets say hello; each writes
// once, which queues a conversation; A agents claim them all; then visitors send R messages per
// second in all for D seconds. Each text carries its send time; the claiming agent's socket
// records the latency. Messages not delivered 5 s after the end count as lost.
//
//   --visitors N   (BENCH_VISITORS, default 2000)
//   --rate R       (BENCH_RATE, msg/s, default 500)
//   --duration D   (BENCH_DURATION, seconds, default 20)
//   --agents A     (BENCH_AGENTS, default 5)
//   BENCH_SERVER_NODE_ARGS  Node flags for the server's process, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
//                  (where a stall's time goes; NODE_OPTIONS does not allow --cpu-prof)
//
// File descriptors: each visitor is one socket here and one in the server. Node cannot raise its
// own limit: run `ulimit -n 8192` (or more) in the shell first. N is lowered, with a warning, to
// what `ulimit -n` allows.
//
// The server's event loop is watched while measuring (perf_hooks monitorEventLoopDelay in the
// child): its worst pause is on the last line beside the latency p99, so a server stall (a
// commit's fsync, a checkpoint, GC) is told apart from load-generator or machine noise.
// Refusals are every error frame a visitor or agent got (by code on the line before), duplicates
// every message delivered to an agent twice.
//
// Last line of output, always:
// `relay: visitors N, rate R msg/s, p50 X ms, p99 Y ms, worst loop pause Z ms, lost L, refused F, duplicated D`
import { spawn, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SECRET = 'bench-identity-secret';
const AGENT_PASSWORD = randomBytes(12).toString('base64url');
/** Sockets and files the processes need besides the visitors (agents, SQLite, stdio, slack). */
const FD_RESERVE = 200;
/** How long a message may take after the end before it counts as lost. */
const LOST_AFTER_MS = 5000;
/** Setup (connect, open, claim) must finish within this. */
const SETUP_TIMEOUT_MS = 120_000;
/** Claims per second per agent: under the server's per-socket frame limit (100/s). */
const CLAIMS_PER_SECOND = 80;
/** Visitors connecting at once. */
const CONNECT_CONCURRENCY = 100;
/** First messages (which open conversations) per second during setup. */
const OPEN_RATE = 400;

// ---------------------------------------------------------------------------------------------
// Child: the server

if (process.argv[2] === '--child') {
  const [, , , bundle, dbPath, agentCount] = process.argv;
  const { createEmbeddedServer } = await import(pathToFileURL(bundle).href);
  const server = await createEmbeddedServer({ port: 0, host: '127.0.0.1', dbPath, identitySecret: SECRET, noAgentAfterMs: 0 });
  for (let i = 0; i < Number(agentCount); i++) {
    await server.createAgent({ email: `agent${i}@bench.test`, name: `Agent ${i}`, password: process.env.BENCH_AGENT_PASSWORD });
  }
  // How long the server's event loop was blocked (SQLite commits, fan-out, GC): tells server stalls
  // apart from load-generator or machine noise in the latency tail.
  const LOOP_RESOLUTION_MS = 10;
  const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  process.on('SIGUSR2', () => {
    loopDelay.reset();
    loopDelay.enable();
  });
  // SIGUSR1: the measured phase is over; report it (once) while the server still runs.
  let reported = false;
  const report = () => {
    if (reported) return;
    reported = true;
    loopDelay.disable();
    // The histogram counts the sampling interval itself; report only the blocking beyond it.
    const ms = (ns) => Math.max(0, Math.round(ns / 1e4 - LOOP_RESOLUTION_MS * 100) / 100);
    process.stdout.write(`${JSON.stringify({ loop: { p50: ms(loopDelay.percentile(50)), p99: ms(loopDelay.percentile(99)), max: ms(loopDelay.max) } })}\n`);
  };
  process.on('SIGUSR1', report);
  process.on('SIGTERM', () => {
    report();
    server.close().then(() => process.exit(0), () => process.exit(1));
  });
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
} else {
  await main();
}

// ---------------------------------------------------------------------------------------------
// Parent: load and measurement

async function main() {
  const { values } = parseArgs({
    options: { visitors: { type: 'string' }, rate: { type: 'string' }, duration: { type: 'string' }, agents: { type: 'string' } },
  });
  let visitors = Number(values.visitors ?? process.env.BENCH_VISITORS ?? 2000);
  const rate = Number(values.rate ?? process.env.BENCH_RATE ?? 500);
  const durationS = Number(values.duration ?? process.env.BENCH_DURATION ?? 20);
  const agents = Number(values.agents ?? process.env.BENCH_AGENTS ?? 5);

  const fdLimit = Number(execFileSync('sh', ['-c', 'ulimit -n']).toString().trim());
  if (Number.isFinite(fdLimit) && visitors + FD_RESERVE > fdLimit) {
    const allowed = Math.max(1, fdLimit - FD_RESERVE);
    console.warn(`ulimit -n is ${fdLimit}: using ${allowed} visitors instead of ${visitors} (raise it with \`ulimit -n 8192\` first)`);
    visitors = allowed;
  }
  console.log(`relay bench: ${visitors} visitors, ${agents} agents, ${rate} msg/s for ${durationS} s (ulimit -n ${fdLimit})`);

  const { WebSocket } = await import('ws');
  const { build } = await import('esbuild');

  // The server from the current sources, bundled (dependencies stay in node_modules).
  const cacheDir = path.join(root, 'node_modules', '.cache', 'baton-bench');
  mkdirSync(cacheDir, { recursive: true });
  const bundle = path.join(cacheDir, 'server.mjs');
  await build({ entryPoints: [path.join(root, 'src/server/index.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile: bundle, logLevel: 'warning' });
  // The WAL checkpoint thread is loaded by URL from beside the bundle, as in dist/server (a tree
  // from before it, benched for comparison, has none).
  const worker = path.join(root, 'src/server/embedded/checkpointWorker.mjs');
  if (existsSync(worker)) copyFileSync(worker, path.join(cacheDir, 'checkpointWorker.mjs'));
  else rmSync(path.join(cacheDir, 'checkpointWorker.mjs'), { force: true });

  const dir = mkdtempSync(path.join(tmpdir(), 'baton-bench-'));
  const child = spawn(process.execPath, [...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []), fileURLToPath(import.meta.url), '--child', bundle, path.join(dir, 'bench.sqlite'), String(agents)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, BENCH_AGENT_PASSWORD: AGENT_PASSWORD },
  });
  let childExited = false;
  const childExit = new Promise((resolve) => child.on('exit', (code) => { childExited = true; resolve(code); }));

  const sockets = [];
  let result = { p50: NaN, p99: NaN, lost: NaN };
  /** Error frames by code (rate_limited, unavailable, ...), visitors' and agents' together. */
  const refusals = new Map();
  const refuse = (code) => refusals.set(code, (refusals.get(code) ?? 0) + 1);
  let duplicates = 0;
  /** The server's event-loop delay during the measured phase, reported by the child on exit. */
  let serverLoop = null;
  try {
    const url = await new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (c) => {
        out += c;
        const lines = out.split('\n');
        out = lines.pop();
        for (const line of lines) {
          if (!line.startsWith('{')) continue;
          const msg = JSON.parse(line);
          if (msg.url) resolve(msg.url);
          if (msg.loop) serverLoop = msg.loop;
        }
      });
      childExit.then((code) => reject(new Error(`server exited (${code}) before it was ready`)));
    });
    const wsUrl = url.replace(/^http/, 'ws');
    const origin = url;
    const t0 = performance.now();

    // -- agents: log in, connect, claim what the queue shows (paced under the frame limit)
    const requested = new Set();
    let claimed = 0;
    /** seq -> send time (ms, this process's clock); NaN once delivered */
    const sentAt = new Float64Array(Math.ceil(rate * durationS) + 1024).fill(NaN);
    const latencies = [];
    let delivered = 0;

    const agentClients = [];
    for (let i = 0; i < agents; i++) {
      const cookie = await login(url, `agent${i}@bench.test`, AGENT_PASSWORD);
      const ws = new WebSocket(`${wsUrl}/ws/agent`, { headers: { Origin: origin, Cookie: cookie } });
      sockets.push(ws);
      const agent = { ws, pending: [] };
      agentClients.push(agent);
      ws.on('message', (data) => {
        const frame = JSON.parse(data.toString());
        if (frame.type === 'queue' || frame.type === 'queue_changes') {
          for (const c of frame.type === 'queue' ? frame.conversations : frame.added) {
            if (requested.has(c.id)) continue;
            requested.add(c.id);
            // Spread claims over the agents: the least loaded one takes it.
            agentClients.reduce((a, b) => (a.pending.length <= b.pending.length ? a : b)).pending.push(c.id);
          }
        } else if (frame.type === 'conversation') {
          claimed++;
        } else if (frame.type === 'error') {
          refuse(frame.code);
          if (frame.code === 'rate_limited') console.warn('agent frame rate-limited; slowing down');
        } else if (frame.type === 'message' && frame.message.sender === 'visitor') {
          const m = /^m:(\d+) /.exec(frame.message.text);
          if (!m) return;
          const seq = Number(m[1]);
          const at = sentAt[seq];
          if (Number.isNaN(at)) {
            duplicates++;
            return;
          }
          latencies.push(performance.now() - at);
          sentAt[seq] = NaN;
          delivered++;
        }
      });
      await new Promise((resolve, reject) => {
        ws.once('open', resolve);
        ws.once('error', reject);
      });
    }
    const claimTimer = setInterval(() => {
      for (const agent of agentClients) {
        for (let k = 0; k < CLAIMS_PER_SECOND / 50 && agent.pending.length; k++) {
          agent.ws.send(JSON.stringify({ type: 'claim', conversationId: agent.pending.shift() }));
        }
      }
    }, 20);

    // -- visitors: connect (bounded concurrency), hello
    const visitorSockets = new Array(visitors);
    let active = 0;
    let acks = 0;
    let errors = 0;
    let next = 0;
    async function connectOne(i) {
      // Each visitor is a person on their own connection: an address of its own on loopback (the
      // server's per-address limits would refuse thousands of new visitors from one address).
      const ws = new WebSocket(`${wsUrl}/ws/visitor`, { headers: { Origin: origin }, localAddress: `127.${1 + Math.floor(i / 250)}.0.${1 + (i % 250)}` });
      sockets.push(ws);
      ws.on('message', (data) => {
        const frame = JSON.parse(data.toString());
        if (frame.type === 'status' && frame.status === 'active') active++;
        else if (frame.type === 'ack') acks++;
        else if (frame.type === 'error') {
          errors++;
          refuse(frame.code);
          if (errors <= 5) console.warn(`visitor error: ${frame.code} ${frame.message}`);
        }
      });
      await new Promise((resolve, reject) => {
        ws.once('open', resolve);
        ws.once('error', reject);
      });
      await new Promise((resolve) => {
        const onWelcome = (data) => {
          if (JSON.parse(data.toString()).type === 'welcome') {
            ws.off('message', onWelcome);
            resolve();
          }
        };
        ws.on('message', onWelcome);
        ws.send(JSON.stringify({ type: 'hello', v: 1 }));
      });
      visitorSockets[i] = ws;
    }
    await Promise.all(Array.from({ length: Math.min(CONNECT_CONCURRENCY, visitors) }, async () => {
      while (next < visitors) await connectOne(next++);
    }));
    const connectedMs = performance.now() - t0;

    // -- each visitor opens its conversation (paced), agents claim them all
    for (let i = 0; i < visitors; i++) {
      visitorSockets[i].send(JSON.stringify({ type: 'send', clientId: `open${i.toString().padStart(8, '0')}`, text: 'open' }));
      if (i % Math.max(1, Math.round(OPEN_RATE / 50)) === 0) await sleep(20);
    }
    const setupDeadline = performance.now() + SETUP_TIMEOUT_MS;
    while (active < visitors && performance.now() < setupDeadline) await sleep(50);
    clearInterval(claimTimer);
    if (active < visitors) throw new Error(`setup timed out: ${active}/${visitors} conversations claimed`);
    console.log(`setup: ${visitors} visitors connected in ${(connectedMs / 1000).toFixed(1)} s, all conversations claimed after ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    // -- measured phase: `rate` messages per second, round robin over visitors
    child.kill('SIGUSR2'); // the server starts measuring its event-loop delay now
    let sent = 0;
    const start = performance.now();
    const end = start + durationS * 1000;
    await new Promise((resolve) => {
      const tick = setInterval(() => {
        const now = performance.now();
        const due = Math.min(Math.floor(((Math.min(now, end) - start) / 1000) * rate), sentAt.length - 1);
        while (sent < due) {
          const seq = sent++;
          sentAt[seq] = performance.now();
          visitorSockets[seq % visitors].send(JSON.stringify({ type: 'send', clientId: `m${seq.toString().padStart(9, '0')}`, text: `m:${seq} bench` }));
        }
        if (now >= end) {
          clearInterval(tick);
          resolve();
        }
      }, 5);
    });
    const lostDeadline = performance.now() + LOST_AFTER_MS;
    while (delivered < sent && performance.now() < lostDeadline) await sleep(20);
    child.kill('SIGUSR1'); // the server reports its event-loop delay over the measured phase
    const reportDeadline = performance.now() + LOST_AFTER_MS;
    while (!serverLoop && performance.now() < reportDeadline) await sleep(20);

    latencies.sort((a, b) => a - b);
    const pct = (p) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] : NaN);
    result = { p50: pct(50), p99: pct(99), lost: sent - delivered };
    console.log(`measured: sent ${sent}, delivered ${delivered}, acks ${acks - visitors}, errors ${errors}, duplicates ${duplicates}, max ${latencies.length ? latencies[latencies.length - 1].toFixed(1) : '-'} ms`);
  } catch (error) {
    console.error(`relay bench failed: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  } finally {
    for (const ws of sockets) ws.terminate();
    if (!childExited) child.kill('SIGTERM');
    await Promise.race([childExit, sleep(5000)]);
    if (!childExited) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
  if (serverLoop) console.log(`server event loop blocked while measuring: p50 ${serverLoop.p50} ms, p99 ${serverLoop.p99} ms, max ${serverLoop.max} ms`);
  const refused = [...refusals.values()].reduce((a, b) => a + b, 0);
  if (refused) console.log(`refusals: ${[...refusals].map(([code, n]) => `${code} ${n}`).join(', ')}`);
  console.log(
    `relay: visitors ${visitors}, rate ${rate} msg/s, p50 ${fmt(result.p50)} ms, p99 ${fmt(result.p99)} ms, ` +
      `worst loop pause ${serverLoop ? fmt(serverLoop.max) : 'n/a'} ms, lost ${Number.isNaN(result.lost) ? 'n/a' : result.lost}, ` +
      `refused ${refused}, duplicated ${duplicates}`,
  );
  process.exit();
}

function fmt(ms) {
  return Number.isNaN(ms) ? 'n/a' : ms < 10 ? ms.toFixed(1) : String(Math.round(ms));
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

/** POST /api/agent/login; returns the `baton_agent=...` cookie pair. */
function login(url, email, password) {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}/api/agent/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: url } }, (res) => {
      res.resume();
      const cookie = res.headers['set-cookie']?.[0]?.split(';')[0];
      if (res.statusCode === 200 && cookie) resolve(cookie);
      else reject(new Error(`login ${email}: HTTP ${res.statusCode}`));
    });
    req.on('error', reject);
    req.end(JSON.stringify({ email, password }));
  });
}
