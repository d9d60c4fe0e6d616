/**
 * Redaction: runs in the browser before any URL, title or error text leaves it or is stored.
 * It ships in the main bundle, so it is small, imports nothing and uses no tables beyond two regexes.
 *
 * Rules:
 * 1. Query parameters (and `k=v&...` hashes): a sensitive parameter keeps its name and its non-empty
 *    value becomes `[redacted]`. A name is sensitive when
 *    - it is in `denyParams`, or
 *    - it is not in `allowParams` (deny wins over allow) and one of its words is sensitive. Names are
 *      split into words on camelCase and on anything that is not a letter (`x-api-key` -> x api key,
 *      `accessToken` -> access token, `pin2` -> pin). A word is sensitive when it is exactly one of
 *      pwd pass session sid auth authorization key code otp pin ssn mail tel mobile card cc cvv cvc
 *      iban sig jwt, or starts or ends with token, password, passwd, pwd, secret, apikey, sessionid,
 *      sessid, signature, email, phone (the glued forms: `sessionid`, `phpsessid`, `resettoken`).
 *      Short words match whole only, so `passenger`, `keyword`, `monkey`, `codec`, `sidebar` stay.
 *    - unless its last word says it is about the secret, not the secret: count, type, length, size,
 *      format, status (`session_count`, `token_type`, `card_type` stay).
 *    The list errs towards redacting (`country_code`, `is_mobile` are redacted): sites opt out with
 *    `allowParams`. allow/deny names compare lowercased with `-`, `_`, `.` and spaces ignored.
 *    Every other name and value is percent-decoded (`+` as space) and scrubbed as text; a value that
 *    is itself an http(s) URL is redacted as one.
 * 2. Text scrub: e-mail addresses (also with `%40` for `@`, which covers double-encoded URLs after
 *    one decode) -> `[email]`.
 * 3. 13-19 digits, optionally separated by single spaces or dashes, starting 2-6 (every major card
 *    network; excludes millisecond timestamps, which start with 1) and passing Luhn -> `[card]`.
 * 4. Phones -> `[phone]`: `+` and 7-15 digits, or 9-15 digits in at least two groups separated by
 *    space, dash, dot or parentheses. Not phones: bare digit runs (ids, timestamps), numbers touching
 *    letters (`sku12-345-6789`), IPv4 addresses, one decimal point (`3.14159265358`), a date before a
 *    time (`2024-01-15 10:20`: followed by `:digit`).
 * 5. Hash: `#k=v&...` is treated as parameters; otherwise as path[?query] (hash routers: `#/x?token=`).
 * 6. Path segments are decoded, scrubbed, and re-encoded with encodeURIComponent only if something
 *    changed, keeping `[` `]` literal so `[email]` stays readable (the URL parser leaves them alone).
 *    Changed query values are encoded the same way with spaces as `+`.
 * 7. Never throws. Malformed percent-encoding is decoded where valid and kept raw elsewhere.
 *    Non-http(s) schemes become `scheme:[redacted]` (`javascript:`, `data:`, `mailto:`, `blob:`).
 *    Credentials in the authority (`https://user:pass@host`) are dropped.
 * 8. Anything not redacted is left byte-identical: no URL or URLSearchParams re-serialization.
 *
 * `path()` takes relative input as is (no resolution against a base): `p/x?y` stays relative.
 */

export const REDACTED = '[redacted]';

export interface RedactorOptions {
  allowParams?: string[];
  denyParams?: string[];
}

export interface Redactor {
  /** Absolute URL -> redacted absolute URL (origin kept). Unparseable input -> text(input). */
  url(href: string): string;
  /** Absolute or relative URL -> redacted path + search + hash (no origin), e.g. '/p/shoe?utm_source=x'. */
  path(href: string): string;
  /** Free text (titles, error messages, referrers that are not URLs): scrub e-mails, phones, card numbers. */
  text(s: string): string;
}

const SECRET_WORD =
  /^(?:pwd|pass|session|sid|auth|authorization|key|code|otp|pin|ssn|mail|tel|mobile|card|cc|cvv|cvc|iban|sig|jwt)$|^(?:token|passw(?:or)?d|pwd|secret|apikey|sess(?:ion)?id|signature|email|phone)|(?:token|passw(?:or)?d|pwd|secret|apikey|sess(?:ion)?id|signature|email|phone)$/;
