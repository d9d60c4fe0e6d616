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
    q.push(arguments);
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
