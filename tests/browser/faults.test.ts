// Zero lost messages, proven by breaking things on purpose (issue 7): a real Chromium, the real
// server in a child process (scripts/fault-server.mjs) that is SIGKILLed and restarted on the same
// port and SQLite file, a TCP proxy that drops the connection right after a commit, and a second
// SQLite connection that locks the database. Each test asserts what the visitor sees (the widget's
// lines and their status), what the agent sees (the console's thread) and what the database holds.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { collectConsole, launchChromium, openConversation, screenshot, signInToConsole } from './harness';

interface KillableServer {
  url: string;
  port: number;
  kill(): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}
interface KillableModule {
  startKillableServer(o: { dbPath: string; port?: number; env?: Record<string, string> }): Promise<KillableServer>;
  freePort(): Promise<number>;
}

const AGENT = { email: 'faults@demo.test', password: 'correct horse battery staple' };

let browser: Browser;
let server: KillableServer;
let dir: string;
let dbPath: string;
let proxy: AckDropper;
let agent: { context: BrowserContext; page: Page };

/**
 * A loopback TCP proxy in front of the server. While `armed`, the first server-to-browser chunk
 * holding an `ack` frame is never delivered: both connections are cut right there, after the
 * server committed the message and before the browser heard of it.
 */
interface AckDropper {
  url: string;
  armed: number;
  dropped: number;
  close(): Promise<void>;
}
async function startAckDropper(port: number, target: () => number): Promise<AckDropper> {
  const sockets = new Set<Socket>();
  const p: AckDropper = { url: `http://127.0.0.1:${port}`, armed: 0, dropped: 0, close: () => Promise.resolve() };
  const srv: Server = createServer((client) => {
    const upstream = connect(target(), '127.0.0.1');
    sockets.add(client).add(upstream);
    const cut = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (d) => upstream.write(d));
    // Server frames are unmasked and uncompressed (perMessageDeflate is off): the JSON is in the bytes.
    upstream.on('data', (d) => {
      if (p.armed > 0 && d.includes('"type":"ack"')) {
        p.armed--;
        p.dropped++;
        return cut();
      }
      client.write(d);
    });
    client.on('error', cut).on('close', cut);
    upstream.on('error', cut).on('close', cut);
  });
  await new Promise<void>((r) => srv.listen(port, '127.0.0.1', r));
  p.close = () => {
    for (const s of sockets) s.destroy();
    return new Promise((r) => srv.close(() => r()));
  };
  return p;
}

beforeAll(async () => {
  const mod = (await import(/* @vite-ignore */ new URL('../../scripts/killable-server.mjs', import.meta.url).href)) as KillableModule;
  dir = mkdtempSync(`${tmpdir()}/baton-faults-`);
  dbPath = `${dir}/baton.sqlite`;
  const proxyPort = await mod.freePort();
  [browser, server] = await Promise.all([
    launchChromium(),
    mod.startKillableServer({
      dbPath,
      env: {
        AGENT_EMAIL: AGENT.email,
        AGENT_PASSWORD: AGENT.password,
        BATON_ALLOWED_ORIGINS: `http://127.0.0.1:${proxyPort}`,
        // A locked database refuses a write after 100 ms instead of 5 s (test 6).
        BATON_DB_BUSY_MS: '100',
      },
    }),
  ]);
  proxy = await startAckDropper(proxyPort, () => server.port);
  // An agent stays online throughout (reconnecting after each kill by itself): visitors get the
  // composer, never the leave-a-message form.
  agent = await agentConsole();
}, 60_000);
afterAll(async () => {
  await agent?.context.close();
  await browser?.close();
  await proxy?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Messages of the visitor's conversation whose text starts with `tag`, in commit order. */
function stored(tag: string): { text: string; sender: string; idx: number }[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT text, sender, idx FROM messages WHERE text LIKE ? ORDER BY conversation_id, idx').all(`${tag}%`) as {
      text: string;
      sender: string;
      idx: number;
    }[];
  } finally {
    db.close();
  }
}

