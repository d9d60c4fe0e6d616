/**
 * A URL or path that wraps at its own joints: a break opportunity (<wbr>) after each / ? & = #
 * so a long address folds between its parts, never in the middle of a word (issue 17; the CSS
 * beside it says `overflow-wrap: break-word`, which breaks inside a part only when one part alone is
 * wider than the line). Text only: the pieces are rendered as text nodes.
 */
import type { ComponentChildren, JSX } from 'preact';

export function UrlText({ text }: { text: string }): JSX.Element {
  const out: ComponentChildren[] = [];
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    // No lookbehind in a regex literal: Safari before 16.4 would refuse to parse the whole chunk.
    if ('/?&=#'.includes(text[i]!) && i + 1 < text.length) {
      out.push(text.slice(from, i + 1), <wbr key={i} />);
      from = i + 1;
    }
  }
  out.push(text.slice(from));
  return <>{out}</>;
}
