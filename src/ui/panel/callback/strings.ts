/** The callback booking's strings (its own chunk). French puts a no-break space (\u00a0) before ? ! : ;. */
import type { Lang } from '../../i18n';

const en = {
  pick: 'Pick a time for our call',
  noSlots: 'No time is open for a callback in the coming weeks. Write to us instead.',
  loading: 'Looking for open times…',
  phone: 'Your phone number, with the country code',
  book: 'Book the callback',
  booking: 'Booking…',
  booked: (when: string, phone: string) => `We’ll call you ${when} at ${phone}.`,
  cancel: 'Cancel the callback',
  cancelled: 'Callback cancelled.',
  failed: 'That didn’t work. Check your connection and try again.',
  errors: {
    bad_phone: 'This number doesn’t look right: include the country code, e.g. +33 6 12 34 56 78.',
    slot_gone: 'That time was just taken off: pick another.',
    already_booked: 'You already have a callback booked.',
    rate_limited: 'Too many bookings for now: try again later.',
  } as Record<string, string>,
};
export type CallbackText = typeof en;

const fr: CallbackText = {
  pick: 'Choisissez l’heure de notre appel',
  noSlots: 'Aucun créneau de rappel n’est ouvert ces prochaines semaines. Écrivez-nous plutôt.',
  loading: 'Recherche des créneaux…',
  phone: 'Votre numéro de téléphone, avec l’indicatif du pays',
  book: 'Réserver le rappel',
  booking: 'Réservation…',
  booked: (when: string, phone: string) => `Nous vous appellerons ${when} au ${phone}.`,
  cancel: 'Annuler le rappel',
  cancelled: 'Rappel annulé.',
  failed: 'Cela n’a pas marché. Vérifiez votre connexion et réessayez.',
  errors: {
    bad_phone: 'Ce numéro semble incorrect\u00a0: ajoutez l’indicatif, par ex. +33 6 12 34 56 78.',
    slot_gone: 'Ce créneau vient d’être retiré\u00a0: choisissez-en un autre.',
    already_booked: 'Vous avez déjà un rappel réservé.',
    rate_limited: 'Trop de réservations pour le moment\u00a0: réessayez plus tard.',
  },
};

export const callbackText: Record<Lang, CallbackText> = { en, fr };