const META_WORD = /^(?:count|type|length|size|format|status)$/;
// Local part capped at 64 (as in RFC 5321) so a long run without an address stays linear.
const EMAIL = /[\w.%+-]{1,64}(?:@|%40)(?:[\w-]{1,63}\.)+[a-z]{2,}/gi;
// A maximal run of digits joined by up to two separator characters; classified in scrubNumber.
const NUMBER_RUN = /\+?\(?\d(?:[ .()-]{0,2}\d)*/g;
// RFC 3986 appendix B, with a scheme only when not followed by a space ("Error: x" is text).
const URL_PARTS = /^(?:([a-z][a-z\d+.-]*:)(?!\s))?(\/\/[^/?#]*)?([^?#]*)(?:\?([^#]*))?(?:#([\s\S]*))?$/i;

/** Luhn checksum over a string of digits. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = digits.length, double = false; i--; double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double && (d *= 2) > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
}

function scrubNumber(run: string, at: number, all: string): string {
  let open = '';
  // "(4111 ...)": the run took the opening parenthesis of surrounding prose, not of an area code.
  if (run[0] === '(' && !run.includes(')')) {
    open = '(';
    run = run.slice(1);
    at++;
  }
  const digits = run.replace(/\D/g, '');
  const n = digits.length;
  // Digits glued to letters or underscores are identifiers (sku12-345-6789, id_4111...); a leading
  // `+` is a delimiter of its own, so `x+15551234567` is still a phone unless a digit precedes it.
  const before = all.charAt(at - 1);
  if (/\w/.test(all.charAt(at + run.length)) || (run[0] === '+' ? /\d/ : /\w/).test(before)) return open + run;
  if (n >= 13 && n <= 19 && /^\d+(?:[ -]\d+)*$/.test(run) && /^[2-6]/.test(digits) && luhnValid(digits))
    return open + '[card]';
  const phone =
    run[0] === '+'
      ? n >= 7 && n <= 15
      : n >= 9 &&
        n <= 15 &&
        /\D/.test(run) &&
        !/^\d+\.\d+$/.test(run) &&
        !/^\d{1,3}(?:\.\d{1,3}){3}$/.test(run) &&
        !/^:\d/.test(all.slice(at + run.length, at + run.length + 2));
  return open + (phone ? '[phone]' : run);
}

/** Scrub e-mails, then card numbers and phones, from free text. */
function scrub(s: string): string {
  return typeof s === 'string' ? s.replace(EMAIL, '[email]').replace(NUMBER_RUN, scrubNumber) : '';
}

/** decodeURIComponent that never throws: undecodable sequences stay as they are. */
function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s.replace(/(?:%[\da-f]{2})+/gi, (m) => {
      try {
        return decodeURIComponent(m);
      } catch {
        return m;
      }
    });
  }
}

function encode(s: string): string {
  try {
    return encodeURIComponent(s).replace(/%5B|%5D/g, decodeURIComponent);
  } catch {
    return REDACTED; // lone surrogate
  }
}

/** Lowercased, separators ignored: `X-Api-Key` and `x_api_key` are the same allow/deny entry. */
const norm = (name: string): string => name.toLowerCase().replace(/[-_.\s]/g, '');
const nameSet = (names?: string[]): Set<string> =>
  new Set((Array.isArray(names) ? names : []).map((n) => norm(String(n))));
const safe = (f: () => string): string => {
  try {
    return f();
  } catch {
    return REDACTED;
  }
};

export function createRedactor(options: RedactorOptions = {}): Redactor {
  const allow = nameSet(options.allowParams);
  const deny = nameSet(options.denyParams);

  const sensitive = (name: string): boolean => {
    const key = norm(name);
    if (deny.has(key)) return true;
    if (allow.has(key)) return false;
    const words = name
      .replace(/([a-z\d])([A-Z])/g, '$1 $2')
      .replace(/([A-Z])([A-Z][a-z])/g, '$1 $2')
      .toLowerCase()
      .split(/[^a-z]+/)
      .filter(Boolean);
    return !META_WORD.test(words[words.length - 1] ?? '') && words.some((w) => SECRET_WORD.test(w));
  };

  /** One raw URL component: returned untouched unless scrubbing its decoded text changed something. */
  const component = (raw: string, query: boolean): string => {
    const text = decode(query ? raw.replace(/\+/g, ' ') : raw);
    const out = /^https?:\/\//i.test(text) ? redact(text, true) : scrub(text);
    if (out === text) return raw;
    const enc = encode(out);
    return query ? enc.replace(/%20/g, '+') : enc;
  };

  const segments = (path: string): string =>
    path
      .split('/')
      .map((seg) => component(seg, false))
      .join('/');

  const params = (query: string): string =>
    query
      .split('&')
      .map((pair) => {
        const i = pair.indexOf('=');
        if (i < 0) return component(pair, true);
        const name = pair.slice(0, i);
        const value = pair.slice(i + 1);
        const hide = value !== '' && sensitive(decode(name.replace(/\+/g, ' ')));
        return component(name, true) + '=' + (hide ? REDACTED : component(value, true));
      })
      .join('&');

  const pathAndQuery = (s: string): string => {
    const i = s.indexOf('?');
    return i < 0 ? segments(s) : segments(s.slice(0, i)) + '?' + params(s.slice(i + 1));
  };

  function redact(href: string, withOrigin: boolean): string {
    // Like the URL parser: tabs and newlines inside are ignored, surrounding whitespace trimmed.
    const s = typeof href === 'string' ? href.replace(/[\t\n\r]/g, '').trim() : '';
    const [, scheme, authority, path = '', query, hash] = URL_PARTS.exec(s) ?? [];
    if (scheme && !/^https?:$/i.test(scheme)) return scheme.toLowerCase() + REDACTED;
    if (withOrigin && !scheme && !authority && !/^[/?#]/.test(s)) return scrub(s);
    let out = withOrigin
      ? (scheme ?? '') + (authority ? authority.replace(/^\/\/[^@]*@/, '//') : '')
      : '';
    out += segments(path);
    if (!withOrigin && !path && (scheme || authority)) out = '/';
    if (query !== undefined) out += '?' + params(query);
    if (hash !== undefined) out += '#' + (/^[^/?#=&]+=/.test(hash) ? params(hash) : pathAndQuery(hash));
    return out;
  }

  return {
    url: (href) => safe(() => redact(href, true)),
    path: (href) => safe(() => redact(href, false)),
    text: (s) => safe(() => scrub(s)),
  };
}
