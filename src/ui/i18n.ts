/**
 * Language choice and the launcher's strings. This file loads with the page (pre-interaction
 * budget), so it carries only what the launcher and the panel's loading state show; the panel's
 * own strings live in ./panel/strings.ts, inside the lazy chunk.
 */

export type Lang = 'en' | 'fr';

export const launcherText = {
  en: {
    chat: 'Chat with us',
    connecting: 'Connecting…',
    failed: 'Couldn’t load the chat.',
    retry: 'Retry',
    close: 'Close',
  },
  fr: {
    chat: 'Discuter avec nous',
    connecting: 'Connexion…',
    failed: 'Impossible de charger la discussion.',
    retry: 'Réessayer',
    close: 'Fermer',
  },
} satisfies Record<Lang, Record<string, string>>;

/**
 * The UI language: the first of `options.locale`, the page's `<html lang>`, the browser's language
 * that Baton has strings for; English otherwise. 'fr', 'fr-CA', 'FR_be' all give 'fr'.
 */
export function pickLang(locale?: string): Lang {
  for (const l of [locale, document.documentElement.lang, navigator.language]) {
    const code = (l || '').slice(0, 2).toLowerCase();
    if (code === 'en' || code === 'fr') return code;
  }
  return 'en';
}
