/**
 * Splits message text into plain text and http(s) links, for the panel to render as text nodes
 * and <a> elements it builds itself (never HTML strings). Only `http:` and `https:` URLs become
 * links; punctuation that ends a sentence is left out of the link.
 */
export type Segment = string | { href: string; text: string };

const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const TRAILING = /[.,;:!?'"*_~\]}>]$/;

export function linkify(text: string): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const m of text.matchAll(URL_IN_TEXT)) {
    let url = m[0];
    // "(see https://x.example/a)." -> the link is https://x.example/a
    for (;;) {
      if (TRAILING.test(url)) url = url.slice(0, -1);
      else if (url.endsWith(')') && count(url, '(') < count(url, ')')) url = url.slice(0, -1);
      else break;
    }
    let href: string;
    try {
      const u = new URL(url);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') continue;
      href = u.href;
    } catch {
      continue;
    }
    const start = m.index ?? 0;
    if (start > last) out.push(text.slice(last, start));
    out.push({ href, text: url });
    last = start + url.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

function count(s: string, ch: string): number {
  return s.split(ch).length - 1;
}
