/**
 * Scheduled callbacks with Baton's embedded server (issue 15; the wire in src/protocol/callbacks.ts),
 * in the phone line's chunk: loaded when the visitor opens the callback form. The live chat's
 * credential first, else the stored one; a new visitor's credential is kept like the chat keeps it.
 */
import { CallbackError, type Callbacks, type CallbacksDeps } from '../../core/callbacks';
import { STORED_VISITOR_KEY, type StoredVisitor } from '../../core/chat/transport';
import {
  HTTP_CALLBACKS_PATH,
  HTTP_CALLBACK_CANCEL_PATH,
  HTTP_CALLBACK_MINE_PATH,
  HTTP_CALLBACK_SLOTS_PATH,
  type CallbackBooked,
  type CallbackRefusal,
  type VisitorCallback,
} from '../../protocol/callbacks';

const REFUSALS: readonly string[] = ['bad_phone', 'slot_gone', 'already_booked', 'rate_limited'] satisfies (CallbackRefusal | 'rate_limited')[];

export function callbacks(deps: CallbacksDeps): Callbacks {
  const credential = async () =>
    (await deps.started?.then((c) => c.transport.credential?.() ?? null, () => null)) ??
    (await deps.store.get<StoredVisitor>(STORED_VISITOR_KEY).catch(() => undefined))?.credential;
  async function post<T>(path: string, body: unknown): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${deps.server}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), credentials: 'omit' });
    } catch (e) {
      throw new CallbackError('network', `Baton's server could not be reached: ${String((e as Error)?.message ?? e)}`);
    }
    const data = (await res.json().catch(() => null)) as (T & { error?: { code?: string; message?: string } }) | null;
    if (!res.ok || !data) {
      const code = data?.error?.code ?? '';
      throw new CallbackError(REFUSALS.includes(code) ? (code as CallbackRefusal) : 'refused', data?.error?.message ?? `Baton's server answered ${res.status}`);
    }
    return data;
  }
  return {
    slots: async () => (await post<{ slots: number[] }>(HTTP_CALLBACK_SLOTS_PATH, {})).slots.filter((s) => Number.isInteger(s)),
    async mine() {
      const c = await credential();
      return c ? (await post<{ callbacks: VisitorCallback[] }>(HTTP_CALLBACK_MINE_PATH, { credential: c })).callbacks : [];
    },
    async book(phone, at) {
      const [c, context] = await Promise.all([credential(), deps.context().catch(() => null)]);
      const booked = await post<CallbackBooked>(HTTP_CALLBACKS_PATH, { phone, at, ...(c ? { credential: c } : {}), ...(context ? { context } : {}) });
      if (booked.credential && context?.consent === 'granted') {
        await deps.store.set(STORED_VISITOR_KEY, { credential: booked.credential, open: true } satisfies StoredVisitor).catch(() => undefined);
      }
      return booked.callback;
    },
    async cancel(id) {
      const c = await credential();
      if (!c) throw new CallbackError('refused', 'No visitor to cancel for');
      return (await post<{ callback: VisitorCallback }>(HTTP_CALLBACK_CANCEL_PATH, { credential: c, id })).callback;
    },
  };
}
