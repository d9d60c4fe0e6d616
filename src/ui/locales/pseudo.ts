/**
 * The pseudo-locale `en-XA` (boot option `locale: 'en-XA'`): English with every letter accented and
 * each message 40 % longer, between brackets, so a screenshot shows at once a string that is not
 * translated (no accents), cut off (a bracket missing) or overflowing. Made from ./en.ts, never
 * translated by hand; the tests' screenshots of the main views use it.
 */
import type { Catalog } from './catalog';
import en from './en';

const FROM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const TO = 'åƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ';

/** Accents every letter outside `{placeholders}`; pads to 140 % of the length with middle dots. */
export function pseudo(s: string): string {
  if (!s) return s;
  const accented = s.replace(/\{\w+\}|[a-zA-Z]/g, (c) => (c.length > 1 ? c : TO[FROM.indexOf(c)]!));
  return `[${accented} ${'·'.repeat(Math.max(1, Math.round(s.length * 0.4) - 3))}]`;
}

function walk(o: unknown): unknown {
  if (typeof o === 'string') return pseudo(o);
  return Object.fromEntries(Object.entries(o as object).map(([k, v]) => [k, walk(v)]));
}

export default walk(en) as Catalog;
