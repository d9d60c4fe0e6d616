// src/server/peers.ts: the optional peers of baton-sdk/server, loaded on first use.
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { peer, SERVER_PEERS } from '../../src/server/peers';

describe('peer()', () => {
  it('loads an installed peer', () => {
    expect(typeof peer<{ WebSocketServer: unknown }>('ws').WebSocketServer).toBe('function');
  });

  it('names a missing peer, the part that needs it and the command that installs it', () => {
    const empty = mkdtempSync(join(tmpdir(), 'baton-nopeers-'));
    try {
      // Node's own resolution from a folder with no node_modules: the real MODULE_NOT_FOUND.
      const requireThere = createRequire(join(empty, 'server.js'));
      for (const name of Object.keys(SERVER_PEERS) as (keyof typeof SERVER_PEERS)[]) {
        expect(() => peer(name, requireThere)).toThrow(`needs the package "${name}", which is not installed. Install it in your server's project: ${SERVER_PEERS[name].install}`);
      }
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it("a peer that is there but fails to load (a dependency of its own missing) keeps its own error", () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-brokenpeer-'));
    try {
      mkdirSync(join(dir, 'node_modules', 'ws'), { recursive: true });
      writeFileSync(join(dir, 'node_modules', 'ws', 'package.json'), JSON.stringify({ name: 'ws', main: 'index.js' }));
      writeFileSync(join(dir, 'node_modules', 'ws', 'index.js'), `require('some-dependency-of-ws');`);
      expect(() => peer('ws', createRequire(join(dir, 'server.js')))).toThrow(/Cannot find module 'some-dependency-of-ws'/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
