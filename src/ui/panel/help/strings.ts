/** The help views' strings (in the articles chunk, apart from the chat's). French puts a no-break space before ? ! : ;. */
import type { Lang } from '../../i18n';

const en = {
  help: 'Help',
  searchLabel: 'Search help articles',
  searchPlaceholder: 'Search for help',
  popular: 'Popular articles',
  results: (n: number, q: string) => (n === 0 ? `No articles match “${q}”` : `${n} ${n === 1 ? 'article' : 'articles'} for “${q}”`),
  noMatchAsk: 'Ask us instead',
  suggested: 'These articles might help',
  suggestedCount: (n: number) => `${n} help ${n === 1 ? 'article' : 'articles'} suggested above the message box`,
  openOnSite: 'Open on our help centre',
  askHelped: 'Did this answer your question?',
  helped: 'That helped',
  needHelp: 'I still need help',
  thanks: 'Glad it helped! We’re here if you need anything else.',
};

export type HelpText = typeof en;

const fr: HelpText = {
  help: 'Aide',
  searchLabel: 'Rechercher dans les articles d’aide',
  searchPlaceholder: 'Rechercher de l’aide',
  popular: 'Articles populaires',
  results: (n: number, q: string) => (n === 0 ? `Aucun article pour «\u00a0${q}\u00a0»` : `${n} article${n > 1 ? 's' : ''} pour «\u00a0${q}\u00a0»`),
  noMatchAsk: 'Posez-nous la question',
  suggested: 'Ces articles peuvent vous aider',
  suggestedCount: (n: number) => `${n} article${n > 1 ? 's' : ''} d’aide proposé${n > 1 ? 's' : ''} au-dessus de la zone de message`,
  openOnSite: 'Ouvrir dans notre centre d’aide',
  askHelped: 'Cet article a-t-il répondu à votre question\u00a0?',
  helped: 'Ça m’a aidé',
  needHelp: 'J’ai encore besoin d’aide',
  thanks: 'Ravis d’avoir pu vous aider\u00a0! Nous sommes là si besoin.',
};

export const helpText: Record<Lang, HelpText> = { en, fr };
