// Help articles: the one validator the widget and the server share (src/protocol/articles.ts), the
// markdown subset rendered into DOM nodes (never HTML strings), and the search (minisearch).
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { ARTICLES_MAX, validateArticles, type Article } from '../../src/protocol/articles';
import { Markdown, parseBlocks, plainText } from '../../src/ui/panel/help/markdown';
import { buildIndex } from '../../src/ui/panel/help/search';
import demo from '../../demo/articles.json';

const article = (over: Partial<Article> & { id: string }): Article => ({ title: `About ${over.id}`, body: 'Text.', tags: [], ...over });

describe('validateArticles', () => {
  it('keeps the valid articles and says why each other one was left out', () => {
    const r = validateArticles({
      articles: [
        { id: 'ok-1', title: 'Returns', body: 'Send it back.', tags: ['refund'] },
        { id: 'bad id!', title: 'x', body: '' },
        { id: 'no-title', title: '   ', body: '' },
        { id: 'ok-1', title: 'Again', body: '' },
        { id: 'url', title: 'Bad url', body: '', url: 'javascript:alert(1)' },
        { id: 'tags', title: 'Bad tags', body: '', tags: 'refund' },
        'not an object',
        { id: 'kw', title: 'Keywords', body: 'b', keywords: ['size'] },
      ],
    });
    expect(r.articles.map((a) => a.id)).toEqual(['ok-1', 'kw']);
    expect(r.articles[1]!.tags).toEqual(['size']);
    expect(r.refused).toBe(6);
    expect(r.errors).toEqual([
      'articles[1] "bad id!": id must be 1..64 characters of letters, digits and _ . : -',
      'articles[2] "no-title": title must be 1..200 characters',
      'articles[3] "ok-1": the id is used by an earlier article',
      'articles[4] "url": url must be an http(s) URL of at most 2048 characters',
      'articles[5] "tags": tags must be an array of at most 20 strings of 1..40 characters',
      'articles[6]: must be an object',
    ]);
  });

  it('accepts a bare array, refuses anything else with one clear line, and caps the count', () => {
    expect(validateArticles([article({ id: 'a' })]).articles).toHaveLength(1);
    expect(validateArticles({ items: [] })).toEqual({ articles: [], errors: ['expected an array of articles or an object { "articles": [...] }'], refused: 0 });
    const many = validateArticles(Array.from({ length: ARTICLES_MAX + 15 }, (_, i) => article({ id: `a${i}` })));
    expect(many.articles).toHaveLength(ARTICLES_MAX);
    expect(many.refused).toBe(15);
    expect(many.errors).toHaveLength(11);
    expect(many.errors.at(-1)).toBe('and 5 more');
  });

  it('the demo store ships at least 20 valid articles, among them returns and refunds', () => {
    const r = validateArticles(demo);
    expect(r.errors).toEqual([]);
    expect(r.articles.length).toBeGreaterThanOrEqual(20);
    for (const topic of [/refund/i, /size/i, /deliver/i, /warranty/i, /order/i, /account/i]) {
      expect(r.articles.some((a) => topic.test(a.title)), String(topic)).toBe(true);
    }
  });
});

describe('the markdown subset', () => {
  const html = (body: string) => {
    const el = document.createElement('div');
    render(<Markdown body={body} />, el);
    return el;
  };

  it('renders paragraphs, headings, lists, emphasis, code and http(s) links as elements', () => {
    const el = html('Intro line\ncontinues here.\n\n## How\n1. **Sign in** first\n2. open *Orders*\n\n- `code` here\n- a [link](https://example.com/x)\n\n### Small');
    expect(el.innerHTML).toBe(
      '<div class="md"><p>Intro line continues here.</p><h4>How</h4><ol><li><strong>Sign in</strong> first</li><li>open <em>Orders</em></li></ol>' +
        '<ul><li><code>code</code> here</li><li>a <a href="https://example.com/x" target="_blank" rel="noopener noreferrer nofollow">link</a></li></ul><h5>Small</h5></div>',
    );
  });

  it('shows HTML-like content as text: no element, attribute or script comes from an article', () => {
    const el = html('<img src=x onerror="alert(1)"> and <script>alert(2)</script>\n\n[click](javascript:alert(3)) [data](data:text/html,hi)');
    expect(el.querySelectorAll('img, script, a').length).toBe(0);
    expect(el.textContent).toContain('<img src=x onerror="alert(1)">');
    expect(el.textContent).toContain('[click](javascript:alert(3))');
  });

  it('leaves snake_case and lone stars alone, and gives the plain text for search', () => {
    expect(html('use order_id_here and 2 * 3 * 4').textContent).toBe('use order_id_here and 2 * 3 * 4');
    expect(html('use order_id_here').querySelector('em')).toBeNull();
    expect(plainText('## Title\n- **bold** [link](https://x.y)')).toBe('Title bold link');
    expect(parseBlocks('- a\n  continued\n- b')).toEqual([{ kind: 'ul', items: ['a continued', 'b'] }]);
  });
});

describe('the search', () => {
  it('finds the returns article for "refund", a prefix, a typo, and in a whole sentence', async () => {
    const { articles } = validateArticles(demo);
    const index = await buildIndex(articles);
    const top = (q: string) => index.search(q, 3).map((a) => a.id);
    expect(top('refund')[0]).toBe('returns-refunds');
    expect(top('refu')).toContain('returns-refunds');
    expect(top('ref')).toContain('returns-refunds');
    expect(top('refumd')).toContain('returns-refunds');
    expect(top('Hi, how do I get a refund for my jacket?')).toContain('returns-refunds');
    expect(top('parka size')[0]).toBe('jacket-size-guide');
    expect(top('how do I')).toEqual([]);
    expect(index.search('delivery', 10).length).toBeGreaterThan(1);
  });
});
