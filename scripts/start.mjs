// `npm start`: builds Baton if dist/ is incomplete, then serves the demo store.
//   PORT (default 8787), HOST (default 127.0.0.1), BATON_IDENTITY_SECRET (optional)
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const required = ['dist/baton.js', 'dist/baton-loader.js', 'dist/server/index.js', 'dist/demo/spa.js'];

const missing = required.filter((file) => !existsSync(path.join(root, file)));
if (missing.length > 0) {
  console.log(`Building Baton (missing ${missing.join(', ')})...`);
  const code = await new Promise((resolve) => {
    const child = spawn('npx', ['rollup', '-c'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
    child.on('error', (error) => {
      console.error(`Could not run rollup: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (status, signal) => resolve(signal ? 1 : (status ?? 1)));
  });
  if (code !== 0) {
    console.error('Build failed; not starting the demo store.');
    process.exit(typeof code === 'number' && code > 0 ? code : 1);
  }
}

// Imported only now: demo/server.mjs imports dist/server/index.js, which the build just made.
const { startDemoServer } = await import(pathToFileURL(path.join(root, 'demo/server.mjs')).href);

const port = Number(process.env.PORT ?? 8787);
const host = process.env.HOST ?? '127.0.0.1';
let server;
try {
  server = await startDemoServer({ port, host });
} catch (error) {
  console.error(`Could not start the demo store on ${host}:${port}: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}

console.log(`
  Baton demo store    ${server.url}/
  Single-page app     ${server.url}/app
  Consent demo        ${server.url}/?consent=required

  Press Ctrl+C to stop.
`);

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  server.close().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
