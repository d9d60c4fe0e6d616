// `npm run soak`: 5,000 messages from 100 visitors, and an agent answering them, while Baton's
// embedded server (a child process: scripts/fault-server.mjs, real SQLite file) is SIGKILLed and
// restarted at random moments (at least 10 times) and visitors' tabs are killed and reopened (at
// least 40 times). Loopback only; stops by itself (at most SOAK_MAX_MS, 10 minutes by default).
//
// The visitors run the product's own code (scripts/soakVisitor.ts, bundled here with esbuild from
// src/): each tab is a ChatSession over the chat chunk the entries load, the local WebSocket
// transport inside withOutbox with its outbox in IndexedDB (fake-indexeddb: one IDBFactory per
// visitor, like a browser profile, so it outlives the visitor's tabs). A tab kill cuts the tab's
// socket without a close frame and the tab never runs again (no disconnect(), no cleanup); the
// visitor opens a new tab, whose outbox finds what the dead one had not sent. The agent is a Node
// WebSocket client speaking the agent protocol with the console's discipline (pending until ack,
// resent with the same clientId after a reconnection or `unavailable`).
//
// At the end it checks the database and both sides' views (each visitor's conversation as its last
// tab shows it, and as the agent received it) against what was typed, and prints
//   soak: sent S, delivered D, lost L, duplicated U, out of order O, kills K, refused R
// K counts server kills and tab kills; R, messages the server refused for good (the visitor sees
// them failed, with the reason), counted apart from losses. Exit code 1 unless lost, duplicated
// and out of order are 0 and both kinds of kill reached their minimum.
//
// SOAK_OUTBOX=0 runs the same visitors without the outbox (the local transport alone): the control
// run, which reports the messages a killed tab or server took with it as lost.
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import WebSocket from 'ws';
import { startKillableServer } from './killable-server.mjs';

const VISITORS = Number(process.env.SOAK_VISITORS ?? 100);
const PER_VISITOR = Number(process.env.SOAK_MESSAGES ?? 50);
/** The agent answers every Nth visitor message. */
const REPLY_EVERY = 5;
const MIN_SERVER_KILLS = Number(process.env.SOAK_SERVER_KILLS ?? 10);
const MIN_TAB_KILLS = Number(process.env.SOAK_TAB_KILLS ?? 40);
const MAX_MS = Number(process.env.SOAK_MAX_MS ?? 600_000);
/** Visitors type over about this long; kills happen meanwhile. */
const TYPING_MS = Number(process.env.SOAK_TYPING_MS ?? 150_000);
const WITH_OUTBOX = process.env.SOAK_OUTBOX !== '0';
const AGENT = { email: 'soak@demo.test', password: 'correct horse battery staple' };

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (!existsSync(path.join(root, 'dist/server/index.js'))) {
  console.error('soak: dist/server/index.js is missing: run `npm run build` first');
  process.exit(2);
}
const started = Date.now();
const dir = mkdtempSync(path.join(tmpdir(), 'baton-soak-'));

// The visitors' code: the product's modules, bundled as they are (idb-keyval included).
const bundle = path.join(dir, 'visitor.mjs');
await build({ entryPoints: [path.join(root, 'scripts/soakVisitor.ts')], outfile: bundle, bundle: true, format: 'esm', platform: 'neutral', target: 'es2022', logLevel: 'error' });
const { openTab, memoryStore, backoffDelay: backoff } = await import(pathToFileURL(bundle).href);

const dbPath = path.join(dir, 'baton.sqlite');
const server = await startKillableServer({ dbPath, env: { AGENT_EMAIL: AGENT.email, AGENT_PASSWORD: AGENT.password, AGENT_NAME: 'Soak Agent' } });
const wsUrl = server.url.replace(/^http/, 'ws');
const origin = server.url;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const newClientId = () => randomBytes(12).toString('base64url');
const RETRYABLE = new Set(['unavailable', 'server_error', 'rate_limited', 'not_ready']);
let stopping = false;
let tabKills = 0;
/** After each server restart: ms until every client was back (welcomed). */
const backWithin = [];

// ---- the visitors: the product's chat in tabs ----

