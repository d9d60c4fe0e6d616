/**
 * Help articles in the panel (a lazy chunk of its own, imported only when the site boots with
 * `articles`): loading and validating them (./load.ts), the search (./search.ts, minisearch), the
 * Help view (search and results), the article view (./markdown.tsx, ending with "That helped" /
 * "I still need help"), the suggestions above the message box, and what the visitor read, for the
 * context the agent sees (`selfService`). Sites without articles load none of it.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Article } from '../../../protocol/articles';
import { SELF_SERVICE_MAX, SELF_SERVICE_TITLE_MAX, type SelfServiceArticle } from '../../../protocol/context';
import type { BatonSession } from '../../../core/session';
import { safeHref } from '../../../view/links';
import { addStyles } from '../../styles';
import { loadArticles } from './load';
import { Markdown, plainText } from './markdown';
import { buildIndex } from './search';
import type { Text } from '../text';

type HelpText = Text['help'];

/** Suggestions appear above the message box from this many characters typed. */
export const SUGGEST_FROM_CHARS = 3;
export const SUGGESTIONS_MAX = 3;
/** The Help view lists this many results (or popular articles when nothing is typed). */
export const RESULTS_MAX = 10;

export interface Help {
  t: HelpText;
  articles: readonly Article[];
  search(query: string, limit: number): Article[];
  /** The visitor opened an article / answered "That helped" (true) or "I still need help" (false). */
  opened(a: Article): void;
  answered(a: Article, helped: boolean): void;
  HelpView: typeof HelpView;
  ArticleView: typeof ArticleView;
  Suggestions: typeof Suggestions;
}

/**
 * Loads, checks and indexes the site's articles; a bad option or article is reported with the
 * 'error' event (`invalid_argument`) and left out. Resolves null when no article is usable.
 */
export async function createHelp(session: BatonSession, all: Text, root: ShadowRoot | Document): Promise<Help | null> {
  const { articles, problem } = await loadArticles(session.options.translations?.[all.lang]?.articles ?? session.options.articles, location.href);
  if (problem) session.reportError({ code: 'invalid_argument', message: problem });
  if (!articles.length) return null;
  const index = await buildIndex(articles);
  addStyles(root, HELP_CSS, session.options.nonce);
  const record = selfServiceRecorder(session);
  return { t: all.help, articles, search: index.search, ...record, HelpView, ArticleView, Suggestions };
}

/**
 * What the visitor read, as the context's `selfService` (the latest SELF_SERVICE_MAX articles):
 * opening an article adds it (keeping an earlier answer), answering sets `helped`.
 */
export function selfServiceRecorder(session: BatonSession, now: () => number = Date.now): Pick<Help, 'opened' | 'answered'> {
  let read: SelfServiceArticle[] = [];
  const put = (a: Article, helped: boolean | null) => {
    const title = a.title.length > SELF_SERVICE_TITLE_MAX ? `${a.title.slice(0, SELF_SERVICE_TITLE_MAX - 1)}…` : a.title;
    read = [...read.filter((r) => r.id !== a.id), { id: a.id, title, helped, at: now() }].slice(-SELF_SERVICE_MAX);
    session.setPart?.('selfService', { articles: read });
  };
  return {
    opened: (a) => put(a, read.find((r) => r.id === a.id)?.helped ?? null),
    answered: (a, helped) => put(a, helped),
  };
}

/** A result line: the title, and the start of the text. */
function ArticleLink({ a, onOpen }: { a: Article; onOpen: (a: Article, from: string) => void }) {
  const preview = useMemo(() => plainText(a.body).slice(0, 110), [a]);
  return (
    <li>
      <button type="button" class="al" data-nav={`a:${a.id}`} data-article={a.id} onClick={() => onOpen(a, `a:${a.id}`)}>
        <span class="t">{a.title}</span>
        {preview && <span class="pa">{preview.length === 110 ? `${preview}…` : preview}</span>}
      </button>
    </li>
  );
}

export interface HelpViewProps {
  help: Help;
  query: string;
  setQuery: (q: string) => void;
  onOpen: (a: Article, from: string) => void;
  /** Nothing matched: "Ask us instead" starts the conversation. */
  onAsk: () => void;
}

/** Search and results (the popular articles, first in the site's list, when nothing is typed). */
function HelpView({ help, query, setQuery, onOpen, onAsk }: HelpViewProps) {
  const { t } = help;
  const q = query.trim();
  const results = useMemo(() => (q ? help.search(q, RESULTS_MAX) : help.articles.slice(0, RESULTS_MAX)), [help, q]);
  return (
    <section aria-labelledby="baton-help-h">
      <form role="search" onSubmit={(e) => e.preventDefault()}>
        <label for="baton-help-q" class="sr">
          {t.searchLabel}
        </label>
        <input
          id="baton-help-q"
          type="search"
          class="hs"
          value={query}
          placeholder={t.searchPlaceholder}
          autocomplete="off"
          enterkeyhint="search"
          maxLength={200}
          data-focus
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
      </form>
      <h3 id="baton-help-h" class="hh" aria-live="polite">
        {q ? (results.length ? t.results({ n: results.length, q }) : t.noResults({ q })) : t.popular}
      </h3>
      {results.length > 0 ? (
        <ul class="arts" data-testid="help-results">
          {results.map((a) => (
            <ArticleLink key={a.id} a={a} onOpen={onOpen} />
          ))}
        </ul>
      ) : (
        <button type="button" class="btn2 wide" data-nav="ask" onClick={onAsk}>
          {t.noMatchAsk}
        </button>
      )}
    </section>
  );
}

