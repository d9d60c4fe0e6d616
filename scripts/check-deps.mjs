#!/usr/bin/env node
// `npm run lint:deps`: enforces the dependency rule of src/ (rules in scripts/dep-rules.mjs).
// Usage: node scripts/check-deps.mjs [rootDir]   (rootDir defaults to the repository root)
// Exits 1, listing every violation and cycle, when the rule is broken.
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { checkDeps } from './dep-rules.mjs';

const rootDir = resolve(process.argv[2] ?? fileURLToPath(new URL('..', import.meta.url)));
const { files, violations, cycles } = checkDeps(rootDir);

for (const v of violations) console.error(`deps: violation: ${v}`);
for (const c of cycles) console.error(`deps: cycle: ${[...c, c[0]].join(' -> ')}`);
const summary = `deps: ${files.length} files, ${violations.length} violations, ${cycles.length} cycles`;
if (violations.length || cycles.length) {
  console.error(`${summary} (see docs/ARCHITECTURE.md for the dependency rule)`);
  process.exit(1);
}
console.log(summary);
