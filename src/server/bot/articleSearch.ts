/**
 * The built-in bot's search over the site's help articles: minisearch (the library the widget's
 * Help uses, src/ui/panel/help/search.ts) with the same fields, weights (title 3, tags 2, the
 * body's text 1) and terms (src/protocol/articleTerms.ts), so the bot and the Help tab find the
 * same articles. Whole words only (no prefix: the bot reads a finished question, not a word being
 * typed); words of 5 letters or more forgive one typo.
 *
 * Each result says how sure it is: `coverage`, the share of the question's words the article
 * contains, and `lead`, how far its score is ahead of the next article's (./articleBot.ts decides
 * with both).
 */
import MiniSearch from 'minisearch';
import type { Article } from '../../protocol/articles';
import { foldTerm, searchTerms, splitWords } from '../../protocol/articleTerms';
import { articleText } from './articleText';

/** The words of a question that can match an article (folded, stop words dropped, each once). */
export function questionTerms(text: string): string[] {
  return [...new Set(searchTerms(text))];
}

export interface ArticleMatch {
  article: Article;
  score: number;
  /** Share of the question's words found in the article (0..1). */
  coverage: number;
  /** This score over the next article's (Infinity when it is the only match). */
  lead: number;
}

export interface ArticleSearch {
  /** The best match for a question, or null when no article shares a word with it. */
  best(question: string): ArticleMatch | null;
  readonly size: number;
}

/** Questions are cut to this many characters before searching (a pasted essay is not a question). */
export const QUESTION_MAX_CHARS = 500;

export function createArticleSearch(articles: readonly Article[]): ArticleSearch {
  const ms = new MiniSearch<{ i: number; title: string; tags: string; text: string }>({
    idField: 'i',
    fields: ['title', 'tags', 'text'],
    tokenize: splitWords,
    processTerm: foldTerm,
    searchOptions: { boost: { title: 3, tags: 2 }, fuzzy: (term) => (term.length >= 5 ? 1 : false), maxFuzzy: 1 },
  });
  ms.addAll(articles.map((a, i) => ({ i, title: a.title, tags: a.tags.join(' '), text: articleText(a.body) })));
  return {
    size: articles.length,
    best(question) {
      const q = question.slice(0, QUESTION_MAX_CHARS);
      const terms = questionTerms(q);
      if (terms.length === 0) return null;
      const results = ms.search(q);
      const top = results[0];
      if (!top) return null;
      const matched = new Set(top.queryTerms);
      const coverage = terms.filter((t) => matched.has(t)).length / terms.length;
      const next = results[1];
      return { article: articles[top.id as number]!, score: top.score, coverage, lead: next ? top.score / next.score : Infinity };
    },
  };
}
