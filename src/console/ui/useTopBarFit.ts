/**
 * The top bar on one line in every language (issue 18): when its buttons' words do not fit (German,
 * Slovak or the pseudo-locale at 1280 px), it turns `data-compact` on, and the buttons show their
 * icon only (the word stays their accessible name and their tooltip; styles.ts). Measured when the
 * bar mounts (the workspace is made again in a new language), when its width changes, and when
 * `deps` change (an admin's extra buttons).
 */
import type { RefObject } from 'preact';
import { useLayoutEffect } from 'preact/hooks';

export function useTopBarFit(bar: RefObject<HTMLElement>, deps: unknown[]): void {
  useLayoutEffect(() => {
    const el = bar.current;
    if (!el) return;
    const fit = () => {
      el.removeAttribute('data-compact');
      if (el.scrollWidth > el.clientWidth + 1) el.setAttribute('data-compact', '');
    };
    fit();
    if (typeof ResizeObserver === 'undefined') return;
    let width = el.clientWidth;
    const watch = new ResizeObserver(() => {
      if (el.clientWidth !== width) (width = el.clientWidth), fit();
    });
    watch.observe(el);
    return () => watch.disconnect();
  }, deps);
}
