// The fixed property-mangling list (mangle.json, scripts/mangle.mjs): complete, and its short
// names free on our side, so one name per member holds in every chunk of the minified builds.
import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { checkMangleList, propertyNames, PREFIX, readMangleList } from '../../scripts/mangle.mjs';

const ROOT = resolve(import.meta.dirname, '../..');

// Parsing every browser source file with TypeScript takes seconds on a loaded 2-core machine.
describe('mangle.json', { timeout: 60_000 }, () => {
  it('lists every `_x` member of the browser code, nothing gone, no short name twice', () => {
    expect(checkMangleList(ROOT), 'new or removed _x members: run node scripts/mangle.mjs --write').toEqual({ missing: [], stale: [], clashes: [] });
  });

  it('its short names ($...) are used by no property of the browser code', () => {
    const ours = [...propertyNames(ROOT).keys()].filter((n) => n.startsWith(PREFIX));
    expect(ours).toEqual([]);
    expect(Object.keys(readMangleList(ROOT).props).length).toBeGreaterThan(50);
  });
});
