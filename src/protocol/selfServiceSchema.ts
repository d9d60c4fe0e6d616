/** The validator of POST HTTP_SELF_SERVICE_PATH bodies (valibot; the server's, never in the widget). */
import * as v from 'valibot';
import { ARTICLE_ID_PATTERN } from './articles';
import { SELF_SERVICE_TITLE_MAX } from './context';
import { SELF_SERVICE_SID_PATTERN, type SelfServiceHelpedRequest } from './selfService';

export const SelfServiceHelpedSchema = v.strictObject({
  sid: v.pipe(v.string('sid must be a string'), v.regex(SELF_SERVICE_SID_PATTERN, 'sid must be 16..64 url-safe characters')),
  article: v.strictObject({
    id: v.pipe(v.string('article.id must be a string'), v.regex(ARTICLE_ID_PATTERN, 'article.id must be 1..64 characters of [A-Za-z0-9_.:-]')),
    title: v.pipe(v.string('article.title must be a string'), v.minLength(1, 'article.title is empty'), v.maxLength(SELF_SERVICE_TITLE_MAX, `article.title is over ${SELF_SERVICE_TITLE_MAX} characters`)),
  }),
});

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const matches: Same<v.InferOutput<typeof SelfServiceHelpedSchema>, SelfServiceHelpedRequest> = true;
void matches;
