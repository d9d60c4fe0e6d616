/**
 * Splits message text into plain runs and http(s) links, for rendering as text nodes and <a>
 * elements (never HTML). Anything that is not an absolute http: or https: URL stays text.
 */
export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

const URL_RE = /\bhttps?:\/\/[^\s<>"'`\u0000-\u001f\u007f]+/gi;
/** Punctuation that ends a sentence rather than the URL ("see https://x.test/a." -> no final dot). */
const TRAILING = /[.,;:!?'"”’»]+$/;

function trimUrl(raw: string): string {
  let url = raw.replace(TRAILING, '');
  // A closing bracket belongs to the URL only when it has an opening one inside it (wiki-style paths).
  for (const [open, close] of [['(', ')'], ['[', ']'], ['{', '}']] as const) {
    while (url.endsWith(close) && url.split(open).length < url.split(close).length) {
      url = url.slice(0, -1).replace(TRAILING, '');
    }
  }
  return url;
}

/** A safe href for `candidate`, or null when it is not an http(s) URL with a host. */
export function safeHref(candidate: string): string | null {
  try {
    const u = new URL(candidate);
    if ((u.protocol !== 'http:' && u.protocol !== 'https:') || !u.hostname) return null;
    return u.href;
  } catch {
    return null;
  }
}

export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const m of text.matchAll(URL_RE)) {
    const start = m.index ?? 0;
    const raw = trimUrl(m[0]);
    const href = safeHref(raw);
    if (!href) continue;
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) });
    parts.push({ kind: 'link', text: raw, href });
    last = start + raw.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}
