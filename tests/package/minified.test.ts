// The minified builds (script tag, agent console): every member in the fixed mangling list
// (mangle.json) was shortened to its one name in every chunk, so no chunk still reads a member by
// its long name that another chunk wrote by its short one. The browser tests then run these builds.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readMangleList } from '../../scripts/mangle.mjs';

const ROOT = join(import.meta.dirname, '..', '..');
const MINIFIED = ['dist/baton-loader.js', 'dist/baton.js', 'dist/chunks', 'dist/console'];

function jsFiles(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => jsFiles(join(path, name))).filter((p) => p.endsWith('.js'));
}

describe('the minified builds', () => {
  it('shorten every listed member in every chunk, each to its one name', () => {
    const { props } = readMangleList(ROOT);
    const files = MINIFIED.flatMap((p) => jsFiles(join(ROOT, p)));
    expect(files.length, 'run `npm run build` first').toBeGreaterThan(10);
    const survivors: string[] = [];
    const used = new Map<string, number>();
    for (const file of files) {
      const code = readFileSync(file, 'utf8');
      // A member read or written (`x._name`), or an object key (`{_name:`); not a variable named so.
      for (const m of code.matchAll(/\.(_[a-z][\w$]*)|[{,](_[a-z][\w$]*):/g)) {
        const name = m[1] ?? m[2]!;
        if (name in props) survivors.push(`${relative(ROOT, file)}: ${name}`);
      }
      for (const short of Object.values(props)) if (code.includes(`.${short}`)) used.set(short, (used.get(short) ?? 0) + 1);
    }
    expect(survivors).toEqual([]);
    // Mangling did happen: the short names are there, several of them in more than one chunk.
    expect(used.size).toBeGreaterThan(30);
    expect([...used.values()].filter((n) => n > 1).length).toBeGreaterThan(5);
  });
});
