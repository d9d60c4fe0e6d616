/** Valibot schemas of the callback requests (./callbacks.ts); the server validates every body with them. */
import * as v from 'valibot';
import { CALLBACK_PHONE_MAX_CHARS } from './callbacks';
import { ContextSnapshotSchema } from './contextSchema';

const credential = v.pipe(v.string('credential must be a string'), v.minLength(1), v.maxLength(256));
const id = v.pipe(v.string('id must be a string'), v.regex(/^cb_[A-Za-z0-9_-]{8,64}$/, 'id is not a callback id'));
const at = v.pipe(v.number('at must be a number (ms since the epoch)'), v.integer(), v.minValue(0), v.maxValue(8.64e15));

export const CallbackSlotsSchema = v.strictObject({});
export const CallbackBookSchema = v.strictObject({
  credential: v.optional(credential),
  context: v.optional(ContextSnapshotSchema),
  phone: v.pipe(v.string('phone must be a string'), v.minLength(1, 'phone is required'), v.maxLength(CALLBACK_PHONE_MAX_CHARS, `phone: at most ${CALLBACK_PHONE_MAX_CHARS} characters`)),
  at,
});
export const CallbackMineSchema = v.strictObject({ credential });
export const CallbackCancelSchema = v.strictObject({ credential, id });
export const AgentCallbackUpdateSchema = v.union([
  v.strictObject({ id, status: v.picklist(['done', 'no_answer'], 'status must be done or no_answer') }),
  v.strictObject({ id, at }),
]);
