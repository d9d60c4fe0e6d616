// Proactive help's rule engine (issue 14): which rule fires on the page's facts, and the caps that
// keep it polite (never in a page's first 5 s, once per rule per session, a daily cap), on a fake clock.
import { describe, expect, it } from 'vitest';
import { DAILY_MAX, proactive, QUIET_MS, matches, validRules, type ProactiveFacts, type ProactiveMemo, type ProactiveRule } from '../../src/core/proactive/rules';
import type { FrictionSignal } from '../../src/protocol/context';

const T0 = Date.parse('2026-12-03T10:00:00Z');

function facts(over: Partial<ProactiveFacts> = {}): ProactiveFacts {
  return { now: T0 + 10_000, pageStartedAt: T0, path: '/product/stormline-shell', signals: [], custom: {}, scrollPercent: 0, exitIntent: false, returning: false, ...over };
}

const rage = (detail: string, at = T0 + 1000): FrictionSignal => ({ type: 'rage_click', detail, path: '/product/x', firstAt: at, at, count: 1 });

function memory(): ProactiveMemo & { data: Record<string, string> } {
  const data: Record<string, string> = {};
  return { data, get: (k) => data[k] ?? null, set: (k, v) => void (data[k] = v) };
}

const SOLD_OUT: ProactiveRule = { id: 'sold-out-size', message: 'That size is sold out: want help finding another?', when: { signal: 'rage_click', detail: 'size-sold-out', path: '/product/*' } };
const CHECKOUT: ProactiveRule = { id: 'checkout-blocked', message: 'Trouble with checkout?', when: { signal: 'form_invalid', detail: 'checkout' } };
const LINGER: ProactiveRule = { id: 'linger', message: 'Questions about this jacket?', when: { timeOnPageS: 60, path: '/product/*' } };

describe('rules', () => {
  it('fire on a friction signal of this page, naming it; not on one from an earlier page', () => {
    expect(matches(SOLD_OUT, facts({ signals: [rage('button#size-sold-out')] }))).toBe('rage_click: button#size-sold-out');
    expect(matches(SOLD_OUT, facts({ signals: [rage('button#add-to-cart')] }))).toBeNull();
    expect(matches(SOLD_OUT, facts({ signals: [rage('button#size-sold-out', T0 - 1)] }))).toBeNull();
    expect(matches(SOLD_OUT, facts({ path: '/cart', signals: [rage('button#size-sold-out')] }))).toBeNull();
  });

  it('time on page, URL patterns, scroll depth, exit intent, custom fields, returning visitors', () => {
    expect(matches(LINGER, facts({ now: T0 + 59_999 }))).toBeNull();
    expect(matches(LINGER, facts({ now: T0 + 60_000 }))).toBe('timeOnPageS, path');
    expect(matches({ ...LINGER, when: { path: '/checkout' } }, facts({ path: '/checkout' }))).toBe('path');
    expect(matches({ ...LINGER, when: { path: '/checkout' } }, facts({ path: '/checkout/done' }))).toBeNull();
    expect(matches({ ...LINGER, when: { scrollPercent: 75 } }, facts({ scrollPercent: 74 }))).toBeNull();
    expect(matches({ ...LINGER, when: { scrollPercent: 75 } }, facts({ scrollPercent: 80 }))).toBe('scrollPercent');
    expect(matches({ ...LINGER, when: { exitIntent: true } }, facts({ exitIntent: true }))).toBe('exitIntent');
    const bigCart: ProactiveRule = { ...LINGER, when: { custom: { cartValue: { min: 100 }, plan: 'pro' } } };
    expect(matches(bigCart, facts({ custom: { cartValue: 120, plan: 'pro' } }))).toBe('custom');
    expect(matches(bigCart, facts({ custom: { cartValue: 99, plan: 'pro' } }))).toBeNull();
    expect(matches(bigCart, facts({ custom: { cartValue: '120', plan: 'pro' } }))).toBeNull();
    expect(matches({ ...LINGER, when: { returning: true } }, facts({ returning: true }))).toBe('returning');
    expect(matches({ ...LINGER, when: { returning: true } }, facts())).toBeNull();
  });

  it('leave out malformed rules, reporting each', () => {
    const bad: string[] = [];
    const ok = validRules([SOLD_OUT, { id: 'no message', when: {} }, { id: 'x', message: 'y'.repeat(141), when: {} }, null], (m) => bad.push(m));
    expect(ok).toEqual([SOLD_OUT]);
    expect(bad).toHaveLength(3);
    expect(validRules('nope', (m) => bad.push(m))).toEqual([]);
  });
});

describe('caps', () => {
  it('nothing in the first 5 s of a page: the rule waits, then fires', () => {
    const p = proactive([SOLD_OUT], memory());
    const early = facts({ now: T0 + 2000, signals: [rage('button#size-sold-out')] });
    expect(p.check(early)).toBeNull();
    expect(p.wait(early)).toBe(QUIET_MS - 2000);
    expect(p.check({ ...early, now: T0 + QUIET_MS })).toMatchObject({ rule: { id: 'sold-out-size' } });
  });

  it('once per rule per session: shown is never shown again, the next rule can', () => {
    const memo = memory();
    const p = proactive([SOLD_OUT, CHECKOUT], memo);
    const f = facts({ signals: [rage('button#size-sold-out'), { ...rage('form#checkout-form: card'), type: 'form_invalid' }] });
    const first = p.check(f)!;
    expect(first.rule.id).toBe('sold-out-size');
    p.shown(first.rule, f.now);
    expect(p.check(f)!.rule.id).toBe('checkout-blocked');
    p.shown(CHECKOUT, f.now);
    expect(p.check(f)).toBeNull();
    // Another page of the same session (same memory): still not again.
    expect(proactive([SOLD_OUT, CHECKOUT], memo).check({ ...f, pageStartedAt: T0 + 60_000, now: T0 + 70_000, signals: [rage('button#size-sold-out', T0 + 61_000)] })).toBeNull();
  });

  it(`at most ${DAILY_MAX} a day, across sessions; the next day counts again`, () => {
    const rules = Array.from({ length: DAILY_MAX + 2 }, (_, i): ProactiveRule => ({ id: `r${i}`, message: `m${i}`, when: { path: '/product/*' } }));
    const memo = memory();
    let p = proactive(rules, memo);
    for (let i = 0; i < DAILY_MAX; i++) {
      const fired = p.check(facts())!;
      expect(fired.rule.id).toBe(`r${i}`);
      p.shown(fired.rule, T0 + 10_000);
    }
    expect(p.check(facts())).toBeNull();
    // A new session the same day (the session's memory gone, the day's kept): still capped.
    delete memo.data.s;
    p = proactive(rules, memo);
    expect(p.check(facts({ now: T0 + 3_600_000 }))).toBeNull();
    // The next day.
    const tomorrow = T0 + 24 * 3_600_000;
    expect(p.check(facts({ now: tomorrow, pageStartedAt: tomorrow - 10_000 }))?.rule.id).toBe('r0');
  });

  it('waits for time on page without polling: the time until the earliest rule that could fire', () => {
    const p = proactive([LINGER], memory());
    expect(p.wait(facts({ now: T0 + 10_000 }))).toBe(50_000);
    expect(p.wait(facts({ now: T0 + 60_000 }))).toBeNull();
    p.shown(LINGER, T0);
    expect(p.wait(facts({ now: T0 + 10_000 }))).toBeNull();
  });
});
