// The console's thread renders only the rows that changed: a new message, a typing indicator or the
// clock does not parse (src/view/links.ts) or render the other messages again (issue 13: one heavy
// message froze the console on every render).
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { initialState, reduce } from '../../src/console/state';
import { ConsoleStore } from '../../src/console/store';
import { Thread } from '../../src/console/ui/Thread';
import { ME, NOW, detail, message, welcomeFrames } from './console-fixtures';

const parsed = vi.hoisted(() => ({ texts: [] as string[] }));
/** Message rows rendered: each sent row shows its full time once per render. */
const rendered = vi.hoisted(() => ({ at: [] as number[] }));
vi.mock('../../src/console/strings', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/console/strings')>();
  return {
    ...real,
    fullTime: (at: number) => {
      rendered.at.push(at);
      return real.fullTime(at);
    },
  };
});
vi.mock('../../src/view/links', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/view/links')>();
  return {
    ...real,
    parseLinks: (text: string) => {
      parsed.texts.push(text);
      return real.parseLinks(text);
    },
  };
});

let host: HTMLElement | null = null;
afterEach(() => {
  if (host) act(() => render(null, host!));
  host?.remove();
  host = null;
});

describe('Thread rows', () => {
  it('parse and render each message once: a new message, typing or the clock re-render no unchanged row', () => {
    const heavy = `https://x.test/${')'.repeat(3980)}`;
    const messages = Array.from({ length: 50 }, (_, i) => message('c1', i + 1, i % 2 ? 'agent' : 'visitor', { text: i === 10 ? heavy : `message ${i + 1}` }));
    const store = new ConsoleStore({ connect: () => ({ start() {}, stop() {}, retryNow() {}, send: () => true }) });
    store.state = [
      ...welcomeFrames({ queue: [], mine: [detail('c1', { messages })] }),
      { type: '@select' as const, conversationId: 'c1' },
    ].reduce((s, e) => reduce(s, e, NOW), initialState());
    host = document.createElement('div');
    document.body.append(host);
    const draw = (now: number) => act(() => render(<Thread store={store} now={now} />, host!));

    draw(NOW);
    expect(host.querySelectorAll('[data-testid=message]')).toHaveLength(50);
    expect(parsed.texts).toHaveLength(50);
    expect(rendered.at).toHaveLength(50);

    parsed.texts.length = 0;
    rendered.at.length = 0;
    draw(NOW + 5000); // the 5 s clock
    store.dispatch({ type: 'typing', conversationId: 'c1', on: true });
    draw(NOW + 5000);
    expect(parsed.texts).toEqual([]);
    expect(rendered.at).toEqual([]);

    store.dispatch({ type: 'message', message: message('c1', 51, 'visitor', { text: 'one more', at: messages[49]!.at + 1000 }) });
    draw(NOW + 6000);
    expect(host.querySelectorAll('[data-testid=message]')).toHaveLength(51);
    expect(parsed.texts).toEqual(['one more']);
    expect(rendered.at).toEqual([messages[49]!.at + 1000]);

    // The agent's own message, sending then acknowledged: that row, and the previous own message
    // whose "Sent" mark moves to it, render again; nothing else.
    parsed.texts.length = 0;
    rendered.at.length = 0;
    store.dispatch({ type: '@send', conversationId: 'c1', clientId: 'client_reply_1', text: 'my reply' });
    draw(NOW + 7000);
    store.dispatch({ type: 'ack', clientId: 'client_reply_1', message: message('c1', 52, 'agent', { text: 'my reply', clientId: 'client_reply_1', agent: ME, at: NOW + 7000 }) });
    draw(NOW + 7000);
    expect(parsed.texts).toEqual(['my reply', 'my reply']);
    expect(rendered.at.sort()).toEqual([messages[49]!.at, NOW + 7000]);
    expect(host.querySelector('[data-testid=message-sent]')).not.toBeNull();
  });
});
