/** Validation of the canned replies' change requests (./cannedReplies.ts), on the server. */
import * as v from 'valibot';
import { REPLY_SHORTCUT_PATTERN, REPLY_TEXT_MAX_CHARS, type RepliesChangeRequest } from './cannedReplies';
import { ID_MAX_CHARS } from './chatSchema';

const Shortcut = v.pipe(
  v.string('shortcut must be a string'),
  v.trim(),
  v.toLowerCase(),
  v.regex(REPLY_SHORTCUT_PATTERN, 'shortcut must be 1..32 characters of a-z, 0-9, - and _'),
);
const Text = v.pipe(
  v.string('text must be a string'),
  v.trim(),
  v.minLength(1, 'text is empty'),
  v.maxLength(REPLY_TEXT_MAX_CHARS, `text is over ${REPLY_TEXT_MAX_CHARS} characters`),
);
const Id = v.pipe(v.string('id must be a string'), v.minLength(1, 'id is empty'), v.maxLength(ID_MAX_CHARS, 'id is too long'));

export const RepliesChangeSchema = v.variant('op', [
  v.strictObject({ op: v.literal('create'), scope: v.picklist(['team', 'personal'], 'scope must be team or personal'), shortcut: Shortcut, text: Text }),
  v.strictObject({ op: v.literal('update'), id: Id, shortcut: Shortcut, text: Text }),
  v.strictObject({ op: v.literal('delete'), id: Id }),
]);

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const matches: Same<v.InferOutput<typeof RepliesChangeSchema>, RepliesChangeRequest> = true;
void matches;
