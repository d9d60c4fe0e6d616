/**
 * The built-in bot's search over the site's help articles: minisearch (the library the widget's
 * Help uses, src/ui/panel/help/search.ts) with the same fields and weights (title 3, tags 2, the
 * body's text 1), so the bot and the Help tab find the same articles. Whole words only (no prefix:
 * the bot reads a finished question, not a word being typed); words of 5 letters or more forgive
 * one typo.
 *
 * Each result says how sure it is: `coverage`, the share of the question's words the article
 * contains, and `lead`, how far its score is ahead of the next article's (./articleBot.ts decides
 * with both).
 */
import MiniSearch from 'minisearch';
import type { Article } from '../../protocol/articles';
import { articleText } from './articleText';

// Words that say nothing about the topic (English and French), dropped from the index and questions.
// The same idea as the widget's foldTerm (the server may not import UI code): keep the two in step.
const STOP = new Set(
  (
    'a an and are as at be but by can could do does did for from get got had has have hello hey hi how i if in into is it its just me my need no not of on or our please so some than thanks thank that the their them then there these this to up us want was we what when where which who why will with would you your ' +
    // acknowledgements: a message made only of these is not a question
    'ok okay yes yeah yep sure great cool fine bye goodbye merci oui ouais daccord super ' +
    // what is left of English contractions once split at the apostrophe ("doesn't" -> "doesn")
    'aren couldn didn doesn don hasn haven isn ll re shouldn ve wasn weren won wouldn ' +
    'au aux avec bonjour ce ces comment dans de des du elle en est et il ils je la le les leur ma mais me mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous'
  ).split(' '),
);

/** 'Refunds' -> 'refund', 'Échange' -> 'echange', 'the' -> null. */
export function foldTerm(term: string): string | null {
  const t = term.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  if (t.length < 2 || STOP.has(t)) return null;
  return t.length > 3 && t.endsWith('s') && !t.endsWith('ss') ? t.slice(0, -1) : t;
}

/** The words of a question that can match an article (folded, stop words dropped, each once). */
export function questionTerms(text: string): string[] {
  const out = new Set<string>();
  for (const word of text.split(/[^\p{L}\p{N}]+/u)) {
    const t = word ? foldTerm(word) : null;
    if (t) out.add(t);
  }
  return [...out];
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
