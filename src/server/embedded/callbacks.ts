/**
 * Scheduled callbacks (issue 15; wire in src/protocol/callbacks.ts). A visitor picks one of the
 * next slots within business hours and gives a phone number, parsed and normalised to E.164 by
 * libphonenumber-js on the server (the panel stays light: its min metadata would cost 29 KB gzip (parse + isValid, esbuild-minified, measured)
 * in the browser); the booking opens (or uses) the visitor's conversation, with their context, so
 * the agent who calls back knows who and why, and a line in the thread says it. Agents list them
 * (booked, and those finished in the last day), mark them done or no answer, or move them.
 *
 * Limits: one booked callback per visitor at a time, CALLBACKS_PER_VISITOR_PER_DAY bookings per
 * visitor and CALLBACKS_PER_ADDRESS_PER_HOUR per address (counted in the table, so they hold
 * across restarts), and the slot must be one the server offers now.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Database from 'better-sqlite3';
import type { CountryCode } from 'libphonenumber-js/min';
import { readPhoneNumber } from '../phoneNumbers';
import {
  AGENT_CALLBACKS_MAX,
  CALLBACKS_OPEN_PER_VISITOR,
  CALLBACKS_PER_ADDRESS_PER_HOUR,
  CALLBACKS_PER_VISITOR_PER_DAY,
  CALLBACK_SLOTS_SHOWN,
  type AgentCallback,
  type CallbackBooked,
  type CallbackSlots,
  type CallbackStatus,
  type VisitorCallback,
} from '../../protocol/callbacks';
import { AgentCallbackUpdateSchema, CallbackBookSchema, CallbackCancelSchema, CallbackMineSchema, CallbackSlotsSchema } from '../../protocol/callbacksSchema';
import { parseBody } from '../../protocol/chatSchema';
import { nextSlots, type BusinessHours } from '../businessHours';
import type { AgentAuth } from './agentAuth';
import { addressKey, type ClientAddressOf } from './clientAddress';
import type { Desk } from './desk';
import { HttpError, readJsonBody, sendJson } from './http';
import { newId, sha256Hex } from './secrets';
import { tooMany, visitorConversation } from './visitorConversation';
import type { VisitorLimits } from './visitorLimits';

const HOUR = 3_600_000;
/** Without business hours every half hour is a slot (always open). */
const ALWAYS_OPEN: BusinessHours = { timeZone: 'UTC', days: Array.from({ length: 7 }, () => [[0, 24 * 60] as const]), holidays: new Set() };
/** A booking may name any of this many upcoming slots (the panel shows the first CALLBACK_SLOTS_SHOWN; it may be a while open). */
const BOOKABLE_SLOTS = 96;

interface Row {
  id: string;
  visitor_id: string;
  conversation_id: string | null;
  phone: string;
  due_at: number;
  status: CallbackStatus;
  created_at: number;
  done_at: number | null;
  visitor_name?: string | null;
}

