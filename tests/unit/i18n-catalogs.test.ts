// The widget's languages (src/ui/locales/): every catalog has every key of English's, the same
// placeholders, and exactly the plural categories its language has (Intl.PluralRules); the
// message format, the site's overrides, the language choice and the words outside the catalogs.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LANGS, chatLabel, langOf, pickLocale, type Lang } from '../../src/ui/i18n';
import { compile, loadText, type Catalog } from '../../src/ui/locales/catalog';
import { overlay } from '../../src/ui/locales/overlay';
import en from '../../src/ui/locales/en';
import { pseudo } from '../../src/ui/locales/pseudo';
import { callText } from '../../src/ui/callButton';
import { dismissText } from '../../src/ui/proactive';
import { CONTEXT_LABELS_EN } from '../../src/view/contextFields';

const TRANSLATED = LANGS.filter((l) => l !== 'en' && l !== 'en-XA');
const load = async (lang: Lang): Promise<Catalog> => (await import(`../../src/ui/locales/${lang === 'en-XA' ? 'pseudo' : lang}.ts`)).default;

type Node = string | { [k: string]: Node };
const isPlural = (v: Node): v is Record<string, string> => typeof v === 'object' && typeof v.other === 'string';
const holes = (s: string) => new Set(s.match(/\{\w+\}/g) ?? []);
const sorted = (s: Set<string>) => [...s].sort();

/** Every problem of `cat` against English, as readable lines (an empty list: complete). */
function problems(lang: string, cat: Node, ref: Node = en as unknown as Node, at = ''): string[] {
  const out: string[] = [];
  const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
  const refKeys = Object.keys(ref as object);
  for (const k of Object.keys(cat as object)) if (!refKeys.includes(k)) out.push(`${at}${k}: not in English`);
  for (const k of refKeys) {
    const r = (ref as Record<string, Node>)[k]!;
    const v = (cat as Record<string, Node>)[k];
    const where = at + k;
    if (v === undefined) {
      out.push(`${where}: missing`);
    } else if (typeof r === 'string') {
      if (typeof v !== 'string') out.push(`${where}: a string expected`);
      else if (sorted(holes(v)).join() !== sorted(holes(r)).join()) out.push(`${where}: placeholders ${sorted(holes(v))} instead of ${sorted(holes(r))}`);
    } else if (isPlural(r)) {
      if (typeof v !== 'object' || !isPlural(v)) {
        out.push(`${where}: plural forms expected`);
        continue;
      }
      if (sorted(new Set(Object.keys(v))).join() !== [...categories].sort().join()) out.push(`${where}: plural categories ${Object.keys(v).sort()} instead of ${[...categories].sort()}`);
      const allowed = new Set([...Object.values(r).flatMap((s) => [...holes(s)]), '{n}']);
      for (const [c, s] of Object.entries(v)) for (const h of holes(s)) if (!allowed.has(h)) out.push(`${where}.${c}: unknown placeholder ${h}`);
      // A form may leave out the count ("одна", "פעם אחת"), never another value.
      const needed = [...holes(r.other!)].filter((h) => h !== '{n}');
      for (const h of needed) if (!holes(v.other!).has(h)) out.push(`${where}.other: ${h} missing`);
    } else if (typeof v !== 'object' || isPlural(v)) {
      out.push(`${where}: a table expected`);
    } else {
      out.push(...problems(lang, v, r, where + '.'));
    }
  }
  return out;
}

describe('catalogs', () => {
  it('English has the categories of English plurals and the context labels the console shows', () => {
    expect(problems('en', en as unknown as Node)).toEqual([]);
    expect(en.context).toEqual(CONTEXT_LABELS_EN);
  });

  it.each(TRANSLATED)('%s has every key, the same placeholders, its own plural categories', async (lang) => {
    expect(problems(lang, (await load(lang)) as unknown as Node)).toEqual([]);
  });

  it('the check catches a missing key, a wrong placeholder, a wrong plural category', () => {
    const broken = structuredClone(en) as unknown as Record<string, Node>;
    delete broken.hello;
    broken.joined = '{nom} a rejoint';
    broken.trimmed = { one: '{n}', other: '{n}', few: '{n}' };
    expect(problems('en', broken)).toEqual([
      'hello: missing',
      'trimmed: plural categories few,one,other instead of one,other',
      'joined: placeholders {nom} instead of {name}',
    ]);
  });

  it('no translation is left in English by mistake (a long message that equals English\'s)', async () => {
    for (const lang of TRANSLATED) {
      const cat = (await load(lang)) as unknown as Record<string, Node>;
      const same = Object.entries(en).filter(([k, v]) => typeof v === 'string' && v.replace(/\{\w+\}/g, '').length > 12 && cat[k] === v).map(([k]) => k);
      expect([lang, same]).toEqual([lang, []]);
    }
  });

  it('the pseudo-locale accents every letter, keeps placeholders, and is at least 40 % longer', async () => {
    expect(problems('en', (await load('en-XA')) as unknown as Node)).toEqual([]);
    for (const s of ['Send', 'Hi {name}', 'Waiting for an agent — you’re number {n} in line']) {
      const p = pseudo(s);
      expect(p.length).toBeGreaterThanOrEqual(Math.floor(s.length * 1.4));
      expect(p.replace(/\{\w+\}/g, '')).not.toMatch(/[a-zA-Z]/);
      expect(sorted(holes(p))).toEqual(sorted(holes(s)));
    }
  });
});

