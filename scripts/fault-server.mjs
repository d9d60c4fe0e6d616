// Baton's embedded server (the built dist/server) with the demo store mounted, as a process of its
// own that a fault test or the soak can SIGKILL and start again on the same port and SQLite file.
// Not for production: `npm start` is. Loopback only.
//
//   PORT                   port to listen on (0: a free one; the chosen one is printed)
//   BATON_DB               the SQLite file (required)
//   BATON_DB_BUSY_MS       busy timeout of the server's SQLite connection (default: the server's, 5 s)
//   BATON_ALLOWED_ORIGINS  extra origins allowed to connect (comma-separated), e.g. a TCP proxy's
//   AGENT_EMAIL, AGENT_PASSWORD   creates this agent when the database has none
//
// Prints one JSON line once listening: {"url":"http://127.0.0.1:PORT","port":PORT,"pid":PID}.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { createEmbeddedServer, identitySecretBeside } = await import(pathToFileURL(path.join(root, 'dist/server/index.js')).href);
const { createDemoHandler } = await import(pathToFileURL(path.join(root, 'demo/server.mjs')).href);

const port = Number(process.env.PORT ?? 0);
const dbPath = process.env.BATON_DB;
if (!dbPath) {
  console.error('fault-server: BATON_DB is required');
  process.exit(2);
}
const extra = (process.env.BATON_ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);
const busy = process.env.BATON_DB_BUSY_MS ? Number(process.env.BATON_DB_BUSY_MS) : undefined;

// Like `npm start`: the secret kept beside the database, so a restarted server verifies what the killed one's store signed.
const identitySecret = identitySecretBeside(dbPath).secret;
const server = await createEmbeddedServer({
  port,
  host: '127.0.0.1',
  dbPath,
  identitySecret,
  staticHandler: createDemoHandler({ notFound: false, identitySecret }),
  ...(busy !== undefined ? { dbBusyTimeoutMs: busy } : {}),
  // The server's own origins plus the extra ones (PORT must then be fixed).
  ...(extra.length && port ? { allowedOrigins: [`http://127.0.0.1:${port}`, `http://localhost:${port}`, ...extra] } : {}),
});
if (process.env.AGENT_EMAIL && server.agentCount() === 0) {
  await server.createAgent({ email: process.env.AGENT_EMAIL, name: process.env.AGENT_NAME ?? 'Fault Agent', password: process.env.AGENT_PASSWORD ?? 'correct horse battery staple' });
}
process.stdout.write(JSON.stringify({ url: server.url, port: server.port, pid: process.pid }) + '\n');
const stop = () => server.close().then(() => process.exit(0), () => process.exit(1));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