export interface CallbackRoutes {
  slots(req: IncomingMessage, res: ServerResponse): Promise<void>;
  book(req: IncomingMessage, res: ServerResponse): Promise<void>;
  mine(req: IncomingMessage, res: ServerResponse): Promise<void>;
  cancel(req: IncomingMessage, res: ServerResponse): Promise<void>;
  list(req: IncomingMessage, res: ServerResponse): void;
  update(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

/**
 * The number as E.164, or null when libphonenumber-js does not find a valid one. libphonenumber-js
 * is an optional peer (its metadata would add ~180 KB to what `npm install baton-sdk` brings every
 * single-page app): loaded on the first booking; without it bookings answer 503 naming the install line.
 */
export function normalisePhone(raw: string, country?: CountryCode): string | null {
  return readPhoneNumber(raw, country)?.number ?? null;
}

export function createCallbackRoutes(deps: {
  db: Database.Database;
  desk: Desk;
  auth: AgentAuth;
  addressOf: ClientAddressOf;
  limits: VisitorLimits;
  hours: BusinessHours | null;
  now: () => number;
  /** Numbers typed without +: read in this country (ISO 3166 alpha-2). */
  phoneCountry?: CountryCode | undefined;
}): CallbackRoutes {
  const { db, desk } = deps;
  const hours = deps.hours ?? ALWAYS_OPEN;
  const q = {
    insert: db.prepare(`INSERT INTO callbacks (id, visitor_id, conversation_id, phone, due_at, status, created_at, address) VALUES (?, ?, ?, ?, ?, 'booked', ?, ?)`),
    byId: db.prepare(`SELECT cb.*, c.visitor_name FROM callbacks cb LEFT JOIN conversations c ON c.id = cb.conversation_id WHERE cb.id = ?`),
    openOf: db.prepare(`SELECT COUNT(*) AS n FROM callbacks WHERE visitor_id = ? AND status = 'booked'`),
    sinceByVisitor: db.prepare(`SELECT COUNT(*) AS n FROM callbacks WHERE visitor_id = ? AND created_at > ?`),
    sinceByAddress: db.prepare(`SELECT COUNT(*) AS n FROM callbacks WHERE address = ? AND created_at > ?`),
    mine: db.prepare(`SELECT * FROM callbacks WHERE visitor_id = ? AND (status = 'booked' OR created_at > ?) ORDER BY due_at LIMIT 20`),
    setStatus: db.prepare(`UPDATE callbacks SET status = ?, done_at = ? WHERE id = ?`),
    move: db.prepare(`UPDATE callbacks SET due_at = ?, status = 'booked', done_at = NULL WHERE id = ?`),
    list: db.prepare(`
      SELECT cb.*, c.visitor_name FROM callbacks cb LEFT JOIN conversations c ON c.id = cb.conversation_id
      WHERE cb.status = 'booked' OR (cb.done_at IS NOT NULL AND cb.done_at > ?)
      ORDER BY cb.status = 'booked' DESC, cb.due_at LIMIT ?`),
  };
  const count = (stmt: Database.Statement, ...args: unknown[]) => (stmt.get(...args) as { n: number }).n;
  const toVisitor = (r: Row): VisitorCallback => ({ id: r.id, at: r.due_at, phone: r.phone, status: r.status });
  const toAgent = (r: Row): AgentCallback => ({
    ...toVisitor(r),
    conversationId: r.conversation_id,
    visitorName: r.visitor_name ?? null,
    visitorOnline: desk.hub.socketsOfVisitor(r.visitor_id).length > 0,
    createdAt: r.created_at,
    doneAt: r.done_at,
  });
  const bookable = (at: number, t: number) => nextSlots(hours, t, BOOKABLE_SLOTS, 0).includes(at);
  /** "Mon 7 Dec, 09:30 (Europe/Paris)": the thread's lines, in the hours' zone (what the team works in). */
  const when = (at: number) =>
    `${new Intl.DateTimeFormat('en-GB', { timeZone: hours.timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at)} (${hours.timeZone})`;
  const note = (r: Row, text: string, t: number) => {
    if (r.conversation_id) desk.systemMessage(r.conversation_id, `callback-${newId('m').slice(2)}`, text, t);
  };
  const visitorOf = (credential: string) => {
    const visitor = desk.store.visitorByCredential(credential);
    if (!visitor) throw new HttpError(401, 'unauthorized', 'Unknown visitor credential');
    return visitor.id;
  };
  const agentOf = (req: IncomingMessage) => {
    const session = deps.auth.sessionOf(req);
    if (!session) throw new HttpError(401, 'unauthorized', 'Not logged in');
    return session.agent;
  };

  return {
    async slots(req, res) {
      const body = parseBody(CallbackSlotsSchema, await readJsonBody(req));
      if (!body.ok) throw new HttpError(400, 'bad_request', body.message);
      const answer: CallbackSlots = { slots: nextSlots(hours, deps.now(), CALLBACK_SLOTS_SHOWN) };
      sendJson(res, 200, answer);
    },

    async book(req, res) {
      const t = deps.now();
      const address = addressKey(deps.addressOf(req));
      // The table keeps the address's hash, only to count bookings per address across restarts.
      const addressHash = sha256Hex(address);
      if (count(q.sinceByAddress, addressHash, t - HOUR) >= CALLBACKS_PER_ADDRESS_PER_HOUR) throw tooMany(HOUR, 'callbacks from this address');
      const body = parseBody(CallbackBookSchema, await readJsonBody(req));
      if (!body.ok) throw new HttpError(400, 'bad_request', body.message);
      let phone: string | null;
      try {
        phone = normalisePhone(body.value.phone, deps.phoneCountry);
      } catch (error) {
        console.error('[baton] callbacks:', (error as Error).message);
        throw new HttpError(503, 'unavailable', 'Callbacks are not available on this server');
      }
      if (!phone) throw new HttpError(400, 'bad_phone', deps.phoneCountry ? 'This phone number is not valid' : 'This phone number is not valid (start with + and the country code)');
      if (!bookable(body.value.at, t)) throw new HttpError(409, 'slot_gone', 'This time is no longer offered: pick another');
      if (body.value.credential !== undefined) {
        // Checked before a conversation is opened for nothing.
        const visitorId = visitorOf(body.value.credential);
        if (count(q.openOf, visitorId) >= CALLBACKS_OPEN_PER_VISITOR) throw new HttpError(409, 'already_booked', 'A callback is already booked: cancel it to book another');
      }
      const { visitorId, conversation, credential } = visitorConversation(deps, body.value, req.headers['user-agent'], address, t, (visitorId) => {
        if (count(q.sinceByVisitor, visitorId, t - 24 * HOUR) >= CALLBACKS_PER_VISITOR_PER_DAY) throw tooMany(24 * HOUR, 'callbacks today');
      });
      const id = newId('cb');
      q.insert.run(id, visitorId, conversation.id, phone, body.value.at, t, addressHash);
      const row = q.byId.get(id) as Row;
      note(row, `Callback booked for ${when(row.due_at)} at ${phone}`, t);
      const answer: CallbackBooked = { callback: toVisitor(row), ...(credential ? { credential } : {}) };
      sendJson(res, 201, answer);
    },

    async mine(req, res) {
      const body = parseBody(CallbackMineSchema, await readJsonBody(req));
      if (!body.ok) throw new HttpError(400, 'bad_request', body.message);
      const rows = q.mine.all(visitorOf(body.value.credential), deps.now() - 24 * HOUR) as Row[];
      sendJson(res, 200, { callbacks: rows.map(toVisitor) });
    },

    async cancel(req, res) {
      const body = parseBody(CallbackCancelSchema, await readJsonBody(req));
      if (!body.ok) throw new HttpError(400, 'bad_request', body.message);
      const visitorId = visitorOf(body.value.credential);
      const row = q.byId.get(body.value.id) as Row | undefined;
      // Another visitor's callback is "not found" too: ids reveal nothing.
      if (!row || row.visitor_id !== visitorId) throw new HttpError(404, 'not_found', 'No such callback');
      if (row.status === 'booked') {
        const t = deps.now();
        q.setStatus.run('cancelled', t, row.id);
        note(row, 'Callback cancelled by the visitor', t);
      }
      sendJson(res, 200, { callback: toVisitor(q.byId.get(row.id) as Row) });
    },

    list(req, res) {
      agentOf(req);
      const rows = q.list.all(deps.now() - 24 * HOUR, AGENT_CALLBACKS_MAX) as Row[];
      sendJson(res, 200, { callbacks: rows.map(toAgent) });
    },

    async update(req, res) {
      const agent = agentOf(req);
      const body = parseBody(AgentCallbackUpdateSchema, await readJsonBody(req));
      if (!body.ok) throw new HttpError(400, 'bad_request', body.message);
      const row = q.byId.get(body.value.id) as Row | undefined;
      if (!row) throw new HttpError(404, 'not_found', 'No such callback');
      if (row.status === 'cancelled') throw new HttpError(409, 'slot_gone', 'The visitor cancelled this callback');
      const t = deps.now();
      if ('status' in body.value) {
        q.setStatus.run(body.value.status, t, row.id);
        note(row, body.value.status === 'done' ? `Callback done by ${agent.name}` : `Callback not answered (${agent.name} called ${row.phone})`, t);
      } else {
        if (!bookable(body.value.at, t)) throw new HttpError(409, 'slot_gone', 'That time is not within business hours');
        q.move.run(body.value.at, row.id);
        note(row, `Callback moved to ${when(body.value.at)} by ${agent.name}`, t);
      }
      sendJson(res, 200, { callback: toAgent(q.byId.get(row.id) as Row) });
    },
  };
}
