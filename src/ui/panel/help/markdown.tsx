/**
 * Articles' markdown subset, rendered into DOM nodes by Preact: never an HTML string, so `<img
 * onerror>` in an article is shown as the text it is. Blocks: paragraphs (blank lines between),
 * `#`/`##`/`###` headings, `-`/`*` and `1.` lists; inline: `**bold**`, `*italic*` or `_italic_`,
 * `` `code` ``, `[text](url)` with http(s) URLs (or site paths starting with `/`, resolved against
 * the page), opened in a new tab like the chat's links. Anything else is text.
 */
import type { ComponentChildren, VNode } from 'preact';
import { safeHref } from '../../../view/links';

type Block = { kind: 'p'; text: string } | { kind: 'h'; level: number; text: string } | { kind: 'ul' | 'ol'; items: string[] };

const HEADING = /^(#{1,3})\s+(.*)$/;
const BULLET = /^[-*]\s+(.*)$/;
const NUMBERED = /^\d{1,3}[.)]\s+(.*)$/;

/** The blocks of a body, in order. Lines of one paragraph are joined with a space. */
export function parseBlocks(body: string): Block[] {
  const blocks: Block[] = [];
  let para: string[] = [];
  let list: { kind: 'ul' | 'ol'; items: string[] } | null = null;
  const flush = () => {
    if (para.length) blocks.push({ kind: 'p', text: para.join(' ') });
    para = [];
    if (list) blocks.push(list);
    list = null;
  };
  for (const raw of body.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) {
      flush();
      continue;
    }
    const h = HEADING.exec(line);
    const b = BULLET.exec(line);
    const n = NUMBERED.exec(line);
    if (h) {
      flush();
      blocks.push({ kind: 'h', level: h[1]!.length, text: h[2]! });
    } else if (b || n) {
      const kind = b ? 'ul' : 'ol';
      if (para.length || (list && list.kind !== kind)) flush();
      list ??= { kind, items: [] };
      list.items.push((b ?? n)![1]!);
    } else if (list && raw.startsWith('  ')) {
      // An indented line continues the list item above it.
      list.items[list.items.length - 1] += ` ${line}`;
    } else {
      if (list) flush();
      para.push(line);
    }
  }
  flush();
  return blocks;
}

// Inline marks, leftmost first: code, link, bold, italic. No lookbehind (Safari before 16.4 would
// refuse the whole chunk): an _italic_ glued to a word (snake_case) is turned back into text below.
const INLINE = /`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)|\*\*([^*]+?)\*\*|\*([^\s*](?:[^*]*[^\s*])?)\*|_([^\s_](?:[^_]*[^\s_])?)_(?![A-Za-z0-9])/g;

/** A link's target: http(s) URLs, and site paths (`/returns`) resolved against the page. */
function linkHref(url: string): string | null {
  if (url.startsWith('/') && !url.startsWith('//')) {
    try {
      return safeHref(new URL(url, location.href).href);
    } catch {
      return null;
    }
  }
  return safeHref(url);
}

/** Inline text as strings and elements. */
export function renderInline(text: string, depth = 0): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m[6] !== undefined && /[A-Za-z0-9]/.test(text[m.index - 1] ?? '')) continue;
    if (m.index > last) out.push(text.slice(last, m.index));
    last = m.index + m[0].length;
    const inner = (s: string) => (depth < 3 ? renderInline(s, depth + 1) : [s]);
    if (m[1] !== undefined) out.push(<code>{m[1]}</code>);
    else if (m[2] !== undefined) {
      const href = linkHref(m[3]!);
      out.push(
        href ? (
          <a href={href} target="_blank" rel="noopener noreferrer nofollow">
            {inner(m[2])}
          </a>
        ) : (
          m[0]
        ),
      );
    } else if (m[4] !== undefined) out.push(<strong>{inner(m[4])}</strong>);
    else out.push(<em>{inner((m[5] ?? m[6])!)}</em>);
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** The article's body as elements (headings start at h4: the article's title is the view's h3). */
export function Markdown({ body }: { body: string }): VNode {
  return (
    <div class="md">
      {parseBlocks(body).map((b, i) => {
        if (b.kind === 'p') return <p key={i}>{renderInline(b.text)}</p>;
        if (b.kind === 'h') return b.level === 3 ? <h5 key={i}>{renderInline(b.text)}</h5> : <h4 key={i}>{renderInline(b.text)}</h4>;
        const items = b.items.map((it, j) => <li key={j}>{renderInline(it)}</li>);
        return b.kind === 'ul' ? <ul key={i}>{items}</ul> : <ol key={i}>{items}</ol>;
      })}
    </div>
  );
}

/** The words of a body without its marks: for the index and the results' previews. */
export function plainText(body: string): string {
  return body
    .replace(/^\s*(#{1,3}|[-*]|\d{1,3}[.)])\s+/gm, '')
    .replace(/\[([^\]]+)\]\([^)\s]+\)/g, '$1')
    .replace(/[*_`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
