/**
 * The browser's tab coordination (core's TabChannel port, src/core/chat/tabs.ts): the leader lock
 * is a Web Lock (`navigator.locks`), held until the tab closes or gives it up, so the next tab
 * waiting for it gets it as soon as the leader's page is gone; messages between tabs go over a
 * BroadcastChannel. Null when either API is missing: each tab then connects on its own.
 */
import type { TabChannel, TabMessage } from '../core/chat/tabs';

export function browserTabs(name: string): TabChannel | null {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks || typeof BroadcastChannel === 'undefined') return null;
  const bc = new BroadcastChannel(name);
  return {
    lead(onLead) {
      const abort = new AbortController();
      let done: (() => void) | null = null;
      locks
        .request(name, { signal: abort.signal }, () =>
          new Promise<void>((resolve) => {
            done = resolve;
            onLead();
          }),
        )
        .catch(() => undefined); // aborted before it was granted
      return () => {
        abort.abort();
        done?.();
      };
    },
    post: (message) => bc.postMessage(message),
    onMessage(fn) {
      const h = (e: MessageEvent) => fn(e.data as TabMessage);
      bc.addEventListener('message', h);
      return () => bc.removeEventListener('message', h);
    },
    close: () => bc.close(),
  };
}
