/** The validator of POST HTTP_SURVEY_PATH bodies (valibot; the server's, never in the widget). */
import * as v from 'valibot';
import { SELF_SERVICE_SID_PATTERN } from './selfService';
import { SURVEY_PATH_MAX, SURVEY_QUESTION_MAX, type SurveyAnswerRequest } from './surveys';
import { TRIGGER_RULE_PATTERN } from './trigger';

export const SurveyAnswerSchema = v.pipe(
  v.strictObject({
    sid: v.pipe(v.string('sid must be a string'), v.regex(SELF_SERVICE_SID_PATTERN, 'sid must be 16..64 url-safe characters')),
    rule: v.pipe(v.string('rule must be a string'), v.regex(TRIGGER_RULE_PATTERN, 'rule must be 1..64 characters of [A-Za-z0-9_.:-]')),
    question: v.pipe(v.string('question must be a string'), v.minLength(1, 'question is empty'), v.maxLength(SURVEY_QUESTION_MAX, `question is over ${SURVEY_QUESTION_MAX} characters`)),
    scale: v.picklist(['five', 'yes_no'], 'scale must be five or yes_no'),
    answer: v.pipe(v.number('answer must be a number'), v.integer('answer must be a whole number')),
    path: v.pipe(v.string('path must be a string'), v.regex(/^\/[^?#\s]*$/, 'path must be a path starting with / (no query)'), v.maxLength(SURVEY_PATH_MAX, `path is over ${SURVEY_PATH_MAX} characters`)),
  }),
  v.check((b) => (b.scale === 'five' ? b.answer >= 1 && b.answer <= 5 : b.answer === 0 || b.answer === 1), 'answer must be 1..5 (five) or 0/1 (yes_no)'),
);

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const matches: Same<v.InferOutput<typeof SurveyAnswerSchema>, SurveyAnswerRequest> = true;
void matches;
