/**
 * A site's `translations.<lang>.text` laid on a language's catalog, checked against English's. Its
 * own chunk, imported by catalog.ts's loadText only when a site gives translations: it weighed
 * about 0.4 KB gzip inside every language's download (issue 18's budget).
 */
import type { TextOverrides } from '../../api/types';
import { isPlural, type Catalog } from './catalog';

/**
 * `base` with the site's `over` laid on it, key by key. A key English does not have, a string
 * where a table is (or the reverse), or a placeholder English's message does not offer is left
 * out and named in `problems` (the panel reports them with the 'error' event).
 */
export function overlay(base: Catalog, over: TextOverrides | undefined, ref: Catalog, problems: string[], at = ''): Catalog {
  if (!over) return base;
  const out: Record<string, unknown> = { ...base };
  const holes = (m: unknown) => new Set(JSON.stringify(m).match(/\{\w+\}/g));
  for (const [k, v] of Object.entries(over)) {
    const r = (ref as Record<string, unknown>)[k];
    const where = at + k;
    const kind = (x: unknown) => (typeof x === 'string' ? 's' : isPlural(x) ? 'p' : x && typeof x === 'object' ? 't' : '?');
    if (r === undefined || kind(r) === '?') problems.push(`${where}: no such string`);
    else if (kind(r) === 't' && kind(v) === 't') out[k] = overlay((base as unknown as Record<string, Catalog>)[k]!, v as TextOverrides, r as Catalog, problems, where + '.');
    else if (kind(v) === 't' || kind(r) === 't') problems.push(`${where}: ${kind(r) === 't' ? 'a table' : 'a message'} expected`);
    else {
      const allowed = holes(r);
      if (kind(r) === 'p') allowed.add('{n}');
      const extra = [...holes(v)].filter((h) => !allowed.has(h));
      if (extra.length) problems.push(`${where}: ${extra.join(' ')} is not one of this message's values`);
      else out[k] = v;
    }
  }
  return out as Catalog;
}
