// `npm run soak`: 1,000 messages from 20 visitors, and an agent answering them, while Baton's
// embedded server (a child process: scripts/fault-server.mjs, real SQLite file) is SIGKILLed and
// restarted at random moments, at least 10 times. Loopback only; stops by itself (at most
// SOAK_MAX_MS, 3 minutes by default).
//
// The visitors and the agent are Node WebSocket clients speaking the real protocol
// (src/protocol/chat.ts) with the same discipline as the widget's outbox (src/core/chat/outbox.ts)
// and the console: each message gets a clientId once, stays pending until its `ack`, one in flight
// at a time, is resent with the same clientId after every reconnection, and retried with backoff
// on `unavailable`; reconnection uses the widget's backoff (1 s doubling to 20 s, up to 40% taken
// off at random) and gap fill (`sync` after the highest index seen). No browser: 21 Chromium pages
// would not fit the CI machine.
//
// At the end it checks the database and both sides' views (each visitor's conversation as that
// visitor received it, and as the agent received it) against what was typed, and prints
//   soak: sent S, delivered D, lost L, duplicated U, out of order O, kills K
// Exit code 1 unless lost, duplicated and out of order are 0 and K >= 10.
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { startKillableServer } from './killable-server.mjs';

const VISITORS = Number(process.env.SOAK_VISITORS ?? 20);
const PER_VISITOR = Number(process.env.SOAK_MESSAGES ?? 50);
/** The agent answers every Nth visitor message. */
const REPLY_EVERY = 5;
const MIN_KILLS = Number(process.env.SOAK_KILLS ?? 10);
const MAX_MS = Number(process.env.SOAK_MAX_MS ?? 180_000);
/** Visitors type over about this long; kills happen meanwhile. */
const TYPING_MS = Number(process.env.SOAK_TYPING_MS ?? 60_000);
const AGENT = { email: 'soak@demo.test', password: 'correct horse battery staple' };

if (!existsSync(new URL('../dist/server/index.js', import.meta.url))) {
  console.error('soak: dist/server/index.js is missing: run `npm run build` first');
  process.exit(2);
}
const started = Date.now();
const dir = mkdtempSync(path.join(tmpdir(), 'baton-soak-'));
const dbPath = path.join(dir, 'baton.sqlite');
const server = await startKillableServer({ dbPath, env: { AGENT_EMAIL: AGENT.email, AGENT_PASSWORD: AGENT.password, AGENT_NAME: 'Soak Agent' } });
const wsUrl = server.url.replace(/^http/, 'ws');
const origin = server.url;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const newClientId = () => randomBytes(12).toString('base64url');
/** The widget's backoff: 1 s doubling to 20 s, up to 40% taken off at random. */
const backoff = (attempt) => Math.round(Math.min(1000 * 2 ** attempt, 20_000) * (1 - 0.4 * Math.random()));
const RETRYABLE = new Set(['unavailable', 'server_error', 'rate_limited', 'not_ready']);
let stopping = false;
/** After each restart: ms until every client was back (welcomed). */
const backWithin = [];

/**
 * A reconnecting WebSocket with an outbox: `queue` holds pending { clientId, frame } in typing
 * order; the first is in flight; it leaves the queue only on its ack.
 */
