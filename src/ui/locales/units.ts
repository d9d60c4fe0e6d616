/** "5 minutes", "5 minut", "5 分钟", "5 دقائق": a count of `unit`s in the visitor's words (Intl's unit names and plural rules). */
export function units(locale: string, n: number, unit: 'second' | 'minute' | 'hour' | 'day'): string {
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(n);
}