/** Opening tabs one at a time: the global IndexedDB is the opening visitor's until its outbox has opened its database. */
let opening = Promise.resolve();

class Visitor {
  constructor(n) {
    this.n = n;
    this.name = `visitor ${n}`;
    /** The profile: its IndexedDB and Baton's store outlive its tabs. */
    this.indexedDB = new IDBFactory();
    this.store = memoryStore();
    this.typed = []; // { clientId, text } in typing order
    this.refusedAtOnce = 0;
    this.tab = null;
    this.tabs = 0;
  }
  /** A new tab of this visitor's, as after a reload or reopening the site. */
  open() {
    const ready = opening.then(async () => {
      if (stopping) return;
      const sockets = new Set();
      const tab = { dead: false, sockets };
      // The tab's WebSocket: the browser's, from this page's origin; a dead tab opens none.
      const visitor = this;
      const TabSocket = class extends WebSocket {
        constructor(url) {
          if (tab.dead) throw new Error('this tab was killed');
          // Each visitor is a person on their own connection: an address of its own on loopback
          // (the server's per-address limits would otherwise see 100 visitors from one place).
          super(url, { headers: { Origin: origin }, localAddress: `127.${1 + Math.floor(visitor.n / 250)}.0.${1 + (visitor.n % 250)}` });
          sockets.add(this);
          this.on('close', () => sockets.delete(this));
          this.on('error', () => undefined);
        }
      };
      globalThis.indexedDB = this.indexedDB;
      const t = openTab({ server: server.url, store: this.store, consentGranted: () => true, WebSocket: TabSocket }, WITH_OUTBOX);
      Object.assign(tab, t);
      await t.restored;
      this.tab = tab;
      this.tabs++;
    });
    opening = ready.catch(() => undefined);
    return ready;
  }
  /** The tab dies: its socket is cut (no close frame) and it never runs again. */
  kill(counted = true) {
    const tab = this.tab;
    if (!tab) return false;
    this.tab = null;
    tab.dead = true;
    for (const s of tab.sockets) s.terminate();
    if (counted) tabKills++;
    return true;
  }
  get ready() {
    return !!this.tab && this.tab.chat.getState().connection === 'online';
  }
  /** Messages of this visitor's that the current tab still shows as sending. */
  pending() {
    return this.tab ? this.tab.chat.getState().messages.filter((m) => m.sender === 'visitor' && m.status === 'sending').length : 1;
  }
  async type(text) {
    while (!this.tab && !stopping) await sleep(50);
    if (!this.tab) return;
    const r = this.tab.chat.send(text);
    if (r.ok) this.typed.push({ clientId: r.clientId, text });
    else this.refusedAtOnce++;
  }
}

// ---- the agent: a protocol client with the console's outbox discipline ----

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
    }, backoff((this.retries = (this.retries ?? 0) + 1) - 1));
  }
  close() {
    clearTimeout(this.retryTimer);
    this.ws?.terminate();
  }
}

/** Messages the agent has seen, by conversation then index. */
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
        // its conversations follow, one `conversation` frame each (adopted below)
        for (const id of this.mine) this.raw({ type: 'sync', conversationId: id, afterIndex: this.view.highest(id) });
        this.welcomed();
        break;
      case 'queue': // the queue's pages after welcome, then its changes
      case 'queue_changes':
        for (const q of f.type === 'queue' ? f.conversations : f.added) this.raw({ type: 'claim', conversationId: q.id });
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

// ---- the run ----

const agent = new Agent(await login());
agent.start();
const visitors = Array.from({ length: VISITORS }, (_, i) => new Visitor(i + 1));
await Promise.all(visitors.map((v) => v.open()));

// Visitors type at random moments over TYPING_MS.
const typing = visitors.map(async (v) => {
  for (let k = 1; k <= PER_VISITOR; k++) {
    await sleep(Math.random() * ((2 * TYPING_MS) / PER_VISITOR));
    await v.type(`visitor ${v.n} message #${k}`);
  }
});