class Peer {
  constructor(name, url, headers) {
    this.name = name;
    this.url = url;
    this.headers = headers;
    this.ws = null;
    this.ready = false;
    this.attempt = 0;
    this.queue = [];
    this.inFlight = null;
    this.retryTimer = null;
    this.reconnects = 0;
  }
  start() {
    this.dial();
  }
  dial() {
    if (stopping) return;
    const ws = new WebSocket(this.url, { headers: { Origin: origin, ...this.headers() } });
    this.ws = ws;
    ws.on('open', () => this.onOpen());
    ws.on('message', (d) => this.onFrame(JSON.parse(d.toString())));
    ws.on('error', () => undefined);
    ws.on('unexpected-response', (_req, res) => {
      res.resume();
      this.onUnexpected?.(res.statusCode);
    });
    ws.on('close', () => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.ready = false;
      this.inFlight = null;
      if (stopping) return;
      this.reconnects++;
      setTimeout(() => this.dial(), backoff(this.attempt++));
    });
  }
  raw(frame) {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(frame));
  }
  /** Called once the peer is welcomed: resend from the first pending message. */
  welcomed() {
    this.ready = true;
    this.attempt = 0;
    this.inFlight = null;
    this.pump();
  }
  enqueue(clientId, frame) {
    this.queue.push({ clientId, frame });
    this.pump();
  }
  pump() {
    if (!this.ready || this.inFlight || this.retryTimer || !this.queue.length) return;
    this.inFlight = this.queue[0].clientId;
    this.raw(this.queue[0].frame);
  }
  acked(clientId) {
    const i = this.queue.findIndex((q) => q.clientId === clientId);
    if (i >= 0) this.queue.splice(i, 1);
    if (this.inFlight === clientId) this.inFlight = null;
    this.retries = 0;
    this.pump();
  }
  refused(frame) {
    if (!frame.clientId || !this.queue.some((q) => q.clientId === frame.clientId)) return;
    if (!RETRYABLE.has(frame.code)) {
      console.error(`soak: ${this.name}: message refused for good: ${frame.code} ${frame.message}`);
      return this.acked(frame.clientId); // counted lost at the end
    }
    this.inFlight = null;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.pump();
    }, backoff((this.retries = (this.retries ?? 0) + 1)));
  }
  close() {
    clearTimeout(this.retryTimer);
    this.ws?.terminate();
  }
}

/** Messages a side has seen, by conversation then index. */
class View {
  constructor() {
    this.byConv = new Map();
    this.duplicates = 0;
  }
  add(m) {
    let conv = this.byConv.get(m.conversationId);
    if (!conv) this.byConv.set(m.conversationId, (conv = new Map()));
    const had = conv.get(m.index);
    if (had && had.id !== m.id) this.duplicates++; // two messages at one index: a bug
    conv.set(m.index, m);
  }
  highest(conversationId) {
    let h = 0;
    for (const i of this.byConv.get(conversationId)?.keys() ?? []) if (i > h) h = i;
    return h;
  }
}

class Visitor extends Peer {
  constructor(n) {
    super(`visitor ${n}`, `${wsUrl}/ws/visitor`, () => ({}));
    this.n = n;
    this.credential = null;
    this.conversationId = null;
    this.view = new View();
    this.typed = []; // { clientId, text } in typing order
  }
  onOpen() {
    this.raw({ type: 'hello', v: 1, ...(this.credential ? { credential: this.credential } : {}) });
  }
  onFrame(f) {
    switch (f.type) {
      case 'welcome': {
        this.credential = f.credential;
        const c = f.conversation;
        if (c) {
          const before = this.conversationId === c.id ? this.view.highest(c.id) : 0;
          this.conversationId = c.id;
          for (const m of c.messages) this.view.add(m);
          this.raw({ type: 'sync', conversationId: c.id, afterIndex: before });
        }
        this.welcomed();
        break;
      }
      case 'ack':
        this.conversationId = f.message.conversationId;
        this.view.add(f.message);
        this.acked(f.clientId);
        break;
      case 'message':
        this.view.add(f.message);
        break;
      case 'history':
        for (const m of f.messages) this.view.add(m);
        break;
      case 'error':
        this.refused(f);
        break;
    }
  }
  type(text) {
    const clientId = newClientId();
    this.typed.push({ clientId, text });
    this.enqueue(clientId, { type: 'send', clientId, text });
  }
}

