// The agent console's languages (issue 18, src/console/locales/): every catalog has English's keys
// (src/console/strings.ts), its tables, and functions of the same arguments that keep every value
// English shows; plural forms have exactly the language's Intl.PluralRules categories; the pseudo-
// locale is accented and longer; the formatters follow the shown language.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PLURAL_CATEGORIES, type ConsoleLang } from '../../src/console/locales/format';
import { clock, dayLabel, duration, english, shown, text, useCatalog, type ConsoleText } from '../../src/console/strings';

const LANGS = Object.keys(PLURAL_CATEGORIES) as ConsoleLang[];
const TRANSLATED = LANGS.filter((l) => l !== 'en');
const load = async (lang: string): Promise<ConsoleText> => (await import(`../../src/console/locales/${lang}.ts`)).default;

/** Each function's parameter types as English declares them (`photoFrom: (who: string) =>`), read from the source. */
const SOURCE = readFileSync(resolve(process.cwd(), 'src/console/strings.ts'), 'utf8');
const PARAMS = new Map([...SOURCE.matchAll(/^\s+(\w+): \(([^)]*)\)(?::\s*\w+)? =>/gm)].map((m) => [m[1]!, m[2]!.split(',').map((p) => p.split(':')[1]?.trim() ?? 'string')]));

/** Arguments no translation can drop unnoticed: distinct strings, numbers without a special plural form. */
function samples(key: string, arity: number): unknown[] {
  const types = PARAMS.get(key) ?? [];
  return Array.from({ length: arity }, (_, i) => {
    const t = types[i] ?? 'string';
    return t === 'number' ? 37 + i * 6 : t.startsWith('boolean') ? true : t === 'string[]' ? [`«a${i}»`, `«b${i}»`] : `«v${i}»`;
  });
}

type Node = string | ((...a: unknown[]) => string) | { [k: string]: Node };

/** Every problem of `cat` against English, as readable lines (an empty list: complete). */
function problems(lang: string, cat: Node, ref: Node = english as unknown as Node, at = ''): string[] {
  const out: string[] = [];
  const refKeys = Object.keys(ref as object);
  for (const k of Object.keys(cat as object)) if (!refKeys.includes(k)) out.push(`${at}${k}: not in English`);
  const num = new Intl.NumberFormat(lang);
  for (const k of refKeys) {
    const r = (ref as Record<string, Node>)[k]!;
    const v = (cat as Record<string, Node>)[k];
    const where = at + k;
    if (v === undefined) out.push(`${where}: missing`);
    else if (typeof r === 'string') {
      if (typeof v !== 'string') out.push(`${where}: a string expected`);
    } else if (typeof r === 'function') {
      if (typeof v !== 'function') out.push(`${where}: a function expected`);
      else if (v.length !== r.length) out.push(`${where}: ${v.length} arguments instead of ${r.length}`);
      else {
        const args = samples(k, r.length);
        const mine = v(...args);
        const theirs = r(...args);
        if (typeof mine !== 'string' || !mine) out.push(`${where}: no text`);
        for (const a of args.flat()) {
          const shownAs = typeof a === 'number' ? num.format(a) : String(a);
          if (typeof a === 'boolean' || !theirs.includes(typeof a === 'number' ? String(a) : shownAs)) continue;
          if (!mine.includes(shownAs)) out.push(`${where}: ${shownAs} left out`);
        }
      }
    } else if (typeof v !== 'object') out.push(`${where}: a table expected`);
    else out.push(...problems(lang, v, r, where + '.'));
  }
  return out;
}

describe('console catalogs', () => {
  it('declare exactly the plural categories of each language', () => {
    for (const lang of LANGS) expect([lang, [...PLURAL_CATEGORIES[lang]].sort()]).toEqual([lang, [...new Intl.PluralRules(lang).resolvedOptions().pluralCategories].sort()]);
  });

  it.each(TRANSLATED)('%s has every key, its tables, functions of the same arguments keeping every value', async (lang) => {
    expect(problems(lang, (await load(lang)) as unknown as Node)).toEqual([]);
  });

  it('the check catches a missing key, a dropped value, a wrong arity', () => {
    const broken = { ...english } as unknown as Record<string, Node>;
    delete broken.signIn;
    broken.photoFrom = () => 'Photo';
    broken.handledBy = (() => 'x') as Node;
    broken.waiting = ((d: string) => `čaká ${d}`) as Node;
    expect(problems('sk', broken as Node)).toEqual(['photoFrom: 0 arguments instead of 1', 'signIn: missing', 'handledBy: 0 arguments instead of 1']);
    broken.photoFrom = ((who: string) => `Fotka ${who.length}`) as Node;
    expect(problems('sk', broken as Node)).toContain('photoFrom: «v0» left out');
  });

  it('no sentence is left in English by mistake (a word may be the same: "Conversations")', async () => {
    for (const lang of TRANSLATED) {
      const cat = (await load(lang)) as unknown as Record<string, Node>;
      const same = Object.entries(english).filter(([k, v]) => typeof v === 'string' && v.length > 12 && v.includes(' ') && cat[k] === v).map(([k]) => k);
      expect([lang, same]).toEqual([lang, []]);
    }
  });

  it('plural forms follow the language: Slovak three forms, Arabic six', async () => {
    const sk = await load('sk');
    expect(new Set([1, 3, 5].map((n) => sk.trimmed(n))).size).toBe(3);
    const ar = await load('ar');
    expect(new Set([0, 1, 2, 3, 11, 100].map((n) => ar.timesLong(n))).size).toBe(6);
  });

  it('the pseudo-locale accents every word, is 40 % longer, and builds sentences with the values', async () => {
    const xa = await load('pseudo');
    expect(problems('en', xa as unknown as Node)).toEqual([]);
    expect(xa.signIn.length).toBeGreaterThanOrEqual(Math.floor(english.signIn.length * 1.4));
    expect(xa.claim).not.toMatch(/[a-zA-Z]/);
    expect(xa.handledBy('Ana')).toMatch(/^\[Ana îš ĥåñðļîñĝ .*·\]$/); // the name as written, the sentence accented
  });
});

describe('the shown language', () => {
  afterEach(() => useCatalog('en', 'en-GB', null));

  it('lays a catalog on `text` and writes times, days and durations in its locale', async () => {
    useCatalog('en', 'en-US', null);
    const at = Date.UTC(2026, 11, 3, 14, 5);
    expect(clock(at)).toMatch(/(AM|PM)$/);
    useCatalog('ar', 'ar', await load('ar'), 'rtl');
    expect(shown).toEqual({ lang: 'ar', locale: 'ar', dir: 'rtl' });
    expect(text.signIn).not.toBe(english.signIn);
    expect(clock(at)).toMatch(/[صم]$/);
    expect(dayLabel(at, at)).toBe(text.today);
    expect(duration(120_000)).toBe('2 د');
    useCatalog('sk', 'sk', await load('sk'));
    expect(clock(at)).toMatch(/^\d{1,2}:05$/);
    expect(duration(3_900_000)).toBe('1 h, 5 min'); // Intl's units, listed as Slovak lists them
    // A table a view keeps (ui/Callbacks.tsx: `const say = text.callbacks`) follows the language too.
    const kept = text.callbacks;
    expect(kept.title).toBe((await load('sk')).callbacks.title);
    useCatalog('en', 'en-GB', null);
    expect(kept.title).toBe('Callbacks'); // and English was never written over
    expect(text.signIn).toBe('Sign in');
    expect(duration(3_900_000)).toBe('1 h 5 min');
  });
});
