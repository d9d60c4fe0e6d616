/**
 * The paste-in loader (dist/baton-loader.js, budget 1,536 B gzip). It imports nothing.
 * It defines `window.Baton` as a command queue (`Baton('boot', {...})` works at once) and loads the
 * script-tag bundle as an ES module next to itself. Pasted twice, the second copy does nothing:
 * the queue and the one script tag of the first copy serve both.
 * The same logic, with the bundle URL written in, is the inline snippet in the README.
 */
type Queued = { (...args: unknown[]): unknown; q: unknown[] };

(function (w: Window & { Baton?: Queued }, d: Document) {
  if (w.Baton) return;
  const q: unknown[] = [];
  const b = (w.Baton = function () {
    // eslint-disable-next-line prefer-rest-params
    const a = arguments;
    q.push(a);
    // Like the API's on(), before the bundle too: `const off = Baton('on', e, fn)`. Calling it
    // queues (or, once loaded, runs) the matching off(). Other methods' results come with the
    // bundle (e.g. Baton('getContext')): returning this for every call keeps the loader small.
    return function () {
      w.Baton!('off', a[1], a[2]);
    };
  } as Queued);
  b.q = q;
  const me = d.currentScript as HTMLScriptElement | null;
  const s = d.createElement('script');
  s.type = 'module';
  // data-src overrides; otherwise baton.js sits beside this file.
  s.src = (me && me.getAttribute('data-src')) || (me ? me.src.replace(/[^/]*$/, 'baton.js') : '/baton/baton.js');
  if (me && me.nonce) s.nonce = me.nonce;
  d.head.appendChild(s);
})(window, document);
