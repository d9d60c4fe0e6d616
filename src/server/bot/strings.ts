/**
 * What the bot says by itself (a handover, a built-in answer's frame), in the visitor's language:
 * the page's `lang`, else the browser's, as the context reports them. English and French, like the
 * widget's string tables (src/ui/panel/strings.ts); the i18n issue adds the rest.
 */
import type { ContextSnapshot } from '../../protocol/context';

const en = {
  /** A person is wanted and agents are online. */
  handoverOnline: 'I’m getting a person for you. An agent will answer here and will see this conversation.',
  /** A person is wanted and nobody is online. */
  handoverOffline: 'Nobody from the team is online right now. Your message is kept: they will answer here as soon as they are back.',
  /** The built-in bot found nothing it is sure of (the handover's sentence follows in the same message). */
  unsure: 'I’m not sure I have the right answer to that.',
  /** A first message with no question in it ("hi"). */
  greeting: 'Hi! What can I help you with? Ask me a question, or press “Talk to a person” at any time.',
  /** The built-in bot's answer: the article's title, then its first lines, then the link. */
  articleIntro: (title: string) => `This article should help: “${title}”.`,
  readMore: 'Read it all:',
  /** After an answer: the way to a person. */
  stillNeedHelp: 'Not what you needed? Press “Talk to a person”.',
};

export type BotStrings = typeof en;

const fr: BotStrings = {
  handoverOnline: 'Je vous passe une personne de l’équipe. Elle vous répondra ici et verra cette conversation.',
  handoverOffline: 'Personne n’est en ligne pour le moment. Votre message est gardé : l’équipe vous répondra ici dès son retour.',
  unsure: 'Je ne suis pas sûr d’avoir la bonne réponse.',
  greeting: 'Bonjour ! Que puis-je faire pour vous ? Posez-moi une question, ou appuyez sur « Parler à une personne » à tout moment.',
  articleIntro: (title: string) => `Cet article devrait vous aider : « ${title} ».`,
  readMore: 'Tout lire :',
  stillNeedHelp: 'Ce n’est pas ce qu’il vous fallait ? Appuyez sur « Parler à une personne ».',
};

/** The strings for the visitor's language (the page's, else the browser's); English by default. */
export function botStrings(context: ContextSnapshot | null): BotStrings {
  const lang = (context?.page.language || context?.device.language || 'en').toLowerCase();
  return lang.startsWith('fr') ? fr : en;
}