describe('message format', () => {
  it('fills placeholders with numbers in the locale and picks Slavic and Arabic plural forms', async () => {
    const sk = compile(await load('sk'), 'sk', 'sk');
    expect([1, 3, 5].map((n) => sk.trimmed({ n }))).toEqual(['1 staršia stránka vynechaná', '3 staršie stránky vynechané', '5 starších stránok vynechaných']);
    const ar = compile(await load('ar'), 'ar', 'ar');
    const forms = [0, 1, 2, 3, 11, 100].map((n) => ar.times({ n }));
    expect(new Set(forms).size).toBe(6); // zero, one, two, few, many, other
    const de = compile(await load('de'), 'de', 'de-DE');
    expect(de.tooLong({ n: 12345, max: 10000 })).toBe('Zu lang: 12.345 Zeichen, erlaubt sind 10.000. Kürzen Sie die Nachricht, um sie zu senden.');
    expect(de.lang).toBe('de');
    // What people wrote keeps its own direction inside the sentence (isolated); numbers and dates do not need it.
    const he = compile(await load('he'), 'he', 'he');
    expect(he.joined({ name: 'Sam Lee' })).toBe('\u2068Sam Lee\u2069 הצטרף/ה לשיחה');
    expect(he.callback.booked({ when: 'מחר', phone: '+972 50 123 4567' })).toBe('נתקשר אליכם מחר למספר +972 50 123 4567.');
    expect(ar.dir).toBe('rtl');
  });

  it('lays a site\'s overrides on the catalog; an unknown key or placeholder is reported and left out', async () => {
    const problemsSeen: string[] = [];
    const cat = overlay(en as unknown as Catalog, { hello: 'Yo', joined: '{who} is here', menu: { ask: 'Pick one' }, nope: 'x', trimmed: { one: '{n} gone', other: '{n} gone' } }, en as unknown as Catalog, problemsSeen);
    const t = compile(cat, 'en', 'en');
    expect([t.hello, t.joined({ name: 'Ana' }), t.menu.ask, t.trimmed({ n: 2 })]).toEqual(['Yo', '\u2068Ana\u2069 joined the conversation', 'Pick one', '2 gone']);
    expect(problemsSeen).toEqual(['joined: {who} is not one of this message\'s values', 'nope: no such string']);
  });

  it('loads the overlay\'s chunk for a site with translations, and a French sentence stays French beside the site\'s', async () => {
    const problemsSeen: string[] = [];
    const fr = await loadText('fr', 'fr-FR', { hello: 'Salut !', nope: 'x' } as never, (m) => problemsSeen.push(m));
    expect(fr.hello).toBe('Salut !');
    expect(fr.joined({ name: 'Ana' })).toContain('Ana');
    expect(fr.joined({ name: 'Ana' })).not.toContain('joined');
    expect(problemsSeen).toEqual(['translations.fr.text.nope: no such string']);
    // Without translations the catalog is the language's own.
    expect((await loadText('fr', 'fr-FR')).hello).not.toBe('Salut !');
  });
});

describe('language choice', () => {
  afterEach(() => {
    document.documentElement.lang = '';
    vi.restoreAllMocks();
  });

  it('maps tags to Baton\'s languages', () => {
    expect(['fr-CA', 'zh', 'zh-CN', 'zh-TW', 'zh-Hant-HK', 'zh_hk', 'iw', 'pt-BR', 'EN-xa', 'uk-UA', ''].map(langOf)).toEqual(['fr', 'zh-Hans', 'zh-Hans', 'zh-Hant', 'zh-Hant', 'zh-Hant', 'he', undefined, 'en-XA', 'uk', undefined]);
  });

  it('takes the locale option, then <html lang>, then the browser\'s languages in order, then English', () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['pt-BR', 'pl-PL', 'en']);
    document.documentElement.lang = 'cs';
    expect(pickLocale('sk-SK')).toEqual({ lang: 'sk', locale: 'sk-SK' });
    expect(pickLocale()).toEqual({ lang: 'cs', locale: 'cs' });
    document.documentElement.lang = 'pt';
    expect(pickLocale()).toEqual({ lang: 'pl', locale: 'pl-PL' });
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['pt-BR']);
    vi.spyOn(navigator, 'language', 'get').mockReturnValue('pt-BR');
    expect(pickLocale()).toEqual({ lang: 'en', locale: 'en' });
  });

  it('the words outside the catalogs (launcher, call button, proactive close) exist in every language', () => {
    for (const lang of LANGS) {
      for (const word of [chatLabel(lang), callText(lang), dismissText(lang)]) expect([lang, word && word.length > 0]).toEqual([lang, true]);
    }
    expect(new Set(LANGS.map(callText)).size).toBeGreaterThan(10);
  });
});
