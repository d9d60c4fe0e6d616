/**
 * Help articles: what a site gives Baton (boot option `articles`, a URL to this JSON or the same
 * content inline; the demo's is demo/articles.json), its limits, and the one validator the widget
 * and the server (its built-in bot) both use, so both read exactly the same articles.
 *
 *   { "articles": [ { "id": "returns-refunds", "title": "Returns and refunds",
 *                     "body": "Markdown subset…", "tags": ["return", "refund"], "url": "https://…" } ] }
 *
 * (a bare array of articles is accepted too). Documented in docs/articles.md. Imports nothing: the
 * panel's articles chunk carries it without a schema library.
 */

/** At most this many articles are kept (the rest are reported): the search stays fast (npm run bench). */
export const ARTICLES_MAX = 5000;
/** The articles JSON fetched from a URL is refused over this size (bytes of text). */
export const ARTICLES_JSON_MAX_BYTES = 5 * 1024 * 1024;
/** Ids: letters, digits and _ . : - , 1 to 64 characters; unique. */
export const ARTICLE_ID_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;
export const ARTICLE_TITLE_MAX = 200;
/** The body, in the markdown subset of docs/articles.md. */
export const ARTICLE_BODY_MAX = 20_000;
/** Keywords that are not in the text (synonyms, product names): at most 20 of 1..40 characters. */
export const ARTICLE_TAGS_MAX = 20;
export const ARTICLE_TAG_MAX = 40;
export const ARTICLE_URL_MAX = 2048;
/** Validation messages kept: the first ones say what is wrong; the count says how much. */
const ERRORS_MAX = 10;

export interface Article {
  id: string;
  title: string;
  /** Markdown subset: paragraphs, ## and ### headings, - and 1. lists, **bold**, *italic*, `code`, [links](https://…). */
  body: string;
  tags: string[];
  /** The article on the site's own help centre (http or https), when there is one. */
  url?: string;
}

export interface ValidatedArticles {
  /** The valid articles, in the given order. */
  articles: Article[];
  /** Why some (or all) were left out: one readable line each, the first ERRORS_MAX of them. */
  errors: string[];
  /** How many articles were left out. */
  refused: number;
}

const isText = (v: unknown, min: number, max: number): v is string => typeof v === 'string' && v.trim().length >= min && v.length <= max;

/** One article, or why not. */
function checkArticle(a: unknown): Article | string {
  if (!a || typeof a !== 'object' || Array.isArray(a)) return 'must be an object';
  const o = a as Record<string, unknown>;
  if (typeof o.id !== 'string' || !ARTICLE_ID_PATTERN.test(o.id)) return `id must be 1..64 characters of letters, digits and _ . : -`;
  if (!isText(o.title, 1, ARTICLE_TITLE_MAX)) return `title must be 1..${ARTICLE_TITLE_MAX} characters`;
  if (!isText(o.body, 0, ARTICLE_BODY_MAX)) return `body must be a string of at most ${ARTICLE_BODY_MAX.toLocaleString('en')} characters`;
  const tags = o.tags ?? o.keywords ?? [];
  if (!Array.isArray(tags) || tags.length > ARTICLE_TAGS_MAX || !tags.every((t) => isText(t, 1, ARTICLE_TAG_MAX))) {
    return `tags must be an array of at most ${ARTICLE_TAGS_MAX} strings of 1..${ARTICLE_TAG_MAX} characters`;
  }
  if (o.url !== undefined && !(typeof o.url === 'string' && o.url.length <= ARTICLE_URL_MAX && /^https?:\/\/[^\s/]/i.test(o.url))) {
    return `url must be an http(s) URL of at most ${ARTICLE_URL_MAX} characters`;
  }
  return { id: o.id, title: o.title.trim(), body: o.body as string, tags: (tags as string[]).map((t) => t.trim()), ...(o.url ? { url: o.url as string } : {}) };
}

/**
 * Validates a site's articles (parsed JSON): keeps every valid one and says why each other one was
 * left out (`articles[3] "sizes": title must be 1..200 characters`), never throws.
 */
export function validateArticles(input: unknown): ValidatedArticles {
  const list = Array.isArray(input) ? input : input && typeof input === 'object' ? (input as { articles?: unknown }).articles : undefined;
  if (!Array.isArray(list)) return { articles: [], errors: ['expected an array of articles or an object { "articles": [...] }'], refused: 0 };
  const articles: Article[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  let refused = 0;
  const refuse = (message: string) => {
    refused++;
    if (errors.length < ERRORS_MAX) errors.push(message);
  };
  list.forEach((item, i) => {
    const a = checkArticle(item);
    const id = item && typeof (item as { id?: unknown }).id === 'string' ? ` ${JSON.stringify((item as { id: string }).id.slice(0, 64))}` : '';
    if (typeof a === 'string') return refuse(`articles[${i}]${id}: ${a}`);
    if (seen.has(a.id)) return refuse(`articles[${i}]${id}: the id is used by an earlier article`);
    if (articles.length >= ARTICLES_MAX) return refuse(`articles[${i}]${id}: more than ${ARTICLES_MAX} articles`);
    seen.add(a.id);
    articles.push(a);
  });
  if (refused > errors.length) errors.push(`and ${refused - errors.length} more`);
  return { articles, errors, refused };
}
