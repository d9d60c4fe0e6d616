/**
 * Contact facts (issue 20): what a conversation's context said when the visitor made contact, as
 * small rows (`contact_facts`, migration 13) the Insights query groups without parsing JSON.
 *
 * Written once per conversation, from the first context it has: the one copied in when it opens
 * (the visitor's latest, flushed first: ./desk.ts), else the first that arrives while it is open
 * (./chatStore.ts calls `record` at those two moments only). Later contexts describe what the
 * visitor did after asking, so they never change the facts.
 * Nothing is written for a visitor whose consent is not granted (denied, or still pending where the
 * site requires it): Insights counts only contacts the visitor agreed to share the context of.
 */
import type Database from 'better-sqlite3';
import type { ContextSnapshot } from '../../protocol/context';
import type { InsightKind } from '../../protocol/insights';

export interface ContactFact {
  kind: InsightKind;
  key: string;
  label: string;
}

/** Keys and labels are cut to this (a signal's message is already at most 200 characters). */
const FACT_TEXT_MAX = 200;
const cut = (s: string) => (s.length > FACT_TEXT_MAX ? s.slice(0, FACT_TEXT_MAX) : s);

/** A path without its query or fragment: /product/42?color=red and /product/42 are one page. */
export function pageKey(path: string): string {
  const end = path.search(/[?#]/);
  return (end < 0 ? path : path.slice(0, end)) || '/';
}

/** The facts a context holds about how its visitor came to contact the team (none without consent). */
export function contactFactsOf(context: ContextSnapshot): ContactFact[] {
  if (context.consent !== 'granted') return [];
  const facts = new Map<string, ContactFact>();
  const add = (kind: InsightKind, key: string, label: string) => {
    const k = cut(key);
    if (k && !facts.has(`${kind}\u0000${k}`)) facts.set(`${kind}\u0000${k}`, { kind, key: k, label: cut(label) });
  };
  add('page', pageKey(context.page.path), context.page.title);
  for (const s of context.signals ?? []) {
    if (s.type === 'rage_click') add('rage_click', s.detail, pageKey(s.path));
    else if (s.type === 'error' || s.type === 'unhandled_rejection') add('error', s.detail, pageKey(s.path));
    else if (s.type === 'form_invalid') add('form_invalid', s.detail, pageKey(s.path));
  }
  const params = context.campaign?.params ?? {};
  const utm = ['utm_source', 'utm_medium', 'utm_campaign'].map((p) => params[p] ?? '');
  if (utm.some(Boolean)) add('campaign', utm.map((v) => v || '-').join(' / '), '');
  for (const name of Object.keys(params)) if (!name.startsWith('utm_')) add('click_id', name, '');
  if (context.trigger) add('entry', `proactive:${context.trigger.rule}`, context.trigger.message);
  // A scanned QR code (issue 19): a product's, a shelf's or a device's label counts as one touchpoint
  // (its label, else its first field); each order's or parcel's is its own, so those count by kind.
  const e = context.entry;
  if (e) add('entry', e.kind === 'order' || e.kind === 'parcel' ? `qr:${e.kind}` : `qr:${e.kind}:${e.label ?? Object.values(e.fields)[0] ?? ''}`, e.label ?? '');
  for (const a of context.selfService?.articles ?? []) add('article', a.id, a.title);
  return [...facts.values()];
}

/** Writes a conversation's facts (see the file comment). Call inside the transaction that stores the context. */
export class ContactFacts {
  private readonly insert;

  constructor(db: Database.Database) {
    this.insert = db.prepare('INSERT OR IGNORE INTO contact_facts (conversation_id, at, kind, key, label) VALUES (?, ?, ?, ?, ?)');
  }

  /** Records the facts of a conversation's first context; `at` is when the conversation opened. */
  record(conversationId: string, at: number, context: ContextSnapshot): void {
    for (const f of contactFactsOf(context)) this.insert.run(conversationId, at, f.kind, f.key, f.label);
  }
}
