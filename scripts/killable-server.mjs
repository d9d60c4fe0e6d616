// Starts scripts/fault-server.mjs as a child process and lets the caller SIGKILL it and start it
// again on the same port with the same SQLite file. Used by the fault tests (tests/browser/faults*)
// and by `npm run soak`.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fault-server.mjs');

/** A free loopback port (chosen by the OS, then released for the child to take). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * @param {{ dbPath: string, port?: number, env?: Record<string, string> }} o
 * @returns {Promise<{ url: string, port: number, pid: () => number, kill: () => Promise<void>, restart: () => Promise<void>, stop: () => Promise<void>, kills: () => number }>}
 */
export async function startKillableServer(o) {
  // A fixed port from the start, so allowed origins and restarts all use the same one.
  let port = o.port || (await freePort());
  let child = null;
  let kills = 0;
  const launch = () =>
    new Promise((resolve, reject) => {
      const c = spawn(process.execPath, [SCRIPT], {
        env: { ...process.env, ...o.env, PORT: String(port), BATON_DB: o.dbPath },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      child = c;
      let out = '';
      const onData = (d) => {
        out += d;
        const nl = out.indexOf('\n');
        if (nl < 0) return;
        c.stdout.off('data', onData);
        try {
          resolve(JSON.parse(out.slice(0, nl)));
        } catch (e) {
          reject(e);
        }
      };
      c.stdout.on('data', onData);
      c.once('exit', (code, signal) => reject(new Error(`fault-server exited before listening (${code ?? signal})`)));
    });
  const exited = (c) => (c.exitCode !== null || c.signalCode !== null ? Promise.resolve() : new Promise((r) => c.once('exit', r)));
  const first = await launch();
  port = first.port;
  const url = first.url;
  return {
    url,
    port,
    pid: () => child.pid,
    kills: () => kills,
    /** SIGKILL: no close frames, no flush, the OS drops every socket. */
    async kill() {
      const c = child;
      c.kill('SIGKILL');
      await exited(c);
      kills++;
    },
    async restart() {
      // The port may take a moment to be free again after a kill.
      for (let i = 0; ; i++) {
        try {
          await launch();
          return;
        } catch (e) {
          if (i >= 20) throw e;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    },
    async stop() {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      c.kill('SIGTERM');
      await exited(c);
    },
  };
}
