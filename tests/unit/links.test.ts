// @vitest-environment node
// The one link parser of the panel and the console (src/view/links.ts): its rules, properties
// that hold for any text (fast-check), and linear work on adversarial texts, counted by the parser
// itself (no clock; the times are in `npm run bench:links`). In Node, whose URL is native like a
// browser's (happy-dom's is JavaScript).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLinks, safeHref, URL_MAX_CHARS, type LinkWork, type TextPart } from '../../src/view/links';

const links = (t: string) => parseLinks(t).filter((p): p is Extract<TextPart, { kind: 'link' }> => p.kind === 'link');

describe('parseLinks: the rules', () => {
  it('links http and https URLs, leaving sentence punctuation out', () => {
    expect(parseLinks('See https://shop.example/p/1?x=1. Thanks')).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'https://shop.example/p/1?x=1', href: 'https://shop.example/p/1?x=1' },
      { kind: 'text', text: '. Thanks' },
    ]);
    expect(links('Go to HTTPS://A.test/x!?').map((l) => l.href)).toEqual(['https://a.test/x']);
    expect(links('emphasis *https://a.test/b*, “https://a.test/c” and «https://a.test/d»').map((l) => l.text)).toEqual([
      'https://a.test/b',
      'https://a.test/c',
      'https://a.test/d',
    ]);
  });

  it('keeps a closing bracket only when the URL opened one', () => {
    expect(parseLinks('(docs: http://a.example/wiki/Foo_(bar))')).toEqual([
      { kind: 'text', text: '(docs: ' },
      { kind: 'link', text: 'http://a.example/wiki/Foo_(bar)', href: 'http://a.example/wiki/Foo_(bar)' },
      { kind: 'text', text: ')' },
    ]);
    expect(links('[https://a.test/x] {https://a.test/y}').map((l) => l.text)).toEqual(['https://a.test/x', 'https://a.test/y']);
    expect(links('see https://a.test/list[1]).').map((l) => l.text)).toEqual(['https://a.test/list[1]']);
  });

  it('never links other schemes, URLs glued to a word, or a scheme with no host', () => {
    expect(links('javascript:alert(1) data:text/html,<x> ftp://files.test/a mailto:a@b.test www.x.example')).toEqual([]);
    expect(links('xhttps://evil.test')).toEqual([]);
    expect(parseLinks('http://"onmouseover=alert(1)"')).toEqual([{ kind: 'text', text: 'http://"onmouseover=alert(1)"' }]);
    expect(parseLinks('no links')).toEqual([{ kind: 'text', text: 'no links' }]);
    expect(parseLinks('')).toEqual([]);
  });

  it('leaves a URL longer than URL_MAX_CHARS as text', () => {
    const long = `https://a.test/${'a'.repeat(URL_MAX_CHARS)}`;
    expect(parseLinks(`x ${long} y`)).toEqual([{ kind: 'text', text: `x ${long} y` }]);
    const justFits = `https://a.test/${'a'.repeat(URL_MAX_CHARS - 'https://a.test/'.length)}`;
    expect(links(justFits).map((l) => l.text)).toEqual([justFits]);
    expect(safeHref(long)).toBeNull();
  });

  it('links the URL in the message that froze the console (issue 13)', () => {
    const text = `https://x.test/${')'.repeat(3980)}`;
    expect(parseLinks(text)).toEqual([
      { kind: 'link', text: 'https://x.test/', href: 'https://x.test/' },
      { kind: 'text', text: ')'.repeat(3980) },
    ]);
  });
});

/** Characters that make link detection work hard: scheme pieces, brackets, punctuation, space. */
const tricky = fc.constantFrom(...'htps:/()[]{}.,;!?*_~"\'<> x1\u00ab\u00bb'.split(''), 'http://', 'https://', 'https://a.test/', ')', '((', '\n');
const trickyText = fc.array(tricky, { maxLength: 200 }).map((xs) => xs.join(''));
const anyText = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 100 }), trickyText);

