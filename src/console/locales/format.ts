/**
 * What a console catalog (./<code>.ts) needs to write a sentence in its language: plural forms
 * chosen by Intl.PluralRules, numbers by Intl.NumberFormat. A catalog is English's shape
 * (`ConsoleText`, ../strings.ts): strings, tables, and functions of the same arguments that build
 * the sentence; plurals go through `p(n, { one: '{n} …', other: '{n} …' })`, whose forms are typed
 * with exactly the language's categories (checked against Intl by tests/unit/console-i18n.test.ts).
 */

/** Each language's plural categories (Slavic languages three or four, Arabic six, Chinese and Japanese one). */
export const PLURAL_CATEGORIES = {
  en: ['one', 'other'],
  fr: ['one', 'many', 'other'],
  de: ['one', 'other'],
  es: ['one', 'many', 'other'],
  sk: ['one', 'few', 'many', 'other'],
  cs: ['one', 'few', 'many', 'other'],
  pl: ['one', 'few', 'many', 'other'],
  ru: ['one', 'few', 'many', 'other'],
  uk: ['one', 'few', 'many', 'other'],
  'zh-Hans': ['other'],
  'zh-Hant': ['other'],
  ja: ['other'],
  ar: ['zero', 'one', 'two', 'few', 'many', 'other'],
  he: ['one', 'two', 'other'],
} as const;
export type ConsoleLang = keyof typeof PLURAL_CATEGORIES;
/** `{n}` in a form is the count, written in the language's digits and separators. */
export type Forms<L extends ConsoleLang> = Record<(typeof PLURAL_CATEGORIES)[L][number], string>;

export function formats<L extends ConsoleLang>(lang: L) {
  const rules = new Intl.PluralRules(lang);
  const nf = new Intl.NumberFormat(lang);
  /** A number as the language writes it: "12,345", "12 345", "12.345". */
  const num = (n: number): string => nf.format(n);
  /** The form of `forms` for `n`, with `{n}` filled. */
  const p = (n: number, forms: Forms<L>): string =>
    ((forms as Record<string, string>)[rules.select(n)] ?? (forms as Record<string, string>).other!).replace('{n}', num(n));
  return { p, num };
}

/** An Insights entry point's key: 'proactive:<rule>', 'qr:<kind>' (all labels of a kind) or 'qr:<kind>:<label>'; null for another. */
export function readEntryKey(key: string): { rule: string } | { kind: string; label: string | null } | null {
  if (key.startsWith('proactive:')) return { rule: key.slice(10) };
  if (!key.startsWith('qr:')) return null;
  const rest = key.slice(3);
  const i = rest.indexOf(':');
  return i < 0 ? { kind: rest, label: null } : { kind: rest.slice(0, i), label: rest.slice(i + 1) };
}
