/**
 * The validator for ContextSnapshot v1 (valibot: small, tree-shakable, typed; the server reuses it).
 * Kept apart from ./context.ts so the browser bundle, which only needs the limits, never carries it.
 */
import * as v from 'valibot';
import {
  CONTEXT_MAX_BYTES,
  CUSTOM_MAX_KEYS,
  CUSTOM_MAX_STRING,
  DEVICE_NAME_MAX_CHARS,
  FIELD_LABELS_MAX,
  FIELD_LABEL_MAX_CHARS,
  JOURNEY_MAX_ENTRIES,
  SIGNALS_MAX,
  SIGNAL_MESSAGE_MAX,
  ROUTING_HINT_PATTERN,
  ROUTING_LABEL_MAX,
  ROUTING_PATH_MAX,
  SELF_SERVICE_MAX,
  SELF_SERVICE_TITLE_MAX,
  TITLE_MAX_LENGTH,
  URL_MAX_LENGTH,
  byteLength,
  PIXELS_MAX,
  TIMESTAMP_MAX_MS,
  type ContextSnapshot,
} from './context';
import { CHANNELS } from './channels';
import { ARTICLE_ID_PATTERN } from './articles';
import { ENTRY_FIELDS_MAX, ENTRY_FIELD_KEY_PATTERN, ENTRY_FIELD_VALUE_MAX, ENTRY_KINDS, ENTRY_LABEL_MAX, ENTRY_TOKEN_MAX_CHARS } from './entry';
import { TRIGGER_MESSAGE_MAX, TRIGGER_RULE_PATTERN, TRIGGER_SIGNAL_MAX } from './trigger';

const str = (max: number) => v.pipe(v.string(), v.maxLength(max));
/**
 * Times (ms since the epoch) and durations (ms): finite, never negative, and below year 2200, so
 * each is a valid Date (1e16 is not: it broke the console's context panel). How far a snapshot's
 * times may be from the server's own clock is the server's check (src/server/embedded/contextTimes.ts).
 */
const ms = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(TIMESTAMP_MAX_MS, 'a time is beyond the year 2200'));
/** Pixels and ratios: finite and within what any screen has. */
const px = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(PIXELS_MAX, `a size is over ${PIXELS_MAX}`));
const customValue = v.union([str(CUSTOM_MAX_STRING), v.pipe(v.number(), v.finite()), v.boolean()]);
const customRecord = v.pipe(
  v.record(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_.-]{1,40}$/)), customValue),
  v.check((r) => Object.keys(r).length <= CUSTOM_MAX_KEYS, `at most ${CUSTOM_MAX_KEYS} custom fields`),
);

