import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS module of the demo store
import { LOADER } from '../../demo/snippet.mjs';

describe('the documented inline snippet', () => {
  it('is the one the demo store serves (and the browser tests exercise), with only the URL changed', () => {
    const readme = readFileSync(resolve(process.cwd(), 'README.md'), 'utf8');
    const documented = readme.match(/^!function\(w,d,s\).*$/m)?.[0];
    expect(documented).toBeDefined();
    expect(documented!.replace('https://YOUR-BATON-HOST/baton/baton.js', '/baton/baton.js')).toBe(LOADER);
  });
});
