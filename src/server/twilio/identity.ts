/** Twilio client identities, shared by the Conversations (chat) and Voice halves. */
import { createHash } from 'node:crypto';

/** Twilio's rule for client identities: only [A-Za-z0-9_], at most 121 characters. */
export const TWILIO_IDENTITY_MAX = 121;
const IDENTITY_PATTERN = /^[A-Za-z0-9_]{1,121}$/;

export function isTwilioIdentity(value: string): boolean {
  return IDENTITY_PATTERN.test(value);
}

/**
 * Maps any string to a valid Twilio identity, deterministically and one to one: ASCII letters and
 * digits stay; every other UTF-8 byte (including `_` itself) becomes `_` + two lowercase hex digits
 * ('a_b-1' -> 'a_5fb_2d1'). A result over 121 characters is cut and ends with `_h` + 32 hex of the
 * input's SHA-256; `_h` never occurs in an escaped form (an escape's `_` is always followed by a hex
 * digit), so the two forms cannot collide. Chat and voice share it, so a person has one identity on both. Throws on an empty input.
 */
export function toTwilioIdentity(anyId: string): string {
  if (typeof anyId !== 'string' || anyId === '') throw new TypeError('toTwilioIdentity: a non-empty string is required');
  let out = '';
  for (const byte of Buffer.from(anyId, 'utf8')) {
    const isAlnum = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a);
    out += isAlnum ? String.fromCharCode(byte) : `_${byte.toString(16).padStart(2, '0')}`;
  }
  if (out.length > TWILIO_IDENTITY_MAX) {
    const hash = createHash('sha256').update(anyId, 'utf8').digest('hex').slice(0, 32);
    out = `${out.slice(0, TWILIO_IDENTITY_MAX - 34)}_h${hash}`;
  }
  if (!isTwilioIdentity(out)) throw new Error('toTwilioIdentity produced an invalid identity');
  return out;
}
