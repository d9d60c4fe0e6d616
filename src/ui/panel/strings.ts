/**
 * The panel's strings (lazy chunk). French puts a no-break space (\u00a0) before ? ! : ;.
 * The title, "Close", etc. shared with the loading state come
 * from ../i18n (launcherText), which is already loaded.
 */
import type { SignalType } from '../../protocol/context';
import type { Lang } from '../i18n';

const en = {
  subtitle: 'We usually reply in a few minutes',
  welcome: 'Hi! How can we help you today?',
  welcomeMore: 'Before you start, you can check exactly what we share with our team.',
  showContext: 'What we share with the agent',
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
  yes: 'Yes',
  no: 'No',
  unverified: 'Unverified',
  verified: 'Verified',

  page: 'Current page',
  pageTitle: 'Title',
  path: 'Address',
  timeOnPage: 'Time on page',

  identity: 'Who you are',
  noIdentity: 'You are not signed in.',
  id: 'Customer ID',
  name: 'Name',
  email: 'Email',
  phone: 'Phone',

  journey: 'Pages visited (latest first)',
  noJourney: 'No pages recorded.',
  trimmed: (n: number) => `${n} older ${n === 1 ? 'page' : 'pages'} left out`,
  untitled: 'Untitled page',

  campaign: 'Campaign',
  landing: 'Landing page',

  device: 'Device',
  viewport: 'Window size',
  timeZone: 'Time zone',
  language: 'Language',
  online: 'Online',
  webView: 'In an app',

  signals: 'Problems on the page',
  noSignals: 'None noticed.',
  signalType: {
    rage_click: 'Repeated clicks',
    error: 'Page error',
    unhandled_rejection: 'Page error',
    form_invalid: 'Form not accepted',
  } satisfies Record<SignalType, string>,
  times: (n: number) => `${n} times`,

  custom: 'Other details',

  location: 'Location',
  noLocation: 'Not shared.',
  accuracy: (m: number) => `within ${m} m`,
  stopSharing: 'Stop sharing',

  consent: 'Remembering your pages',
  consentState: { granted: 'Allowed', denied: 'Not allowed', pending: 'Not decided yet' },
  stopRemembering: 'Stop remembering',
};

export type PanelText = typeof en;

const fr: PanelText = {
  subtitle: 'Nous répondons généralement en quelques minutes',
  welcome: 'Bonjour\u00a0! Comment pouvons-nous vous aider\u00a0?',
  welcomeMore: 'Avant de commencer, vous pouvez vérifier ce que nous partageons avec notre équipe.',
  showContext: 'Ce que nous partageons avec le conseiller',
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
  yes: 'Oui',
  no: 'Non',
  unverified: 'Non vérifié',
  verified: 'Vérifié',

  page: 'Page actuelle',
  pageTitle: 'Titre',
  path: 'Adresse',
  timeOnPage: 'Temps sur la page',

  identity: 'Qui vous êtes',
  noIdentity: 'Vous n’êtes pas connecté.',
  id: 'Identifiant client',
  name: 'Nom',
  email: 'E-mail',
  phone: 'Téléphone',

  journey: 'Pages consultées (les plus récentes d’abord)',
  noJourney: 'Aucune page enregistrée.',
  trimmed: (n: number) => `${n} ${n === 1 ? 'page plus ancienne omise' : 'pages plus anciennes omises'}`,
  untitled: 'Page sans titre',

  campaign: 'Campagne',
  landing: 'Page d’arrivée',

  device: 'Appareil',
  viewport: 'Taille de la fenêtre',
  timeZone: 'Fuseau horaire',
  language: 'Langue',
  online: 'En ligne',
  webView: 'Dans une application',

  signals: 'Problèmes sur la page',
  noSignals: 'Aucun constaté.',
  signalType: {
    rage_click: 'Clics répétés',
    error: 'Erreur de la page',
    unhandled_rejection: 'Erreur de la page',
    form_invalid: 'Formulaire refusé',
  },
  times: (n: number) => `${n} fois`,

  custom: 'Autres informations',

  location: 'Position',
  noLocation: 'Non partagée.',
  accuracy: (m: number) => `à ${m} m près`,
  stopSharing: 'Arrêter le partage',

  consent: 'Mémorisation de vos pages',
  consentState: { granted: 'Autorisée', denied: 'Refusée', pending: 'Pas encore choisie' },
  stopRemembering: 'Ne plus mémoriser',
};

export const panelText: Record<Lang, PanelText> = { en, fr };

/** "35 s", "2 min", "1 h 5 min" (same in English and French). */
export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}
