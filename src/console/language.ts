/**
 * The console's language (issue 18): the agent's choice (the language select, remembered in this
 * browser's localStorage), else the first of the browser's languages the console speaks, else
 * English. English is in the console's own bundle; every other language is a lazy chunk
 * (./locales/<code>.ts), fetched once before the console first renders in it and when the agent
 * picks it. `lang` and `dir` go on the page's root (<html>), so Arabic and Hebrew mirror the whole
 * console (its CSS uses logical properties).
 */
import { langOf } from '../protocol/languages';
import { useCatalog, type ConsoleText } from './strings';
import type { ConsoleLang } from './locales/format';

/** Each language in its own words. */
const NAMES: Record<ConsoleLang, string> = {
  en: 'English',
  fr: 'Français',
  de: 'Deutsch',
  es: 'Español',
  sk: 'Slovenčina',
  cs: 'Čeština',
  pl: 'Polski',
  ru: 'Русский',
  uk: 'Українська',
  'zh-Hans': '简体中文',
  'zh-Hant': '繁體中文',
  ja: '日本語',
  ar: 'العربية',
  he: 'עברית',
};

/** Each language's chunk; English is ./strings.ts itself. `en-XA`: the pseudo-locale (accented, 40 % longer), for layout checks. */
const chunks: Record<Exclude<ConsoleLang, 'en'> | 'en-XA', () => Promise<{ default: ConsoleText }>> = {
  fr: () => import('./locales/fr'),
  de: () => import('./locales/de'),
  es: () => import('./locales/es'),
  sk: () => import('./locales/sk'),
  cs: () => import('./locales/cs'),
  pl: () => import('./locales/pl'),
  ru: () => import('./locales/ru'),
  uk: () => import('./locales/uk'),
  'zh-Hans': () => import('./locales/zh-Hans'),
  'zh-Hant': () => import('./locales/zh-Hant'),
  ja: () => import('./locales/ja'),
  ar: () => import('./locales/ar'),
  he: () => import('./locales/he'),
  'en-XA': () => import('./locales/pseudo'),
};
export type ShownLang = ConsoleLang | 'en-XA';

/** What the language select lists. */
export const LANGUAGE_NAMES = Object.entries(NAMES);

/** The agent's choice, in this browser. */
export const LANGUAGE_KEY = 'baton-console-lang';

const known = (tag: string | null | undefined): ShownLang | undefined => {
  const lang = langOf(tag ?? undefined);
  return lang === 'en' || (lang && lang in chunks) ? (lang as ShownLang) : undefined;
};

function stored(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_KEY);
  } catch {
    return null; // storage blocked: the browser's languages decide
  }
}

/** A tag Intl accepts, or undefined. */
function canonical(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag.replace(/_/g, '-'))[0];
  } catch {
    return undefined;
  }
}

/**
 * The language to show and the locale its dates follow: the browser's own tag when it is of that
 * language ('en-US': 12-hour, 'en-GB': 24-hour), else the language's code.
 */
export function pickLanguage(choice: string | null = stored()): { lang: ShownLang; locale: string } {
  const tags = [...(navigator.languages ?? []), navigator.language].filter(Boolean);
  const lang = known(choice) ?? tags.map(known).find(Boolean) ?? 'en';
  if (lang === 'en-XA') return { lang, locale: 'en' };
  const own = tags.find((t) => langOf(t) === lang);
  return { lang, locale: (own && canonical(own)) || lang };
}

/**
 * Shows `lang` (loading its chunk when it is not English) and marks the page's root. A chunk that
 * cannot load (offline, a server upgraded under the tab) leaves the console as it was and rejects.
 */
export async function showLanguage(lang: ShownLang, locale: string): Promise<void> {
  const catalog = lang === 'en' ? null : (await chunks[lang]()).default;
  const dir = lang === 'ar' || lang === 'he' ? 'rtl' : 'ltr';
  useCatalog(lang, locale, catalog, dir);
  const root = document.documentElement;
  root.lang = lang;
  root.dir = dir;
}

/** The agent picked `lang` in the select: remembered in this browser, then shown. */
export async function chooseLanguage(lang: ShownLang): Promise<void> {
  const { locale } = pickLanguage(lang);
  await showLanguage(lang, locale);
  try {
    localStorage.setItem(LANGUAGE_KEY, lang);
  } catch {
    // storage blocked: the choice lasts until the page is reloaded
  }
}
