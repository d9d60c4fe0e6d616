/**
 * The one link parser of Baton's two browser UIs (the widget's panel and the agent console): splits
 * message text into plain runs and http(s) links, for rendering as text nodes and <a> elements
 * (never HTML). Anything that is not an absolute http: or https: URL with a host stays text.
 *
 * Linear time in the text's length, whatever the text: every character is looked at a bounded
 * number of times (the old trimming re-counted brackets for every character it dropped, so
 * `https://x.test/` followed by 3,980 `)` froze the console for seconds). A candidate longer than
 * URL_MAX_CHARS stays text, so `new URL()` never sees more than that. The work is counted when a
 * LinkWork is passed (tests assert it; `npm run bench:links` shows the time).
 */
export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

/** Longer "URLs" stay text: 2,048 characters, what browsers, CDNs and search engines reliably keep. */
export const URL_MAX_CHARS = 2048;

/** Where a link may start: http:// or https:// not glued to a word before it ("xhttps://" is not one). */
const START = /\bhttps?:\/\//gi;
/** What a URL runs over: no space, no control character, none of the characters that quote or end it in prose. */
const RUN = /[^\s<>"'`\u0000-\u001f\u007f]*/y;
/** Punctuation that ends a sentence rather than the URL ("see https://x.test/a." -> no final dot). */
const TRAILING = new Set(['.', ',', ';', ':', '!', '?', '*', '_', '~', '”', '’', '»']);
/** A closing bracket belongs to the URL only when the URL opened one (wiki-style paths: /Foo_(bar)). */
const CLOSES: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

/** After the scheme, what cannot start a host: nothing, a path, a query, a fragment, a port, user info. */
const NO_HOST = /^https?:\/\/(?:$|[/?#:@\\])/i;

/** A safe href for `candidate`, or null when it is not an http(s) URL with a host (or is too long). */
export function safeHref(candidate: string): string | null {
  // Cheap refusals first: a text full of "https://" must not cost an exception each.
  if (candidate.length > URL_MAX_CHARS || NO_HOST.test(candidate)) return null;
  if (typeof URL.canParse === 'function' && !URL.canParse(candidate)) return null;
  try {
    const u = new URL(candidate);
    if ((u.protocol !== 'http:' && u.protocol !== 'https:') || !u.hostname) return null;
    return u.href;
  } catch {
    return null;
  }
}

/** The length of the URL at the start of `run` once sentence punctuation and unopened brackets are cut off. */
function trimmedLength(run: string, work: LinkWork): number {
  // One pass to count brackets, then one pass back from the end: O(run) in all.
  const open: Record<string, number> = { '(': 0, '[': 0, '{': 0 };
  const close: Record<string, number> = { ')': 0, ']': 0, '}': 0 };
  let steps = 0;
  for (let i = 0; i < run.length; i++) {
    steps++;
    const ch = run[i]!;
    if (ch in open) open[ch]!++;
    else if (ch in close) close[ch]!++;
  }
  let end = run.length;
  while (end > 0) {
    steps++;
    const ch = run[end - 1]!;
    if (TRAILING.has(ch)) end--;
    else if (ch in CLOSES && open[CLOSES[ch]!]! < close[ch]!) {
      close[ch]!--;
      end--;
    } else break;
  }
  work.steps += steps;
  return end;
}

/**
 * The work a parse did, in characters looked at: every character the searches scan, every
 * iteration of the trimming loops, every character handed to the URL parser. Tests pass one to
 * prove linear work without a clock (`steps` stays within a small multiple of the text's length,
 * whatever the text); the UIs never do.
 */
export interface LinkWork {
  steps: number;
}

export function parseLinks(text: string, work: LinkWork = { steps: 0 }): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  const start = new RegExp(START.source, START.flags);
  const run = new RegExp(RUN.source, RUN.flags);
  for (let from = 0, m = start.exec(text); ; m = start.exec(text)) {
    // The search for a start looked at everything from where it began to the end of what it found.
    work.steps += (m ? m.index + m[0].length : text.length) - from;
    if (!m) break;
    const at = m.index;
    run.lastIndex = at;
    const whole = run.exec(text)![0];
    work.steps += whole.length + 1;
    // Whatever happens to this candidate, the search goes on after it: no character is scanned twice.
    from = start.lastIndex = at + Math.max(whole.length, 1);
    const url = whole.slice(0, trimmedLength(whole, work));
    work.steps += Math.min(url.length, URL_MAX_CHARS);
    const href = safeHref(url);
    if (!href) continue;
    if (at > last) parts.push({ kind: 'text', text: text.slice(last, at) });
    parts.push({ kind: 'link', text: url, href });
    last = at + url.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}
