/**
 * Strings of "Continue on your phone" (issue 16): the QR view's in the handoff chunk; the entry,
 * the banner and the phone's welcome in the panel. French puts a no-break space before ? ! : ;.
 */
import type { Lang } from '../i18n';

const en = {
  handoffEntry: 'Continue on your phone',
  handoffTitle: 'Continue on your phone',
  handoffIntro: 'Scan this code with your phone’s camera. The conversation opens there, with everything said so far.',
  handoffQrLabel: 'QR code to continue on your phone',
  handoffExpires: (time: string) => `Works once, until ${time}.`,
  handoffExpired: 'This code has expired.',
  handoffNew: 'Get a new code',
  handoffLoading: 'Making your code…',
  handoffFailed: 'We could not make a code. Try again in a moment.',
  handoffTooMany: (s: number) => `Too many codes asked for. Try again in ${Math.max(1, Math.ceil(s / 60))} min.`,
  handoffCopy: 'Or open this link on your phone:',
  handoffMoved: (device: string) => `This conversation continues on ${device}.`,
  handoffTakeBack: 'Continue here',
  handoffWelcome: (device: string) => `Picked up from ${device}: everything said so far is here.`,
  handoffUsed: 'This link was already used. Open the chat on the device where you started, or start a new conversation here.',
  handoffLinkExpired: 'This link has expired. Ask for a new code on the device where you started.',
  handoffBroken: 'This link is not valid.',
  handoffOffline: 'We could not reach the chat. Check your connection and open the link again.',
};

export type HandoffText = typeof en;

const fr: HandoffText = {
  handoffEntry: 'Continuer sur votre téléphone',
  handoffTitle: 'Continuer sur votre téléphone',
  handoffIntro: 'Scannez ce code avec l’appareil photo de votre téléphone. La conversation s’y ouvre, avec tout ce qui a été dit.',
  handoffQrLabel: 'Code QR pour continuer sur votre téléphone',
  handoffExpires: (time: string) => `Valable une fois, jusqu’à ${time}.`,
  handoffExpired: 'Ce code a expiré.',
  handoffNew: 'Obtenir un nouveau code',
  handoffLoading: 'Création de votre code…',
  handoffFailed: 'Impossible de créer un code. Réessayez dans un instant.',
  handoffTooMany: (s: number) => `Trop de codes demandés. Réessayez dans ${Math.max(1, Math.ceil(s / 60))}\u00a0min.`,
  handoffCopy: 'Ou ouvrez ce lien sur votre téléphone\u00a0:',
  handoffMoved: (device: string) => `Cette conversation continue sur ${device}.`,
  handoffTakeBack: 'Continuer ici',
  handoffWelcome: (device: string) => `Reprise depuis ${device}\u00a0: tout ce qui a été dit est ici.`,
  handoffUsed: 'Ce lien a déjà servi. Ouvrez le chat sur l’appareil où vous avez commencé, ou démarrez une nouvelle conversation ici.',
  handoffLinkExpired: 'Ce lien a expiré. Demandez un nouveau code sur l’appareil où vous avez commencé.',
  handoffBroken: 'Ce lien n’est pas valide.',
  handoffOffline: 'Impossible de joindre le chat. Vérifiez votre connexion et rouvrez le lien.',
};

export const handoffText: Record<Lang, HandoffText> = { en, fr };
