// Issue 13, finding 1: `npm start`'s identity secret was a public constant, so anyone could sign any
// identity and appear Verified. Now a server never runs with a known secret: createEmbeddedServer
// refuses to start without one (or with a short or published one) unless told explicitly that
// nothing is signed, and `npm start` makes a random secret on first run, kept beside the database
// (mode 0600), which the demo store signs with.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { IDENTITY_SECRET_FILE, createEmbeddedServer, identitySecretBeside, signIdentity, signIdentityJwt } from '../../src/server/index';
import { identity, makeContext, newClientId, readDb, request, startServer, visitor } from './helpers';

const PUBLISHED = 'baton-demo-identity-secret';
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'baton-fail-closed-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('createEmbeddedServer fails closed', () => {
  it('refuses to start without an identity secret, or with an empty, short or published one', async () => {
    const dbPath = join(tempDir(), 'baton.sqlite');
    for (const identitySecret of [undefined, '', 'short-secret', PUBLISHED]) {
      await expect(createEmbeddedServer({ dbPath, identitySecret } as never), String(identitySecret)).rejects.toThrow(/identitySecret/);
    }
  });

  it('with identitySecret: null (no identity signing) verifies nothing, whatever the proof', async () => {
    const ts = await startServer({ identitySecret: null });
    try {
      const ada = { id: 'user_ada', name: 'Ada', email: 'ada@example.com' };
      for (const secret of [PUBLISHED, 'any-secret-at-all-0123456789']) {
        const proof = { hmac: signIdentity(ada.id, secret), jwt: signIdentityJwt({ sub: ada.id, name: ada.name, email: ada.email }, secret) };
        const v = await visitor(ts, { context: makeContext(identity(ada, proof)) });
        await v.client.request({ type: 'send', clientId: newClientId(), text: 'hi' }, 'ack');
        v.client.close();
      }
      const rows = readDb(ts.dbPath, (db) => db.prepare('SELECT visitor_verified, context_json FROM conversations').all()) as { visitor_verified: number; context_json: string }[];
      expect(rows).toHaveLength(2);
      for (const row of rows) {
        expect(row.visitor_verified).toBe(0);
        expect(JSON.parse(row.context_json).identity.verified).toEqual({ id: false, name: false, email: false, phone: false });
      }
    } finally {
      await ts.close();
    }
  });
});

describe('identitySecretBeside', () => {
  it('makes a random secret on first use, mode 0600, and keeps it', () => {
    const dir = tempDir();
    const dbPath = join(dir, 'data', 'baton.sqlite');
    const first = identitySecretBeside(dbPath);
    expect(first.created).toBe(true);
    expect(first.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.path).toBe(join(dir, 'data', IDENTITY_SECRET_FILE));
    expect(statSync(first.path!).mode & 0o777).toBe(0o600);
    const again = identitySecretBeside(dbPath);
    expect(again).toMatchObject({ secret: first.secret, created: false, narrowed: false });
    expect(identitySecretBeside(join(tempDir(), 'other.sqlite')).secret).not.toBe(first.secret);
  });

  it('narrows a file others can read to 0600, and refuses one too short to be a secret', () => {
    const dir = tempDir();
    const path = join(dir, IDENTITY_SECRET_FILE);
    writeFileSync(path, 'x'.repeat(40));
    chmodSync(path, 0o644);
    expect(identitySecretBeside(join(dir, 'baton.sqlite'))).toMatchObject({ secret: 'x'.repeat(40), narrowed: true });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    writeFileSync(path, 'short\n');
    expect(() => identitySecretBeside(join(dir, 'baton.sqlite'))).toThrow(/no usable identity secret/);
  });
});

describe('npm start', () => {
  const ROOT = fileURLToPath(new URL('../../', import.meta.url));

  /** Runs scripts/start.mjs on a free port with its database in `dir`; resolves with the URL it prints. */
  function start(dir: string): Promise<{ child: ChildProcess; url: string; output: () => string }> {
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', BATON_DB: join(dir, 'baton.sqlite') };
    delete env.BATON_IDENTITY_SECRET;
    for (const name of Object.keys(env)) if (name.startsWith('TWILIO_')) delete env[name];
    const child = spawn(process.execPath, ['scripts/start.mjs'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    return new Promise((resolve, reject) => {
      // It rebuilds first when sources changed since the last build. Given up: the child is stopped, never left behind.
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`npm start did not print its URL:\n${out}`));
      }, 150_000);
      const onData = (chunk: Buffer) => {
        out += chunk.toString();
        const url = /Agent console\s+(http:\/\/127\.0\.0\.1:\d+)\/agent/.exec(out)?.[1];
        if (url) {
          clearTimeout(timer);
          resolve({ child, url, output: () => out });
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`npm start exited (${code}):\n${out}`));
      });
    });
  }

  const stop = (child: ChildProcess) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });

  it('makes a random secret on first run, keeps it beside the database (0600), signs the demo with it, and never uses the published one', async () => {
    const dir = tempDir();
    const run = await start(dir);
    let secret: string;
    try {
      const file = join(dir, IDENTITY_SECRET_FILE);
      secret = readFileSync(file, 'utf8').trim();
      expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(run.output()).toContain(`Identity secret     ${file} (made now: a random one)`);
      expect(run.output()).not.toContain(secret); // the secret itself is never printed

      // Ada's page carries the store's signature: made with the kept secret, not the published one.
      const page = await request(`${run.url}/signin`, { headers: { Cookie: 'demo_user=ada' } });
      expect(page.status).toBe(200);
      expect(page.text).toContain(signIdentity('user_ada', secret));
      expect(page.text).not.toContain(signIdentity('user_ada', PUBLISHED));
    } finally {
      await stop(run.child);
    }
    // The second run keeps the same secret (identities signed before a restart stay verified).
    const second = await start(dir);
    try {
      expect(readFileSync(join(dir, IDENTITY_SECRET_FILE), 'utf8').trim()).toBe(secret);
      expect(second.output()).not.toContain('made now');
    } finally {
      await stop(second.child);
    }
  }, 360_000);
});
