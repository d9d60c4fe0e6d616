/**
 * The languages Baton speaks (issue 18), shared by the widget (its language, before interaction)
 * and the server (the e-mails, in the conversation's language). Plain string logic.
 *
 * `en-XA` is the pseudo-locale (accented English, 40 % longer), only ever chosen by
 * `locale: 'en-XA'`, to check layouts for clipping. To add a language: its code here, its launcher
 * word in src/ui/i18n.ts (and the call button's and proactive close's), a catalog
 * src/ui/locales/<code>.ts, its line in src/ui/locales/catalog.ts, its e-mails in
 * src/server/mail/strings.ts.
 */
export const LANGS = ['en', 'fr', 'de', 'es', 'sk', 'cs', 'pl', 'ru', 'uk', 'zh-Hans', 'zh-Hant', 'ja', 'ar', 'he', 'en-XA'] as const;
export type Lang = (typeof LANGS)[number];

/**
 * One BCP 47 tag to the language Baton shows: 'fr-CA' → 'fr', 'zh-TW' / 'zh-Hant-HK' → 'zh-Hant',
 * 'zh' / 'zh-CN' → 'zh-Hans', 'iw' → 'he'; undefined when Baton has no strings for it.
 */
export function langOf(tag: string | undefined): Lang | undefined {
  const t = (tag || '').replace(/_/g, '-').toLowerCase();
  if (t === 'en-xa') return 'en-XA';
  const base = t.split('-')[0];
  if (base === 'zh') return /-(hant|tw|hk|mo)\b/.test(t) ? 'zh-Hant' : 'zh-Hans';
  if (base === 'iw') return 'he';
  return LANGS.find((l) => l === base);
}
