// scripts/dep-rules.mjs on tiny fixture trees written to a temp dir.
import { afterEach, describe, expect, test } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkDeps, hostGlobalsOf, importsOf } from '../../scripts/dep-rules.mjs';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Writes `files` (path relative to the root -> source) into a fresh temp dir; returns the root. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'baton-deps-'));
  dirs.push(root);
  for (const [path, source] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), source);
  }
  return root;
}

const clean: Record<string, string> = {
  'package.json': JSON.stringify({ dependencies: { preact: '*', valibot: '*', 'idb-keyval': '*' } }),
  'src/protocol/context.ts': `import * as v from 'valibot';\nexport const S = v.string();\n`,
  'src/api/types.ts': `export interface Options { id: string }\n`,
  'src/core/session.ts':
    `import type { Options } from '../api/types';\nimport { S } from '../protocol/context';\n` +
    `export const start = (o: Options) => [o, S];\n`,
  'src/core/events.ts': `import type { start } from './session';\nexport type E = typeof start;\n`,
  'src/storage/idb.ts': `import { get } from 'idb-keyval';\nimport { start } from '../core/session';\nexport { get, start };\n`,
  'src/platform/dom.ts': `import { start } from '../core/session.js';\nexport { start };\n`,
  'src/ui/panel/Panel.tsx':
    `import { h } from 'preact';\nimport { useState } from 'preact/hooks';\nimport type { Options } from '../../api/types';\n` +
    `export const Panel = (o: Options) => { useState(0); return h('div', null, o.id); };\n`,
  'src/ui/index.ts': `export { Panel } from './panel/Panel';\n`,
  'src/api/baton.ts': `import { start } from '../core/session';\nimport { start as s2 } from '../platform/dom';\nexport { start, s2 };\n`,
  'src/server/index.ts': `import { createServer } from 'node:http';\nimport { S } from '../protocol/context';\nexport { createServer, S };\n`,
  'src/loader/snippet.ts': `export {};\n`,
  'src/headless.ts': `export { start } from './api/baton';\n`,
  'src/index.ts': `export * from './headless';\nexport const open = () => import('./ui');\n`,
};

