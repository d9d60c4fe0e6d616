/** Validation of team admin requests (./team.ts), on the server. */
import * as v from 'valibot';
import { ID_MAX_CHARS, PASSWORD_MAX_CHARS } from './chatSchema';
import { AGENT_CAPACITY_MAX, AGENT_SKILLS_MAX, EMAIL_MAX_CHARS } from './chat';
import { ROUTING_HINT_PATTERN } from './context';
import type { TeamChangeRequest } from './team';

const Id = v.pipe(v.string('id must be a string'), v.minLength(1, 'id is empty'), v.maxLength(ID_MAX_CHARS, 'id is too long'));
const Role = v.picklist(['admin', 'agent'], 'role must be admin or agent');
const Password = v.pipe(
  v.string('password must be a string'),
  v.minLength(10, 'password must be at least 10 characters'),
  v.maxLength(PASSWORD_MAX_CHARS, `password is over ${PASSWORD_MAX_CHARS} characters`),
);

export const TeamChangeSchema = v.variant('op', [
  v.strictObject({
    op: v.literal('create'),
    name: v.pipe(v.string('name must be a string'), v.trim(), v.minLength(1, 'name is empty'), v.maxLength(100, 'name is over 100 characters')),
    email: v.pipe(v.string('email must be a string'), v.trim(), v.maxLength(EMAIL_MAX_CHARS), v.email('email is not a valid e-mail address')),
    password: Password,
    role: Role,
  }),
  v.strictObject({ op: v.literal('role'), id: Id, role: Role }),
  v.strictObject({ op: v.literal('disable'), id: Id }),
  v.strictObject({ op: v.literal('enable'), id: Id }),
  v.strictObject({ op: v.literal('password'), id: Id, password: Password }),
  v.strictObject({
    op: v.literal('skills'),
    id: Id,
    skills: v.pipe(
      v.array(v.pipe(v.string('a skill must be a string'), v.trim(), v.regex(ROUTING_HINT_PATTERN, 'a skill is 1..40 characters of [A-Za-z0-9_.-]'))),
      v.maxLength(AGENT_SKILLS_MAX, `at most ${AGENT_SKILLS_MAX} skills`),
    ),
  }),
  v.strictObject({
    op: v.literal('capacity'),
    id: Id,
    capacity: v.nullable(
      v.pipe(v.number('capacity must be a number'), v.integer('capacity must be a whole number'), v.minValue(1, 'capacity is at least 1'), v.maxValue(AGENT_CAPACITY_MAX, `capacity is at most ${AGENT_CAPACITY_MAX}`)),
    ),
  }),
]);

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const matches: Same<v.InferOutput<typeof TeamChangeSchema>, TeamChangeRequest> = true;
void matches;
