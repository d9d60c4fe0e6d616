/**
 * Article search in the browser (minisearch: an inverted index with prefix and fuzzy matching,
 * ~6 KB gzip, in this lazy chunk only). Built in slices (addAllAsync) so 2,000 articles never make
 * one long task; each search is synchronous and fast enough to run on every keystroke
 * (`npm run bench`: 2,000 articles, at most 16 ms per keystroke at 4x CPU).
 *
 * Terms are folded (case, accents, a plural -s) and common words of English and French dropped,
 * so "Refunds?" finds "refund" and "how do I return" looks for "return" only. The last word typed
 * matches as a prefix ("refu" finds "refund"); words of 5 letters or more forgive one typo.
 */
import MiniSearch from 'minisearch';
import type { Article } from '../../../protocol/articles';
import { plainText } from './markdown';

// Words that say nothing about the topic (English and French), dropped from the index and queries.
const STOP = new Set(
  (
    'a an and are as at be but by can could do does for from get got had has have hello hi how i if in into is it its me my no not of on or our please so than that the their them then there these this to up us was we what when where which who why will with would you your ' +
    'au aux avec bonjour ce ces dans de des du elle en est et il ils je la le les leur ma mais me mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous'
  ).split(' '),
);

/** 'Refunds' -> 'refund', 'Échange' -> 'echange', 'the' -> null. */
export function foldTerm(term: string): string | null {
  const t = term.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  if (t.length < 2 || STOP.has(t)) return null;
  return t.length > 3 && t.endsWith('s') && !t.endsWith('ss') ? t.slice(0, -1) : t;
}

export interface ArticleIndex {
  /** The best matches, best first (at most `limit`); [] for a query without a searchable word. */
  search(query: string, limit: number): Article[];
}

/** Indexes `articles` (title, tags and the text of the body), yielding to the page between slices. */
export async function buildIndex(articles: readonly Article[]): Promise<ArticleIndex> {
  const ms = new MiniSearch<{ i: number; title: string; tags: string; text: string }>({
    idField: 'i',
    fields: ['title', 'tags', 'text'],
    processTerm: foldTerm,
    searchOptions: {
      boost: { title: 3, tags: 2 },
      prefix: (_term, i, terms) => i === terms.length - 1,
      fuzzy: (term) => (term.length >= 5 ? 1 : false),
      maxFuzzy: 1,
    },
  });
  await ms.addAllAsync(
    articles.map((a, i) => ({ i, title: a.title, tags: a.tags.join(' '), text: plainText(a.body) })),
    { chunkSize: 50 },
  );
  return {
    search(query, limit) {
      const q = query.trim().slice(0, 200);
      if (!q) return [];
      return ms
        .search(q)
        .slice(0, limit)
        .map((r) => articles[r.id as number]!);
    },
  };
}
