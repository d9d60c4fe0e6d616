/**
 * Scheduled callbacks (issue 15) over HTTP, between the widget, the agent console and Baton's
 * embedded server (src/server/embedded/callbacks.ts). Documented in docs/agent-api.md#scheduled-callbacks.
 *
 *   POST HTTP_CALLBACK_SLOTS_PATH   {}                                      -> CallbackSlots
 *   POST HTTP_CALLBACKS_PATH        { credential?, context?, phone, at }    -> CallbackBooked (201)
 *   POST HTTP_CALLBACK_MINE_PATH    { credential }                          -> { callbacks: VisitorCallback[] }
 *   POST HTTP_CALLBACK_CANCEL_PATH  { credential, id }                      -> { callback: VisitorCallback }
 *   GET  HTTP_AGENT_CALLBACKS_PATH  (agent session)                         -> { callbacks: AgentCallback[] }
 *   POST HTTP_AGENT_CALLBACK_PATH   { id, status: done | no_answer } or { id, at } -> { callback: AgentCallback }
 */
import type { ContextSnapshot } from './context';

export const HTTP_CALLBACK_SLOTS_PATH = '/api/visitor/callbacks/slots';
export const HTTP_CALLBACKS_PATH = '/api/visitor/callbacks';
export const HTTP_CALLBACK_MINE_PATH = '/api/visitor/callbacks/mine';
export const HTTP_CALLBACK_CANCEL_PATH = '/api/visitor/callbacks/cancel';
export const HTTP_AGENT_CALLBACKS_PATH = '/api/agent/callbacks';
export const HTTP_AGENT_CALLBACK_PATH = '/api/agent/callbacks/update';

/** The slots a visitor is offered: the next 8 half hours within business hours, 15 minutes ahead at least. */
export const CALLBACK_SLOTS_SHOWN = 8;
/** A visitor holds at most one booked callback at a time (cancel or wait for it to book another). */
export const CALLBACKS_OPEN_PER_VISITOR = 1;
/** Bookings per visitor per day and per address per hour (offices share addresses). */
export const CALLBACKS_PER_VISITOR_PER_DAY = 5;
export const CALLBACKS_PER_ADDRESS_PER_HOUR = 20;
/** A phone number as typed: at most 32 characters (the server parses and normalises it to E.164). */
export const CALLBACK_PHONE_MAX_CHARS = 32;
/** The console lists booked callbacks and those finished in the last 24 hours, at most this many. */
export const AGENT_CALLBACKS_MAX = 200;

export type CallbackStatus = 'booked' | 'done' | 'no_answer' | 'cancelled';

export interface CallbackSlots {
  /** Slot starts, ms since the epoch, ascending (empty: no opening within 31 days). */
  slots: number[];
}

export interface CallbackBookRequest {
  /** The chat's credential; without one the server makes a visitor and returns its credential. */
  credential?: string;
  context?: ContextSnapshot;
  /** As typed; a leading + or the site's default country (createEmbeddedServer's `phoneCountry`). */
  phone: string;
  /** One of the slots the server offers now. */
  at: number;
}

export interface VisitorCallback {
  id: string;
  /** The slot's start, ms since the epoch. */
  at: number;
  /** E.164, e.g. "+33612345678". */
  phone: string;
  status: CallbackStatus;
}

export interface CallbackBooked {
  callback: VisitorCallback;
  /** A new visitor's credential (when the request had none): keep it as the chat does. */
  credential?: string;
}

export interface AgentCallback extends VisitorCallback {
  conversationId: string | null;
  /** The visitor's name from their context, when the site gave one. */
  visitorName: string | null;
  /** Whether the visitor has a socket open now (embedded: "Call now" can ring them in the browser). */
  visitorOnline: boolean;
  createdAt: number;
  doneAt: number | null;
}

/** Why a booking is refused (HTTP 400/409 error codes beside the generic ones). */
export type CallbackRefusal = 'bad_phone' | 'slot_gone' | 'already_booked';
