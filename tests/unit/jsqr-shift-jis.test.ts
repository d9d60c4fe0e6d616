// The build's jsQR without its Shift_JIS table (scripts/jsqrShiftJis.mjs): the lookup through
// TextDecoder gives the same character as jsQR's own table for every one of its entries.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { SHIFT_JIS_LOOKUP, replaceShiftJisTable } from '../../scripts/jsqrShiftJis.mjs';

const require = createRequire(import.meta.url);
const source = readFileSync(require.resolve('jsqr/dist/jsQR.js'), 'utf8');

/** jsQR's literal table, read from its source: [shift_jis, unicode] pairs. */
const original: [number, number][] = [...source.matchAll(/^\s+0x([0-9A-F]{4}): 0x([0-9A-F]{4}),?$/gm)].map((m) => [parseInt(m[1]!, 16), parseInt(m[2]!, 16)]);

/** The replacement table, evaluated the way the bundle does (a module's `exports`). */
function lookup(): Record<number, number | undefined> {
  const exports: { shiftJISTable?: Record<number, number | undefined> } = {};
  new Function('exports', SHIFT_JIS_LOOKUP)(exports);
  return exports.shiftJISTable!;
}

describe("jsQR's Shift_JIS table replaced by TextDecoder", () => {
  it('maps every entry of the original table to the same character', () => {
    expect(original.length).toBeGreaterThan(6_000);
    const table = lookup();
    const wrong = original.filter(([sjis, uni]) => table[sjis] !== uni).map(([s, u]) => `${s.toString(16)}->${u.toString(16)} got ${table[s]?.toString(16)}`);
    expect(wrong.slice(0, 10)).toEqual([]);
    expect(table[0x889f]).toBe('亜'.charCodeAt(0)); // the first kanji of JIS level 1
    expect(table[0x815f]).toBe(0x5c); // one of the seven kept as jsQR had them
  });

  it('removes the literal table from the bundle and fails loudly when jsQR changes shape', () => {
    const out = replaceShiftJisTable(source);
    expect(source.length - out.length).toBeGreaterThan(90_000);
    expect(out).not.toContain('0xEAA4: 0x7199');
    expect(out).toContain("new TextDecoder('shift_jis')");
    expect(() => replaceShiftJisTable('module.exports = 1;')).toThrow(/shiftJISTable was not found/);
  });
});
