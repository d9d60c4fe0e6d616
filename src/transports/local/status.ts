/**
 * The unread count and how many agents are online, for a stored credential, without opening a
 * WebSocket: one POST to Baton's embedded server. A tiny chunk of its own, loaded when the page is
 * idle and only when a credential is stored (so only with consent, and only for visitors who chatted).
 */
import { HTTP_VISITOR_STATUS_PATH, type VisitorStatusResponse } from '../../protocol/chat';
import type { StoredVisitor } from '../../core/chat/transport';

/**
 * BatonTransport.status, on a later page with a stored credential and no open conversation: the
 * unread count, for the 'unread' event (the API emits it unless the chat started meanwhile).
 */
export async function unread(server: string, stored: StoredVisitor): Promise<number | null> {
  return typeof stored.credential === 'string' ? ((await visitorStatus(server, stored.credential))?.unread ?? null) : null;
}

/** Resolves null on any failure (offline, unknown credential, old server): the badge just stays hidden. */
export async function visitorStatus(server: string, credential: string): Promise<VisitorStatusResponse | null> {
  try {
    const r = await fetch(server.replace(/\/+$/, '') + HTTP_VISITOR_STATUS_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ credential }),
      credentials: 'omit',
    });
    if (!r.ok) return null;
    const j = (await r.json()) as Partial<VisitorStatusResponse>;
    return typeof j.unread === 'number' && typeof j.agentsOnline === 'number' ? { unread: j.unread, agentsOnline: j.agentsOnline } : null;
  } catch {
    return null;
  }
}
