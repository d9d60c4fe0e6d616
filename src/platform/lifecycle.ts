import type { LifecycleSource } from '../core/ports';

/**
 * The last reliable moments to save state: `visibilitychange` to hidden (the page may be frozen or
 * discarded from there on, especially on mobile) and `pagehide` (unload, or entering the bfcache).
 */
export const browserLifecycle: LifecycleSource = {
  onHidden(fn) {
    const onVisibility = () => document.visibilityState === 'hidden' && fn();
    document.addEventListener('visibilitychange', onVisibility);
    addEventListener('pagehide', fn);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      removeEventListener('pagehide', fn);
    };
  },
};
