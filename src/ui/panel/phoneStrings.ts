/** The phone-line view's strings (in the phone-line chunk's own file, apart from the chat's). French puts a no-break space before ? ! : ;. */
import type { Lang } from '../i18n';

const en = {
  phoneLine: 'Call us by phone',
  phoneTitle: 'Call us',
  phoneIntro: 'Call this number and enter the code when asked: the person who answers will see the page you are on, so you will not have to explain it again.',
  phoneNumber: 'Phone number',
  phoneCode: 'Your code',
  phoneExpires: (time: string, minutes: number) => `Valid until ${time} (${minutes < 1 ? 'less than a minute' : minutes === 1 ? '1 minute' : `${minutes} minutes`} left), once.`,
  phoneExpired: 'This code has expired.',
  phoneNewCode: 'Get a new code',
  phoneLoading: 'Getting your code…',
  phoneFailed: 'We could not get a code. You can still call us: just tell us what you need.',
  phoneTooMany: (s: number) => `Too many codes asked for. Try again in ${Math.ceil(s / 60)} min, or call without a code.`,
  phoneRetry: 'Try again',
  phoneBack: 'Back',
};

export type PhoneText = typeof en;

const fr: PhoneText = {
  phoneLine: 'Nous appeler par téléphone',
  phoneTitle: 'Appelez-nous',
  phoneIntro: 'Appelez ce numéro et tapez le code quand on vous le demande\u00a0: la personne qui répond verra la page où vous êtes, inutile de tout réexpliquer.',
  phoneNumber: 'Numéro',
  phoneCode: 'Votre code',
  phoneExpires: (time: string, minutes: number) => `Valable jusqu’à ${time} (${minutes < 1 ? 'moins d’une minute' : minutes === 1 ? '1 minute' : `${minutes} minutes`}), une seule fois.`,
  phoneExpired: 'Ce code a expiré.',
  phoneNewCode: 'Obtenir un nouveau code',
  phoneLoading: 'Code en cours d’obtention…',
  phoneFailed: 'Impossible d’obtenir un code. Vous pouvez quand même nous appeler et nous dire ce dont vous avez besoin.',
  phoneTooMany: (s: number) => `Trop de codes demandés. Réessayez dans ${Math.ceil(s / 60)}\u00a0min, ou appelez sans code.`,
  phoneRetry: 'Réessayer',
  phoneBack: 'Retour',
};

export const phoneText: Record<Lang, PhoneText> = { en, fr };
