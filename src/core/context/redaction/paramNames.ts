/**
 * Which names are about a secret or a person, so their values are redacted whatever they hold
 * (query parameters, `#k=v` hashes), and which path segments announce a secret further on. Part of
 * the value checks' chunk (./values.ts): until it is loaded, the page-load redactor redacts every
 * parameter value but the campaign's (./redactor.ts).
 *
 * A name is sensitive when one of its words is (names are split into words on camelCase and on
 * anything that is not a letter: `x-api-key` -> x api key, `accessToken` -> access token, `pin2` ->
 * pin), or when the whole name, lowercased without separators, is a personal identifier's:
 * - a word is sensitive when it is exactly one of pw pwd pass session sid auth authorization key
 *   code otp pin ssn snils nino saml cred creds recovery dob address street surname mail tel mobile
 *   card cc cvv cvc iban sig jwt,
 *   or starts or ends with token, password, passwd, pwd, secret, apikey, sessionid, sessid,
 *   signature, credential, email, phone (the glued forms: `sessionid`, `phpsessid`, `resettoken`,
 *   `credentials`). Short words match whole only, so `passenger`, `keyword`, `monkey`, `codec`,
 *   `sidebar` stay;
 * - whole names: idno, idnum, idnumber, idcard(no), birthnumber, birthno, birthdate, dateofbirth,
 *   rodnecislo, nationalid, personalid, taxid, inn, ninumber, sfz, sfzh (`id_no`, `birthNumber`,
 *   `date-of-birth`, `rodne_cislo`, `NI_number`), and a person's name: firstname, lastname,
 *   fullname, surname, givenname, familyname, middlename, username, passengername, customername,
 *   guestname, holdername, contactname, recipientname, patientname, fname, lname, jmeno, prijmeni
 *   (`first_name`, `passenger_name`; `name` alone is often a product's: kept);
 * - unless its last word says it is about the secret, not the secret: count, type, length, size,
 *   format, status (`session_count`, `token_type`, `card_type` stay).
 * The list errs towards redacting (`country_code`, `is_mobile` are redacted): sites opt out with
 * `allowParams`.
 */
const SECRET_WORD =
  /^(?:pw|pwd|pass|session|sid|auth|authorization|key|code|otp|pin|ssn|snils|nino|saml|creds?|recovery|dob|address|street|surname|mail|tel|mobile|card|cc|cvv|cvc|iban|sig|jwt)$|^(?:token|passw(?:or)?d|pwd|secret|apikey|sess(?:ion)?id|signature|credential|email|phone)|(?:token|passw(?:or)?d|pwd|secret|apikey|sess(?:ion)?id|signature|credentials?|email|phone)$/;
const PERSONAL_ID_NAME =
  /^(?:id(?:no|num(?:ber)?|card(?:no)?)|birth(?:num(?:ber)?|no|date)|dateofbirth|rodnecislo|nationalid|personalid|taxid|inn|ninumber|sfzh?|(?:first|last|full|sur|given|family|middle|user|passenger|customer|guest|holder|contact|recipient|patient)name|[fl]name|jmeno|prijmeni)$/;
const META_WORD = /^(?:count|type|length|size|format|status)$/;

/** `name` as written (decoded), `key` lowercased without separators (./redactor.ts normName). */
export function sensitiveName(name: string, key: string): boolean {
  const words = name
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
  return (
    !META_WORD.test(words[words.length - 1] ?? '') &&
    (PERSONAL_ID_NAME.test(key) || words.some((w) => SECRET_WORD.test(w)))
  );
}

/**
 * Path segments announcing a secret further on: after one of them, a segment that looks like a
 * token is redacted (`/password/reset/<token>`, `/reset/MjM/<token>` (Django), `/email/verify/42/<hash>`
 * (Laravel), `/magic-link/<token>`, `/unsubscribe/<token>`, and their Czech and Russian words:
 * `/obnova-hesla/`, `/overeni/`, `/aktivace/`, `/odhlasit-newsletter/`, `/vosstanovlenie-parolya/`,
 * and `/erecept/<code>` (a Czech e-prescription's code is what the pharmacy asks for).
 */
export const SECRET_SEGMENT =
  /reset|passw|token|verif|confirm|activat|magic|invit|unsubscri|login|signin|auth|recover|hesl|parol|overeni|aktiva|odhlas|erecept/i;

/**
 * Looks like a token: at least 16 letters, digits, `-` or `_`, switching between letters and digits
 * at least three times (random strings do; `ORD-2024-000123456` and `summer-sale-2024` do not).
 */
export const tokenLike = (segment: string): boolean =>
  /^[\w-]{16,}$/.test(segment) && (segment.match(/[a-z](?=\d)|\d(?=[a-z])/gi)?.length ?? 0) >= 3;
