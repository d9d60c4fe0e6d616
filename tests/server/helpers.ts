/**
 * Shared tooling for the embedded-server tests: a real server on port 0 with a real SQLite file in
 * a temp dir, real `ws` clients with an Origin header, and raw HTTP requests (node:http, so Origin
 * and Cookie are sent exactly as given).
 */
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { AgentServerFrame, VisitorServerFrame } from '../../src/protocol/chat';
import type { ContextSnapshot } from '../../src/protocol/context';
import { createEmbeddedServer, type EmbeddedServer, type EmbeddedServerOptions } from '../../src/server/index';
import { contextSnapshot } from '../fixtures/contextSnapshot';

export const SECRET = 'test-identity-secret-0123456789';
export const PASSWORD = 'correct horse battery staple';

export interface TestServer {
  server: EmbeddedServer;
  url: string;
  wsUrl: string;
  /** An allowed Origin (the server's own). */
  origin: string;
  dbPath: string;
  close(): Promise<void>;
}

export async function startServer(options: Partial<EmbeddedServerOptions> = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'baton-server-test-'));
  const dbPath = join(dir, 'baton.sqlite');
  const server = await createEmbeddedServer({ dbPath, identitySecret: SECRET, consoleDir: join(dir, 'console'), ...options });
  return {
    server,
    url: server.url,
    wsUrl: server.url.replace(/^http/, 'ws'),
    origin: server.url,
    dbPath,
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A read-only look at the server's database file (WAL: sees every committed transaction). */
export function readDb<T>(dbPath: string, fn: (db: Database.Database) => T): T {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

export function count(dbPath: string, table: string, where = '1 = 1', ...params: unknown[]): number {
  return readDb(dbPath, (db) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`).get(...params) as { n: number }).n);
}

export function newClientId(): string {
  return `c${randomBytes(9).toString('base64url')}`;
}

/** Frames are checked field by field with expect(), so tests read them loosely typed. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyFrame = { type: (VisitorServerFrame | AgentServerFrame)['type'] } & Record<string, any>;
type Matcher = string | ((frame: AnyFrame) => boolean);

/** A WebSocket client that buffers every frame, so a test can wait for one without racing it. */
export class Client {
  private readonly buffer: AnyFrame[] = [];
  private waiters: Array<{ match: (f: AnyFrame) => boolean; resolve: (f: AnyFrame) => void }> = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as AnyFrame;
      const i = this.waiters.findIndex((w) => w.match(frame));
      if (i >= 0) this.waiters.splice(i, 1)[0]!.resolve(frame);
      else this.buffer.push(frame);
    });
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  /** `localAddress`: another loopback address (127.0.0.x) to connect from, i.e. another client address. */
  static connect(url: string, headers: Record<string, string> = {}, localAddress?: string): Promise<Client> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers, ...(localAddress ? { localAddress } : {}) });
      const client = new Client(ws);
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  /** The HTTP status of a refused upgrade (or 101 when it was accepted, then closed). */
  static refusal(url: string, headers: Record<string, string> = {}, localAddress?: string): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers, ...(localAddress ? { localAddress } : {}) });
      ws.once('open', () => {
        ws.close();
        resolve({ status: 101, body: '', headers: {} });
      });
      ws.once('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      });
      ws.once('error', reject);
    });
  }

  send(frame: unknown): void {
    this.ws.send(JSON.stringify(frame));
  }

  sendRaw(data: string | Buffer): void {
    this.ws.send(data);
  }

  /** The first frame (already received or coming) matching a type or predicate. */
  next<T extends AnyFrame = AnyFrame>(match: Matcher, timeoutMs = 5000): Promise<T> {
    const fn = typeof match === 'string' ? (f: AnyFrame) => f.type === match : match;
    const i = this.buffer.findIndex(fn);
    if (i >= 0) return Promise.resolve(this.buffer.splice(i, 1)[0] as T);
    return new Promise((resolve, reject) => {
      const waiter = { match: fn, resolve: resolve as (f: AnyFrame) => void };
      this.waiters.push(waiter);
      setTimeout(() => {
        if (!this.waiters.includes(waiter)) return;
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`no frame matching ${typeof match === 'string' ? match : 'predicate'} within ${timeoutMs} ms; buffered: ${JSON.stringify(this.buffer.map((f) => f.type))}`));
      }, timeoutMs);
    });
  }

  /**
   * Resolves true when no matching frame has come. Without `ms`: none came before the answer to a
   * ping sent now (the server writes to a socket in order, so anything it sent this socket for what
   * it already processed arrives first). With `ms`: none came within that time, for what a server
   * timer would send (a timeout that must not fire).
   */
  async none(match: Matcher, ms?: number): Promise<boolean> {
    if (ms === undefined) {
      await this.request({ type: 'ping' }, 'pong');
      const fn = typeof match === 'string' ? (f: AnyFrame) => f.type === match : match;
      return !this.buffer.some(fn);
    }
    try {
      await this.next(match, ms);
      return false;
    } catch {
      return true;
    }
  }

  /** Sends and waits for the answer of the given type (ping/pong round trip proves the server is alive). */
  async request<T extends AnyFrame = AnyFrame>(frame: unknown, match: Matcher): Promise<T> {
    const answer = this.next<T>(match);
    this.send(frame);
    return answer;
  }

  drop(): void {
    this.buffer.length = 0;
  }

  close(): void {
    this.ws.close();
  }
}

export async function visitor(ts: TestServer, hello: Record<string, unknown> = {}): Promise<{ client: Client; welcome: AnyFrame }> {
  const client = await Client.connect(`${ts.wsUrl}/ws/visitor`, { Origin: ts.origin });
  const welcome = await client.request({ type: 'hello', v: 1, ...hello }, 'welcome');
  return { client, welcome };
}

/** A ConversationDetail as a test reads it: checked field by field. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Conversation = { id: string } & Record<string, any>;

/**
 * An agent's socket after its first frames: `welcome`, its active conversations (one
 * `conversation` frame each: `mine`), then the queue's pages (`queue`, up to `last`).
 */
export async function agent(ts: TestServer, cookie: string): Promise<{ client: Client; welcome: AnyFrame; mine: Conversation[]; queue: AnyFrame[]; pages: AnyFrame[] }> {
  const client = await Client.connect(`${ts.wsUrl}/ws/agent`, { Origin: ts.origin, Cookie: cookie });
  const welcome = await client.next('welcome');
  const mine: Conversation[] = [];
  for (let i = 0; i < (welcome.mineIds as string[]).length; i++) mine.push((await client.next('conversation')).conversation as Conversation);
  const pages: AnyFrame[] = [];
  do pages.push(await client.next('queue'));
  while (!pages[pages.length - 1]!.last);
  return { client, welcome, mine, queue: pages.flatMap((p) => p.conversations as AnyFrame[]), pages };
}

/** The next `queue_changes` frame that adds or updates conversation `id` (matching `fields`, when given): its summary. */
export async function queueSummary(client: Client, id: string, fields: (summary: AnyFrame) => boolean = () => true): Promise<AnyFrame> {
  const pick = (f: AnyFrame) => [...(f.added as AnyFrame[]), ...(f.updated as AnyFrame[])].find((c) => c.id === id && fields(c));
  return pick(await client.next((f) => f.type === 'queue_changes' && !!pick(f)))!;
}

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: any;
}

export function request(url: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer; localAddress?: string } = {}): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers: options.headers, ...(options.localAddress ? { localAddress: options.localAddress } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown = undefined;
        try {
          json = JSON.parse(text);
        } catch {
          // not JSON
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

export function postJson(ts: TestServer, path: string, body: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  return request(`${ts.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: ts.origin, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Logs in and returns the `baton_agent=...` cookie pair. */
export async function login(ts: TestServer, email: string, password = PASSWORD): Promise<string> {
  const res = await postJson(ts, '/api/agent/login', { email, password });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.text}`);
  const setCookie = res.headers['set-cookie']?.[0] ?? '';
  return setCookie.split(';')[0]!;
}

/** A valid ContextSnapshot v1 of a visitor on the Stormline shell's page, with optional identity. */
export function makeContext(identity: ContextSnapshot['identity'] = null, path = '/product/stormline'): ContextSnapshot {
  const now = Date.now();
  return contextSnapshot({
    at: now,
    page: { url: `http://shop.test${path}`, path, title: 'Stormline 3L Shell', startedAt: now - 5000, timeOnPageMs: 5000 },
    identity,
    journey: [{ path, title: 'Stormline 3L Shell', at: now - 5000, dwellMs: 5000, kind: 'load' }],
    device: { screen: { width: 1920, height: 1080 }, timeZone: 'Europe/London' },
    custom: { plan: 'pro' },
  });
}

export function identity(fields: { id?: string; name?: string; email?: string; phone?: string }, proof?: { hmac?: string; jwt?: string }, verified = false): NonNullable<ContextSnapshot['identity']> {
  return {
    ...fields,
    custom: {},
    verified: { id: verified, name: verified, email: verified, phone: verified },
    ...(proof ? { proof } : {}),
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A route handler as baton-sdk/server's create*Handler return it: true when it took the request. */
export type RouteHandler = (req: http.IncomingMessage, res: http.ServerResponse) => boolean;

/** Serves `handle` on a free loopback port; a request it does not take gets 404 "not mine". */
export async function serveRoutes(handle: RouteHandler): Promise<{ server: http.Server; url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (!handle(req, res)) {
      res.statusCode = 404;
      res.end('not mine');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { server, url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}
