/**
 * Runs `fn` when the page is idle, and within a second at the latest (requestIdleCallback's
 * timeout): Baton's own work never competes with the host page's loading. Browsers without
 * requestIdleCallback (Safari before 18) run it in the next task.
 */
export function whenIdle(fn: () => void): void {
  const ric = (window as { requestIdleCallback?: (fn: () => void, o: { timeout: number }) => void }).requestIdleCallback;
  if (ric) ric(fn, { timeout: 1000 });
  else setTimeout(fn, 1);
}
