// Canned replies in the console (src/console/cannedReplies.ts): variables filled, missing ones
// left out and named, the `/` query at the caret, and which replies match it.
import { describe, expect, it } from 'vitest';
import { fillReply, firstName, matchReplies, slashQuery } from '../../src/console/cannedReplies';
import type { CannedReply } from '../../src/protocol/cannedReplies';

describe('fillReply', () => {
  const values = { 'visitor.name': 'Ada Lovelace', 'visitor.firstName': 'Ada', 'agent.name': 'Sam Rivera', 'page.title': 'Checkout', 'visitor.email': null };

  it('fills known variables, spaces inside the braces allowed', () => {
    expect(fillReply('Hi {{visitor.firstName}}, {{ agent.name }} here, about {{page.title}}.', values)).toEqual({ text: 'Hi Ada, Sam Rivera here, about Checkout.', missing: [] });
  });

  it('a missing value takes its fallback, else is left out with its space and named', () => {
    expect(fillReply('Hi {{visitor.email|there}}!', values)).toEqual({ text: 'Hi there!', missing: [] });
    expect(fillReply('Hi {{visitor.email}}, welcome. I wrote to {{visitor.email}}.', values)).toEqual({ text: 'Hi, welcome. I wrote to.', missing: ['visitor.email'] });
    expect(fillReply('{{page.url}}', {})).toEqual({ text: '', missing: ['page.url'] });
  });

  it('leaves unknown names and stray braces as typed', () => {
    expect(fillReply('Use {{coupon.code}} or {{visitor.name', values)).toEqual({ text: 'Use {{coupon.code}} or {{visitor.name', missing: [] });
  });

  it('first names', () => {
    expect(firstName('  Ada   Lovelace ')).toBe('Ada');
    expect(firstName('')).toBeNull();
    expect(firstName(null)).toBeNull();
  });
});

describe('slashQuery and matchReplies', () => {
  it('finds the /query at the caret: at the start or after a space, not inside a word or a URL', () => {
    expect(slashQuery('/gr', 3)).toEqual({ start: 0, query: 'gr' });
    expect(slashQuery('Hello /ref', 10)).toEqual({ start: 6, query: 'ref' });
    expect(slashQuery('Hello /', 7)).toEqual({ start: 6, query: '' });
    expect(slashQuery('and/or', 6)).toBeNull();
    expect(slashQuery('see https://x.test/a', 20)).toBeNull();
    expect(slashQuery('/gr more', 8)).toBeNull();
    expect(slashQuery('/gr more', 3)).toEqual({ start: 0, query: 'gr' });
  });

  const reply = (shortcut: string, text = ''): CannedReply => ({ id: shortcut, shortcut, text, scope: 'team', updatedAt: 0 });
  const all = [reply('refund', 'Your refund is on its way'), reply('greet', 'Hello'), reply('shipping-refund', 'Shipping'), reply('bye', 'Have a refund-free day')];

  it('shortcuts that start with the query first, then those holding it, then texts', () => {
    expect(matchReplies(all, 'ref').map((r) => r.shortcut)).toEqual(['refund', 'shipping-refund', 'bye']);
    expect(matchReplies(all, 'REF').map((r) => r.shortcut)).toEqual(['refund', 'shipping-refund', 'bye']);
    expect(matchReplies(all, '').map((r) => r.shortcut)).toEqual(['refund', 'greet', 'shipping-refund', 'bye']);
    expect(matchReplies(all, 'zzz')).toEqual([]);
    expect(matchReplies(all, '', 2)).toHaveLength(2);
  });
});
