// Fills an embedded server's SQLite file with queued conversations, for the queue benchmark
// (scripts/bench-queue.mjs) and the queue's server tests (tests/server/queue.test.ts): `count`
// visitors, each with one queued conversation, a page, a name now and then, and a last message;
// every 5th carries a full context with a menu choice (routing: a skill in the queue), every 7th
// was left offline with an e-mail, so every kind of queue row is there.
// Written straight into the schema (src/server/embedded/migrations.ts) in one transaction, which
// takes well under a second for 5,000, where 5,000 real visitors would take minutes and trip the
// per-address limits. The file must already have the schema (start and close a server on it
// first), and no server may run on it now: start one afterwards and it loads the queue.
import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';

const id = (prefix) => `${prefix}_${randomBytes(12).toString('base64url')}`;
const TITLES = ['Stormline 3L Shell', 'Checkout — Payment', 'Returns and exchanges', 'Trail runner GTX', 'Gift cards', 'Order status'];
const NAMES = ['Ada Lovelace', 'Grace Hopper', 'Marco Rossi', 'Aiko Tanaka', 'Léa Martin', 'Omar Haddad'];
const SKILLS = [
  { queue: 'billing', skill: 'billing', path: ['Billing', 'Invoices'] },
  { queue: 'sales', skill: 'sales', path: ['Buying', 'Shipping to Canada'] },
];

/** A ContextSnapshot v1 as the server stores it (docs/context.md), with a menu choice. */
function snapshot({ name, title, pagePath, at, skill }) {
  return {
    v: 1,
    at,
    consent: 'granted',
    page: { url: `https://shop.example${pagePath}`, path: pagePath, title, referrer: '', language: 'en', startedAt: at - 60_000, timeOnPageMs: 60_000 },
    identity: name ? { name, custom: {}, verified: { id: false, name: false, email: false, phone: false } } : null,
    journey: [{ path: pagePath, title, at: at - 60_000, dwellMs: 60_000, kind: 'load' }],
    campaign: null,
    device: { viewport: { width: 1280, height: 800 }, screen: { width: 1920, height: 1080 }, pixelRatio: 1, touch: false, language: 'en', languages: ['en'], timeZone: 'Europe/London', online: true, webView: false, webViewHint: null },
    signals: [],
    custom: {},
    location: null,
    routing: skill,
    trimmed: 0,
  };
}

/**
 * @param {string} dbPath
 * @param {{ count: number, now?: number, textChars?: number, titleChars?: number }} o
 *   textChars: length of each last message (the server cuts summaries to 200); titleChars: page title length.
 * @returns {string[]} the conversation ids, oldest first
 */
export function seedQueue(dbPath, { count, now = Date.now(), textChars = 80, titleChars = 0 }) {
  const db = new Database(dbPath, { fileMustExist: true });
  try {
    const visitor = db.prepare('INSERT INTO visitors (id, credential_hash, created_at, last_seen_at, context_json) VALUES (?, ?, ?, ?, NULL)');
    const conversation = db.prepare(`
      INSERT INTO conversations (id, visitor_id, status, created_at, waiting_since, email, context_json, visitor_name, page_title, page_path, last_index)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`);
    const message = db.prepare("INSERT INTO messages (id, conversation_id, idx, client_id, sender, text, at) VALUES (?, ?, 1, ?, 'visitor', ?, ?)");
    const ids = [];
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const v = id('v');
        const c = id('c');
        // Oldest first, one second apart, all waiting already.
        const at = now - (count - i) * 1000;
        visitor.run(v, createHash('sha256').update(randomBytes(32)).digest('hex'), at, at);
        const title = titleChars ? `${TITLES[i % TITLES.length]} `.padEnd(titleChars, 'x') : TITLES[i % TITLES.length];
        const name = i % 3 ? NAMES[i % NAMES.length] : null;
        const pagePath = `/products/${i}?ref=queue`;
        const offline = i % 7 === 3;
        const context = i % 5 === 4 ? JSON.stringify(snapshot({ name, title, pagePath, at, skill: SKILLS[i % SKILLS.length] })) : null;
        conversation.run(c, v, offline ? 'offline' : 'waiting', at, at, offline ? `visitor${i}@example.com` : null, context, name, title, pagePath);
        const text = `Hello, I have a question about order ${100000 + i}. `.padEnd(textChars, 'Could you help me please? ').slice(0, textChars);
        message.run(id('m'), c, `seed${String(i).padStart(8, '0')}`, text, at);
        ids.push(c);
      }
    }).immediate();
    return ids;
  } finally {
    db.close();
  }
}