class Agent extends Peer {
  constructor(cookie) {
    super('agent', `${wsUrl}/ws/agent`, () => ({ Cookie: this.cookie }));
    this.cookie = cookie;
    this.view = new View();
    this.mine = new Set();
    this.typed = []; // { clientId, text, conversationId }
    this.answered = new Set();
  }
  onOpen() {}
  onUnexpected(status) {
    if (status === 401) void login().then((c) => (this.cookie = c), () => undefined);
  }
  onFrame(f) {
    switch (f.type) {
      case 'welcome':
        for (const c of f.mine) this.adopt(c);
        for (const q of f.queue) this.raw({ type: 'claim', conversationId: q.id });
        for (const id of this.mine) this.raw({ type: 'sync', conversationId: id, afterIndex: this.view.highest(id) });
        this.welcomed();
        break;
      case 'queue':
        for (const q of f.conversations) this.raw({ type: 'claim', conversationId: q.id });
        break;
      case 'conversation':
        this.adopt(f.conversation);
        break;
      case 'message':
        this.view.add(f.message);
        this.answer(f.message);
        break;
      case 'ack':
        this.view.add(f.message);
        this.acked(f.clientId);
        break;
      case 'history':
        for (const m of f.messages) {
          this.view.add(m);
          this.answer(m);
        }
        break;
      case 'error':
        this.refused(f);
        break;
    }
  }
  adopt(c) {
    if (c.status !== 'active') return;
    this.mine.add(c.id);
    for (const m of c.messages) {
      this.view.add(m);
      this.answer(m);
    }
  }
  /** Replies once to every REPLY_EVERY-th message of each visitor ("#5", "#10"...). */
  answer(m) {
    // Only in conversations it claimed: anywhere else the server would refuse (forbidden).
    if (m.sender !== 'visitor' || this.answered.has(m.id) || !this.mine.has(m.conversationId)) return;
    const k = Number(/#(\d+)$/.exec(m.text)?.[1]);
    if (!k || k % REPLY_EVERY !== 0) return;
    this.answered.add(m.id);
    const clientId = newClientId();
    const text = `agent reply to ${m.text}`;
    this.typed.push({ clientId, text, conversationId: m.conversationId });
    this.enqueue(clientId, { type: 'send', conversationId: m.conversationId, clientId, text });
  }
}

async function login() {
  const res = await fetch(`${server.url}/api/agent/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: origin },
    body: JSON.stringify(AGENT),
  });
  if (res.status !== 200) throw new Error(`soak: agent login failed: ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0];
}

const agent = new Agent(await login());
agent.start();
const visitors = Array.from({ length: VISITORS }, (_, i) => new Visitor(i + 1));
for (const v of visitors) v.start();

// Visitors type at random moments over TYPING_MS.
const typing = visitors.map(async (v) => {
  for (let k = 1; k <= PER_VISITOR; k++) {
    await sleep(Math.random() * ((2 * TYPING_MS) / PER_VISITOR));
    v.type(`visitor ${v.n} message #${k}`);
  }
});

// Kills at random moments while they type (and a little after), at least MIN_KILLS.
const killing = (async () => {
  const every = TYPING_MS / (MIN_KILLS + 1);
  while (!stopping && (server.kills() < MIN_KILLS || Date.now() - started < TYPING_MS)) {
    await sleep(every * (0.5 + Math.random()));
    if (stopping) break;
    await server.kill();
    // Down for a random moment: some clients retry into a dead port, then come back.
    await sleep(Math.random() * 1500);
    await server.restart();
    // How long until every client is connected and welcomed again (the herd spread by jitter).
    const up = Date.now();
    while (![agent, ...visitors].every((p) => p.ready) && Date.now() - up < 60_000) await sleep(50);
    backWithin.push(Date.now() - up);
  }
})();

const pendingCount = () => visitors.reduce((n, v) => n + v.queue.length, 0) + agent.queue.length;
const deadline = started + MAX_MS;
await Promise.all(typing);
await killing;
// Drain: everything typed acknowledged (the agent may still be answering the last messages).
let lastAnswered = -1;
while (Date.now() < deadline) {
  const expectedReplies = visitors.length * Math.floor(PER_VISITOR / REPLY_EVERY);
  if (pendingCount() === 0 && agent.typed.length >= expectedReplies && agent.typed.length === lastAnswered) break;
  lastAnswered = agent.typed.length;
  await sleep(500);
}
// Let the last messages reach the other side, then a fresh gap fill for every view.
await sleep(1000);
for (const v of visitors) if (v.conversationId) v.raw({ type: 'sync', conversationId: v.conversationId, afterIndex: 0 });
for (const id of agent.mine) agent.raw({ type: 'sync', conversationId: id, afterIndex: 0 });
await sleep(1500);
stopping = true;
for (const v of visitors) v.close();
agent.close();
await server.stop();

// ---- checks ----
const db = new Database(dbPath, { readonly: true });
const rows = db.prepare('SELECT id, conversation_id AS conversationId, idx AS "index", client_id AS clientId, sender, text FROM messages ORDER BY conversation_id, idx').all();
db.close();
const byClientId = new Map();
for (const r of rows) byClientId.set(r.clientId, [...(byClientId.get(r.clientId) ?? []), r]);
const byText = new Map();
for (const r of rows) byText.set(r.text, (byText.get(r.text) ?? 0) + 1);

let sent = 0;
let delivered = 0;
let lost = 0;
let duplicated = 0;
let outOfOrder = 0;
const problems = [];
/** Checks one sender's typed messages against the database and the two views of the conversation. */
function check(who, typed, views) {
  let lastIndex = 0;
  for (const t of typed) {
    sent++;
    const stored = byClientId.get(t.clientId) ?? [];
    const copies = byText.get(t.text) ?? 0;
    if (stored.length === 0) {
      lost++;
      problems.push(`${who}: "${t.text}" is not in the database`);
      continue;
    }
    if (stored.length > 1 || copies > 1) {
      duplicated++;
      problems.push(`${who}: "${t.text}" stored ${Math.max(stored.length, copies)} times`);
    }
    const m = stored[0];
    const seenBy = views.filter(([, view]) => view.byConv.get(m.conversationId)?.get(m.index)?.id === m.id).map(([name]) => name);
    if (seenBy.length !== views.length) {
      lost++;
      problems.push(`${who}: "${t.text}" missing from ${views.filter(([name]) => !seenBy.includes(name)).map(([n]) => n).join(', ')}`);
      continue;
    }
    if (m.index < lastIndex) {
      outOfOrder++;
      problems.push(`${who}: "${t.text}" stored at ${m.index}, before a message typed earlier (${lastIndex})`);
    }
    lastIndex = Math.max(lastIndex, m.index);
    delivered++;
  }
}
for (const v of visitors) check(v.name, v.typed, [[v.name, v.view], ['agent', agent.view]]);
const visitorOf = new Map(visitors.filter((v) => v.conversationId).map((v) => [v.conversationId, v]));
const agentByConv = new Map();
for (const t of agent.typed) agentByConv.set(t.conversationId, [...(agentByConv.get(t.conversationId) ?? []), t]);
for (const [conversationId, typed] of agentByConv) {
  const v = visitorOf.get(conversationId);
  check(`agent in ${conversationId}`, typed, [['agent', agent.view], [v?.name ?? 'its visitor', v?.view ?? new View()]]);
}
// A message shown twice at two indexes in a view would also be a duplicate.
for (const [name, view] of [['agent', agent.view], ...visitors.map((v) => [v.name, v.view])]) {
  for (const conv of view.byConv.values()) {
    const ids = [...conv.values()].map((m) => m.clientId);
    const extra = ids.length - new Set(ids).size;
    if (extra) problems.push(`${name}: ${extra} message(s) shown twice`);
    duplicated += extra;
  }
  duplicated += view.duplicates;
}
rmSync(dir, { recursive: true, force: true });

const seconds = ((Date.now() - started) / 1000).toFixed(0);
const slowest = Math.max(0, ...backWithin);
const reconnects = visitors.reduce((n, v) => n + v.reconnects, 0) + agent.reconnects;
for (const p of problems.slice(0, 20)) console.error(`soak: ${p}`);
console.log(
  `soak: ${VISITORS} visitors, ${visitors.reduce((n, v) => n + v.typed.length, 0)} visitor messages, ${agent.typed.length} agent replies, ${reconnects} reconnections, every client back within ${(slowest / 1000).toFixed(1)} s of each restart (slowest), ${seconds} s in all`,
);
console.log(`soak: sent ${sent}, delivered ${delivered}, lost ${lost}, duplicated ${duplicated}, out of order ${outOfOrder}, kills ${server.kills()}`);
process.exit(lost || duplicated || outOfOrder || server.kills() < MIN_KILLS ? 1 : 0);
