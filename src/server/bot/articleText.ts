/**
 * Plain text from an article's markdown subset (docs/articles.md): what the bot searches and quotes.
 * Messages are plain text on both sides (links are found by the one link parser, src/view/links.ts),
 * so the marks go and link texts stay.
 */

/** The body without its marks: headings, list markers, **bold**, *italic*, `code`, [text](url) -> text. */
export function articleText(body: string): string {
  return body
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}#{1,3}\s+/gm, '')
    .replace(/^\s*(?:[-*]|\d+\.)\s+/gm, '')
    .replace(/(\*\*|__|\*|`)/g, '')
    .replace(/(^|\s)_([^_\s][^_]*)_(?=\s|[.,;:!?]|$)/g, '$1$2');
}

/**
 * The article's opening, for a chat message: its first paragraph (headings skipped), cut at a
 * sentence end within `max` characters (or at a word, with an ellipsis).
 */
export function articleExcerpt(body: string, max = 320): string {
  const paragraphs = body.split(/\n\s*\n/).filter((p) => !/^\s{0,3}#/.test(p) && p.trim());
  const first = articleText(paragraphs[0] ?? '').replace(/\s+/g, ' ').trim();
  if (first.length <= max) return first;
  const cut = first.slice(0, max);
  const sentence = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('! '), cut.lastIndexOf('? '));
  if (sentence > max / 3) return cut.slice(0, sentence + 1);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 0 ? cut.lastIndexOf(' ') : max).trimEnd()}…`;
}