export const ContextSnapshotSchema = v.pipe(
  v.strictObject({
    v: v.literal(1),
    at: ms,
    consent: v.picklist(['granted', 'pending', 'denied']),
    page: v.strictObject({
      url: str(URL_MAX_LENGTH),
      path: str(URL_MAX_LENGTH),
      title: str(TITLE_MAX_LENGTH),
      referrer: str(URL_MAX_LENGTH),
      language: str(35),
      startedAt: ms,
      timeOnPageMs: ms,
    }),
    identity: v.nullable(
      v.strictObject({
        id: v.exactOptional(str(256)),
        name: v.exactOptional(str(256)),
        email: v.exactOptional(str(320)),
        phone: v.exactOptional(str(64)),
        custom: customRecord,
        verified: v.strictObject({ id: v.boolean(), name: v.boolean(), email: v.boolean(), phone: v.boolean() }),
        proof: v.exactOptional(v.strictObject({ hmac: v.exactOptional(str(512)), jwt: v.exactOptional(str(4096)) })),
      }),
    ),
    journey: v.pipe(
      v.array(
        v.strictObject({
          path: str(URL_MAX_LENGTH),
          title: str(TITLE_MAX_LENGTH),
          at: ms,
          dwellMs: ms,
          kind: v.picklist(['load', 'reload', 'back_forward', 'route']),
        }),
      ),
      v.maxLength(JOURNEY_MAX_ENTRIES),
    ),
    campaign: v.nullable(
      v.strictObject({
        params: v.record(str(64), str(URL_MAX_LENGTH)),
        landingPath: str(URL_MAX_LENGTH),
        referrer: str(URL_MAX_LENGTH),
        at: ms,
      }),
    ),
    device: v.strictObject({
      viewport: v.strictObject({ width: px, height: px }),
      screen: v.strictObject({ width: px, height: px }),
      pixelRatio: v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(100)),
      touch: v.boolean(),
      language: str(35),
      languages: v.pipe(v.array(str(35)), v.maxLength(20)),
      timeZone: str(64),
      online: v.boolean(),
      webView: v.boolean(),
      webViewHint: v.nullable(str(64)),
      browser: v.exactOptional(str(DEVICE_NAME_MAX_CHARS)),
      os: v.exactOptional(str(DEVICE_NAME_MAX_CHARS)),
    }),
    signals: v.pipe(
      v.array(
        v.strictObject({
          type: v.picklist(['rage_click', 'error', 'unhandled_rejection', 'form_invalid']),
          detail: str(SIGNAL_MESSAGE_MAX),
          path: str(URL_MAX_LENGTH),
          firstAt: ms,
          at: ms,
          count: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(Number.MAX_SAFE_INTEGER)),
        }),
      ),
      v.maxLength(SIGNALS_MAX),
    ),
    custom: customRecord,
    location: v.nullable(
      v.strictObject({
        latitude: v.pipe(v.number(), v.finite(), v.minValue(-90), v.maxValue(90)),
        longitude: v.pipe(v.number(), v.finite(), v.minValue(-180), v.maxValue(180)),
        accuracyM: v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(PIXELS_MAX * 1000)),
        at: ms,
      }),
    ),
    routing: v.exactOptional(
      v.strictObject({
        queue: v.exactOptional(v.pipe(v.string(), v.regex(ROUTING_HINT_PATTERN, 'queue and skill must be 1..40 characters of [A-Za-z0-9_.-]'))),
        skill: v.exactOptional(v.pipe(v.string(), v.regex(ROUTING_HINT_PATTERN, 'queue and skill must be 1..40 characters of [A-Za-z0-9_.-]'))),
        path: v.pipe(v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(ROUTING_LABEL_MAX))), v.minLength(1), v.maxLength(ROUTING_PATH_MAX)),
      }),
    ),
    selfService: v.exactOptional(
      v.strictObject({
        articles: v.pipe(
          v.array(
            v.strictObject({
              id: v.pipe(v.string(), v.regex(ARTICLE_ID_PATTERN, 'article ids are 1..64 characters of [A-Za-z0-9_.:-]')),
              title: v.pipe(v.string(), v.minLength(1), v.maxLength(SELF_SERVICE_TITLE_MAX)),
              helped: v.nullable(v.boolean()),
              at: ms,
            }),
          ),
          v.maxLength(SELF_SERVICE_MAX),
        ),
      }),
    ),
    trigger: v.exactOptional(
      v.strictObject({
        rule: v.pipe(v.string(), v.regex(TRIGGER_RULE_PATTERN, 'rule ids are 1..64 characters of [A-Za-z0-9_.:-]')),
        message: v.pipe(v.string(), v.minLength(1), v.maxLength(TRIGGER_MESSAGE_MAX)),
        signal: v.pipe(v.string(), v.minLength(1), v.maxLength(TRIGGER_SIGNAL_MAX)),
        at: ms,
      }),
    ),
    preferences: v.exactOptional(v.strictObject({ channel: v.picklist(CHANNELS), at: ms })),
    entry: v.exactOptional(
      v.strictObject({
        kind: v.picklist(ENTRY_KINDS),
        label: v.exactOptional(v.pipe(v.string(), v.minLength(1), v.maxLength(ENTRY_LABEL_MAX))),
        fields: v.pipe(
          v.record(v.pipe(v.string(), v.regex(ENTRY_FIELD_KEY_PATTERN)), v.pipe(v.string(), v.minLength(1), v.maxLength(ENTRY_FIELD_VALUE_MAX))),
          v.check((r) => Object.keys(r).length <= ENTRY_FIELDS_MAX, `at most ${ENTRY_FIELDS_MAX} entry fields`),
        ),
        expiresAt: v.exactOptional(ms),
        at: ms,
        verified: v.boolean(),
        unverified: v.exactOptional(v.picklist(['unsigned', 'expired', 'invalid'])),
        token: v.exactOptional(str(ENTRY_TOKEN_MAX_CHARS)),
      }),
    ),
    trimmed: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER)),
    labels: v.exactOptional(
      v.pipe(
        v.record(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_.-]{1,40}$/)), v.pipe(v.string(), v.minLength(1), v.maxLength(FIELD_LABEL_MAX_CHARS))),
        v.check((r) => Object.keys(r).length <= FIELD_LABELS_MAX, `at most ${FIELD_LABELS_MAX} field labels`),
      ),
    ),
  }),
  v.check((s) => byteLength(JSON.stringify(s)) <= CONTEXT_MAX_BYTES, `snapshot over ${CONTEXT_MAX_BYTES} bytes`),
);

/** Validates an untrusted snapshot (the server's use). Returns the issues as readable strings. */
export function validateContextSnapshot(input: unknown): { ok: true; value: ContextSnapshot } | { ok: false; errors: string[] } {
  const r = v.safeParse(ContextSnapshotSchema, input);
  if (r.success) return { ok: true, value: r.output as ContextSnapshot };
  return {
    ok: false,
    errors: r.issues.map((i) => `${i.path?.map((p) => String(p.key)).join('.') || '(root)'}: ${i.message}`),
  };
}

// Compile-time proof that the schema and the documented interface describe the same thing.
type SchemaOut = v.InferOutput<typeof ContextSnapshotSchema>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesInterface: Same<SchemaOut, ContextSnapshot> = true;
void schemaMatchesInterface;
