import { describe, expect, it } from 'vitest';
import { mergeCustom } from '../../src/core/context/custom';
import { normalizeIdentity } from '../../src/core/context/identity';

describe('custom fields', () => {
  it('merges strings, numbers and booleans, and null removes a field', () => {
    const a = mergeCustom({}, { plan: 'pro', cartValue: 129.5, vip: true });
    expect(a).toEqual({ value: { plan: 'pro', cartValue: 129.5, vip: true }, errors: [] });
    expect(mergeCustom(a.value, { vip: null, plan: 'team' }).value).toEqual({ plan: 'team', cartValue: 129.5 });
  });

  it('keeps the valid fields and explains each rejected one', () => {
    const r = mergeCustom({}, { ok: 1, 'bad key': 1, long: 'x'.repeat(257), nested: { a: 1 }, inf: Infinity });
    expect(r.value).toEqual({ ok: 1 });
    expect(r.errors).toHaveLength(4);
    expect(r.errors.join('\n')).toMatch(/bad key.*1-40/);
    expect(r.errors.join('\n')).toMatch(/long.*256/);
    expect(r.errors.join('\n')).toMatch(/nested.*not a string, number or boolean/);
    expect(r.errors.join('\n')).toMatch(/inf.*finite/);
  });

  it('stops at 30 fields and at 2 KB in all', () => {
    const many = Object.fromEntries(Array.from({ length: 35 }, (_, i) => [`k${i}`, i]));
    const r = mergeCustom({}, many);
    expect(Object.keys(r.value)).toHaveLength(30);
    expect(r.errors).toHaveLength(5);
    const big = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`f${i}`, 'y'.repeat(250)]));
    const b = mergeCustom({}, big);
    expect(JSON.stringify(b.value).length).toBeLessThanOrEqual(2048);
    expect(b.errors.some((e) => /over 2048 bytes/.test(e))).toBe(true);
  });

  it('rejects a non-object with a clear error and keeps what it had', () => {
    expect(mergeCustom({ a: 1 }, 'plan=pro')).toEqual({ value: { a: 1 }, errors: ['expected an object, e.g. { plan: "pro" }'] });
  });
});

describe('identity', () => {
  it('never marks a field verified in the browser, even with a signature', () => {
    const { value, errors } = normalizeIdentity({ id: 'user_ada', name: 'Ada', email: 'ada@example.com', signature: 'a'.repeat(64) });
    expect(errors).toEqual([]);
    expect(value).toEqual({
      id: 'user_ada',
      name: 'Ada',
      email: 'ada@example.com',
      custom: {},
      verified: { id: false, name: false, email: false, phone: false },
      proof: { hmac: 'a'.repeat(64) },
    });
  });

  it('ignores a `verified` flag the site tries to set', () => {
    const { value } = normalizeIdentity({ id: 'x', verified: { id: true } });
    expect(value?.verified.id).toBe(false);
  });

  it('turns numeric ids into strings and rejects wrong types field by field', () => {
    const { value, errors } = normalizeIdentity({ id: 42, name: ['A'], email: 'not-an-email', phone: '+44 20 7946 0958' });
    expect(value).toMatchObject({ id: '42', phone: '+44 20 7946 0958' });
    expect(value?.name).toBeUndefined();
    expect(value?.email).toBeUndefined();
    expect(errors).toEqual(['name: not a string', 'email: not an e-mail address']);
  });

  it('null clears; a non-object is an error', () => {
    expect(normalizeIdentity(null)).toEqual({ value: null, errors: [] });
    expect(normalizeIdentity('ada').errors[0]).toMatch(/expected an object/);
  });

  it('asks for the id when a signature comes without one', () => {
    expect(normalizeIdentity({ name: 'Ada', signature: 'abc' }).errors).toEqual(['signature: signs the id, so pass the id too']);
  });
});
