/**
 * "35 s", "2 min", "1 h 5 min", "3 d 4 h": every duration Baton shows a person, in the widget and the
 * console alike. In English (no `locale`, or an English one) the short form above; in another
 * language Intl's short units, the two largest joined as it lists units ("1 Std. 5 Min.", "1小时 5分钟").
 */
export function duration(ms: number, locale?: string): string {
  const s = Number.isFinite(ms) ? Math.max(0, Math.floor(ms / 1000)) : 0;
  const parts: [number, Unit][] =
    s < 60 ? [[s, 'second']]
    : s < 3600 ? [[Math.floor(s / 60), 'minute']]
    : s < 86_400 ? [[Math.floor(s / 3600), 'hour'], [Math.floor(s / 60) % 60, 'minute']]
    : [[Math.floor(s / 86_400), 'day'], [Math.floor(s / 3600) % 24, 'hour']];
  const shown = parts.filter(([n], i) => i === 0 || n > 0);
  if (!locale || /^en\b/i.test(locale)) return shown.map(([n, u]) => `${n} ${SHORT[u]}`).join(' ');
  const words = shown.map(([n, unit]) => new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' }).format(n));
  return new Intl.ListFormat(locale, { type: 'unit', style: 'narrow' }).format(words);
}

type Unit = 'second' | 'minute' | 'hour' | 'day';
const SHORT: Record<Unit, string> = { second: 's', minute: 'min', hour: 'h', day: 'd' };
