/**
 * Phone numbers typed by visitors, read by libphonenumber-js on the server (an optional peer: its
 * metadata stays out of the widget and of what `npm install baton-sdk` brings a single-page app).
 * Used by the embedded server's callbacks and by "Continue by SMS / on WhatsApp" on Twilio.
 */
import type { CountryCode } from 'libphonenumber-js/min';
import { peer } from './peers';

export interface PhoneNumber {
  /** E.164: `+447700900123`. */
  number: string;
  /** For people: `+44 7700 900123`. */
  international: string;
}

/** The number, or null when libphonenumber-js finds no valid one. `country`: how to read a number typed without +. */
export function readPhoneNumber(raw: string, country?: CountryCode): PhoneNumber | null {
  const { parsePhoneNumberFromString } = peer<typeof import('libphonenumber-js/min')>('libphonenumber-js/min');
  const parsed = parsePhoneNumberFromString(raw.trim(), country ? { defaultCountry: country } : undefined);
  return parsed && parsed.isValid() ? { number: parsed.number, international: parsed.formatInternational() } : null;
}
