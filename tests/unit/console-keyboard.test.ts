// The console's keyboard (src/console/keyboard.ts): single keys never take a letter from a text
// field; Ctrl/Cmd-K and Alt+arrows work everywhere; next/previous walk the sidebar's order.
import { describe, expect, it } from 'vitest';
import { commandFor, isTextField, stepConversation } from '../../src/console/keyboard';
import { initialState, type ConsoleState } from '../../src/console/state';
import { summary } from './console-fixtures';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean; isComposing: boolean }> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });

describe('commandFor', () => {
  it('single keys act only outside text fields', () => {
    expect(commandFor(key('j'), false)).toBe('next');
    expect(commandFor(key('K', { shiftKey: true }), false)).toBe('previous');
    expect(commandFor(key('?', { shiftKey: true }), false)).toBe('shortcuts');
    expect(commandFor(key('x'), false)).toBe('close');
    for (const k of ['j', 'k', 'c', 'x', 't', 'n', 'r', '?']) expect(commandFor(key(k), true)).toBeNull();
    expect(commandFor(key('q'), false)).toBeNull();
    expect(commandFor(key('c', { ctrlKey: true }), false)).toBeNull(); // copy stays copy
  });

  it('Ctrl/Cmd-K and Alt+arrows everywhere, not while composing an IME word', () => {
    expect(commandFor(key('k', { ctrlKey: true }), true)).toBe('palette');
    expect(commandFor(key('k', { metaKey: true }), true)).toBe('palette');
    expect(commandFor(key('ArrowDown', { altKey: true }), true)).toBe('next');
    expect(commandFor(key('ArrowUp', { altKey: true }), true)).toBe('previous');
    expect(commandFor(key('ArrowUp'), false)).toBeNull();
    expect(commandFor(key('k', { ctrlKey: true, isComposing: true }), true)).toBeNull();
  });

  it('text fields', () => {
    const el = (tag: string, type?: string) => Object.assign(document.createElement(tag), type ? { type } : {});
    expect(isTextField(el('textarea'))).toBe(true);
    expect(isTextField(el('input', 'text'))).toBe(true);
    expect(isTextField(el('input', 'search'))).toBe(true);
    expect(isTextField(el('input', 'radio'))).toBe(false);
    expect(isTextField(el('button'))).toBe(false);
    expect(isTextField(null)).toBe(false);
  });
});

describe('stepConversation', () => {
  const state = (selectedId: string | null): ConsoleState => ({ ...initialState(), mine: ['m1', 'm2'], queue: [summary('q1'), summary('q2')], selectedId });
  it('walks mine, then the queue, wrapping', () => {
    expect(stepConversation(state(null), 1)).toBe('m1');
    expect(stepConversation(state(null), -1)).toBe('q2');
    expect(stepConversation(state('m2'), 1)).toBe('q1');
    expect(stepConversation(state('q2'), 1)).toBe('m1');
    expect(stepConversation(state('m1'), -1)).toBe('q2');
    expect(stepConversation({ ...initialState() }, 1)).toBeNull();
  });
});
