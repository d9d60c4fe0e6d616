/**
 * Article search in the browser (minisearch: an inverted index with prefix and fuzzy matching,
 * ~6 KB gzip, in this lazy chunk only). Built in slices (addAllAsync) so 2,000 articles never make
 * one long task; each search is synchronous; the suggestions run it after the keystroke's frame
 * (`npm run bench:articles`: 2,000 articles, at most 16 ms per keystroke at 4x CPU).
 *
 * Words become terms as the server's bot makes them (src/protocol/articleTerms.ts: case, accents, a
 * plural -s folded, common words of English and French dropped), so "Refunds?" finds "refund" and
 * "how do I return" looks for "return" only. The last word typed matches as a prefix from
 * PREFIX_FROM_CHARS letters ("ref" finds "refund"); words of 5 letters or more forgive one typo when
 * the words as typed find fewer than asked.
 */
import MiniSearch from 'minisearch';
import type { Article } from '../../../protocol/articles';
import { foldTerm, searchTerms, splitWords } from '../../../protocol/articleTerms';
import { plainText } from './markdown';

/**
 * The last word matches as a prefix from this many letters: a 1- or 2-letter prefix matches most
 * of the index ("re": 1,700 of the benchmark's 2,000 articles) for suggestions nobody can use.
 */
export const PREFIX_FROM_CHARS = 3;

export interface ArticleIndex {
  /** The best matches, best first (at most `limit`); [] for a query without a searchable word. */
  search(query: string, limit: number): Article[];
}

/** Indexes `articles` (title, tags and the text of the body), yielding to the page between slices. */
export async function buildIndex(articles: readonly Article[]): Promise<ArticleIndex> {
  const ms = new MiniSearch<{ i: number; title: string; tags: string; text: string }>({
    idField: 'i',
    fields: ['title', 'tags', 'text'],
    tokenize: splitWords,
    processTerm: foldTerm,
    searchOptions: {
      boost: { title: 3, tags: 2 },
      prefix: (term, i, terms) => i === terms.length - 1 && term.length >= PREFIX_FROM_CHARS,
      fuzzy: (term) => (term.length >= 5 ? 1 : false),
      maxFuzzy: 1,
    },
  });
  await ms.addAllAsync(
    articles.map((a, i) => ({ i, title: a.title, tags: a.tags.join(' '), text: plainText(a.body) })),
    { chunkSize: 50 },
  );
  // Most keystrokes leave the terms as they were (a space, punctuation, a stop word being typed):
  // the same terms give the same results, so the last search is kept by its terms.
  let last: { key: string; limit: number; found: Article[] } | null = null;
  return {
    search(query, limit) {
      const q = query.trim().slice(0, 200);
      const key = searchTerms(q).join(' ');
      if (!key) return [];
      if (last?.key === key && last.limit === limit) return last.found;
      // Typos are forgiven only when the words as typed find too little: a fuzzy search walks the
      // index for every near spelling of every long word, several times the cost of the exact one.
      let hits = ms.search(q, { fuzzy: false });
      if (hits.length < limit) hits = ms.search(q);
      const found = hits.slice(0, limit).map((r) => articles[r.id as number]!);
      last = { key, limit, found };
      return found;
    },
  };
}
