/**
 * "Make a QR label" for the console (issue 19; src/protocol/entryLabel.ts): admins only, for pages
 * on the server's allowed origins (the site's own pages; a label pointing elsewhere would carry the
 * company's signature to another site). Signed with the identity secret, like the site's server does
 * with `makeEntryLabel` (../entryLinks.ts); a server without one (identitySecret: null) refuses.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ENTRY_LABEL_DAYS_MAX, type EntryLabelRequest, type EntryLabelResponse } from '../../protocol/entryLabel';
import { makeEntryLabel } from '../entryLinks';
import type { AgentAuth } from './agentAuth';
import type { AgentStore } from './agentStore';
import { HttpError, readJsonBody, sendJson } from './http';
import type { OriginPolicy } from './origins';

export function createEntryLabelRoute(deps: { auth: AgentAuth; agents: AgentStore; secret: string | null; origins: () => OriginPolicy; now?: () => number }) {
  const now = deps.now ?? Date.now;
  return async function entryLabel(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const session = deps.auth.sessionOf(req);
    if (!session) throw new HttpError(401, 'unauthorized', 'Not logged in');
    if (deps.agents.roleOf(session.agent.id) !== 'admin') throw new HttpError(403, 'forbidden', 'Only admins make QR labels');
    if (deps.secret === null) throw new HttpError(503, 'unavailable', 'This server has no identity secret to sign labels with');
    const body = (await readJsonBody(req)) as Partial<EntryLabelRequest> | null;
    if (typeof body !== 'object' || body === null) throw new HttpError(400, 'bad_request', 'Expected a JSON object');
    const { url, kind, label, fields, expiresInDays } = body;
    let origin: string | null = null;
    try {
      origin = new URL(String(url)).origin;
    } catch {
      // below
    }
    if (!origin || !deps.origins().allows(origin)) throw new HttpError(400, 'bad_request', `url: a page of this site (${deps.origins().list().join(', ')})`);
    if (expiresInDays !== undefined && (typeof expiresInDays !== 'number' || !Number.isInteger(expiresInDays) || expiresInDays < 1 || expiresInDays > ENTRY_LABEL_DAYS_MAX))
      throw new HttpError(400, 'bad_request', `expiresInDays: a whole number of days, 1..${ENTRY_LABEL_DAYS_MAX}`);
    const expiresAt = expiresInDays === undefined ? null : now() + expiresInDays * 86_400_000;
    try {
      const made = makeEntryLabel(
        { url: String(url), kind: kind as EntryLabelRequest['kind'], ...(label !== undefined && { label }), ...(fields !== undefined && { fields }), ...(expiresAt !== null && { expiresAt }) },
        deps.secret,
        { size: 240 },
      );
      const answer: EntryLabelResponse = { ...made, expiresAt: expiresAt === null ? null : Math.ceil(expiresAt / 1000) * 1000 };
      sendJson(res, 200, answer);
    } catch (e) {
      if (e instanceof TypeError || e instanceof RangeError) throw new HttpError(400, 'bad_request', e.message.replace(/^entry link: /, ''));
      throw e;
    }
  };
}
