// `npm run agent:create -- --email sam@example.com --name "Sam Doe" [--password ...]`
// Adds an agent account to the embedded server's database (BATON_DB, default ./data/baton.sqlite).
// Without --password a random one is generated and printed once (passwords on the command line end
// up in shell history; prefer letting it generate one, then change it when that exists).
// Safe while the server runs: SQLite (WAL) lets both processes use the file.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = 'Usage: npm run agent:create -- --email <e-mail> --name <name> [--password <at least 10 characters>] [--db <file>]';

let args;
try {
  args = parseArgs({
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      db: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values;
} catch (error) {
  console.error(`${error instanceof Error ? error.message : error}\n${USAGE}`);
  process.exit(2);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!args.email || !args.name) {
  console.error(USAGE);
  process.exit(2);
}

const serverModule = path.join(root, 'dist/server/index.js');
if (!existsSync(serverModule)) {
  console.error('dist/server/index.js is missing: run `npx rollup -c` (or `npm start`) first.');
  process.exit(1);
}
const { createEmbeddedServer } = await import(pathToFileURL(serverModule).href);

const dbPath = path.resolve(args.db ?? process.env.BATON_DB ?? path.join(root, 'data', 'baton.sqlite'));
const generated = args.password === undefined;
const password = args.password ?? randomBytes(12).toString('base64url');

// The server API is the one way in to the database (migrations, hashing, validation); a throwaway
// instance on a random loopback port is closed right after (identitySecret: null, it verifies no identity).
const server = await createEmbeddedServer({ port: 0, host: '127.0.0.1', dbPath, identitySecret: null });
let code = 0;
try {
  const agent = await server.createAgent({ email: args.email, name: args.name, password });
  console.log(`Created agent ${agent.name} <${args.email}> (${agent.id}) in ${dbPath}`);
  if (generated) console.log(`Password (shown only now): ${password}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  code = 1;
} finally {
  await server.close();
}
process.exit(code);
