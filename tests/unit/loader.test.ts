// The loader file (src/loader/snippet.ts): the queue, and the Trusted Types policy `baton` that
// passes Baton's own script URLs only. (Chromium runs it for real under an enforced policy in
// tests/browser/cross-origin.test.ts; here the policy's rule itself is checked, which a page
// cannot reach: the policy is never exposed.)
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Rules = { createScriptURL(url: string): string };
const w = window as unknown as { Baton?: ((...a: unknown[]) => void) & { q: unknown[] }; trustedTypes?: unknown };
let appended: HTMLScriptElement[];

/** Runs the loader as if `<script src="${src}" nonce="${nonce}">` were executing it. */
async function runLoader(src: string, nonce = '') {
  const me = document.createElement('script');
  me.src = src;
  me.nonce = nonce;
  vi.spyOn(document, 'currentScript', 'get').mockReturnValue(me);
  vi.resetModules();
  await import('../../src/loader/snippet');
}

beforeEach(() => {
  delete w.Baton;
  delete w.trustedTypes;
  appended = [];
  vi.spyOn(document.head, 'append').mockImplementation((...nodes) => void appended.push(...(nodes as HTMLScriptElement[])));
});
afterEach(() => vi.restoreAllMocks());

describe('baton-loader.js', () => {
  it('queues calls and loads baton.js from beside itself as a module, with the nonce', async () => {
    await runLoader('https://baton.example/baton/baton-loader.js', 'n0nce');
    w.Baton!('boot', { launcher: false });
    expect(Array.from(w.Baton!.q[0] as ArrayLike<unknown>)).toEqual(['boot', { launcher: false }]);
    expect(appended).toHaveLength(1);
    expect(appended[0]!.type).toBe('module');
    expect(appended[0]!.src).toBe('https://baton.example/baton/baton.js');
    expect(appended[0]!.nonce).toBe('n0nce');
  });

  it('does nothing the second time', async () => {
    await runLoader('https://baton.example/baton/baton-loader.js');
    const first = w.Baton;
    await runLoader('https://baton.example/baton/baton-loader.js');
    expect(w.Baton).toBe(first);
    expect(appended).toHaveLength(1);
  });

  it("creates the Trusted Types policy `baton`, which passes Baton's origin and refuses any other", async () => {
    let rules: Rules | undefined;
    const names: string[] = [];
    const passed: string[] = [];
    w.trustedTypes = {
      createPolicy(name: string, r: Rules) {
        names.push(name);
        rules = r;
        return { createScriptURL: (u: unknown) => (passed.push(String(u)), r.createScriptURL(String(u))) };
      },
    };
    await runLoader('https://baton.example/baton/baton-loader.js');
    expect(names).toEqual(['baton']);
    // The bundle's URL went through the policy.
    expect(passed).toEqual(['https://baton.example/baton/baton.js']);
    expect(appended[0]!.src).toBe('https://baton.example/baton/baton.js');
    expect(rules!.createScriptURL('https://baton.example/baton/chunks/panel-x.js')).toBe('https://baton.example/baton/chunks/panel-x.js');
    expect(() => rules!.createScriptURL('https://evil.example/baton/baton.js')).toThrow();
    expect(() => rules!.createScriptURL('https://baton.example.evil.example/baton.js')).toThrow();
    expect(() => rules!.createScriptURL('/relative/on/the/page/origin.js')).toThrow();
  });

  it("still loads when the page's trusted-types list refuses the name (createPolicy throws)", async () => {
    w.trustedTypes = {
      createPolicy() {
        throw new TypeError('Policy "baton" disallowed');
      },
    };
    await runLoader('https://baton.example/baton/baton-loader.js');
    expect(appended[0]!.src).toBe('https://baton.example/baton/baton.js');
  });
});
