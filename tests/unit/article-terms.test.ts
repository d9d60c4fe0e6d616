// One way words become search terms (src/protocol/articleTerms.ts) for the widget's search (the
// Help tab and the suggestions while typing) and the server's built-in bot: both find the same
// articles for the same words, and the widget's per-keystroke search reuses its last answer only
// when the terms are the same.
import { describe, expect, it } from 'vitest';
import { foldTerm, searchTerms, splitWords } from '../../src/protocol/articleTerms';
import { validateArticles, type Article } from '../../src/protocol/articles';
import { createArticleSearch, questionTerms } from '../../src/server/bot/articleSearch';
import { buildIndex } from '../../src/ui/panel/help/search';
import demo from '../../demo/articles.json';

describe('article terms', () => {
  it('folds case, accents and plurals and drops common words of English and French', () => {
    expect(foldTerm('Refunds')).toBe('refund');
    expect(foldTerm('Échange')).toBe('echange');
    expect(foldTerm('class')).toBe('class');
    for (const w of ['the', 'vous', 'thanks', 'okay', 'doesn']) expect(foldTerm(w)).toBeNull();
    expect(splitWords("Doesn't the parka's zip-pull work?")).toEqual(['Doesn', 't', 'the', 'parka', 's', 'zip', 'pull', 'work']);
    expect(searchTerms("Doesn't the parka's zip-pull work? Zip!")).toEqual(['parka', 'zip', 'pull', 'work', 'zip']);
  });

  it('the bot and the widget drop the same words: an acknowledgement finds nothing in either', async () => {
    const { articles } = validateArticles(demo);
    const widget = await buildIndex(articles);
    const bot = createArticleSearch(articles);
    for (const q of ['ok thanks', 'Merci, super', 'yes yeah sure', "that's fine, bye"]) {
      expect(questionTerms(q)).toEqual([]);
      expect(bot.best(q)).toBeNull();
      expect(widget.search(q, 3)).toEqual([]);
    }
    // Whole words: the widget's first suggestion is the bot's best article.
    for (const q of ['How do I get a refund?', 'parka size', 'Where is my delivery', 'warranty on boots']) {
      expect(widget.search(q, 3)[0]?.id, q).toBe(bot.best(q)?.article.id);
    }
  });

  it('the widget answers from its last search only for the same terms, and a 2-letter word is no prefix', async () => {
    const articles: Article[] = [
      { id: 'r', title: 'Returns', body: 'Send it back within 30 days.', tags: ['refund'] },
      { id: 'p', title: 'Parka sizes', body: 'Our parkas run large.', tags: [] },
      { id: 'd', title: 'Delivery', body: 'Parcels leave within two days.', tags: ['shipping'] },
    ];
    const index = await buildIndex(articles);
    const ids = (q: string) => index.search(q, 3).map((a) => a.id);
    expect(ids('how do I return')).toEqual(['r']);
    // A stop word or punctuation typed after it: the same terms, the same answer.
    expect(ids('how do I return my')).toEqual(['r']);
    expect(ids('how do I return my?')).toEqual(['r']);
    // A new word: a new search (its 3-letter prefix finds the parka), and again on the way back.
    expect(ids('how do I return my park').sort()).toEqual(['p', 'r']);
    expect(ids('how do I return')).toEqual(['r']);
    // "sh" is not yet a prefix (no suggestion for it); "shi" is.
    expect(ids('sh')).toEqual([]);
    expect(ids('shi')).toEqual(['d']);
  });
});
