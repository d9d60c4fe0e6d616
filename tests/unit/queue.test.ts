import { describe, expect, it } from 'vitest';
import { orderQueue, type QueuedCall } from '../../src/api/queue';

describe('orderQueue: the documented replay order', () => {
  it('puts configuration, consent, identity, context and listeners before open/send, keeping call order within a group', () => {
    const fn = () => undefined;
    const calls: QueuedCall[] = [
      ['open'],
      ['context', { plan: 'pro' }],
      ['on', 'open', fn],
      ['identify', { id: 'u1' }],
      ['boot', { consent: 'required' }],
      ['consent', 'granted'],
      ['context', { cart: 2 }],
      ['close'],
      ['on', 'close', fn],
    ];
    expect(orderQueue(calls).map((c) => c[0] + (c[1] && typeof c[1] === 'object' ? JSON.stringify(c[1]) : c[1] ? `:${c[1]}` : ''))).toEqual([
      'boot{"consent":"required"}',
      'consent:granted',
      'identify{"id":"u1"}',
      'context{"plan":"pro"}',
      'context{"cart":2}',
      'on:open',
      'on:close',
      'open',
      'close',
    ]);
  });

  it('leaves unknown commands at the end, in order, for the API to reject', () => {
    expect(orderQueue([['bogus'], ['boot'], ['getContext']]).map((c) => c[0])).toEqual(['boot', 'bogus', 'getContext']);
  });
});
