/**
 * The site's articles (boot option `articles`): fetched when it is a URL (resolved against the
 * page, at most ARTICLES_JSON_MAX_BYTES), validated by the one validator the server's bot uses too
 * (src/protocol/articles.ts). Every problem is one readable line for the 'error' event; the valid
 * articles are kept whatever else is wrong.
 */
import { ARTICLES_JSON_MAX_BYTES, validateArticles, type Article } from '../../../protocol/articles';

export interface LoadedArticles {
  articles: Article[];
  /** What to report (`invalid_argument`), or null when all was well. */
  problem: string | null;
}

const where = 'boot({ articles })';

export async function loadArticles(option: unknown, base: string): Promise<LoadedArticles> {
  let input: unknown = option;
  if (typeof option === 'string') {
    let url: URL;
    try {
      url = new URL(option, base);
    } catch {
      return { articles: [], problem: `${where}: ${JSON.stringify(option.slice(0, 200))} is not a URL` };
    }
    if (!/^https?:$/.test(url.protocol)) return { articles: [], problem: `${where}: the URL must be http(s), not ${url.protocol}` };
    try {
      const res = await fetch(url.href, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
      if (!res.ok) return { articles: [], problem: `${where}: ${url.href} answered ${res.status}` };
      const text = await res.text();
      if (text.length > ARTICLES_JSON_MAX_BYTES) return { articles: [], problem: `${where}: ${url.href} is over ${ARTICLES_JSON_MAX_BYTES / 1024 / 1024} MB` };
      input = JSON.parse(text);
    } catch (e) {
      const what = e instanceof SyntaxError ? `is not valid JSON (${e.message})` : `could not be fetched (${String((e as Error)?.message ?? e)})`;
      return { articles: [], problem: `${where}: ${url.href} ${what}` };
    }
  }
  const v = validateArticles(input);
  const problem = v.errors.length
    ? v.articles.length || v.refused
      ? `${where}: ${v.refused} of ${v.refused + v.articles.length} articles left out: ${v.errors.join('; ')}`
      : `${where}: ${v.errors.join('; ')}`
    : null;
  return { articles: v.articles, problem };
}
