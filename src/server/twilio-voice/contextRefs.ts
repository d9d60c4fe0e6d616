/**
 * Context references for browser calls. The token route keeps the visitor's verified context here
 * under a fresh `contextRef` (128 random bits, base64url: unguessable, and it says nothing about the
 * visitor, since it passes through Twilio's logs as a call parameter); the voice webhook resolves
 * it. The `refresh` secret (256 bits) never goes to Twilio: only the browser holds it, to ask for
 * the next token of the same identity and call.
 *
 * In memory, bounded: entries live CONTEXT_REF_TTL_MS after their last use (a token refresh or a
 * webhook), at most CONTEXT_REF_MAX_ENTRIES (the oldest go first). A server restart forgets them:
 * a call then reaches the agent without its context, never with another's.
 */
import { randomBytes } from 'node:crypto';
import type { ContextSnapshot } from '../../protocol/context';
import type { TwilioCallStatus } from '../../protocol/voiceSchema';

/** Long enough for a call and its token refreshes; each use extends it. */
export const CONTEXT_REF_TTL_MS = 4 * 60 * 60 * 1000;
export const CONTEXT_REF_MAX_ENTRIES = 10_000;
/** Calls and status events remembered per reference (a visitor redialling, Twilio's callbacks). */
const CALLS_MAX = 20;
const STATUSES_MAX = 50;

export interface CallStatusRecord {
  callSid: string;
  status: TwilioCallStatus;
  at: number;
  durationSec?: number;
}

export interface ContextRefEntry {
  contextRef: string;
  /** The visitor's Twilio identity the tokens are minted for. */
  identity: string;
  /** Verified by the server (identity proof checked, proof dropped). */
  snapshot: ContextSnapshot;
  conversationId?: string;
  expiresAt: number;
  callSids: string[];
  statuses: CallStatusRecord[];
}

export interface ContextRefStore {
  create(input: { identity: string; snapshot: ContextSnapshot; conversationId?: string }): { entry: ContextRefEntry; refresh: string };
  get(contextRef: string): ContextRefEntry | null;
  /** The entry of a refresh secret, with a new secret replacing it (each secret works once). */
  refresh(secret: string): { entry: ContextRefEntry; refresh: string } | null;
  attachCall(contextRef: string, callSid: string): void;
  byCall(callSid: string): ContextRefEntry | null;
  recordStatus(callSid: string, record: CallStatusRecord): ContextRefEntry | null;
}

const token = (bytes: number) => randomBytes(bytes).toString('base64url');

export function createContextRefStore(options: { now?: () => number; ttlMs?: number; maxEntries?: number } = {}): ContextRefStore {
  const now = options.now ?? Date.now;
  const ttl = options.ttlMs ?? CONTEXT_REF_TTL_MS;
  const max = options.maxEntries ?? CONTEXT_REF_MAX_ENTRIES;
  /** Insertion order = last use order (touch re-inserts), so the first key is the stalest. */
  const entries = new Map<string, ContextRefEntry>();
  const refreshes = new Map<string, string>();
  const calls = new Map<string, string>();
  const secretOf = new Map<string, string>();

  function drop(ref: string): void {
    const e = entries.get(ref);
    if (!e) return;
    entries.delete(ref);
    const secret = secretOf.get(ref);
    if (secret) refreshes.delete(secret);
    secretOf.delete(ref);
    for (const sid of e.callSids) calls.delete(sid);
  }

  function live(ref: string | undefined): ContextRefEntry | null {
    if (!ref) return null;
    const e = entries.get(ref);
    if (!e) return null;
    if (e.expiresAt <= now()) {
      drop(ref);
      return null;
    }
    // Touch: extend and move to the end.
    e.expiresAt = now() + ttl;
    entries.delete(ref);
    entries.set(ref, e);
    return e;
  }

  function newSecret(ref: string): string {
    const old = secretOf.get(ref);
    if (old) refreshes.delete(old);
    const secret = token(32);
    refreshes.set(secret, ref);
    secretOf.set(ref, secret);
    return secret;
  }

  return {
    create({ identity, snapshot, conversationId }) {
      const contextRef = token(16);
      const entry: ContextRefEntry = { contextRef, identity, snapshot, ...(conversationId ? { conversationId } : {}), expiresAt: now() + ttl, callSids: [], statuses: [] };
      entries.set(contextRef, entry);
      while (entries.size > max) drop(entries.keys().next().value!);
      return { entry, refresh: newSecret(contextRef) };
    },
    get: (ref) => live(ref),
    refresh(secret) {
      const entry = live(refreshes.get(secret));
      return entry ? { entry, refresh: newSecret(entry.contextRef) } : null;
    },
    attachCall(ref, callSid) {
      const e = live(ref);
      if (!e || e.callSids.includes(callSid)) return;
      e.callSids.push(callSid);
      calls.set(callSid, ref);
      while (e.callSids.length > CALLS_MAX) calls.delete(e.callSids.shift()!);
    },
    byCall: (callSid) => live(calls.get(callSid)),
    recordStatus(callSid, record) {
      const e = live(calls.get(callSid));
      if (!e) return null;
      e.statuses.push(record);
      if (e.statuses.length > STATUSES_MAX) e.statuses.shift();
      return e;
    },
  };
}
