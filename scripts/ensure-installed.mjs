#!/usr/bin/env node
// @ts-check
// What `npm start` and `npm test` need before they run, on a fresh clone or after a pull:
//   - the project's npm dependencies, as package-lock.json pins them: when node_modules is missing it
//     says so and runs `npm ci`; when it differs from the lockfile (compared with npm's own record of
//     what it installed, node_modules/.package-lock.json), e.g. after a pull that added a package,
//     `npm install` (which installs the locked versions and only what changed);
//   - for the tests, Chromium (CHROMIUM_PATH, default /usr/bin/chromium), which npm cannot install:
//     when it is missing it names the command that installs it and exits 1.
// Usage: node scripts/ensure-installed.mjs [--chromium]   (npm test runs it with --chromium)
// Only Node built-ins here: it runs before anything is installed.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** @param {string} file */
function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/**
 * Why node_modules does not match package-lock.json, or null when it does.
 * @param {string} root
 * @returns {string | null}
 */
export function installProblem(root = ROOT) {
  const lock = readJson(path.join(root, 'package-lock.json'));
  if (!lock?.packages) return 'package-lock.json is missing or unreadable';
  if (!existsSync(path.join(root, 'node_modules'))) return 'node_modules is missing';
  const installed = readJson(path.join(root, 'node_modules', '.package-lock.json'))?.packages;
  if (!installed) return 'node_modules was not installed by npm from package-lock.json';
  for (const [where, want] of Object.entries(lock.packages)) {
    if (where === '' || !where.startsWith('node_modules/') || want.link) continue;
    const have = installed[where];
    // Optional packages for other platforms (esbuild's, rollup's native builds) are never installed.
    if (!have) {
      if (want.optional) continue;
      return `${where.slice('node_modules/'.length)} is not installed`;
    }
    if (have.version !== want.version) return `${where.slice('node_modules/'.length)} is ${have.version}, package-lock.json wants ${want.version}`;
    if (!existsSync(path.join(root, where, 'package.json'))) return `${where.slice('node_modules/'.length)} is missing from node_modules`;
  }
  return null;
}

/** Runs `npm <command>` in root (with the npm that runs us when started by npm). Returns its exit status. */
function npm(root, command) {
  const npmCli = process.env.npm_execpath;
  const [cmd, args] = npmCli && /\.[cm]?js$/.test(npmCli) ? [process.execPath, [npmCli]] : ['npm', []];
  const result = spawnSync(cmd, [...args, command, '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.error) console.error(`Could not run npm: ${result.error.message}`);
  return result.status ?? 1;
}

/**
 * Installs the dependencies when node_modules does not match package-lock.json, saying why.
 * Returns false when that failed (the message is printed).
 * @param {string} who e.g. 'npm start'
 */
export function ensureDependencies(who, root = ROOT) {
  const problem = installProblem(root);
  if (!problem) return true;
  const command = existsSync(path.join(root, 'node_modules')) ? 'install' : 'ci';
  console.log(`${who}: installing the project's dependencies with \`npm ${command}\` (${problem})...`);
  const status = npm(root, command);
  const still = status === 0 ? installProblem(root) : null;
  if (status !== 0 || still) {
    console.error(`${who}: \`npm ${command}\` failed${still ? ` (${still})` : ''}; run it yourself to see why.`);
    return false;
  }
  console.log(`${who}: dependencies installed.`);
  return true;
}

/** The Chromium the browser tests drive, or a message naming how to install it. */
export function chromiumProblem(env = process.env) {
  const bin = env.CHROMIUM_PATH || '/usr/bin/chromium';
  try {
    accessSync(bin, constants.X_OK);
    return null;
  } catch {
    return (
      `Chromium is missing: the browser tests drive ${bin}${env.CHROMIUM_PATH ? ' (CHROMIUM_PATH)' : ''}.\n` +
      `  Install it (Debian/Ubuntu):  sudo apt-get install -y chromium\n` +
      `  or point CHROMIUM_PATH at a Chromium or Chrome binary:  CHROMIUM_PATH=/path/to/chromium npm test`
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const forTests = process.argv.includes('--chromium');
  const who = forTests ? 'npm test' : 'npm start';
  if (forTests) {
    // Said first: nothing npm installs can fix it, so do not make the reader wait for an install.
    const problem = chromiumProblem();
    if (problem) {
      console.error(`${who}: ${problem}`);
      process.exit(1);
    }
  }
  if (!ensureDependencies(who)) process.exit(1);
}
