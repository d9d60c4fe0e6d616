/**
 * The gates of the page-load redactor (./redactor.ts): whether the value checks (./values.ts, a
 * lazy chunk) might change something. Cheap, in the pre-interaction bundle; the redactor never
 * asks the checks about a text a gate lets through, and while they are not loaded it redacts
 * whole what a gate stops.
 */

/**
 * A text might hold a value: an `@` (e-mails, credentials in URLs), `eyJ` (JWTs), a CAS ticket
 * prefix, or six digits each at most four characters from the last (every card, phone, national
 * id, IBAN and account number has that).
 */
export const mayHoldValue = (text: string): boolean => /@|%40|eyJ|[PST]G?T-|\d(?:\D{0,4}\d){5}/.test(text);

/** A path segment might be a token (./paramNames.ts tokenLike): 16 or more of `[\w-]`, a digit among them. */
export const mayBeToken = (segment: string): boolean => /^(?=[\w-]*\d)[\w-]{16,}$/.test(segment);
