import type { PageSource } from '../core/ports';

/** The current document, read at the moment core asks. */
export const browserPage: PageSource = {
  href: () => location.href,
  referrer: () => document.referrer,
  title: () => document.title,
  language: () => document.documentElement.lang || '',
  loadedAt: () => (typeof performance !== 'undefined' && performance.timeOrigin) || 0,
};
