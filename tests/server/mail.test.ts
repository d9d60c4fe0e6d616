// Replies by e-mail (issue 15): the local outbox's .eml files, one e-mail for a burst of replies
// (a fake clock over the real store), none when the visitor is here or has read them, the link
// back resumes the conversation, and the HTML is built by escaping.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AgentStore } from '../../src/server/embedded/agentStore';
import { ChatStore } from '../../src/server/embedded/chatStore';
import { openDatabase } from '../../src/server/embedded/database';
import { Desk } from '../../src/server/embedded/desk';
import { createHandoffs } from '../../src/server/embedded/handoffs';
import { Hub } from '../../src/server/embedded/hub';
import { MIGRATIONS } from '../../src/server/embedded/migrations';
import { MAIL_LINK_TTL_MS, ReplyMail } from '../../src/server/embedded/replyMail';
import { createLocalOutbox } from '../../src/server/mail/localOutbox';
import { buildMime, encodeWords, quotedPrintable } from '../../src/server/mail/mime';
import { HTTP_HANDOFF_REDEEM_PATH } from '../../src/protocol/handoff';
import { until } from '../until';
import { PASSWORD, agent, login, makeContext, newClientId, postJson, startServer, visitor, type TestServer } from './helpers';

/** The decoded parts of an .eml the outbox wrote: headers and the two bodies. */
function parseEml(eml: string): { headers: Record<string, string>; text: string; html: string } {
  const [head] = eml.split('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of head!.replace(/\r\n[ \t]/g, ' ').split('\r\n')) {
    const i = line.indexOf(':');
    headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  const boundary = /boundary="([^"]+)"/.exec(headers['content-type']!)![1]!;
  const parts = eml.split(`--${boundary}`).slice(1, -1).map((p) => p.split('\r\n\r\n').slice(1).join('\r\n\r\n').replace(/\r\n$/, ''));
  return { headers, text: decodeQp(parts[0]!), html: decodeQp(parts[1]!) };
}

