/**
 * The pseudo-locale `en-XA` (boot option `locale: 'en-XA'`): English with every letter accented and
 * each message 40 % longer, between brackets (src/view/pseudo.ts), so a screenshot shows at once a
 * string that is not translated, cut off or overflowing. Made from ./en.ts, never translated by
 * hand; the tests' screenshots of the main views use it.
 */
import type { Catalog } from './catalog';
import en from './en';
import { pseudo } from '../../view/pseudo';

export { pseudo };

function walk(o: unknown): unknown {
  if (typeof o === 'string') return pseudo(o);
  return Object.fromEntries(Object.entries(o as object).map(([k, v]) => [k, walk(v)]));
}

export default walk(en) as Catalog;
