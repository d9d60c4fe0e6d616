/**
 * The paste-in loader (dist/baton-loader.js, budget 300 B gzip: LOADER_BUDGET in scripts/size.mjs).
 * It imports nothing. It defines `window.Baton` as a command queue (`Baton('boot', {...})` works at
 * once) and loads the script-tag bundle, baton.js, as an ES module from beside itself. Pasted
 * twice, the second copy does nothing: the queue and the one script tag of the first copy serve both.
 * The same logic, with the bundle URL written in, is the inline snippet in the README.
 *
 * Trusted Types: where the browser has them, the bundle's URL goes through a policy named `baton`
 * that passes script URLs on Baton's own origin (the loader's) and nothing else, so a page with
 * `require-trusted-types-for 'script'; trusted-types baton` loads Baton. The policy is created once
 * (a second copy returns early) and is never exposed. A page whose `trusted-types` list leaves
 * `baton` out makes createPolicy throw: the plain URL is used then, which works unless that page
 * also requires Trusted Types (then its own CSP refuses Baton, as it asked).
 */
type Queued = { (...args: unknown[]): unknown; q: unknown[] };
interface TrustedTypesLike {
  createPolicy(name: string, rules: { createScriptURL(url: string): string }): { createScriptURL(url: string | URL): string };
}

(function (w: Window & { Baton?: Queued; trustedTypes?: TrustedTypesLike }, d: Document) {
  if (w.Baton) return;
  const q: unknown[] = [];
  (w.Baton = function () {
    // eslint-disable-next-line prefer-rest-params
    const a = arguments;
    q.push(a);
    // Like the API's on(), before the bundle too: `const off = Baton('on', e, fn)`. Calling it
    // queues (or, once loaded, runs) the matching off(). Other methods' results come with the
    // bundle (e.g. Baton('getContext')): returning this for every call keeps the loader small.
    return function () {
      w.Baton!('off', a[1], a[2]);
    };
  } as Queued).q = q;
  // A classic script (the file form, async or not) always has currentScript while it runs.
  const me = d.currentScript as HTMLScriptElement;
  const s = d.createElement('script');
  // baton.js sits beside this file (a bundle elsewhere: use the inline snippet, which names its URL).
  const url = new URL('baton.js', me.src);
  let src: string | URL = url;
  try {
    src = w.trustedTypes!.createPolicy('baton', {
      createScriptURL(u) {
        // Baton's own origin only; a relative URL throws here too.
        if (new URL(u).origin == url.origin) return u;
        throw u;
      },
    }).createScriptURL(url);
  } catch {
    // No Trusted Types, or this page's CSP does not allow the policy name (see above).
  }
  s.type = 'module';
  s.src = src as string;
  // Under a nonce-based CSP the bundle needs the loader's nonce ('' when there is none: harmless).
  // (Always a string on an element, '' when there is none; the DOM's types make it optional.)
  s.nonce = me.nonce as string;
  d.head.append(s);
})(window, document);

// A module (for the unit test that imports it); it exports nothing, the IIFE build is the same.
export {};
