// The visual IVR's menu validation (boot option `menu`) and the routing hints' bounds in the
// ContextSnapshot schema the server applies.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ContextSnapshotSchema } from '../../src/protocol/contextSchema';
import { contextSnapshot } from '../fixtures/contextSnapshot';
import { MENU_OPTIONS_MAX, validateMenu } from '../../src/ui/panel/menu';

const menu = [
  { label: 'Billing', queue: 'billing', skill: 'billing', options: [{ label: 'Invoices' }, { label: 'Refunds', skill: 'refunds' }] },
  { label: 'Technical support', queue: 'support', skill: 'technical' },
];

describe('menu validation', () => {
  it('accepts a menu and resolves inherited hints', () => {
    const r = validateMenu(menu);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.nodes[0]!.options.map((o) => [o.label, o.queue, o.skill])).toEqual([
      ['Invoices', 'billing', 'billing'],
      ['Refunds', 'billing', 'refunds'],
    ]);
  });

  it('refuses, naming the problem: too deep, too wide, bad labels and hints', () => {
    const deep = [{ label: 'a', options: [{ label: 'b', options: [{ label: 'c', options: [{ label: 'd' }] }] }] }];
    expect(validateMenu(deep)).toMatchObject({ ok: false, error: expect.stringMatching(/too deep; at most 3 levels/) });
    expect(validateMenu(Array.from({ length: MENU_OPTIONS_MAX + 1 }, (_, i) => ({ label: `o${i}` })))).toMatchObject({ ok: false, error: expect.stringMatching(/at most 8/) });
    expect(validateMenu([{ label: '' }])).toMatchObject({ ok: false, error: expect.stringMatching(/menu\[0\]\.label/) });
    expect(validateMenu([{ label: 'x'.repeat(41) }])).toMatchObject({ ok: false });
    expect(validateMenu([{ label: 'Sales', skill: 'has space' }])).toMatchObject({ ok: false, error: expect.stringMatching(/menu\[0\]\.skill/) });
    expect(validateMenu([])).toMatchObject({ ok: false });
    expect(validateMenu('Billing')).toMatchObject({ ok: false });
    const many = Array.from({ length: 6 }, (_, i) => ({ label: `g${i}`, options: Array.from({ length: 8 }, (_, j) => ({ label: `o${j}` })) }));
    expect(validateMenu(many)).toMatchObject({ ok: false, error: expect.stringMatching(/more than 40/) });
  });
});

describe('routing hints in the snapshot schema', () => {
  const base = contextSnapshot({ at: 1 });
  const ok = (routing: unknown) => v.safeParse(ContextSnapshotSchema, { ...base, routing }).success;
  it('accepts bounded hints and refuses the rest', () => {
    expect(v.safeParse(ContextSnapshotSchema, base).success).toBe(true);
    expect(ok({ queue: 'billing', skill: 'billing', path: ['Billing', 'Invoices'] })).toBe(true);
    expect(ok({ path: ['a', 'b', 'c', 'd'] })).toBe(false);
    expect(ok({ skill: 'no spaces please', path: ['a'] })).toBe(false);
    expect(ok({ path: ['x'.repeat(41)] })).toBe(false);
    expect(ok({ path: [] })).toBe(false);
    expect(ok({ path: ['a'], extra: 1 })).toBe(false);
  });
});
