import { CAMPAIGN_PARAMS } from '../campaign';
import { mayBeToken, mayHoldValue } from './candidates';

/**
 * Redaction: runs in the browser before any URL, title or error text leaves it or is stored.
 * This file is the part that runs at record time, in the pre-interaction bundle: the structure of
 * URLs, nested URLs, `allowParams`/`denyParams`, and cheap gates (./candidates.ts). The checks
 * themselves (which names are sensitive, which path segments are tokens, e-mails, cards, phones,
 * national ids, IBANs, tokens: ./values.ts) are a chunk of their own. Until it is handed over with
 * `useValues`, whatever they would have to decide is redacted whole (every parameter value but the
 * campaign's, a text or segment a gate stops) and `onPending` is called: nothing unredacted is ever
 * produced, and docs/context.md#redaction says how the engine then refines.
 *
 * Rules:
 * 1. Query parameters (and `k=v&...` hashes): a sensitive parameter keeps its name and its non-empty
 *    value becomes `[redacted]`. A name is sensitive when it is in `denyParams`, or when it is not in
 *    `allowParams` (deny wins over allow) and ./paramNames.ts says so. allow/deny names compare
 *    lowercased with `-`, `_`, `.` and spaces ignored.
 *    Every other name and value is percent-decoded (`+` as space) and scrubbed as text.
 * 2. A value that is itself a URL (absolute, protocol-relative, a path, or relative with a query:
 *    `redirect`, `next`, `returnUrl`, `continue`, `RelayState`...) is redacted as one, also when it
 *    is percent-encoded once more (double-encoded redirects), recursively; deeper than
 *    NESTED_URL_MAX_DEPTH it is redacted whole.
 * 3. Path segments are decoded, scrubbed, and re-encoded with encodeURIComponent only if something
 *    changed, keeping `[` `]` literal so `[email]` stays readable (the URL parser leaves them
 *    alone). Changed query values are encoded the same way with spaces as `+`. After a segment
 *    announcing a secret (`reset`, `verify`, `magic`...), a segment that looks like a token is
 *    redacted (./paramNames.ts).
 * 4. Hash: `#k=v&...` is treated as parameters; otherwise as path[?query] (hash routers: `#/x?token=`).
 * 5. Never throws. Malformed percent-encoding is decoded where valid and kept raw elsewhere.
 *    Non-http(s) schemes become `scheme:[redacted]` (`javascript:`, `data:`, `mailto:`, `blob:`).
 *    Credentials in the authority (`https://user:pass@host`) are dropped.
 * 6. Anything not redacted is left byte-identical: no URL or URLSearchParams re-serialization.
 *
 * `path()` takes relative input as is (no resolution against a base): `p/x?y` stays relative.
 */

export const REDACTED = '[redacted]';
/** A redirect inside a redirect inside...: deeper than this, the nested URL is redacted whole. */
export const NESTED_URL_MAX_DEPTH = 4;

export interface RedactorOptions {
  allowParams?: string[];
  denyParams?: string[];
}

/** The checks of the lazy chunk: `valueChecks` from ./values.ts. */
export interface ValueChecks {
  /** Free text with e-mails, cards, phones, national ids, IBANs and tokens redacted. */
  text(text: string): string;
  /** Whether a parameter's value is redacted by its name; `key` is `normName(name)`. */
  name(name: string, key: string): boolean;
  /** Whether a path segment announces a secret in a later one (`reset`, `verify`...). */
  announcesSecret(segment: string): boolean;
  /** Whether a path segment after such an announcement is a token. */
  token(segment: string): boolean;
}

export interface Redactor {
  /** Absolute URL -> redacted absolute URL (origin kept). Unparseable input -> text(input). */
  url(href: string): string;
  /** Absolute or relative URL -> redacted path + search + hash (no origin), e.g. '/p/shoe?utm_source=x'. */
  path(href: string): string;
  /** Free text (titles, error messages, referrers that are not URLs). */
  text(s: string): string;
  /**
   * Hands over the checks: from now on nothing is redacted whole for want of them. False when
   * they were already in use.
   */
  useValues(checks: ValueChecks): boolean;
}

