/**
 * The console's keyboard: which key does what, and when a key is the agent's typing rather than a
 * shortcut. Pure (the DOM's part is ui/Keyboard.tsx). Single keys (`j`, `k`, `c`, `?`…) act only
 * when the focus is not in a text field, so they never take a letter from the composer; Ctrl/Cmd-K
 * and Alt+ArrowUp/ArrowDown work everywhere.
 */
import type { ConsoleState } from './state';

export type Command =
  | 'palette'
  | 'next'
  | 'previous'
  | 'claim'
  | 'close'
  | 'transfer'
  | 'note'
  | 'reply'
  | 'away'
  | 'replies'
  | 'shortcuts';

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  isComposing?: boolean;
}

/** The shortcuts as the sheet lists them (the keys, then what they do). */
export const SHORTCUTS: ReadonlyArray<{ keys: string[]; command: Command }> = [
  { keys: ['Ctrl K', '⌘ K'], command: 'palette' },
  { keys: ['J', 'Alt ↓'], command: 'next' },
  { keys: ['K', 'Alt ↑'], command: 'previous' },
  { keys: ['C'], command: 'claim' },
  { keys: ['R'], command: 'reply' },
  { keys: ['N'], command: 'note' },
  { keys: ['T'], command: 'transfer' },
  { keys: ['X'], command: 'close' },
  { keys: ['?'], command: 'shortcuts' },
];

const SINGLE: Record<string, Command> = { j: 'next', k: 'previous', c: 'claim', r: 'reply', n: 'note', t: 'transfer', x: 'close', '?': 'shortcuts' };

/** The command a key stands for, or null. `typing`: the focus is in a text field. */
export function commandFor(e: KeyLike, typing: boolean): Command | null {
  if (e.isComposing) return null;
  if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k') return 'palette';
  if (e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey) {
    if (e.key === 'ArrowDown') return 'next';
    if (e.key === 'ArrowUp') return 'previous';
  }
  if (typing || e.ctrlKey || e.metaKey || e.altKey) return null;
  return SINGLE[e.key === '?' ? '?' : e.key.toLowerCase()] ?? null;
}

/** True for what takes text: inputs that type, textareas, selects, contenteditable. */
export function isTextField(el: Element | null): boolean {
  if (!el) return false;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file', 'image'].includes((el as HTMLInputElement).type);
  return (el as HTMLElement).isContentEditable === true;
}

/** The conversations in the sidebar's order: the agent's own, then the queue. */
export function conversationOrder(s: ConsoleState): string[] {
  return [...s.mine, ...s.queue.map((q) => q.id)];
}

/** The conversation `step` places from the selected one (wrapping), or the first/last with none selected. */
export function stepConversation(s: ConsoleState, step: 1 | -1): string | null {
  const order = conversationOrder(s);
  if (!order.length) return null;
  const at = s.selectedId ? order.indexOf(s.selectedId) : -1;
  if (at < 0) return step === 1 ? order[0]! : order[order.length - 1]!;
  return order[(at + step + order.length) % order.length]!;
}
