/**
 * Strings of the panel's photos (issue 16), in their own table like the phone line's
 * (./phoneStrings.ts). French puts a no-break space before ? ! : ;.
 */
import type { Lang } from '../i18n';

const en = {
  photoSend: 'Send a photo',
  photoTake: 'Take a photo',
  photoChoose: 'Choose a photo',
  photoMenu: 'Photo',
  photoPreparing: 'Preparing your photo…',
  photoSending: (pct: number) => `Sending photo… ${pct}%`,
  photoWaiting: (s: number) => `Waiting to send: it goes by itself in ${s} s.`,
  photoRetrying: 'Sending again…',
  photoNotImage: 'This file is not a photo. Send a JPEG, PNG, WebP or GIF picture.',
  photoTooLarge: (mb: number) => `This photo is too large (over ${mb} MB).`,
  photoTooMany: 'Too many photos at once. Wait a minute and try again.',
  photoQuota: 'This conversation cannot hold more photos.',
  photoFailed: 'The photo could not be prepared. Try another one.',
  photoUnsupported: 'Photos cannot be sent in this chat.',
  photoDrop: 'Drop to send the photo',
  photoYours: 'Photo you sent',
  photoFrom: (name: string) => `Photo from ${name}`,
  photoOpen: 'Open the photo',
  photoClose: 'Close the photo',
  photoLoading: 'Loading photo…',
  photoUnavailable: 'Photo unavailable',
};

export type PhotoText = typeof en;

const fr: PhotoText = {
  photoSend: 'Envoyer une photo',
  photoTake: 'Prendre une photo',
  photoChoose: 'Choisir une photo',
  photoMenu: 'Photo',
  photoPreparing: 'Préparation de votre photo…',
  photoSending: (pct: number) => `Envoi de la photo… ${pct}\u00a0%`,
  photoWaiting: (s: number) => `En attente\u00a0: elle partira d’elle-même dans ${s}\u00a0s.`,
  photoRetrying: 'Nouvel envoi…',
  photoNotImage: 'Ce fichier n’est pas une photo. Envoyez une image JPEG, PNG, WebP ou GIF.',
  photoTooLarge: (mb: number) => `Cette photo est trop lourde (plus de ${mb}\u00a0Mo).`,
  photoTooMany: 'Trop de photos d’un coup. Attendez une minute et réessayez.',
  photoQuota: 'Cette conversation ne peut plus recevoir de photos.',
  photoFailed: 'La photo n’a pas pu être préparée. Essayez-en une autre.',
  photoUnsupported: 'Les photos ne peuvent pas être envoyées dans ce chat.',
  photoDrop: 'Déposez pour envoyer la photo',
  photoYours: 'Photo que vous avez envoyée',
  photoFrom: (name: string) => `Photo de ${name}`,
  photoOpen: 'Ouvrir la photo',
  photoClose: 'Fermer la photo',
  photoLoading: 'Chargement de la photo…',
  photoUnavailable: 'Photo indisponible',
};

export const photoText: Record<Lang, PhotoText> = { en, fr };
