/**
 * The console's pseudo-locale `en-XA` (localStorage `baton-console-lang` = `en-XA`): English made
 * accented and 40 % longer (src/view/pseudo.ts), sentences built by English's functions included,
 * to find clipped or overflowing text in screenshots. Never translated by hand.
 */
import { pseudo } from '../../view/pseudo';
import { english, type ConsoleText } from '../strings';

function walk(o: unknown): unknown {
  if (typeof o === 'string') return pseudo(o);
  if (typeof o === 'function') {
    // The values (a name, a page) stay as they are: only the sentence around them is accented.
    const made = (...args: unknown[]) => {
      const values = args.flat().filter((a): a is string => typeof a === 'string' && a !== '');
      let out = (o as (...a: unknown[]) => string)(...args);
      values.forEach((v, i) => (out = out.split(v).join(`{v${i}}`)));
      return pseudo(out).replace(/\{v(\d+)\}/g, (_, i: string) => values[+i]!);
    };
    return Object.defineProperty(made, 'length', { value: o.length }); // English's arity (checked like any catalog's)
  }
  return Object.fromEntries(Object.entries(o as object).map(([k, v]) => [k, walk(v)]));
}

export default walk(english) as ConsoleText;
