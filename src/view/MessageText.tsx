/**
 * A message's text as the visitor's panel and the agent's console both show it: text nodes, and
 * http(s) links (./links.ts) opening in a new tab without handing the page to the target. Never
 * HTML. Memoized on the text, so a row that renders again does not parse its text again.
 */
import { parseLinks } from './links';
import { memo } from './memo';

export const MessageText = memo(function MessageText({ text }: { text: string }) {
  return (
    <>
      {parseLinks(text).map((p, i) =>
        p.kind === 'link' ? (
          <a key={i} href={p.href} target="_blank" rel="noopener noreferrer nofollow">
            {p.text}
          </a>
        ) : (
          p.text
        ),
      )}
    </>
  );
});