/** The widget's lines as the visitor sees them: text and status (sending, sent, failed). */
async function lines(page: Page): Promise<{ sender: string; status: string; text: string }[]> {
  return page.locator('#baton-panel li[data-sender]').evaluateAll((els) =>
    els.map((li) => ({
      sender: li.getAttribute('data-sender') ?? '',
      status: li.getAttribute('data-status') ?? '',
      // The bubble, minus its screen-reader prefix ("You: ").
      text: (li.querySelector('.bub')?.textContent ?? '').replace(/^[^:]*: /, ''),
    })),
  );
}
const mine = async (page: Page, tag: string) => (await lines(page)).filter((l) => l.sender === 'visitor' && l.text.startsWith(tag));

async function openChat(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/product/stormline-shell`);
  await openConversation(page);
}

async function type(page: Page, text: string): Promise<void> {
  await page.locator('#baton-input').fill(text);
  await page.keyboard.press('Enter');
}

async function allSent(page: Page, tag: string, n: number, timeout = 30_000): Promise<void> {
  await expect
    .poll(async () => (await mine(page, tag)).map((l) => l.status).join(','), { timeout, interval: 250 })
    .toBe(Array(n).fill('sent').join(','));
}

async function agentConsole(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await signInToConsole(page, server.url, AGENT);
  return { context, page };
}

const numbered = (tag: string, n: number) => Array.from({ length: n }, (_, i) => `${tag} ${String(i + 1).padStart(2, '0')}`);

describe('zero lost messages under faults', () => {
  it('1. offline while sending 20 messages, then online: all 20 arrive once, in order', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = await collectConsole(page);
    await openChat(page, server.url);
    await type(page, 'F1 hello');
    await allSent(page, 'F1 hello', 1);

    await context.setOffline(true);
    const texts = numbered('F1 offline', 20);
    for (const t of texts) await type(page, t);
    // Kept and shown as waiting; the composer stays usable and says they will go when back.
    expect((await mine(page, 'F1 offline')).map((l) => l.status)).toEqual(Array(20).fill('sending'));
    await expect.poll(() => page.locator('#baton-panel').textContent()).toContain('will be sent when the connection is back');
    await screenshot(page, 'faults-1-offline-pending');
    expect(stored('F1 offline')).toEqual([]);

    await context.setOffline(false);
    await allSent(page, 'F1 offline', 20);
    expect((await mine(page, 'F1 offline')).map((l) => l.text)).toEqual(texts);
    expect(stored('F1').map((m) => m.text)).toEqual(['F1 hello', ...texts]);
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  });

  it('2. the server is SIGKILLed in the middle of a burst and restarted: every message once, in order, on both sides', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await openChat(page, server.url);
    await type(page, 'F2 00 start');
    await allSent(page, 'F2 00', 1);
    const item = agent.page.locator('[data-testid=queue-item]', { hasText: 'F2 00 start' });
    await item.locator('[data-testid=claim]').click();
    await agent.page.locator('[data-testid=message][data-sender=visitor]', { hasText: 'F2 00 start' }).waitFor();

    const texts = numbered('F2 burst', 15);
    for (const [i, t] of texts.entries()) {
      if (i === 5) await server.kill(); // mid-burst: messages 1-5 may or may not have been acknowledged
      if (i === 10) await server.restart();
      await type(page, t);
    }
    // The agent writes too, while the visitor's messages are being resent.
    await agent.page.fill('[data-testid=composer]', 'F2 agent after the restart');
    await agent.page.keyboard.press('Enter');

    await allSent(page, 'F2 burst', 15, 45_000);
    expect((await mine(page, 'F2 burst')).map((l) => l.text)).toEqual(texts);
    await page.locator('#baton-panel li[data-sender=agent]', { hasText: 'F2 agent after the restart' }).waitFor({ timeout: 30_000 });
    expect((await lines(page)).filter((l) => l.text === 'F2 agent after the restart')).toHaveLength(1);

    // The agent's thread: each visitor message once, in the order typed.
    const agentThread = () => agent.page.locator('[data-testid=message][data-sender=visitor]').allTextContents();
    await expect.poll(async () => (await agentThread()).filter((t) => t.includes('F2 burst')).length, { timeout: 30_000 }).toBe(15);
    const seen = (await agentThread()).map((t) => texts.find((x) => t.includes(x))).filter(Boolean);
    expect(seen).toEqual(texts);
    expect(await agent.page.locator('[data-testid=message]', { hasText: 'F2 agent after the restart' }).count()).toBe(1);

    const db = stored('F2');
    expect(db.filter((m) => m.sender === 'visitor').map((m) => m.text)).toEqual(['F2 00 start', ...texts]);
    expect(db.filter((m) => m.text === 'F2 agent after the restart')).toHaveLength(1);
    await screenshot(page, 'faults-2-after-kill-visitor');
    await screenshot(agent.page, 'faults-2-after-kill-agent');
    await context.close();
  });

  it('3. the tab is closed with unsent messages; the site is opened again: they are sent', async () => {
    const context = await browser.newContext();
    const first = await context.newPage();
    await openChat(first, server.url);
    await type(first, 'F3 before');
    await allSent(first, 'F3 before', 1);
    await context.setOffline(true);
    const texts = numbered('F3 unsent', 3);
    for (const t of texts) await type(first, t);
    expect((await mine(first, 'F3 unsent')).map((l) => l.status)).toEqual(['sending', 'sending', 'sending']);
    // Written to IndexedDB before anything else happens with them.
    await expect
      .poll(() =>
        first.evaluate(
          () =>
            new Promise<number>((resolve) => {
              const r = indexedDB.open('baton-outbox');
              r.onsuccess = () => {
                const q = r.result.transaction('pending').objectStore('pending').count();
                q.onsuccess = () => {
                  resolve(q.result);
                  r.result.close();
                };
              };
            }),
        ),
      )
      .toBe(3);
    await first.close();
    await context.setOffline(false);
    expect(stored('F3 unsent')).toEqual([]);

    // Opened again: nothing clicked, the open conversation reconnects and the outbox empties.
    const again = await context.newPage();
    await again.goto(`${server.url}/category/backpacks`);
    await expect.poll(() => stored('F3 unsent').map((m) => m.text), { timeout: 30_000 }).toEqual(texts);
    await openConversation(again);
    await allSent(again, 'F3', 4);
    expect((await mine(again, 'F3')).map((l) => l.text)).toEqual(['F3 before', ...texts]);
    await context.close();
  });

  it('4. two tabs send at the same time: each message once in both tabs and once for the agent; one connection; a closed leader is replaced', async () => {
    const context = await browser.newContext();
    const a = await context.newPage();
    const b = await context.newPage();
    const sockets = { a: 0, b: 0 };
    a.on('websocket', (ws) => ws.url().includes('/ws/visitor') && sockets.a++);
    b.on('websocket', (ws) => ws.url().includes('/ws/visitor') && sockets.b++);
    await openChat(a, server.url);
    await type(a, 'F4 00 start');
    await allSent(a, 'F4 00', 1);
    await agent.page.locator('[data-testid=queue-item]', { hasText: 'F4 00 start' }).locator('[data-testid=claim]').click();

    // The second tab: the same visitor, following the first tab's connection.
    await openChat(b, server.url);
    await allSent(b, 'F4 00', 1);
    const fromA = numbered('F4 tab A', 6);
    const fromB = numbered('F4 tab B', 6);
    await Promise.all([
      (async () => {
        for (const t of fromA) await type(a, t);
      })(),
      (async () => {
        for (const t of fromB) await type(b, t);
      })(),
    ]);
    for (const page of [a, b]) {
      await allSent(page, 'F4 tab', 12);
      const seen = (await mine(page, 'F4 tab')).map((l) => l.text);
      expect(seen.filter((t) => t.includes('tab A'))).toEqual(fromA); // each once, in the order typed
      expect(seen.filter((t) => t.includes('tab B'))).toEqual(fromB);
    }
    expect(sockets).toEqual({ a: 1, b: 0 }); // one live connection for both tabs
    const db = stored('F4 tab').map((m) => m.text);
    expect(db.filter((t) => t.includes('tab A'))).toEqual(fromA);
    expect(db.filter((t) => t.includes('tab B'))).toEqual(fromB);
    const agentThread = () => agent.page.locator('[data-testid=message][data-sender=visitor]').allTextContents();
    await expect.poll(async () => (await agentThread()).filter((t) => t.includes('F4 tab')).length).toBe(12);
    await screenshot(b, 'faults-4-second-tab');

    // The agent's reply appears once in both tabs.
    await agent.page.fill('[data-testid=composer]', 'F4 agent reply');
    await agent.page.keyboard.press('Enter');
    for (const page of [a, b]) {
      await page.locator('#baton-panel li[data-sender=agent]', { hasText: 'F4 agent reply' }).waitFor();
      expect((await lines(page)).filter((l) => l.text === 'F4 agent reply')).toHaveLength(1);
    }

    // The leader tab closes: the other one takes over (its own connection) and sends.
    await a.close();
    await type(b, 'F4 after the leader closed');
    await allSent(b, 'F4 after', 1);
    expect(sockets.b).toBe(1);
    expect(stored('F4 after').map((m) => m.text)).toEqual(['F4 after the leader closed']);
    await context.close();
  });

  it('5. the ack is lost after the commit (connection cut between commit and ack): no duplicate', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await openChat(page, proxy.url);
    await type(page, 'F5 one');
    await allSent(page, 'F5 one', 1);
    proxy.armed = 2;
    await type(page, 'F5 two');
    await expect.poll(() => stored('F5 two').length).toBe(1); // committed...
    await expect.poll(() => proxy.dropped).toBeGreaterThanOrEqual(1); // ...and its ack never arrived
    await type(page, 'F5 three');
    await allSent(page, 'F5', 3, 30_000);
    expect(proxy.dropped).toBe(2);
    expect((await mine(page, 'F5')).map((l) => l.text)).toEqual(['F5 one', 'F5 two', 'F5 three']);
    expect(stored('F5').map((m) => m.text)).toEqual(['F5 one', 'F5 two', 'F5 three']);
    await context.close();
  });

  it('6. the database refuses the write (locked): no false ack, delivered once the database is back', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    // What the widget's socket says and hears: the attempts and the server's refusals are counted.
    const sends: string[] = [];
    const refusals: string[] = [];
    page.on('websocket', (ws) => {
      ws.on('framesent', (f) => {
        const frame = JSON.parse(String(f.payload)) as { type?: string; text?: string };
        if (frame.type === 'send' && frame.text) sends.push(frame.text);
      });
      ws.on('framereceived', (f) => {
        const frame = JSON.parse(String(f.payload)) as { type?: string; code?: string };
        if (frame.type === 'error' && frame.code) refusals.push(frame.code);
      });
    });
    await openChat(page, server.url);
    await type(page, 'F6 before');
    await allSent(page, 'F6 before', 1);

    const lock = new Database(dbPath);
    lock.pragma('busy_timeout = 0');
    lock.exec('BEGIN IMMEDIATE'); // another writer holds the database: the server's INSERT gets SQLITE_BUSY
    try {
      await type(page, 'F6 while locked');
      // Two refusals and retries later, still not acknowledged, and not shown as failed either.
      await expect.poll(() => sends.filter((t) => t === 'F6 while locked').length, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
      expect(refusals.filter((c) => c === 'unavailable').length).toBeGreaterThanOrEqual(2);
      expect((await mine(page, 'F6 while locked')).map((l) => l.status)).toEqual(['sending']);
    } finally {
      lock.exec('ROLLBACK');
      lock.close();
    }
    expect(stored('F6 while locked')).toEqual([]);
    await allSent(page, 'F6', 2, 30_000);
    expect(stored('F6').map((m) => m.text)).toEqual(['F6 before', 'F6 while locked']);
    await context.close();
  });
});
