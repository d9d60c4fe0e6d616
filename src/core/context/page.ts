import { TITLE_MAX_LENGTH, URL_MAX_LENGTH, type PageContext } from '../../protocol/context';
import type { PageSource } from '../ports';
import { clip } from './clip';
import type { Redactor } from './redaction/redactor';

/** The current page as the agent sees it: redacted URL, title and referrer, and time on page. */
export function readPage(page: PageSource, redact: Redactor, startedAt: number, now: number): PageContext {
  const href = page.href();
  const referrer = page.referrer();
  return {
    url: clip(redact.url(href), URL_MAX_LENGTH),
    path: clip(redact.path(href), URL_MAX_LENGTH),
    title: clip(redact.text(page.title()), TITLE_MAX_LENGTH),
    referrer: referrer ? clip(redact.url(referrer), URL_MAX_LENGTH) : '',
    language: clip(page.language(), 35),
    startedAt,
    timeOnPageMs: Math.max(0, now - startedAt),
  };
}
