/**
 * The panel's strings (lazy chunk). French puts a no-break space (\u00a0) before ? ! : ;.
 * The title, "Close", etc. shared with the loading state come
 * from ../i18n (launcherText), which is already loaded.
 */
import type { SignalType } from '../../protocol/context';
import type { Lang } from '../i18n';

const en = {
  // Home
  hello: 'Hi there',
  helloName: (name: string) => `Hi ${name}`,
  howHelp: 'How can we help?',
  startChat: 'Send us a message',
  continueChat: 'Your conversation',
  endedChat: 'Your last conversation',
  unreadCount: (n: number) => `${n} unread`,
  teamOnline: 'Our team is online',
  teamAway: 'We’re away right now. Leave a message and we’ll reply here.',
  searchHelp: 'Search for help',
  callDesc: 'Talk to our team from your browser',
  agentSeesDesc: 'Exactly what our team sees about you, and your choices',
  sections: 'Sections',
  navHome: 'Home',
  navMessages: 'Messages',
  navHelp: 'Help',
  emptyThread: 'Ask us anything: we’ll reply here.',
  consentAsk: 'Allow us to remember the pages you visit so our team can help faster?',
  allow: 'Allow',
  noThanks: 'No thanks',
  consentGranted: 'Thanks! We will remember the pages you visit.',
  consentDenied: 'OK, we won’t remember the pages you visit.',
  shareLocation: 'Share my location',
  locating: 'Getting your location…',
  locationShared: 'Location shared',
  locationFailed: 'Couldn’t get your location',

  contextTitle: 'What the agent sees',
  contextIntro: 'This is what our team sees about you when you start a chat.',
  back: 'Back',
  none: 'Nothing',
  unverified: 'Unverified',
  verified: 'Verified',



  journey: 'Pages visited (latest first)',
  noJourney: 'No pages recorded.',
  trimmed: (n: number) => `${n} older ${n === 1 ? 'page' : 'pages'} left out`,
  untitled: 'Untitled page',



  signals: 'Problems on the page',
  noSignals: 'None noticed.',
  signalType: {
    rage_click: 'Repeated clicks',
    error: 'Page error',
    unhandled_rejection: 'Page error',
    form_invalid: 'Form not accepted',
  } satisfies Record<SignalType, string>,
  times: (n: number) => `${n} times`,


  selfService: 'Help articles you read',
  helpedYes: 'Helped',
  helpedNo: 'Still needed help',
  helpedUnknown: 'Read',

  location: 'Location',
  noLocation: 'Not shared.',
  accuracy: (m: number) => `within ${m} m`,
  stopSharing: 'Stop sharing',

  consent: 'Remembering your pages',
  consentState: { granted: 'Allowed', denied: 'Not allowed', pending: 'Not decided yet' },
  stopRemembering: 'Stop remembering',

  // The conversation
  awaySubtitle: 'We’re away right now',
  agentSubtitle: 'Customer support',
  messages: 'Messages',
  you: 'You',
  joined: (name: string) => `${name} joined the conversation`,
  waiting: (position: number | null) =>
    position ? `Waiting for an agent — you’re number ${position} in line` : 'Waiting for an agent…',
  typing: (name: string) => `${name} is typing…`,
  someone: 'The agent',
  /** The site's bot: the label beside its name, and the way to a person while it answers. */
  botBadge: 'Bot',
  talkToPerson: 'Talk to a person',
  gettingPerson: 'Getting a person…',
  said: (name: string, text: string) => `${name}: ${text}`,
  sending: 'Sending…',
  sent: 'Sent',
  failed: 'Failed',
  notSent: 'Not sent',
  messageLabel: 'Message',
  placeholder: 'Write a message…',
  send: 'Send',
  counter: (n: string, max: string) => `${n} / ${max}`,
  tooLong: (n: string, max: string) => `Too long: ${n} characters, the limit is ${max}. Shorten it to send.`,
  empty: 'Write a message first.',
  connectingNote: 'Connecting to the chat…',
  reconnectingNote: 'Connection lost. Reconnecting… You can send again once it’s back.',
  offlineNote: 'You’re offline. You can send again once the connection is back.',
  offlineKeptNote: 'You’re offline. Your messages will be sent when the connection is back.',
  reconnectingKeptNote: 'Connection lost. Reconnecting… Your messages will be sent when it’s back.',
  outboxFull: 'Not sent: too many messages are waiting (100 at most). Retry once they’ve gone.',
  chatFailed: 'Couldn’t connect to the chat.',
  ended: 'This conversation has ended.',
  startNew: 'Start a new conversation',
  queuedOffline: 'Nobody’s online right now. We’ll answer here as soon as we’re back.',
  nobodyOnline: 'Nobody’s online right now — leave a message',
  leaveIntro: 'We’ll reply here, or by e-mail if you leave your address.',
  emailLabel: 'Your e-mail (optional)',
  leaveLabel: 'Your message',
  leaveSend: 'Send message',
  badEmail: 'This e-mail address doesn’t look complete.',
  leftConfirm: 'Thanks, we got your message. We’ll answer as soon as we’re back.',
};

