/**
 * The pseudo-locale's text (`en-XA`): English with every letter accented and each message 40 %
 * longer, between brackets, so a screenshot shows at once a string that is not translated (no
 * accents), cut off (a bracket missing) or overflowing. The widget's (src/ui/locales/pseudo.ts) and
 * the console's (src/console/locales/pseudo.ts) pseudo-locales are made with it from English.
 */
const FROM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const TO = 'åƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ';

/** Accents every letter outside `{placeholders}`; pads to 140 % of the length with middle dots. */
export function pseudo(s: string): string {
  if (!s) return s;
  const accented = s.replace(/\{\w+\}|[a-zA-Z]/g, (c) => (c.length > 1 ? c : TO[FROM.indexOf(c)]!));
  return `[${accented} ${'·'.repeat(Math.max(1, Math.round(s.length * 0.4) - 3))}]`;
}
