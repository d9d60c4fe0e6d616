// @vitest-environment node
// The one link parser of the panel and the console (src/view/links.ts): its rules, properties
// that hold for any text (fast-check), and linear time on adversarial texts. In Node, whose URL
// is native like a browser's (happy-dom's is JavaScript, and its timing would be happy-dom's).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLinks, safeHref, URL_MAX_CHARS, type TextPart } from '../../src/view/links';

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

/** The fastest of `runs` parses of `text`, in ms: interference from other processes only ever adds time. */
function fastest(text: string, runs = 5): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    parseLinks(text);
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

describe('parseLinks: linear time', () => {
  // Each adversarial family at n and at 16n characters: linear work takes about 16 times longer,
  // the old quadratic trimming 256 times. The bound (64x) leaves room for noise and for the JIT,
  // and still fails on anything quadratic. Relative, not absolute: no speed is asserted. (16,000
  // characters, four times a message's limit, so the old code fails in seconds rather than hanging.)
  const families: Record<string, (n: number) => string> = {
    'one URL and closing brackets (issue 13)': (n) => `https://x.test/${')'.repeat(n)}`,
    'one URL and mixed brackets and punctuation': (n) => `https://x.test/${'.)]}!'.repeat(n / 5)}`,
    'one URL and opening brackets': (n) => `https://x.test/${'('.repeat(n)}`,
    'scheme after scheme, no space': (n) => 'https://'.repeat(n / 8),
    'scheme glued to words': (n) => 'xhttps://a'.repeat(n / 10),
    'many short links': (n) => 'https://a.test/(x) '.repeat(n / 19),
    'a run too long to be a URL': (n) => `http://${'a'.repeat(n)}`,
  };

  for (const [name, make] of Object.entries(families)) {
    it(name, () => {
      const small = make(1_000);
      const large = make(16_000);
      fastest(small); // warm the JIT on this shape
      const ratio = fastest(large) / Math.max(fastest(small), 0.2);
      expect(ratio).toBeLessThan(64);
    });
  }

  it('holds for generated adversarial units', () => {
    fc.assert(
      fc.property(fc.array(tricky, { minLength: 1, maxLength: 12 }), (unit) => {
        const u = unit.join('');
        const small = u.repeat(Math.ceil(2_000 / u.length));
        const large = u.repeat(Math.ceil(32_000 / u.length));
        fastest(small, 2);
        // The small text's time is floored at 0.5 ms: below that, a collection or a preemption
        // while parsing the large one is noise enough to look like a ratio.
        expect(fastest(large) / Math.max(fastest(small), 0.5)).toBeLessThan(64);
      }),
      { numRuns: 25 },
    );
  });
});