// Tab kills at random moments while visitors type: the visitor comes back a moment later.
const killingTabs = (async () => {
  const every = TYPING_MS / (MIN_TAB_KILLS + 1);
  while (!stopping && tabKills < MIN_TAB_KILLS) {
    await sleep(every * (0.5 + Math.random()));
    const v = visitors[Math.floor(Math.random() * visitors.length)];
    if (!v.kill()) continue;
    await sleep(Math.random() * 2000);
    await v.open();
  }
})();

// Server kills at random moments while they type (and a little after), at least MIN_SERVER_KILLS.
const killingServer = (async () => {
  const every = TYPING_MS / (MIN_SERVER_KILLS + 1);
  while (!stopping && (server.kills() < MIN_SERVER_KILLS || Date.now() - started < TYPING_MS)) {
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

const pendingCount = () => visitors.reduce((n, v) => n + v.pending(), 0) + agent.queue.length;
const deadline = started + MAX_MS;
await Promise.all(typing);
await Promise.all([killingTabs, killingServer]);
// Drain: everything typed acknowledged and every reply written (the agent answers the last
// messages as they arrive), or no progress for 15 s (a control run's lost messages get no answer).
const expectedReplies = visitors.length * Math.floor(PER_VISITOR / REPLY_EVERY);
for (let last = '', since = Date.now(); Date.now() < deadline && Date.now() - since < 15_000; await sleep(200)) {
  if (pendingCount() === 0 && agent.typed.length >= expectedReplies) break;
  const now = `${pendingCount()} ${agent.typed.length}`;
  if (now !== last) [last, since] = [now, Date.now()];
}
// The last messages reach the other side: the agent asks again from the start of each
// conversation, and both sides are waited for until they show everything acknowledged (or the deadline).
for (const id of agent.mine) agent.raw({ type: 'sync', conversationId: id, afterIndex: 0 });
/** How many of the messages typed on either side both sides show committed (or the sender shows refused). */
const shown = () => {
  const agentSaw = new Set([...agent.view.byConv.values()].flatMap((c) => [...c.values()].map((m) => m.clientId)));
  let n = 0;
  for (const v of visitors) {
    const state = v.tab?.chat.getState();
    if (!state) continue;
    const sent = new Set(state.messages.filter((i) => i.status === 'sent').map((i) => i.clientId));
    const failed = new Set(state.messages.filter((i) => i.status === 'failed').map((i) => i.clientId));
    n += v.typed.filter((x) => failed.has(x.clientId) || (sent.has(x.clientId) && agentSaw.has(x.clientId))).length;
    n += agent.typed.filter((x) => x.conversationId === state.conversation?.id && sent.has(x.clientId)).length;
  }
  return n;
};
const everything = () => visitors.reduce((n, v) => n + v.typed.length, 0) + agent.typed.length;
// Until both sides show everything, or nothing more has arrived for 15 s (a control run's losses never will).
for (let last = -1, since = Date.now(); Date.now() < deadline && Date.now() - since < 15_000; await sleep(200)) {
  const n = shown();
  if (n === everything()) break;
  if (n !== last) [last, since] = [n, Date.now()];
}
stopping = true;
const finalViews = new Map(visitors.map((v) => [v, v.tab?.chat.getState().messages ?? []]));
for (const v of visitors) v.kill(false);
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

const totals = { sent: 0, delivered: 0, lost: 0, duplicated: 0, outOfOrder: 0, refused: 0 };
const agentTotals = { sent: 0, delivered: 0, lost: 0, duplicated: 0, outOfOrder: 0, refused: 0 };
const problems = [];
/** What a visitor's last tab shows of a message: its index, if it shows it committed. */
const visitorSees = (items) => (m) => items.some((i) => i.clientId === m.clientId && i.index === m.index && i.status === 'sent');
const agentSees = (m) => agent.view.byConv.get(m.conversationId)?.get(m.index)?.id === m.id;
/** Checks one sender's typed messages against the database and what each side shows. */
function check(t, who, typed, sides, failedFor) {
  let lastIndex = 0;
  for (const x of typed) {
    t.sent++;
    const stored = byClientId.get(x.clientId) ?? [];
    const copies = byText.get(x.text) ?? 0;
    if (stored.length === 0) {
      const refusal = failedFor?.(x.clientId);
      if (refusal && refusal !== 'connection') {
        t.refused++;
        problems.push(`${who}: "${x.text}" refused by the server: ${refusal}`);
      } else {
        t.lost++;
        problems.push(`${who}: "${x.text}" is not in the database`);
      }
      continue;
    }
    if (stored.length > 1 || copies > 1) {
      t.duplicated++;
      problems.push(`${who}: "${x.text}" stored ${Math.max(stored.length, copies)} times`);
    }
    const m = stored[0];
    const missing = sides.filter(([, sees]) => !sees(m)).map(([name]) => name);
    if (missing.length) {
      t.lost++;
      problems.push(`${who}: "${x.text}" missing from ${missing.join(', ')}`);
      continue;
    }
    if (m.index < lastIndex) {
      t.outOfOrder++;
      problems.push(`${who}: "${x.text}" stored at ${m.index}, before a message typed earlier (${lastIndex})`);
    }
    lastIndex = Math.max(lastIndex, m.index);
    t.delivered++;
  }
}
const conversationOf = new Map();
for (const v of visitors) {
  const items = finalViews.get(v);
  const failedFor = (clientId) => items.find((i) => i.clientId === clientId && i.status === 'failed')?.error ?? null;
  totals.refused += v.refusedAtOnce;
  check(totals, v.name, v.typed, [[v.name, visitorSees(items)], ['agent', agentSees]], failedFor);
  const mine = byClientId.get(v.typed[0]?.clientId)?.[0];
  if (mine) conversationOf.set(mine.conversationId, v);
  // A message shown twice in a tab would be a duplicate too.
  const keys = items.map((i) => i.clientId);
  const extra = keys.length - new Set(keys).size;
  if (extra) problems.push(`${v.name}: ${extra} message(s) shown twice`);
  totals.duplicated += extra;
}
const agentByConv = new Map();
for (const x of agent.typed) agentByConv.set(x.conversationId, [...(agentByConv.get(x.conversationId) ?? []), x]);
for (const [conversationId, typed] of agentByConv) {
  const v = conversationOf.get(conversationId);
  check(agentTotals, `agent in ${conversationId}`, typed, [['agent', agentSees], [v?.name ?? 'its visitor', v ? visitorSees(finalViews.get(v)) : () => false]]);
}
for (const conv of agent.view.byConv.values()) {
  const ids = [...conv.values()].map((m) => m.clientId);
  const extra = ids.length - new Set(ids).size;
  if (extra) problems.push(`agent: ${extra} message(s) shown twice`);
  agentTotals.duplicated += extra;
}
agentTotals.duplicated += agent.view.duplicates;
rmSync(dir, { recursive: true, force: true });

const seconds = ((Date.now() - started) / 1000).toFixed(0);
const slowest = Math.max(0, ...backWithin);
const kills = server.kills() + tabKills;
const tabsOpened = visitors.reduce((n, v) => n + v.tabs, 0);
for (const p of problems.slice(0, 20)) console.error(`soak: ${p}`);
if (problems.length > 20) console.error(`soak: ... and ${problems.length - 20} more`);
console.log(
  `soak: ${WITH_OUTBOX ? 'with the outbox' : 'WITHOUT the outbox (control run)'}: ${VISITORS} visitors in ${tabsOpened} tabs, ` +
    `${server.kills()} server kills, ${tabKills} tab kills, every client back within ${(slowest / 1000).toFixed(1)} s of each restart (slowest); ` +
    `agent: sent ${agentTotals.sent}, delivered ${agentTotals.delivered}, lost ${agentTotals.lost}, duplicated ${agentTotals.duplicated}; ${seconds} s in all`,
);
console.log(
  `soak: sent ${totals.sent}, delivered ${totals.delivered}, lost ${totals.lost}, duplicated ${totals.duplicated}, out of order ${totals.outOfOrder}, kills ${kills}, refused ${totals.refused}`,
);
const bad = totals.lost || totals.duplicated || totals.outOfOrder || agentTotals.lost || agentTotals.duplicated || agentTotals.outOfOrder;
process.exit(bad || server.kills() < MIN_SERVER_KILLS || tabKills < MIN_TAB_KILLS ? 1 : 0);
