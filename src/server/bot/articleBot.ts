/**
 * The built-in bot: answers from the site's help articles (the same file the widget's Help
 * searches, validated by the same validateArticles) when it is confident, and otherwise hands the
 * conversation to a person ("An agent is coming").
 *
 * Confident means both (measured on tests/fixtures/bot-questions.json, 56 questions a visitor of
 * the demo store might ask, labelled with the articles that answer them or none; the test
 * tests/unit/article-bot.test.ts keeps the figures true):
 * - COVERAGE_MIN: at least 60% of the question's words (stop words dropped) are in the article.
 *   At 50% the bot answered "Is the Summit Trail Runner good for marathons on the road?" with the
 *   shoe size guide (the product's name is in it, the question is not); at 60% it gives no wrong
 *   answer and still answers 32 of the 37 questions an article answers (86%).
 * - LEAD_MIN: its score is at least 1.3 times the next article's. Below 1.1, "Where is my order?"
 *   (one word, "order", in many articles) got the cancel-an-order article; anything from 1.1 to
 *   1.5 gives the same results on the set, 1.3 is the middle of that range.
 * A wrong answer costs more than a handover (the visitor explains again, to a person who then
 * reads a wrong answer), so the thresholds favour handing over.
 *
 * A message without a searchable word ("hi", "ok", "thanks") is not a question: the first one gets
 * "What can I help you with?", later ones nothing. The reply quotes the article's opening and
 * links it, and always ends with the way to a person.
 */
import { validateArticles, type Article } from '../../protocol/articles';
import { articleExcerpt } from './articleText';
import { createArticleSearch, questionTerms } from './articleSearch';
import type { BotHook } from './hook';
import { botStrings } from './strings';

export const COVERAGE_MIN = 0.6;
export const LEAD_MIN = 1.3;

export interface ArticleBotOptions {
  /** The articles (parsed JSON: `{ articles: [...] }` or an array), validated like the widget's. */
  articles: unknown;
  /** Told about articles left out (invalid), once. Default: a warning on the console. */
  onInvalid?(errors: string[], refused: number): void;
}

export interface ArticleBot extends BotHook {
  /** The articles it answers from (the valid ones). */
  readonly articles: readonly Article[];
}

/** The built-in bot as a hook for createEmbeddedServer({ bot }) or createTwilioChatHandler({ bot }). */
export function articleBot(options: ArticleBotOptions): ArticleBot {
  const { articles, errors, refused } = validateArticles(options.articles);
  if (refused > 0 || errors.length > 0) {
    (options.onInvalid ?? ((e, n) => console.warn(`[baton] articleBot: ${n} article(s) left out: ${e.join('; ')}`)))(errors, refused);
  }
  const search = createArticleSearch(articles);
  const hook: BotHook = ({ message, context, conversation }) => {
    const t = botStrings(context);
    if (questionTerms(message.text).length === 0) {
      return conversation.botReplies === 0 ? { reply: t.greeting } : null;
    }
    const match = search.best(message.text);
    if (!match || match.coverage < COVERAGE_MIN || match.lead < LEAD_MIN) return { handover: true, reply: t.unsure };
    const { article } = match;
    const lines = [t.articleIntro(article.title), articleExcerpt(article.body)];
    if (article.url) lines.push(`${t.readMore} ${article.url}`);
    lines.push(t.stillNeedHelp);
    return { reply: lines.filter(Boolean).join('\n\n') };
  };
  return Object.assign(hook, { articles });
}
