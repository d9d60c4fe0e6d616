/** Validation of the handoff routes' bodies (./handoff.ts); the issue route takes PhoneCodeRequestSchema's. */
import * as v from 'valibot';
import { HANDOFF_ID_PATTERN, HANDOFF_TOKEN_PATTERN } from './handoff';

export const HandoffRedeemSchema = v.strictObject({
  token: v.pipe(v.string('token must be a string'), v.maxLength(128), v.regex(HANDOFF_TOKEN_PATTERN, 'token is not a handoff link')),
});

export const HandoffStateSchema = v.strictObject({
  credential: v.pipe(v.string('credential must be a string'), v.minLength(1), v.maxLength(256)),
  id: v.pipe(v.string('id must be a string'), v.regex(HANDOFF_ID_PATTERN, 'id is not a handoff id')),
});
