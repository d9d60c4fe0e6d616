/**
 * "Continue on your phone" with Baton's embedded server (issue 16; the wire in
 * src/protocol/handoff.ts; BatonTransport.handoff). A lazy chunk: the desktop loads it when the
 * visitor opens the QR view, the phone when its page was opened from a link
 * (`#baton-handoff=<token>`, seen at boot by src/api/createBaton.ts).
 *
 * - Desktop: `offerHandoff` asks for a link for the visitor's conversation (sending the context,
 *   opening a conversation when none is open, like the phone code), and `state()` says whether a
 *   phone used it.
 * - Phone: `arrive` (from boot) waits for consent to allow keeping a credential, then
 *   `redeemHandoff` trades the token for one of the phone's own for the same visitor, kept like
 *   the chat keeps its own (so the chat that starts next is that conversation).
 */
import {
  HANDOFF_PARAM,
  HTTP_HANDOFF_PATH,
  HTTP_HANDOFF_REDEEM_PATH,
  HTTP_HANDOFF_STATE_PATH,
  type HandoffIssued,
  type HandoffRedeemed,
  type HandoffState,
} from '../../protocol/handoff';
import { STORED_VISITOR_KEY, type StoredVisitor } from '../../core/chat/transport';
import { HandoffError, type HandoffArrival, type HandoffDeps, type HandoffOffer } from '../../core/handoff';

async function post(deps: HandoffDeps, path: string, body: unknown): Promise<Response> {
  try {
    return await fetch(`${deps.server}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), credentials: 'omit' });
  } catch (e) {
    throw new HandoffError('network', `Baton's server could not be reached: ${String((e as Error)?.message ?? e)}`);
  }
}

/** The current page without its fragment, plus the token: the phone opens the same page. */
export function handoffLink(href: string, token: string): string {
  return `${href.split('#')[0]}#${HANDOFF_PARAM}=${token}`;
}

export async function offerHandoff(deps: HandoffDeps): Promise<HandoffOffer> {
  const [stored, context, live] = await Promise.all([
    deps.store.get<StoredVisitor>(STORED_VISITOR_KEY).catch(() => undefined),
    deps.context().catch(() => null),
    deps.started?.then((c) => c.transport.credential?.() ?? null, () => null) ?? null,
  ]);
  // The live chat's credential first (it exists without consent too), else the stored one.
  let credential = live ?? stored?.credential;
  const body = context ? { context } : {};
  let res = await post(deps, HTTP_HANDOFF_PATH, credential ? { ...body, credential } : body);
  // A credential the server no longer knows (its database was reset): start over as a new visitor.
  if (res.status === 401 && credential) res = await post(deps, HTTP_HANDOFF_PATH, body);
  const data = (await res.json().catch(() => null)) as (HandoffIssued & { error?: { message?: string } }) | null;
  if (res.status === 429) {
    const s = Number(res.headers.get('retry-after'));
    throw new HandoffError('rate_limited', data?.error?.message ?? 'Too many links', Number.isFinite(s) && s > 0 ? s : undefined);
  }
  if (!res.ok || !data || typeof data.token !== 'string') throw new HandoffError('refused', data?.error?.message ?? `Baton's server answered ${res.status}`);
  if (data.credential) {
    credential = data.credential;
    // A new visitor: keep its credential like the chat does (only with consent).
    if (context?.consent === 'granted') await deps.store.set(STORED_VISITOR_KEY, { credential, open: true } satisfies StoredVisitor).catch(() => undefined);
  }
  const id = data.id;
  return {
    link: handoffLink(location.href, data.token),
    expiresAt: data.expiresAt,
    async state() {
      const r = await post(deps, HTTP_HANDOFF_STATE_PATH, { credential, id });
      const s = (await r.json().catch(() => null)) as HandoffState | null;
      if (!r.ok || !s) throw new HandoffError('refused', `Baton's server answered ${r.status}`);
      return s;
    },
  };
}

/**
 * The phone's side, from boot: once consent allows keeping a credential (at once, or when the
 * visitor grants it), redeem the token and open the panel on that conversation.
 */
export async function arrive(deps: HandoffDeps, token: string, open: () => void): Promise<HandoffArrival> {
  const consent = await deps.context().then((c) => c.consent, () => 'granted');
  if (consent !== 'granted')
    await new Promise<void>((resolve) => {
      const off = deps.baton.on('consent', (c) => c === 'granted' && (off(), resolve()));
    });
  const arrival = await redeemHandoff(deps, token);
  open();
  return arrival;
}

export async function redeemHandoff(deps: HandoffDeps, token: string): Promise<HandoffArrival> {
  let res: Response;
  try {
    res = await post(deps, HTTP_HANDOFF_REDEEM_PATH, { token });
  } catch {
    return { ok: false, reason: 'network' };
  }
  const data = (await res.json().catch(() => null)) as (HandoffRedeemed & { error?: { code?: string } }) | null;
  if (!res.ok || !data || typeof data.credential !== 'string') {
    const code = data?.error?.code;
    return { ok: false, reason: code === 'handoff_used' || code === 'handoff_expired' ? code : res.status >= 500 || !data ? 'network' : 'handoff_invalid' };
  }
  await deps.store.set(STORED_VISITOR_KEY, { credential: data.credential, open: true } satisfies StoredVisitor);
  return { ok: true, from: data.from };
}
