import type { NavigationSource } from '../core/ports';

type Nav = EventTarget & { currentEntry?: unknown };

/**
 * SPA route changes: the Navigation API's `currententrychange` where the browser has it (it sees
 * pushState, replaceState and traversals alike, and says which); elsewhere, History API calls plus
 * popstate and hashchange. Each change says whether it replaced the current history entry (a
 * router's redirect). Deduplication (same path) happens in the journey.
 */
export const browserNavigation: NavigationSource = {
  loadKind() {
    const entry = performance.getEntriesByType?.('navigation')[0] as PerformanceNavigationTiming | undefined;
    return entry?.type === 'reload' ? 'reload' : entry?.type === 'back_forward' ? 'back_forward' : 'load';
  },
  watch(onRouteChange) {
    const nav = (window as unknown as { navigation?: Nav }).navigation;
    if (nav && typeof nav.addEventListener === 'function' && 'currentEntry' in nav) {
      const fn = (e: Event) => onRouteChange((e as Event & { navigationType?: string }).navigationType == 'replace');
      nav.addEventListener('currententrychange', fn);
      return () => nav.removeEventListener('currententrychange', fn);
    }
    return watchHistory(onRouteChange);
  },
  watchTitle(onTitle) {
    // One observer on <head>; most of its mutations (styles, scripts) leave the title alone, and
    // comparing one string is all they cost.
    let last = document.title;
    const observer = new MutationObserver(() => {
      if (document.title !== last) {
        last = document.title;
        onTitle();
      }
    });
    if (document.head) observer.observe(document.head, { subtree: true, childList: true, characterData: true });
    return () => observer.disconnect();
  },
};

const historyListeners = new Set<(replace?: boolean) => void>();

function watchHistory(fn: (replace?: boolean) => void): () => void {
  if (!historyListeners.size) {
    // Patched once for every listener; the originals keep their behaviour and return values.
    for (const method of ['pushState', 'replaceState'] as const) {
      const original = history[method];
      history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
        const result = original.apply(this, args);
        for (const l of historyListeners) l(method == 'replaceState');
        return result;
      };
    }
    const fire = () => historyListeners.forEach((l) => l());
    addEventListener('popstate', fire);
    addEventListener('hashchange', fire);
  }
  historyListeners.add(fn);
  return () => void historyListeners.delete(fn);
}
