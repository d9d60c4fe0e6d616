/**
 * What Baton's e-mails say, in the visitor's language (the page's `lang`, else the browser's, as
 * the context reports them): English and French, like the widget's and the bot's string tables
 * (src/ui/panel/strings.ts, ../bot/strings.ts); the i18n issue adds the rest.
 */
import type { ContextSnapshot } from '../../protocol/context';

const en = {
  lang: 'en',
  replySubject: (who: string, site: string) => `${who} replied to your message on ${site}`,
  transcriptSubject: (site: string) => `Your conversation on ${site}`,
  hello: (name: string | null) => (name ? `Hello ${name},` : 'Hello,'),
  replyIntro: (who: string, site: string) => `${who} from ${site} answered your message:`,
  transcriptIntro: (site: string) => `Here is your conversation on ${site}, as you asked:`,
  you: 'You',
  team: 'The team',
  continueLine: 'Continue the conversation:',
  linkNote: 'The link opens the conversation once, within 7 days. You can also simply come back to the site: your answers are waiting in the chat.',
  replyWhy: (site: string) =>
    `Why you got this: you left this e-mail address in the chat on ${site} so the team could answer you if you were gone. We write only when someone replies and you have not read it; nothing else is sent.`,
  transcriptWhy: (site: string) => `Why you got this: you asked for this transcript in the chat on ${site}. Nothing else is sent.`,
  earlier: (n: number) => `(${n} earlier message${n === 1 ? '' : 's'} not shown)`,
  photo: '[photo]',
};

export type MailStrings = typeof en;

const fr: MailStrings = {
  lang: 'fr',
  replySubject: (who, site) => `${who} a répondu à votre message sur ${site}`,
  transcriptSubject: (site) => `Votre conversation sur ${site}`,
  hello: (name) => (name ? `Bonjour ${name},` : 'Bonjour,'),
  replyIntro: (who, site) => `${who} (${site}) a répondu à votre message :`,
  transcriptIntro: (site) => `Voici votre conversation sur ${site}, comme demandé :`,
  you: 'Vous',
  team: 'L’équipe',
  continueLine: 'Reprendre la conversation :',
  linkNote: 'Le lien ouvre la conversation une fois, pendant 7 jours. Vous pouvez aussi revenir simplement sur le site : vos réponses vous attendent dans la discussion.',
  replyWhy: (site) =>
    `Pourquoi cet e-mail : vous avez laissé cette adresse dans la discussion sur ${site} pour que l’équipe puisse vous répondre en votre absence. Nous écrivons seulement quand quelqu’un répond et que vous ne l’avez pas lu ; rien d’autre n’est envoyé.`,
  transcriptWhy: (site) => `Pourquoi cet e-mail : vous avez demandé cette transcription dans la discussion sur ${site}. Rien d’autre n’est envoyé.`,
  earlier: (n) => `(${n} message${n === 1 ? '' : 's'} précédent${n === 1 ? '' : 's'} non affiché${n === 1 ? '' : 's'})`,
  photo: '[photo]',
};

/** The strings for the visitor's language (the page's, else the browser's); English by default. */
export function mailStrings(context: ContextSnapshot | null): MailStrings {
  const lang = (context?.page.language || context?.device.language || 'en').toLowerCase();
  return lang.startsWith('fr') ? fr : en;
}