export interface ArticleViewProps {
  help: Help;
  article: Article;
  /** "That helped": the panel tells the server when no conversation is open (a conversation avoided). */
  onHelped: (a: Article) => void;
  /** "I still need help": on to the conversation. */
  onNeedHelp: (a: Article) => void;
}

/** One article, read inline, ending with the visitor's answer. */
function ArticleView({ help, article, onHelped, onNeedHelp }: ArticleViewProps) {
  const { t } = help;
  const [helped, setHelped] = useState(false);
  const thanks = useRef<HTMLParagraphElement>(null);
  // The buttons the visitor pressed go away: focus moves to the answer, which is read out.
  useLayoutEffect(() => {
    if (helped) thanks.current?.focus();
  }, [helped]);
  const site = article.url ? safeHref(article.url) : null;
  return (
    <article class="art" aria-labelledby="baton-art-h" data-article={article.id}>
      <h3 id="baton-art-h" tabIndex={-1} data-focus>
        {article.title}
      </h3>
      <Markdown body={article.body} />
      {site && (
        <p>
          <a href={site} target="_blank" rel="noopener noreferrer nofollow">
            {t.openOnSite}
          </a>
        </p>
      )}
      <div class="card fb" role="group" aria-labelledby="baton-fb-q">
        {helped ? (
          <p class="st" role="status" tabIndex={-1} ref={thanks}>
            {t.thanks}
          </p>
        ) : (
          <p id="baton-fb-q">{t.askHelped}</p>
        )}
        <div class="row">
          {!helped && (
            <button
              type="button"
              class="btn"
              data-testid="article-helped"
              onClick={() => {
                help.answered(article, true);
                onHelped(article);
                setHelped(true);
              }}
            >
              {t.helped}
            </button>
          )}
          <button
            type="button"
            class="btn2"
            data-testid="article-need-help"
            onClick={() => {
              help.answered(article, false);
              onNeedHelp(article);
            }}
          >
            {t.needHelp}
          </button>
        </div>
      </div>
    </article>
  );
}

export interface SuggestionsProps {
  help: Help;
  /** What the visitor is typing. */
  draft: string;
  onOpen: (a: Article, from: string) => void;
}

/**
 * Up to SUGGESTIONS_MAX articles above the message box, from SUGGEST_FROM_CHARS characters typed.
 * The search runs in a task of its own after the keystroke's frame is painted (an effect), for the
 * latest text only: the typed character never waits for the search, as React's useDeferredValue
 * would do it (`npm run bench:articles` measures both tasks).
 */
function Suggestions({ help, draft, onOpen }: SuggestionsProps) {
  const typed = draft.trim();
  const [q, setQ] = useState(typed);
  // Preact runs effects after the frame is painted (requestAnimationFrame, then a task of their own).
  useEffect(() => setQ(typed), [typed]);
  // Nothing typed any more (sent, cleared): no suggestion left behind for a frame.
  const shown = typed.length < SUGGEST_FROM_CHARS ? '' : q;
  const found = useMemo(() => (shown.length >= SUGGEST_FROM_CHARS ? help.search(shown, SUGGESTIONS_MAX) : []), [help, shown]);
  return (
    <div class="sug" data-testid="suggestions">
      {found.length > 0 && (
        <>
          <p class="sgh" id="baton-sug-h">
            {help.t.suggested}
          </p>
          <ul aria-labelledby="baton-sug-h">
            {found.map((a) => (
              <li key={a.id}>
                <button type="button" class="sg" data-nav={`s:${a.id}`} data-article={a.id} onClick={() => onOpen(a, `s:${a.id}`)}>
                  {a.title}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {/* Said once when suggestions appear or their number changes, not on every keystroke. */}
      <p class="sr" aria-live="polite">
        {found.length ? help.t.suggestedCount({ n: found.length }) : ''}
      </p>
    </div>
  );
}

// Colours on white >= 4.5:1 (#1a1a1a, #4a4a4a); focus rings from the launcher's sheet.
const HELP_CSS = `.hs{margin:0 0 4px}\
.hh{margin:18px 0 4px;font-size:13px;font-weight:600;letter-spacing:.03em;text-transform:uppercase;color:#4a4a4a}\
.arts li{display:block;padding:0;border-bottom:1px solid #ececec}\
.al{display:flex;flex-direction:column;gap:2px;width:100%;padding:12px 4px;border:0;background:none;text-align:left;color:#1a1a1a;cursor:pointer}\
.al:hover{background:#f3f4f6}\
.art h3{font-size:20px;margin:0 0 12px}\
.md{overflow-wrap:anywhere}\
.md h4{margin:18px 0 6px;font-size:16px;text-transform:none;letter-spacing:0;color:#1a1a1a}\
.md h5{margin:14px 0 4px;font-size:15px}\
.md ul,.md ol{margin:0 0 12px;padding-inline-start:22px}\
.md ul{list-style:disc}\
.md ol{list-style:decimal}\
.md li{display:list-item;padding:2px 0;border:0}\
.md code{padding:1px 4px;border-radius:4px;background:#eef0f3;font:14px ui-monospace,Menlo,Consolas,monospace}\
.art a{color:#1d4ed8}\
.fb{margin-top:20px}\
.fb .row{margin-top:10px}\
.sug ul{display:flex;flex-direction:column;gap:6px;margin:0 0 10px}\
.sug li{display:block;padding:0;border:0}\
.sgh{margin:0 4px 6px;font-size:12.5px;font-weight:600;color:#4a4a4a}\
.sg{width:100%;min-height:40px;padding:8px 12px;border:1px solid #c4c4c4;border-radius:10px;background:#f7f8fa;color:#1a1a1a;font-weight:600;text-align:left;cursor:pointer}\
.sg:hover{background:#eef0f3}`;
