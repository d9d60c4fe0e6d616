import { TITLE_MAX_LENGTH, URL_MAX_LENGTH, type PageContext } from '../../protocol/context';
import { clip } from './clip';
import type { Redactor } from './redaction';

/** The current page as the agent sees it: redacted URL, title and referrer, and time on page. */
export function readPage(redact: Redactor, startedAt: number, now: number): PageContext {
  const href = location.href;
  return {
    url: clip(redact.url(href), URL_MAX_LENGTH),
    path: clip(redact.path(href), URL_MAX_LENGTH),
    title: clip(redact.text(document.title), TITLE_MAX_LENGTH),
    referrer: document.referrer ? clip(redact.url(document.referrer), URL_MAX_LENGTH) : '',
    language: clip(document.documentElement.lang || '', 35),
    startedAt,
    timeOnPageMs: Math.max(0, now - startedAt),
  };
}