describe('parseLinks: properties (fast-check)', () => {
  it('loses and adds nothing: the parts put together are the text', () => {
    fc.assert(
      fc.property(anyText, (t) => {
        expect(
          parseLinks(t)
            .map((p) => p.text)
            .join(''),
        ).toBe(t);
      }),
      { numRuns: 500 },
    );
  });

  it('links only bounded http(s) URLs with no space, quote or angle bracket, never two parts of one kind in a row', () => {
    fc.assert(
      fc.property(anyText, (t) => {
        const parts = parseLinks(t);
        for (const [i, p] of parts.entries()) {
          expect(p.text.length).toBeGreaterThan(0);
          if (p.kind === 'text') expect(parts[i + 1]?.kind).not.toBe('text');
          if (p.kind !== 'link') continue;
          expect(p.text).toMatch(/^https?:\/\//i);
          expect(p.text.length).toBeLessThanOrEqual(URL_MAX_CHARS);
          expect(p.text).not.toMatch(/[\s<>"'`]/);
          expect(new URL(p.href).protocol).toMatch(/^https?:$/);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('parseLinks: linear work, counted (no clock)', () => {
  // The parser counts what it looks at (LinkWork: characters searched, trimming iterations,
  // characters handed to the URL parser). Linear means at most a few steps per character of the
  // text, whatever the text; the old quadratic trimming took about n * n / 2 steps on the issue's
  // message (7.9 million for 3,980 brackets, against the 5 * n + 16 = 20,000 allowed here). A count,
  // not a time: it cannot flake under load. The times are measured by `npm run bench:links`.
  const bound = (text: string) => 5 * text.length + 16;
  const work = (text: string) => {
    const w: LinkWork = { steps: 0 };
    const parts = parseLinks(text, w);
    expect(parts.map((p) => p.text).join('')).toBe(text);
    return { steps: w.steps, links: parts.filter((p) => p.kind === 'link').map((p) => p.text) };
  };

  // Each adversarial family at 1,000 and 16,000 characters (four times a message's limit), with the
  // links it holds: above URL_MAX_CHARS a run stays text.
  const whole = (text: string) => (text.length <= URL_MAX_CHARS ? [text] : []);
  const families: Record<string, [make: (n: number) => string, links: (n: number, text: string) => string[]]> = {
    'one URL and closing brackets (issue 13)': [(n) => `https://x.test/${')'.repeat(n)}`, () => ['https://x.test/']],
    'one URL and mixed brackets and punctuation': [(n) => `https://x.test/${'.)]}!'.repeat(n / 5)}`, () => ['https://x.test/']],
    'one URL and opening brackets': [(n) => `https://x.test/${'('.repeat(n)}`, (_, t) => whole(t)],
    'scheme after scheme, no space (host "https", empty port)': [(n) => 'https://'.repeat(n / 8), (_, t) => whole(t)],
    'scheme glued to words': [(n) => 'xhttps://a'.repeat(n / 10), () => []],
    'many short links': [(n) => 'https://a.test/(x) '.repeat(n / 19), (n) => Array<string>(Math.floor(n / 19)).fill('https://a.test/(x)')],
    'many links ending a sentence': [(n) => 'https://a.test/. '.repeat(n / 17), (n) => Array<string>(Math.floor(n / 17)).fill('https://a.test/')],
    'a run of letters, a URL until too long': [(n) => `http://${'a'.repeat(n)}`, (_, t) => whole(t)],
  };

  for (const [name, [make, expected]] of Object.entries(families)) {
    it(name, () => {
      for (const n of [1_000, 16_000]) {
        const text = make(n);
        const { steps, links: found } = work(text);
        expect(found).toEqual(expected(n, text));
        expect(steps).toBeLessThanOrEqual(bound(text));
      }
    });
  }

  it('the message that froze the console: a link, the brackets as text, linear work', () => {
    const text = `https://x.test/${')'.repeat(3980)}`;
    expect(work(text)).toEqual({ steps: expect.any(Number) as number, links: ['https://x.test/'] });
    expect(work(text).steps).toBeLessThanOrEqual(bound(text));
  });

  it('holds for any text and for generated adversarial units repeated to 32,000 characters (fast-check)', () => {
    fc.assert(
      fc.property(anyText, (t) => {
        expect(work(t).steps).toBeLessThanOrEqual(bound(t));
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.array(tricky, { minLength: 1, maxLength: 12 }), (unit) => {
        const u = unit.join('');
        const text = u.repeat(Math.ceil(32_000 / u.length));
        expect(work(text).steps).toBeLessThanOrEqual(bound(text));
      }),
      { numRuns: 100 },
    );
  });
});
