import {
  CUSTOM_MAX_BYTES,
  CUSTOM_MAX_KEYS,
  CUSTOM_MAX_STRING,
  byteLength,
  type CustomValue,
} from '../../protocol/context';

const KEY = /^[A-Za-z0-9_.-]{1,40}$/;

/**
 * Merges site-provided fields into `current` within the limits of protocol/context.ts
 * (30 keys, keys [A-Za-z0-9_.-]{1,40}, strings <= 256 chars, finite numbers, booleans, 2 KB in all).
 * `null` removes a field. Whatever breaks a limit is left out and explained in `errors`; the rest is kept.
 */
export function mergeCustom(
  current: Record<string, CustomValue>,
  patch: unknown,
): { value: Record<string, CustomValue>; errors: string[] } {
  const errors: string[] = [];
  if (!patch || typeof patch !== 'object' || Array.isArray(patch)) {
    return { value: current, errors: ['expected an object, e.g. { plan: "pro" }'] };
  }
  const next: Record<string, CustomValue> = { ...current };
  for (const [key, raw] of Object.entries(patch as Record<string, unknown>)) {
    if (!KEY.test(key)) {
      errors.push(`"${key.slice(0, 60)}": name must be 1-40 of A-Za-z0-9_.-`);
      continue;
    }
    if (raw === null || raw === undefined) {
      delete next[key];
      continue;
    }
    if (typeof raw === 'string') {
      if (raw.length > CUSTOM_MAX_STRING) {
        errors.push(`"${key}": over ${CUSTOM_MAX_STRING} characters`);
        continue;
      }
    } else if (typeof raw === 'number') {
      if (!Number.isFinite(raw)) {
        errors.push(`"${key}": not a finite number`);
        continue;
      }
    } else if (typeof raw !== 'boolean') {
      errors.push(`"${key}": not a string, number or boolean`);
      continue;
    }
    if (!(key in next) && Object.keys(next).length >= CUSTOM_MAX_KEYS) {
      errors.push(`"${key}": over ${CUSTOM_MAX_KEYS} fields`);
      continue;
    }
    const before = next[key];
    next[key] = raw;
    if (byteLength(JSON.stringify(next)) > CUSTOM_MAX_BYTES) {
      if (before === undefined) delete next[key];
      else next[key] = before;
      errors.push(`"${key}": over ${CUSTOM_MAX_BYTES} bytes in all`);
    }
  }
  return { value: next, errors };
}
