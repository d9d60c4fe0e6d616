/**
 * The visitor and the conversation an HTTP request from the widget is about, for the routes that
 * may come before any chat (the phone code, "Continue on your phone"): the visitor is known by their
 * chat credential or, without one, created (its credential returned, so the chat that follows
 * continues the same conversation); their open conversation is used or one is opened.
 */
import type { ContextSnapshot } from '../../protocol/context';
import { isQueued, type ConversationRecord } from './chatStore';
import type { Desk } from './desk';
import { HttpError } from './http';
import type { VisitorLimits } from './visitorLimits';

export const tooMany = (ms: number, what: string): HttpError => {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return new HttpError(429, 'rate_limited', `Too many ${what}; try again in ${seconds} s`, { 'Retry-After': String(seconds) });
};

export function visitorConversation(
  deps: { desk: Desk; limits: VisitorLimits },
  body: { credential?: string | undefined; context?: unknown },
  /** The request's User-Agent header: the browser and OS agents read (./userAgent.ts). */
  userAgent: string | undefined,
  address: string,
  t: number,
  /** Throws (429) when this visitor may not go on: called before anything is opened. */
  admit: (visitorId: string) => void,
): { visitorId: string; conversation: ConversationRecord; credential?: string } {
  const { desk } = deps;
  const { store, hub } = desk;
  let credential: string | undefined;
  let visitorId: string;
  if (body.credential !== undefined) {
    const visitor = store.visitorByCredential(body.credential);
    if (!visitor) throw new HttpError(401, 'unauthorized', 'Unknown visitor credential: ask again without it');
    visitorId = visitor.id;
  } else {
    const wait = deps.limits.newVisitor(address, t);
    if (wait > 0) throw tooMany(wait, 'new visitors from this address');
    const created = store.transaction(() => store.createVisitor(t));
    visitorId = created.id;
    credential = created.credential;
  }
  admit(visitorId);
  if (body.context) desk.applyContext(visitorId, body.context as ContextSnapshot, t, userAgent);
  const { conversation, opened } = store.transaction(() => {
    const open = store.openConversationOf(visitorId);
    if (open) return { conversation: open, opened: false };
    // Nobody online: like a left message, answered when an agent comes back.
    const status = hub.agentsOnline() > 0 ? 'waiting' : 'offline';
    return { conversation: desk.openConversation({ visitorId, status, email: null, now: t }), opened: true };
  });
  if (opened) desk.tellVisitorStatus(conversation);
  if (opened && isQueued(conversation.status)) desk.queueChanged(conversation.id);
  return { visitorId, conversation, ...(credential ? { credential } : {}) };
}