export type PanelText = typeof en;

const fr: PanelText = {
  hello: 'Bonjour',
  helloName: (name: string) => `Bonjour ${name}`,
  howHelp: 'Comment pouvons-nous vous aider\u00a0?',
  startChat: 'Envoyez-nous un message',
  continueChat: 'Votre conversation',
  endedChat: 'Votre dernière conversation',
  unreadCount: (n: number) => `${n} non lu${n > 1 ? 's' : ''}`,
  teamOnline: 'Notre équipe est en ligne',
  teamAway: 'Nous sommes absents pour le moment. Laissez un message, nous vous répondrons ici.',
  searchHelp: 'Rechercher de l’aide',
  callDesc: 'Parlez à notre équipe depuis votre navigateur',
  agentSeesDesc: 'Exactement ce que notre équipe voit de vous, et vos choix',
  sections: 'Rubriques',
  navHome: 'Accueil',
  navMessages: 'Messages',
  navHelp: 'Aide',
  emptyThread: 'Posez-nous votre question\u00a0: nous vous répondrons ici.',
  consentAsk:
    'Nous autorisez-vous à mémoriser les pages que vous consultez pour que notre équipe vous aide plus vite\u00a0?',
  allow: 'Autoriser',
  noThanks: 'Non merci',
  consentGranted: 'Merci\u00a0! Nous mémoriserons les pages que vous consultez.',
  consentDenied: 'D’accord, nous ne mémoriserons pas les pages que vous consultez.',
  shareLocation: 'Partager ma position',
  locating: 'Localisation en cours…',
  locationShared: 'Position partagée',
  locationFailed: 'Impossible d’obtenir votre position',

  contextTitle: 'Ce que voit le conseiller',
  contextIntro: 'Voici ce que notre équipe voit de vous quand vous ouvrez une discussion.',
  back: 'Retour',
  none: 'Rien',
  unverified: 'Non vérifié',
  verified: 'Vérifié',



  journey: 'Pages consultées (les plus récentes d’abord)',
  noJourney: 'Aucune page enregistrée.',
  trimmed: (n: number) => `${n} ${n === 1 ? 'page plus ancienne omise' : 'pages plus anciennes omises'}`,
  untitled: 'Page sans titre',



  signals: 'Problèmes sur la page',
  noSignals: 'Aucun constaté.',
  signalType: {
    rage_click: 'Clics répétés',
    error: 'Erreur de la page',
    unhandled_rejection: 'Erreur de la page',
    form_invalid: 'Formulaire refusé',
  },
  times: (n: number) => `${n} fois`,


  selfService: 'Articles d’aide consultés',
  helpedYes: 'Utile',
  helpedNo: 'Besoin d’aide quand même',
  helpedUnknown: 'Lu',

  location: 'Position',
  noLocation: 'Non partagée.',
  accuracy: (m: number) => `à ${m} m près`,
  stopSharing: 'Arrêter le partage',

  consent: 'Mémorisation de vos pages',
  consentState: { granted: 'Autorisée', denied: 'Refusée', pending: 'Pas encore choisie' },
  stopRemembering: 'Ne plus mémoriser',

  awaySubtitle: 'Nous sommes absents pour le moment',
  agentSubtitle: 'Service client',
  messages: 'Messages',
  you: 'Vous',
  joined: (name: string) => `${name} a rejoint la conversation`,
  waiting: (position: number | null) =>
    position ? `En attente d’un conseiller — vous êtes n°\u00a0${position} dans la file` : 'En attente d’un conseiller…',
  typing: (name: string) => `${name} écrit…`,
  someone: 'Le conseiller',
  botBadge: 'Bot',
  talkToPerson: 'Parler à une personne',
  gettingPerson: 'Une personne arrive…',
  said: (name: string, text: string) => `${name}\u00a0: ${text}`,
  sending: 'Envoi…',
  sent: 'Envoyé',
  failed: 'Échec',
  notSent: 'Non envoyé',
  messageLabel: 'Message',
  placeholder: 'Écrivez un message…',
  send: 'Envoyer',
  counter: (n: string, max: string) => `${n} / ${max}`,
  tooLong: (n: string, max: string) => `Trop long\u00a0: ${n} caractères, la limite est de ${max}. Raccourcissez-le pour l’envoyer.`,
  empty: 'Écrivez d’abord un message.',
  connectingNote: 'Connexion à la discussion…',
  reconnectingNote: 'Connexion perdue. Reconnexion… Vous pourrez envoyer dès son retour.',
  offlineNote: 'Vous êtes hors ligne. Vous pourrez envoyer dès le retour de la connexion.',
  offlineKeptNote: 'Vous êtes hors ligne. Vos messages partiront dès le retour de la connexion.',
  reconnectingKeptNote: 'Connexion perdue. Reconnexion… Vos messages partiront dès son retour.',
  outboxFull: 'Non envoyé\u00a0: trop de messages en attente (100 au plus). Réessayez une fois partis.',
  chatFailed: 'Impossible de se connecter à la discussion.',
  ended: 'Cette conversation est terminée.',
  startNew: 'Commencer une nouvelle conversation',
  queuedOffline: 'Personne n’est en ligne pour le moment. Nous vous répondrons ici dès notre retour.',
  nobodyOnline: 'Personne n’est en ligne — laissez un message',
  leaveIntro: 'Nous vous répondrons ici, ou par e-mail si vous laissez votre adresse.',
  emailLabel: 'Votre e-mail (facultatif)',
  leaveLabel: 'Votre message',
  leaveSend: 'Envoyer le message',
  badEmail: 'Cette adresse e-mail semble incomplète.',
  leftConfirm: 'Merci, nous avons bien reçu votre message. Nous vous répondrons dès notre retour.',
};

