/**
 * Automatic away (issue 17; the server's `autoAwayMs`, told in `welcome`): after that long without
 * input in any of the console's tabs, the agent is set away (automatic assignment then gives them
 * nothing, teammates see it); their next input sets them available again, but only when it was this
 * that set them away (an agent who chose Away stays away). Tabs share the last input time and the
 * "set by us" mark through localStorage, so a tab left in the background never sets away an agent
 * working in another one.
 */
import type { AgentPresence } from '../protocol/chat';

export const LAST_INPUT_KEY = 'baton.console.lastInput';
export const AUTO_AWAY_KEY = 'baton.console.autoAway';
/** Input is written for the other tabs at most this often. */
const SHARE_EVERY_MS = 5_000;
const INPUT_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart', 'focus'] as const;

export interface AutoAwayDeps {
  afterMs: number;
  presence(): AgentPresence | null;
  setPresence(status: AgentPresence): void;
  win?: Window;
  now?: () => number;
  /** Runs `fn` every `ms` until the returned stop is called (tests drive it by hand). */
  every?: (fn: () => void, ms: number) => () => void;
}

/** Starts watching; returns the stop function. */
export function startAutoAway(deps: AutoAwayDeps): () => void {
  const win = deps.win ?? window;
  const now = deps.now ?? Date.now;
  const storage = safeStorage(win);
  let lastInput = now();
  let shared = 0;
  let mark = false; // when storage is unavailable: this tab's own memory of having set away

  const markedAway = () => (storage ? storage.getItem(AUTO_AWAY_KEY) === '1' : mark);
  const setMark = (on: boolean) => {
    mark = on;
    try {
      if (on) storage?.setItem(AUTO_AWAY_KEY, '1');
      else storage?.removeItem(AUTO_AWAY_KEY);
    } catch {
      // storage full or refused: this tab's memory only
    }
  };

  const onInput = () => {
    const t = now();
    lastInput = t;
    if (t - shared >= SHARE_EVERY_MS) {
      shared = t;
      try {
        storage?.setItem(LAST_INPUT_KEY, String(t));
      } catch {
        // as above
      }
    }
    if (markedAway() && deps.presence() === 'away') {
      setMark(false);
      deps.setPresence('online');
    }
  };

  const check = () => {
    const elsewhere = Number(storage?.getItem(LAST_INPUT_KEY) ?? 0) || 0;
    const idle = now() - Math.max(lastInput, elsewhere);
    if (idle >= deps.afterMs && deps.presence() === 'online') {
      setMark(true);
      deps.setPresence('away');
    }
  };

  for (const type of INPUT_EVENTS) win.addEventListener(type, onInput, { passive: true, capture: true });
  const every =
    deps.every ??
    ((fn: () => void, ms: number) => {
      const timer = win.setInterval(fn, ms);
      return () => win.clearInterval(timer);
    });
  const stopChecks = every(check, Math.max(250, Math.min(15_000, deps.afterMs / 4)));
  return () => {
    for (const type of INPUT_EVENTS) win.removeEventListener(type, onInput, { capture: true });
    stopChecks();
  };
}

function safeStorage(win: Window): Storage | null {
  try {
    return win.localStorage;
  } catch {
    return null;
  }
}
