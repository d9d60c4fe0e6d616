/**
 * The unread count and how many agents are online, for a stored credential, without opening a
 * WebSocket: one POST to Baton's embedded server. A tiny chunk of its own, loaded when the page is
 * idle and only when a credential is stored (so only with consent, and only for visitors who chatted).
 */
import { HTTP_VISITOR_STATUS_PATH, TEAM_SHOWN_MAX, type VisitorStatusResponse } from '../../protocol/chat';
import { HTTP_SELF_SERVICE_PATH, type SelfServiceHelpedRequest } from '../../protocol/selfService';
import type { Presence } from '../../core/chat/session';
import { readAvailability } from '../../protocol/availability';
import type { StoredVisitor } from '../../core/chat/transport';

/**
 * BatonTransport.status, on a later page with a stored credential and no open conversation: the
 * unread count, for the 'unread' event (the API emits it unless the chat started meanwhile).
 */
export async function unread(server: string, stored: StoredVisitor): Promise<number | null> {
  return typeof stored.credential === 'string' ? ((await visitorStatus(server, stored.credential))?.unread ?? null) : null;
}

const post = (server: string, path: string, body: unknown) =>
  fetch(server.replace(/\/+$/, '') + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), credentials: 'omit' });

/** Resolves null on any failure (offline, unknown credential, old server): the badge just stays hidden. */
export async function visitorStatus(server: string, credential?: string): Promise<VisitorStatusResponse | null> {
  try {
    const r = await post(server, HTTP_VISITOR_STATUS_PATH, credential === undefined ? {} : { credential });
    if (!r.ok) return null;
    const j = (await r.json()) as Partial<VisitorStatusResponse>;
    if (typeof j.unread !== 'number' || typeof j.agentsOnline !== 'number') return null;
    // Only names and #rgb/#rrggbb colours reach the panel (the avatar puts the colour in a style).
    const team = (Array.isArray(j.team) ? j.team : [])
      .filter((m) => m && typeof m.name === 'string' && m.name && typeof m.color === 'string')
      .slice(0, TEAM_SHOWN_MAX)
      .map((m) => ({ name: m.name.slice(0, 80), color: /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(m.color) ? m.color : '#3b4a6b' }));
    const availability = readAvailability(j.availability);
    return { unread: j.unread, agentsOnline: j.agentsOnline, team, ...(availability && { availability }) };
  } catch {
    return null;
  }
}

/** Who is online, for the panel's home: asked without a credential (it only says who is there). */
export function presence(server: string): Promise<Presence | null> {
  return visitorStatus(server).then((s) => s && { agentsOnline: s.agentsOnline, team: s.team ?? [], availability: s.availability ?? null });
}

/** "That helped": best effort (a lost answer only makes the count lower); a refusal is not the visitor's problem. */
export async function helped(server: string, report: SelfServiceHelpedRequest): Promise<void> {
  await post(server, HTTP_SELF_SERVICE_PATH, report).catch(() => undefined);
}