describe('checkDeps', () => {
  test('a clean tree passes', () => {
    const r = checkDeps(tree(clean));
    expect(r.violations).toEqual([]);
    expect(r.cycles).toEqual([]);
    expect(r.files).toContain('src/ui/panel/Panel.tsx');
    expect(r.files).toHaveLength(Object.keys(clean).length - 1);
  });

  test('core importing ui is a violation naming file and import', () => {
    const r = checkDeps(tree({ ...clean, 'src/core/bad.ts': `import { Panel } from '../ui/panel/Panel';\nexport { Panel };\n` }));
    expect(r.violations).toHaveLength(1);
    expect(r.violations[0]).toMatch(/^src\/core\/bad\.ts: import "\.\.\/ui\/panel\/Panel": core may not import ui/);
  });

  test('core may use api/types only through import type; and no npm packages', () => {
    const r = checkDeps(
      tree({
        ...clean,
        'src/core/a.ts': `import { type Options } from '../api/types';\nexport type O = Options;\n`,
        'src/core/b.ts': `import { h } from 'preact';\nexport { h };\n`,
      }),
    );
    expect(r.violations).toEqual([
      expect.stringMatching(/^src\/core\/a\.ts: .*only with `import type`/),
      expect.stringMatching(/^src\/core\/b\.ts: import "preact": core may not import the npm package "preact"/),
    ]);
  });

  test("core and protocol may not use the host's globals (the page's or Node's); platform may", () => {
    const r = checkDeps(
      tree({
        ...clean,
        'src/core/page.ts': `export const title = () => document.title;\n`,
        'src/core/cast.ts': `export const ua = () => (globalThis as any).navigator;\n`,
        'src/protocol/env.ts': `export const dev = () => process.env.DEV;\n`,
        'src/core/ok.ts': `export const at = (location: string) => ({ location }).location;\n`,
        'src/platform/page.ts': `export const title = () => document.title;\n`,
      }),
    );
    expect(r.violations).toEqual([
      expect.stringMatching(/^src\/core\/cast\.ts:1: core may not use the host's global "globalThis"; .*ports/),
      expect.stringMatching(/^src\/core\/page\.ts:1: core may not use the host's global "document"/),
      expect.stringMatching(/^src\/protocol\/env\.ts:1: protocol may not use the host's global "process"/),
    ]);
  });

  test('ui may never import storage or transports; server never core; loader nothing', () => {
    const r = checkDeps(
      tree({
        ...clean,
        'src/transports/ws/socket.ts': `import { start } from '../../core/session';\nexport { start };\n`,
        'src/ui/x.ts': `import { get } from '../storage/idb';\nexport const t = () => import('../transports/ws/socket');\nexport { get };\n`,
        'src/server/y.ts': `import { start } from '../core/session';\nexport { start };\n`,
        'src/loader/z.ts': `import { S } from '../protocol/context';\nexport { S };\n`,
      }),
    );
    expect(r.violations).toEqual([
      expect.stringMatching(/^src\/loader\/z\.ts: import "\.\.\/protocol\/context": loader may not import protocol/),
      expect.stringMatching(/^src\/server\/y\.ts: import "\.\.\/core\/session": server may not import core/),
      expect.stringMatching(/^src\/ui\/x\.ts: import "\.\.\/storage\/idb": ui may not import storage/),
      expect.stringMatching(/^src\/ui\/x\.ts: dynamic import "\.\.\/transports\/ws\/socket": ui may not import transports\/ws/),
    ]);
  });

  test('headless reaching ui through a dynamic import is a violation', () => {
    const r = checkDeps(
      tree({
        ...clean,
        'src/api/lazy.ts': `import { start } from '../core/session';\nexport { start };\n`,
        'src/headless.ts': `export { start } from './api/baton';\nexport const later = () => import('./index');\n`,
      }),
    );
    expect(r.violations).toHaveLength(1);
    expect(r.violations[0]).toContain('src/headless.ts: reaches ui (src/ui/index.ts)');
    expect(r.violations[0]).toContain('src/headless.ts -(dynamic)-> src/index.ts -(dynamic)-> src/ui/index.ts');
    expect(r.cycles).toEqual([]); // index -> headless is static, headless -> index dynamic: no cycle
  });

  test('the npm entries reaching an optional peer (a vendor SDK), even through import(), is a violation; an entry imported on purpose may', () => {
    const withPeer = {
      ...clean,
      'package.json': JSON.stringify({
        dependencies: { preact: '*', valibot: '*', 'idb-keyval': '*' },
        peerDependencies: { '@twilio/conversations': '*' },
        peerDependenciesMeta: { '@twilio/conversations': { optional: true } },
      }),
      'src/transports/twilio-chat/load.ts': `export const load = () => import('@twilio/conversations');\n`,
      'src/twilio.ts': `export const vendor = () => import('./transports/twilio-chat/load');\n`,
    };
    expect(checkDeps(tree(withPeer)).violations).toEqual([]);
    const r = checkDeps(tree({ ...withPeer, 'src/index.ts': `export * from './headless';\nexport const v = () => import('./twilio');\n` }));
    expect(r.violations).toEqual([
      expect.stringContaining('src/index.ts: reaches the optional peer @twilio/conversations (src/transports/twilio-chat/load.ts), which a site installing baton-sdk may not have: src/index.ts -(dynamic)-> src/twilio.ts -(dynamic)-> src/transports/twilio-chat/load.ts'),
    ]);
  });

  test('the server imports an optional peer as types only (values through its peer loader)', () => {
    const r = checkDeps(
      tree({
        ...clean,
        'package.json': JSON.stringify({ dependencies: { preact: '*', valibot: '*', 'idb-keyval': '*' }, peerDependencies: { ws: '*' }, peerDependenciesMeta: { ws: { optional: true } } }),
        'src/server/ok.ts': `import type { WebSocket } from 'ws';\nexport type W = WebSocket;\n`,
        'src/server/bad.ts': `import { WebSocketServer } from 'ws';\nexport { WebSocketServer };\n`,
      }),
    );
    expect(r.violations).toEqual([expect.stringMatching(/^src\/server\/bad\.ts: import "ws": "ws" is an optional peer: import its types only/)]);
  });

  test('a cycle of static imports is reported; type-only and dynamic imports do not count', () => {
    const r = checkDeps(
      tree({
        ...clean,
        'src/core/a.ts': `import { b } from './b';\nexport const a = () => b;\n`,
        'src/core/b.ts': `import { c } from './c';\nexport const b = () => c;\n`,
        'src/core/c.ts': `import { a } from './a';\nexport const c = () => a;\n`,
        // session <-> events only through a type import and a dynamic import: not a cycle
        'src/core/events.ts': `import type { start } from './session';\nexport const load = () => import('./session');\nexport type E = typeof start;\n`,
      }),
    );
    expect(r.violations).toEqual([]);
    expect(r.cycles).toEqual([['src/core/a.ts', 'src/core/b.ts', 'src/core/c.ts']]);
  });

  test('unresolvable imports, undeclared packages and files outside every layer are violations', () => {
    const r = checkDeps(
      tree({
        ...clean,
        'src/core/x.ts': `export { y } from './missing';\n`,
        'src/protocol/p.ts': `import * as z from 'zod';\nexport { z };\n`,
        'src/misc/q.ts': `export {};\n`,
      }),
    );
    expect(r.violations).toEqual([
      expect.stringMatching(/^src\/core\/x\.ts: import "\.\/missing": cannot be resolved/),
      expect.stringMatching(/^src\/misc\/q\.ts: is in no layer/),
      expect.stringMatching(/^src\/protocol\/p\.ts: import "zod": "zod" is not in package.json dependencies/),
    ]);
  });
});

test('importsOf classifies static, dynamic and type-only imports', () => {
  const src = [
    `import type { A } from './a';`,
    `import { type B } from './b';`,
    `import './c';`,
    `export * from './d';`,
    `export type { E } from './e';`,
    `const f = () => import('./f');`,
    `type G = typeof import('./g');`,
  ].join('\n');
  expect(importsOf('x.ts', src)).toEqual([
    { spec: './a', kind: 'static', typeOnly: true },
    { spec: './b', kind: 'static', typeOnly: false },
    { spec: './c', kind: 'static', typeOnly: false },
    { spec: './d', kind: 'static', typeOnly: false },
    { spec: './e', kind: 'static', typeOnly: true },
    { spec: './f', kind: 'dynamic', typeOnly: false },
    { spec: './g', kind: 'static', typeOnly: true },
  ]);
});

test('hostGlobalsOf: globals, members of globalThis/self/window and ambient declarations; not members, nor names the file declares', () => {
  const src = [
    `declare const document: any;`,
    `const n = globalThis['navigator'];`,
    `function f(location: string) { return location; }`,
    `const o = { fetch: 1 }; o.fetch;`,
    `interface I { window: number }`,
    `export const w = self.indexedDB;`,
  ].join('\n');
  expect(hostGlobalsOf('x.ts', src)).toEqual([
    { name: 'document', line: 1 },
    { name: 'navigator', line: 2 },
    { name: 'globalThis', line: 2 },
    { name: 'indexedDB', line: 6 },
    { name: 'self', line: 6 },
  ]);
});