export const panelText: Record<Lang, PanelText> = { en, fr };

// ---- calls (./call.tsx) ----

const callEn = {
  call: 'Call us',
  callAgain: 'Call again',
  hangUp: 'Hang up',
  mute: 'Mute',
  microphone: 'Microphone',
  defaultMic: 'Default microphone',
  callMedia: 'Allow your microphone to start the call…',
  callConnecting: 'Connecting the call…',
  callRinging: 'Calling… an agent’s phone is ringing',
  callConnected: (name: string) => `On a call with ${name}`,
  anAgent: 'an agent',
  callReconnecting: 'Connection lost, reconnecting the call…',
  callEnded: 'Call ended',
  quality: { good: 'Good connection', fair: 'Fair connection', poor: 'Poor connection: audio may break up', unknown: '' } as Record<string, string>,
  endReasons: {
    hangup: 'You ended the call.',
    remote_hangup: 'The agent ended the call.',
    declined: 'Nobody can take your call right now.',
    no_answer: 'Nobody answered. You can ask us to call you back, or write to us.',
    mic_denied: 'Your browser blocked the microphone, so we can’t call from here. Allow it in the site settings, or reach us another way:',
    no_mic: 'No microphone was found, so we can’t call from here. Reach us another way:',
    unsupported: 'This browser can’t make calls. Reach us another way:',
    network: 'The call was cut off by a network problem.',
    error: 'The call could not be made.',
  } as Record<string, string>,
  altChat: 'Continue in the chat',
  altPhone: 'Call our phone line',
  altCallback: 'Ask us to call you back',
  callbackLabel: 'Your phone number',
  callbackSend: 'Call me back',
  callbackBad: 'Enter a phone number: digits, spaces and + ( ) - only.',
  callbackMessage: (phone: string) => `Please call me back at ${phone}`,
  callbackDone: 'Thanks, we’ll call you back as soon as we can.',
  dismiss: 'Dismiss',
};

export type CallText = typeof callEn;

const callFr: CallText = {
  call: 'Nous appeler',
  callAgain: 'Rappeler',
  hangUp: 'Raccrocher',
  mute: 'Couper le micro',
  microphone: 'Micro',
  defaultMic: 'Micro par défaut',
  callMedia: 'Autorisez votre micro pour lancer l’appel…',
  callConnecting: 'Connexion de l’appel…',
  callRinging: 'Appel en cours… le téléphone d’un conseiller sonne',
  callConnected: (name: string) => `En ligne avec ${name}`,
  anAgent: 'un conseiller',
  callReconnecting: 'Connexion perdue, reconnexion de l’appel…',
  callEnded: 'Appel terminé',
  quality: { good: 'Bonne connexion', fair: 'Connexion moyenne', poor: 'Mauvaise connexion\u00a0: le son peut couper', unknown: '' },
  endReasons: {
    hangup: 'Vous avez raccroché.',
    remote_hangup: 'Le conseiller a raccroché.',
    declined: 'Personne ne peut prendre votre appel pour le moment.',
    no_answer: 'Personne n’a répondu. Demandez-nous de vous rappeler, ou écrivez-nous.',
    mic_denied: 'Votre navigateur a bloqué le micro, l’appel est donc impossible d’ici. Autorisez-le dans les réglages du site, ou contactez-nous autrement\u00a0:',
    no_mic: 'Aucun micro trouvé, l’appel est donc impossible d’ici. Contactez-nous autrement\u00a0:',
    unsupported: 'Ce navigateur ne peut pas passer d’appels. Contactez-nous autrement\u00a0:',
    network: 'L’appel a été coupé par un problème de réseau.',
    error: 'L’appel n’a pas pu aboutir.',
  },
  altChat: 'Continuer dans la discussion',
  altPhone: 'Appeler notre ligne téléphonique',
  altCallback: 'Être rappelé',
  callbackLabel: 'Votre numéro de téléphone',
  callbackSend: 'Rappelez-moi',
  callbackBad: 'Saisissez un numéro\u00a0: chiffres, espaces et + ( ) - uniquement.',
  callbackMessage: (phone: string) => `Merci de me rappeler au ${phone}`,
  callbackDone: 'Merci, nous vous rappellerons dès que possible.',
  dismiss: 'Fermer',
};

export const callText: Record<Lang, CallText> = { en: callEn, fr: callFr };
