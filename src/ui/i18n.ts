/**
 * Language choice and the launcher's own label. This file loads with the page (pre-interaction
 * budget), so it carries only the language codes, the launcher's label in each language and the
 * English loading state; every other string is in the language's own lazy chunk
 * (./locales/<lang>.ts, loaded with the panel: ./locales/catalog.ts).
 */
import { LANGS, langOf, type Lang } from '../protocol/languages';

export { LANGS, langOf, type Lang };

/**
 * The launcher's accessible name and tooltip, one word per language in LANGS order: the only
 * translated text before interaction (the pre-interaction budget), so one word, not a sentence.
 * Sites give their own with `launcher.label` or `translations[lang].label`.
 */
const CHAT = 'Chat|Discuter|Chat|Chat|Chat|Chat|Czat|Чат|Чат|聊天|聊天|チャット|دردشة|צ׳אט|Ĉĥåţ ··'.split('|');
export const chatLabel = (lang: Lang) => CHAT[LANGS.indexOf(lang)];

/**
 * The panel's loading state, shown while its chunk and the language's load (usually already
 * warmed on hover or focus). English here; the language's own words once its chunk is in.
 */
export const launcherText = {
  connecting: 'Connecting…',
  loadFailed: 'Couldn’t load the chat.',
  retry: 'Retry',
  close: 'Close',
};

/** Right-to-left languages: the panel and the console mirror (dir="rtl"). */
export const isRtl = (lang: string) => lang === 'ar' || lang === 'he';

/**
 * The UI language and the locale its dates and numbers follow: the first of `options.locale`, the
 * page's `<html lang>`, the browser's languages (in the visitor's order) that Baton has strings
 * for; English otherwise. The locale keeps the whole tag ('en-GB' writes 24-hour times).
 */
export function pickLocale(locale?: string): { lang: Lang; locale: string } {
  const nav = navigator;
  for (const tag of [locale, document.documentElement.lang, ...(nav.languages || []), nav.language]) {
    const lang = langOf(tag);
    if (lang) return { lang, locale: lang == 'en-XA' ? 'en' : tag!.replace(/_/g, '-') };
  }
  return { lang: 'en', locale: 'en' };
}