// RFC 3986 appendix B, with a scheme only when not followed by a space ("Error: x" is text).
const URL_PARTS = /^(?:([a-z][a-z\d+.-]*:)(?!\s))?(\/\/[^/?#]*)?([^?#]*)(?:\?([^#]*))?(?:#([\s\S]*))?$/i;
// A URL inside a value: absolute or protocol-relative, a path, or relative with a query.
const NESTED_URL = /^(?:(?:https?:)?\/\/|\/)|^[^\s?#]*\?[^\s=&]+=/i;
const WITH_AUTHORITY = /^(?:https?:)?\/\//i;

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
export const normName = (name: string): string => name.toLowerCase().replace(/[-_.\s]/g, '');
const nameSet = (names?: string[]): Set<string> =>
  new Set((Array.isArray(names) ? names : []).map((n) => normName(String(n))));
const safe = (f: () => string): string => {
  try {
    return f();
  } catch {
    return REDACTED;
  }
};

export function createRedactor(options: RedactorOptions = {}, onPending?: () => void): Redactor {
  const allow = nameSet(options.allowParams);
  const deny = nameSet(options.denyParams);
  let checks: ValueChecks | undefined;
  /** Redacted whole for want of the checks: ask for them. */
  const pending = (): true => (onPending?.(), true);

  const sensitive = (name: string): boolean => {
    const key = normName(name);
    if (deny.has(key)) return true;
    if (allow.has(key)) return false;
    return checks ? checks.name(name, key) : !CAMPAIGN_PARAMS.includes(name) && pending();
  };

  const scrub = (text: string): string =>
    !mayHoldValue(text) ? text : checks ? checks.text(text) : pending() && REDACTED;

  /** A decoded value: a nested URL (maybe encoded once more) is redacted as one, anything else scrubbed. */
  const value = (text: string, depth: number): string =>
    NESTED_URL.test(text)
      ? depth < NESTED_URL_MAX_DEPTH ? redact(text, WITH_AUTHORITY.test(text), depth + 1) : REDACTED
      : /%[\da-f]{2}/i.test(text) && NESTED_URL.test(decode(text))
        ? depth < NESTED_URL_MAX_DEPTH ? component(text, true, depth + 1) : REDACTED
        : scrub(text);

  /** One raw URL component: returned untouched unless redacting its decoded text changed something. */
  const component = (raw: string, query: boolean, depth: number): string => {
    const text = decode(query ? raw.replace(/\+/g, ' ') : raw);
    const out = value(text, depth);
    if (out === text) return raw;
    const enc = encode(out);
    return query ? enc.replace(/%20/g, '+') : enc;
  };

  const segments = (path: string, depth: number): string => {
    let secret = false;
    return path
      .split('/')
      .map((seg) => {
        const out = (checks ? secret && checks.token(seg) : mayBeToken(seg) && pending()) ? REDACTED : component(seg, false, depth);
        secret ||= !!checks?.announcesSecret(seg);
        return out;
      })
      .join('/');
  };

  const params = (query: string, depth: number): string =>
    query
      .split('&')
      .map((pair) => {
        const i = pair.indexOf('=');
        if (i < 0) return component(pair, true, depth);
        const name = pair.slice(0, i);
        const val = pair.slice(i + 1);
        const hide = val !== '' && sensitive(decode(name.replace(/\+/g, ' ')));
        return component(name, true, depth) + '=' + (hide ? REDACTED : component(val, true, depth));
      })
      .join('&');

  const pathAndQuery = (s: string, depth: number): string => {
    const i = s.indexOf('?');
    return i < 0 ? segments(s, depth) : segments(s.slice(0, i), depth) + '?' + params(s.slice(i + 1), depth);
  };

  function redact(href: string, withOrigin: boolean, depth: number): string {
    // Like the URL parser: tabs and newlines inside are ignored, surrounding whitespace trimmed.
    const s = typeof href === 'string' ? href.replace(/[\t\n\r]/g, '').trim() : '';
    const [, scheme, authority, path = '', query, hash] = URL_PARTS.exec(s) ?? [];
    if (scheme && !/^https?:$/i.test(scheme)) return scheme.toLowerCase() + REDACTED;
    if (withOrigin && !scheme && !authority && !/^[/?#]/.test(s)) return scrub(s);
    let out = withOrigin
      ? (scheme ?? '') + (authority ? authority.replace(/^\/\/[^@]*@/, '//') : '')
      : '';
    out += segments(path, depth);
    if (!withOrigin && !path && (scheme || authority)) out = '/';
    if (query !== undefined) out += '?' + params(query, depth);
    if (hash !== undefined) out += '#' + (/^[^/?#=&]+=/.test(hash) ? params(hash, depth) : pathAndQuery(hash, depth));
    return out;
  }

  return {
    url: (href) => safe(() => redact(href, true, 0)),
    path: (href) => safe(() => redact(href, false, 0)),
    text: (s) => safe(() => (typeof s === 'string' ? scrub(s) : '')),
    useValues: (c) => !checks && !!(checks = c),
  };
}
