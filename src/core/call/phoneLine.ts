/**
 * The phone line with a context code (lazy chunk, loaded when the visitor opens the phone-line
 * view): asks Baton's server for a 6-digit code for the visitor's conversation, sending the
 * context as it is now, so the agent who takes the call (or types the code into the console) sees
 * who is calling and from where. Only on the visitor's request: nothing is sent before.
 */
import type { ContextSnapshot } from '../../protocol/context';
import { HTTP_PHONE_CODE_PATH, type PhoneCodeResponse } from '../../protocol/voice';
import { STORED_VISITOR_KEY, serverOf, type ChatHost, type StoredVisitor } from '../chat/transport';

export interface PhoneCode {
  /** 6 digits, as a string ('004217'). */
  code: string;
  /** ms since the epoch. */
  expiresAt: number;
}

/** Why no code: the server refused (`rate_limited` with a wait), or could not be reached. */
export class PhoneCodeError extends Error {
  constructor(
    readonly reason: 'rate_limited' | 'network' | 'refused',
    message: string,
    readonly retryAfterS?: number,
  ) {
    super(message);
  }
}

async function post(url: string, body: { credential?: string; context?: ContextSnapshot }): Promise<Response> {
  try {
    return await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch (e) {
    throw new PhoneCodeError('network', `Baton's server could not be reached: ${String((e as Error)?.message ?? e)}`);
  }
}

export async function requestPhoneCode(host: ChatHost): Promise<PhoneCode> {
  const url = `${serverOf(host)}${HTTP_PHONE_CODE_PATH}`;
  const [stored, context] = await Promise.all([
    host.store.get<StoredVisitor>(STORED_VISITOR_KEY).catch(() => undefined),
    host.baton.getContext().catch(() => null),
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
    await host.store.set(STORED_VISITOR_KEY, { credential: data.credential, open: true } satisfies StoredVisitor).catch(() => undefined);
  }
  return { code: data.code, expiresAt: data.expiresAt };
}
