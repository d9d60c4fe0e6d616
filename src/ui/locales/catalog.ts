/**
 * The widget's message format and its language chunks. A catalog (./en.ts is the reference) is
 * plain data: strings with `{name}` placeholders, plurals as Intl.PluralRules categories
 * (`{ one: '{n} page', few: '{n} stránky', other: '{n} stránok' }`, chosen on `{n}`), nested
 * tables. `compile()` turns it into what views call: a string stays a string, a message with
 * placeholders or plural forms becomes a function of its values (`t.joined({ name })`), typed from
 * English so a missing or misspelled placeholder is a type error. A site's own strings are laid on
 * by ./overlay, a chunk of its own: most sites have none, and every language paid for it. Numbers in placeholders are
 * written with Intl.NumberFormat in the visitor's locale. No eval, no HTML: text only.
 *
 * Each language is its own lazy chunk (one `import()` per language below): the panel loads the
 * one it shows, when it loads; nothing before the visitor's first interaction.
 */
import { isRtl, pickLocale, type Lang } from '../i18n';
import type { BatonSession } from '../../core/session';
import type { TextOverrides } from '../../api/types';
import type en from './en';

/** Plural forms: `other` always, and the language's other categories. */
export type PluralForms = { other: string } & { [K in Intl.LDMLPluralRule]?: string };
type Plain<T> = { -readonly [K in keyof T]: T[K] extends string ? string : T[K] extends { other: string } ? PluralForms : Plain<T[K]> };
/** A language's catalog: English's keys, any strings. */
export type Catalog = Plain<typeof en>;

type Holes<S> = S extends `${string}{${infer P}}${infer R}` ? P | Holes<R> : never;
type Fill<H extends string> = (values: { [K in H]: string | number }) => string;
type Compiled<T> = {
  readonly [K in keyof T]: T[K] extends string
    ? [Holes<T[K]>] extends [never] ? string : Fill<Holes<T[K]>>
    : T[K] extends { other: string } ? Fill<Holes<T[K][keyof T[K]]> | 'n'>
    : Compiled<T[K]>;
};
/** What views read: `t.hello` (a string), `t.trimmed({ n: 3 })` (a message with values). */
export type Text = Compiled<typeof en> & {
  /** The catalog's language ('sk'), the locale dates and numbers follow ('sk-SK', 'en-GB'), the writing direction. */
  readonly lang: Lang;
  readonly locale: string;
  readonly dir: 'ltr' | 'rtl';
};

/** Each language's chunk. A new language: a line here (and its code in ../i18n's LANGS). */
const chunks: Record<Lang, () => Promise<{ default: Catalog }>> = {
  en: () => import('./en'),
  fr: () => import('./fr'),
  de: () => import('./de'),
  es: () => import('./es'),
  sk: () => import('./sk'),
  cs: () => import('./cs'),
  pl: () => import('./pl'),
  ru: () => import('./ru'),
  uk: () => import('./uk'),
  'zh-Hans': () => import('./zh-Hans'),
  'zh-Hant': () => import('./zh-Hant'),
  ja: () => import('./ja'),
  ar: () => import('./ar'),
  he: () => import('./he'),
  'en-XA': () => import('./pseudo'),
};


export const isPlural = (v: unknown): v is PluralForms => typeof v === 'object' && v !== null && typeof (v as PluralForms).other === 'string';

/**
 * Values people wrote (a name, an e-mail, a device's name, a search, a message, a scanned label): isolated inside the
 * sentence (FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE), so a Hebrew name in an English
 * sentence, or an English one in Arabic, keeps its own direction and leaves the sentence's alone.
 */
const WRITTEN = /^(name|email|device|q|text|label)$/;

/** The catalog as views call it (see `Text`), for `locale` ('sk', 'en-GB': numbers and plural rules). */
export function compile(cat: Catalog, lang: Lang, locale: string): Text {
  const rules = new Intl.PluralRules(locale);
  const num = new Intl.NumberFormat(locale);
  const fill = (s: string, v: Record<string, string | number>) =>
    s.replace(/\{(\w+)\}/g, (hole, k: string) => {
      const x = v[k];
      return typeof x === 'number' ? num.format(x) : x === undefined ? hole : WRITTEN.test(k) ? `\u2068${x}\u2069` : x;
    });
  const walk = (o: Record<string, unknown>): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [k, m] of Object.entries(o)) {
      out[k] =
        typeof m === 'string'
          ? m.includes('{') ? (v: Record<string, string | number>) => fill(m, v) : m
          : isPlural(m)
            ? (v: Record<string, string | number>) => fill(m[rules.select(+v.n!)] ?? m.other, v)
            : walk(m as Record<string, unknown>);
    }
    return out;
  };
  return { ...walk(cat), lang, locale, dir: isRtl(lang) ? 'rtl' : 'ltr' } as unknown as Text;
}

/** A tag Intl accepts: the visitor's own ('en-GB'), or the language's code when theirs is malformed. */
function intlLocale(tag: string, lang: Lang): string {
  try {
    return Intl.getCanonicalLocales(tag)[0]!;
  } catch {
    return lang === 'en-XA' ? 'en' : lang;
  }
}

const loaded = new Map<string, Promise<Text>>();

/**
 * Loads `lang`'s chunk (once per language, locale and overrides) and compiles it with the site's
 * overrides. English's chunk comes too only when overrides need the reference to check against,
 * i.e. never for a site without `translations`.
 */
export function loadText(lang: Lang, locale: string, over?: TextOverrides, onProblem?: (message: string) => void): Promise<Text> {
  const key = `${lang} ${locale} ${over ? JSON.stringify(over) : ''}`;
  let p = loaded.get(key);
  if (!p) {
    // The overlay and English's reference come only for a site with `translations` (see ./overlay).
    p = Promise.all([chunks[lang](), over ? chunks.en() : null, over ? import('./overlay') : null]).then(([m, ref, o]) => {
      const problems: string[] = [];
      const cat = o ? o.overlay(m.default, over, ref?.default ?? m.default, problems) : m.default;
      for (const msg of problems) onProblem?.(`translations.${lang}.text.${msg}`);
      return compile(cat, lang, intlLocale(locale, lang));
    });
    p.catch(() => loaded.delete(key)); // a failed load (offline) is tried again on Retry
    loaded.set(key, p);
  }
  return p;
}

/** The session's language (boot option `locale`, `<html lang>`, the browser's), with the site's `translations` for it. */
export function sessionText(session: BatonSession): Promise<Text> {
  const { lang, locale } = pickLocale(session.options.locale);
  return loadText(lang, locale, session.options.translations?.[lang]?.text, (message) => session.reportError({ code: 'invalid_argument', message }));
}
