// The start the product benchmarks share (bench-chat.mjs, bench-call.mjs): the embedded server
// (built dist/server) with the demo store, on a free loopback port with a fresh SQLite file, an
// agent account, a headless Chromium, and that agent signed in to the console for the whole run.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The flags of tests/browser/harness.ts (CHROMIUM_ARGS): quiet, deterministic, loopback only. */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/**
 * Starts it all for the benchmark `name` (names the temp directory), with `chromiumArgs` added to
 * the flags. Returns the server's URL, the browser, the signed-in agent's page and close(), which
 * stops the browser and the server and removes the SQLite file.
 */
export async function startBenchProduct({ name, agent, chromiumArgs = [] }) {
  const dir = mkdtempSync(`${tmpdir()}/baton-bench-${name}-`);
  const { createEmbeddedServer, newIdentitySecret } = await import(pathToFileURL(`${ROOT}dist/server/index.js`).href);
  const { createDemoHandler } = await import(pathToFileURL(`${ROOT}demo/server.mjs`).href);
  const identitySecret = newIdentitySecret();
  const server = await createEmbeddedServer({
    port: 0,
    host: '127.0.0.1',
    dbPath: `${dir}/bench.sqlite`,
    identitySecret,
    staticHandler: createDemoHandler({ notFound: false, identitySecret }),
  });
  await server.createAgent(agent);
  const url = server.url.replace(/\/$/, '');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: [...CHROMIUM_ARGS, ...chromiumArgs], headless: true });
  const close = async () => {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // The agent works in one console for the whole run.
    const agentContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const agentPage = await agentContext.newPage();
    await agentPage.goto(`${url}/agent`);
    await agentPage.fill('#login-email', agent.email);
    await agentPage.fill('#login-password', agent.password);
    await agentPage.click('button[type=submit]');
    await agentPage.locator('[data-testid=connection][data-state=open]').waitFor();
    return { url, browser, agent: agentPage, close };
  } catch (error) {
    await close();
    throw error;
  }
}