function decodeQp(s: string): string {
  const bytes: number[] = [];
  const flat = s.replace(/=\r\n/g, '');
  for (let i = 0; i < flat.length; i++) {
    if (flat[i] === '=') {
      bytes.push(parseInt(flat.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(flat.charCodeAt(i));
  }
  return Buffer.from(bytes).toString('utf8').replace(/\r\n/g, '\n');
}

const decodeWords = (s: string) => s.replace(/=\?UTF-8\?B\?([^?]*)\?=\s*/g, (_, b64: string) => Buffer.from(b64, 'base64').toString('utf8'));

describe('MIME', () => {
  it('keeps every line within 76 characters, and decodes back to the text', () => {
    const text = `Bonjour Zoë — « ça marche » = oui\n${'x'.repeat(200)}\ntrailing space \n`;
    const qp = quotedPrintable(text);
    for (const line of qp.split('\r\n')) expect(line.length).toBeLessThanOrEqual(76);
    expect(decodeQp(qp)).toBe(text);
  });

  it('never lets a header value break a line', () => {
    const subject = 'Hi\r\nBcc: victim@example.com';
    const eml = buildMime({ from: 'Shop <s@shop.test>', to: 'a@example.com', subject, text: 't', html: 'h', date: 0, messageId: '<x@shop.test>' });
    expect(eml).not.toMatch(/^Bcc:/m);
    expect(() => buildMime({ from: 'x@y.z', to: 'a@example.com\r\nBcc: v@example.com', subject: 's', text: '', html: '', date: 0, messageId: '<x@y>' })).toThrow(/one line/);
    expect(decodeWords(encodeWords('Sam a répondu à votre message'))).toBe('Sam a répondu à votre message');
  });
});

describe('reply by e-mail: a burst of replies, a fake clock', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function setup() {
    dir = mkdtempSync(join(tmpdir(), 'baton-mail-'));
    const db = openDatabase(join(dir, 'baton.sqlite'));
    expect(db.prepare('SELECT version FROM schema_version').get()).toEqual({ version: MIGRATIONS.length });
    const agents = new AgentStore(db);
    const store = new ChatStore(db, agents);
    const hub = new Hub();
    const desk = new Desk(store, agents, hub, null);
    let now = Date.UTC(2026, 11, 3, 14, 0);
    const clock = () => now;
    const outbox = createLocalOutbox(db, join(dir, 'outbox'), 'Fernwood <help@fernwood.test>', clock);
    const mail = new ReplyMail(desk, db, { mailer: outbox, links: createHandoffs(db, MAIL_LINK_TTL_MS), delayMs: 120_000, clock });
    const sam = agents.create({ email: 'sam@desk.test', name: 'Sam', passwordHash: 'x' }, now);
    const v = store.createVisitor(now);
    const context = makeContext(null, '/orders?id=7');
    context.page.language = 'fr';
    store.setVisitorContext(v.id, { json: JSON.stringify(context), visitorName: null, visitorEmail: null, visitorVerified: 0, pageTitle: 'Orders', pagePath: '/orders?id=7' });
    const conv = store.createConversation({ visitorId: v.id, status: 'offline', email: null, now });
    store.setEmail(conv.id, 'zoe@example.com');
    store.appendMessage({ conversationId: conv.id, clientId: newClientId(), sender: 'visitor', text: 'Où est ma commande ?', agentId: null, now });
    const reply = (text: string) => {
      store.appendMessage({ conversationId: conv.id, clientId: newClientId(), sender: 'agent', text, agentId: sam.id, now });
      mail.replied(store.conversation(conv.id)!);
    };
    return { db, store, mail, outbox, conv, v, reply, tick: (ms: number) => (now += ms), close: () => (mail.stop(), db.close()) };
  }

  it('sends one e-mail for replies within the delay, in the visitor language, escaped', async () => {
    const s = setup();
    s.reply('Bonjour ! Elle part demain.');
    s.tick(60_000);
    s.reply('<b>Numéro de suivi</b> : FR123 & cie');
    s.tick(59_000);
    expect(await s.mail.sendDue()).toBe(0); // 119 s after the first reply: not yet
    s.tick(1_000);
    expect(await s.mail.sendDue()).toBe(1);
    s.tick(600_000);
    expect(await s.mail.sendDue()).toBe(0); // nothing more is due
    const [entry, ...more] = s.outbox.list();
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ kind: 'reply', to: 'zoe@example.com', conversationId: s.conv.id, subject: 'Sam a répondu à votre message sur shop.test' });
    const eml = parseEml(readFileSync(entry!.path, 'utf8'));
    expect(decodeWords(eml.headers.subject!)).toBe('Sam a répondu à votre message sur shop.test');
    expect(eml.headers.from).toBe('"Fernwood" <help@fernwood.test>');
    expect(eml.headers.to).toBe('zoe@example.com');
    expect(eml.text).toContain('Où est ma commande ?');
    expect(eml.text).toContain('Bonjour ! Elle part demain.');
    expect(eml.text).toContain('<b>Numéro de suivi</b> : FR123 & cie');
    expect(eml.text).toContain('Pourquoi cet e-mail');
    expect(eml.html).toContain('&lt;b&gt;Numéro de suivi&lt;/b&gt; : FR123 &amp; cie');
    expect(eml.html).not.toContain('<b>');
    expect(eml.html).not.toMatch(/<img/i);
    expect(eml.text).toMatch(/http:\/\/shop\.test\/orders\?id=7#baton-handoff=h_[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{43}/);
    s.close();
  });

  it('sends nothing when the visitor read the replies, and a later reply starts a new e-mail', async () => {
    const s = setup();
    s.reply('First answer');
    s.store.setReadIndex(s.conv.id, 99);
    s.tick(120_000);
    expect(await s.mail.sendDue()).toBe(0);
    s.reply('Second answer');
    s.tick(120_000);
    expect(await s.mail.sendDue()).toBe(1);
    const eml = parseEml(readFileSync(s.outbox.list()[0]!.path, 'utf8'));
    expect(eml.text).toContain('Second answer');
    s.close();
  });

  it('keeps the reply due when the mailer fails, and sends it once later', async () => {
    const s = setup();
    let fail = true;
    const flaky = { name: 'flaky', from: 'x@y.test', send: async (m: Parameters<typeof s.outbox.send>[0]) => (fail ? Promise.reject(new Error('SMTP down')) : s.outbox.send(m)) };
    const mail = new ReplyMail(new Desk(new ChatStore(s.db, new AgentStore(s.db)), new AgentStore(s.db), new Hub(), null), s.db, { mailer: flaky, links: createHandoffs(s.db, MAIL_LINK_TTL_MS), delayMs: 120_000, clock: () => Date.UTC(2026, 11, 3, 15, 0) });
    s.reply('Are you there?');
    const errors: unknown[] = [];
    const log = console.error;
    console.error = (...a: unknown[]) => void errors.push(a);
    try {
      expect(await mail.sendDue()).toBe(0);
    } finally {
      console.error = log;
    }
    expect(errors).toHaveLength(1);
    fail = false;
    const later = new ReplyMail(new Desk(new ChatStore(s.db, new AgentStore(s.db)), new AgentStore(s.db), new Hub(), null), s.db, { mailer: flaky, links: createHandoffs(s.db, MAIL_LINK_TTL_MS), delayMs: 120_000, clock: () => Date.UTC(2026, 11, 3, 15, 2) });
    expect(await later.sendDue()).toBe(1);
    expect(await later.sendDue()).toBe(0);
    mail.stop();
    later.stop();
    s.close();
  });
});

describe('reply by e-mail: the embedded server', () => {
  let ts: TestServer;
  beforeAll(async () => {
    ts = await startServer({ replyMailDelayMs: 50 });
    await ts.server.createAgent({ email: 'sam@desk.test', name: 'Sam', password: PASSWORD });
  });
  afterAll(() => ts.close());

  it('writes the reply to a left message into the outbox beside the database; its link resumes the conversation', async () => {
    const first = await visitor(ts, { context: makeContext(null, '/checkout') });
    const ack = await first.client.request({ type: 'send', clientId: newClientId(), text: 'Card declined', email: 'ada@example.com' }, 'ack');
    const conversationId = ack.message.conversationId as string;
    first.client.close();
    await first.client.closed;

    const desk = await agent(ts, await login(ts, 'sam@desk.test'));
    await desk.client.request({ type: 'claim', conversationId }, 'conversation');
    await desk.client.request({ type: 'send', conversationId, clientId: newClientId(), text: 'Fixed: try again.' }, 'ack');

    const outbox = `${ts.dbPath}-outbox`;
    const files = await until((): string[] | null => {
      try {
        const files = readdirSync(outbox).filter((f) => f.endsWith('.eml'));
        return files.length ? files : null;
      } catch {
        return null;
      }
    }, 'an .eml in the outbox');
    const eml = parseEml(readFileSync(join(outbox, files![0]!), 'utf8'));
    expect(eml.headers.to).toBe('ada@example.com');
    expect(eml.text).toContain('Fixed: try again.');
    const token = /#baton-handoff=([^\s]+)/.exec(eml.text)![1]!;
    const redeemed = await postJson(ts, HTTP_HANDOFF_REDEEM_PATH, { token });
    expect(redeemed.status).toBe(200);
    expect(redeemed.json).toMatchObject({ conversationId, from: 'the e-mail link' });
    const back = await visitor(ts, { credential: (redeemed.json as { credential: string }).credential });
    expect(back.welcome.conversation.messages.map((m: { text: string }) => m.text)).toEqual(['Card declined', 'Fixed: try again.', expect.stringMatching(/^Continued on .+ \(from the e-mail link\)$/)]);
    back.client.close();
    desk.client.close();
  });

  it('keeps the e-mail asked in the thread (the email frame) with the conversation and the visitor, tells every tab and the agents', async () => {
    const v = await visitor(ts, { context: makeContext(null, '/returns') });
    const credential = v.welcome.credential as string;
    const nothing = await v.client.request({ type: 'email', email: 'bo@example.com' }, 'error');
    expect(nothing).toMatchObject({ code: 'not_found' });
    const ack = await v.client.request({ type: 'send', clientId: newClientId(), text: 'Can I return a worn jacket?' }, 'ack');
    const conversationId = ack.message.conversationId as string;
    const desk = await agent(ts, await login(ts, 'sam@desk.test'));
    const other = await visitor(ts, { credential });
    expect(await v.client.request({ type: 'email', email: 'not an address' }, 'error')).toMatchObject({ code: 'bad_frame' });
    v.client.send({ type: 'email', email: '  bo@example.com ' });
    expect(await v.client.next((f) => f.type === 'status' && f.email)).toMatchObject({ conversationId, email: 'bo@example.com' });
    expect(await other.client.next((f) => f.type === 'status' && f.email)).toMatchObject({ conversationId, email: 'bo@example.com' });
    const { queueSummary, readDb } = await import('./helpers');
    expect(await queueSummary(desk.client, conversationId, (c) => c.email === 'bo@example.com')).toBeTruthy();
    // The next visit's welcome says it; a later conversation of the same visitor starts with it.
    const back = await visitor(ts, { credential });
    expect(back.welcome.conversation).toMatchObject({ id: conversationId, email: 'bo@example.com' });
    expect(readDb(ts.dbPath, (db) => db.prepare('SELECT v.email FROM visitors v JOIN conversations c ON c.visitor_id = v.id WHERE c.id = ?').get(conversationId))).toEqual({ email: 'bo@example.com' });
    for (const c of [v, other, back]) c.client.close();
    desk.client.close();
  });

  it('sends nothing while the visitor is on the site', async () => {
    const v = await visitor(ts, { context: makeContext(null, '/help') });
    const ack = await v.client.request({ type: 'send', clientId: newClientId(), text: 'Still here', email: 'here@example.com' }, 'ack');
    const conversationId = ack.message.conversationId as string;
    const desk = await agent(ts, await login(ts, 'sam@desk.test'));
    await desk.client.request({ type: 'claim', conversationId }, 'conversation');
    await desk.client.request({ type: 'send', conversationId, clientId: newClientId(), text: 'Hello live' }, 'ack');
    await v.client.next((f) => f.type === 'message' && f.message.text === 'Hello live');
    // Due 50 ms later: the pass settles it without an e-mail (mail_due_at cleared).
    const { readDb } = await import('./helpers');
    await until(() => readDb(ts.dbPath, (db) => (db.prepare('SELECT mail_due_at FROM conversations WHERE id = ?').get(conversationId) as { mail_due_at: number | null }).mail_due_at === null), 'the due e-mail settled');
    expect(readDb(ts.dbPath, (db) => db.prepare("SELECT COUNT(*) AS n FROM mail_outbox WHERE to_address = 'here@example.com'").get())).toEqual({ n: 0 });
    v.client.close();
    desk.client.close();
  });
});
