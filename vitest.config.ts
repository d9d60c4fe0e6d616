// Projects, picked with `vitest run --project unit|server|package|browser`:
//   unit     tests/unit/**     happy-dom, in parallel
//   server   tests/server/**   the embedded server in Node
//   package  tests/package/**  `npm pack` installed into an empty app and bundled with esbuild (after the build)
//   browser  tests/browser/**  Node driving a real Chromium (playwright-core) against the built dist/;
//                              one file at a time (2-core machine, one Chromium at a time), long timeouts.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Vite 8 transforms TS/TSX with oxc: JSX goes through Preact's automatic runtime, as in rollup.config.mjs.
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'preact' },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
          environment: 'happy-dom',
        },
      },
      {
        extends: true,
        test: {
          // The embedded server in Node: real HTTP, real WebSockets, real SQLite files in temp dirs.
          name: 'server',
          include: ['tests/server/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          // The packed tarball installed into an empty app and bundled (after `npm run build`).
          name: 'package',
          include: ['tests/package/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // expect.poll waits for what it asserts; its default of 1 s is a speed limit in disguise on
          // a loaded 2-core machine (a chat test's poll ran out under a parallel run). 20 s, like
          // most polls here already ask for; a poll still ends the moment its assertion holds.
          expect: { poll: { timeout: 20_000 } },
        },
      },
    ],
  },
});
