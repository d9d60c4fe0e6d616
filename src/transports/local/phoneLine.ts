/**
 * The phone line's context code from Baton's server (BatonTransport.phoneLine, a lazy chunk): one
 * POST with the visitor's credential (the local transport's record, STORED_VISITOR_KEY) and the
 * context as it is now. A new visitor's credential is kept like the chat keeps it (only with
 * consent), so a chat that follows continues the same conversation.
 */
import { PhoneCodeError, type PhoneCode, type PhoneLineDeps } from '../../core/call/phoneLine';
import { STORED_VISITOR_KEY, type StoredVisitor } from '../../core/chat/transport';
import type { ContextSnapshot } from '../../protocol/context';
import { HTTP_PHONE_CODE_PATH, type PhoneCodeResponse } from '../../protocol/voice';

// Scheduled callbacks travel with the phone line's chunk: both are "reach us by phone", and a
// chunk of its own would cost a loader on the page-load path.
export { callbacks } from './callbacks';

async function post(url: string, body: { credential?: string; context?: ContextSnapshot }): Promise<Response> {
  try {
    return await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch (e) {
    throw new PhoneCodeError('network', `Baton's server could not be reached: ${String((e as Error)?.message ?? e)}`);
  }
}

export async function requestPhoneCode(deps: PhoneLineDeps): Promise<PhoneCode> {
  const url = `${deps.server}${HTTP_PHONE_CODE_PATH}`;
  const [stored, context] = await Promise.all([
    deps.store.get<StoredVisitor>(STORED_VISITOR_KEY).catch(() => undefined),
    deps.context().catch(() => null),
  ]);
  const body = { ...(context ? { context } : {}) };
  let res = await post(url, stored?.credential ? { ...body, credential: stored.credential } : body);
  // A credential the server no longer knows (its database was reset): start over as a new visitor.
  if (res.status === 401 && stored?.credential) res = await post(url, body);
  const data = (await res.json().catch(() => null)) as (PhoneCodeResponse & { error?: { message?: string } }) | null;
  if (res.status === 429) {
    const s = Number(res.headers.get('retry-after'));
    throw new PhoneCodeError('rate_limited', data?.error?.message ?? 'Too many codes', Number.isFinite(s) && s > 0 ? s : undefined);
  }
  if (!res.ok || !data || typeof data.code !== 'string') throw new PhoneCodeError('refused', data?.error?.message ?? `Baton's server answered ${res.status}`);
  // A new visitor: keep its credential like the chat does (only with consent), so a chat that
  // follows continues this conversation.
  if (data.credential && context?.consent === 'granted' && !stored?.credential) {
    await deps.store.set(STORED_VISITOR_KEY, { credential: data.credential, open: true } satisfies StoredVisitor).catch(() => undefined);
  }
  return { code: data.code, expiresAt: data.expiresAt };
}
