import { describe, expect, it, vi } from 'vitest';
import { Signals } from '../../src/core/context/signals';
import { browserSignals } from '../../src/platform/signals';

function setup() {
  let t = 1000;
  let changes = 0;
  const s = new Signals(() => '/checkout', (x) => x.replace(/\S+@\S+/g, '[email]'), () => t, () => changes++);
  s.attach(browserSignals);
  const click = (x: number, y: number, target: Element = document.body) =>
    target.dispatchEvent(new MouseEvent('click', { clientX: x, clientY: y, bubbles: true }));
  return { s, click, advance: (ms: number) => (t += ms), changes: () => changes };
}

describe('friction signals', () => {
  it('3 clicks within 1 s within 30 px make one rage click per burst', () => {
    const { s, click, advance } = setup();
    const button = document.createElement('button');
    button.id = 'size-44';
    button.className = 'size sold-out';
    document.body.append(button);
    click(100, 100, button);
    advance(200);
    click(110, 105, button);
    advance(200);
    click(95, 120, button);
    advance(100);
    click(100, 100, button); // same burst: not counted again
    expect(s.snapshot()).toEqual([{ type: 'rage_click', detail: 'button#size-44', path: '/checkout', firstAt: 1400, at: 1400, count: 1 }]);
    button.remove();
    s.detach();
  });

  it('clicks that are slow or far apart are not rage clicks', () => {
    const { s, click, advance } = setup();
    click(100, 100);
    advance(600);
    click(100, 100);
    advance(600);
    click(100, 100); // 1.2 s after the first
    click(300, 300);
    click(100, 100);
    expect(s.snapshot()).toEqual([]);
    s.detach();
  });

  it('uncaught errors and unhandled rejections are counted by message, redacted', () => {
    const { s } = setup();
    for (let i = 0; i < 3; i++) window.dispatchEvent(new ErrorEvent('error', { message: 'Coupon service unavailable' }));
    window.dispatchEvent(new ErrorEvent('error', { message: 'No user jane@example.com' }));
    const rejection = new Event('unhandledrejection') as Event & { reason: unknown };
    rejection.reason = new Error('fetch failed');
    window.dispatchEvent(rejection);
    expect(s.snapshot().map((x) => [x.type, x.detail, x.count])).toEqual([
      ['error', 'Coupon service unavailable', 3],
      ['error', 'No user [email]', 1],
      ['unhandled_rejection', 'fetch failed', 1],
    ]);
    s.detach();
  });

  it('a submit blocked by validation becomes one signal naming the invalid fields, not their values', async () => {
    const { s } = setup();
    const form = document.createElement('form');
    form.id = 'checkout';
    for (const name of ['email', 'card']) {
      const input = document.createElement('input');
      input.name = name;
      input.required = true;
      form.append(input);
    }
    document.body.append(form);
    for (const input of form.querySelectorAll('input')) input.dispatchEvent(new Event('invalid', { cancelable: true }));
    await vi.waitFor(() => expect(s.snapshot().map((x) => [x.type, x.detail, x.count])).toEqual([['form_invalid', 'form#checkout: email, card', 1]]));
    form.remove();
    s.detach();
  });

  it('dates a blocked submit when and where it was blocked, not when its fields are gathered (replayed events)', async () => {
    let t = 1000;
    let path = '/checkout';
    const s = new Signals(() => path, (x) => x, () => t, () => {});
    s.invalid('form#pay', 'card');
    s.invalid('form#pay', 'email');
    // The early capture replays several events in one task: the page and the clock move on before the gathering timer runs.
    t = 5000;
    path = '/help';
    await vi.waitFor(() => expect(s.snapshot()).toEqual([{ type: 'form_invalid', detail: 'form#pay: card, email', path: '/checkout', firstAt: 1000, at: 1000, count: 1 }]));
  });

  it('keeps the 20 most recent distinct signals', () => {
    const { s } = setup();
    for (let i = 0; i < 25; i++) s.add('error', `e${i}`);
    expect(s.snapshot()).toHaveLength(20);
    expect(s.snapshot()[0]!.detail).toBe('e5');
    s.detach();
  });
});
