import { describe, expect, it } from 'vitest';
import { fitSnapshot } from '../../src/core/context/bound';
import { CONTEXT_MAX_BYTES, type ContextSnapshot, type JourneyEntry } from '../../src/protocol/context';
import { validateContextSnapshot } from '../../src/protocol/contextSchema';
import { contextSnapshot } from '../fixtures/contextSnapshot';

function base(journey: JourneyEntry[]): ContextSnapshot {
  return contextSnapshot({
    at: 1_700_000_000_000,
    page: { url: 'https://shop.test/p/1', path: '/p/1', title: 'Shoe', startedAt: 1, timeOnPageMs: 5 },
    journey,
  });
}

const entry = (i: number): JourneyEntry => ({ path: `/category/trail-shoes/product-${i}?colour=${'x'.repeat(150)}`, title: `Product ${i} — ${'T'.repeat(150)}`, at: 1_700_000_000_000 + i, dwellMs: 1000, kind: 'route' });

describe('the 8 KB bound', () => {
  it('leaves a small snapshot untouched', () => {
    const s = base([entry(1), entry(2)]);
    expect(fitSnapshot(s)).toBe(s);
  });

  it('drops the oldest journey entries first, counts them, and lands within 8 KB', () => {
    const s = base(Array.from({ length: 50 }, (_, i) => entry(i)));
    expect(JSON.stringify(s).length).toBeGreaterThan(CONTEXT_MAX_BYTES);
    const fitted = fitSnapshot(s);
    const size = new TextEncoder().encode(JSON.stringify(fitted)).length;
    expect(size).toBeLessThanOrEqual(CONTEXT_MAX_BYTES);
    // The newest entries survive, in order, and no more was dropped than needed.
    expect(fitted.journey.at(-1)).toEqual(entry(49));
    expect(fitted.trimmed).toBe(50 - fitted.journey.length);
    const oneMore = { ...fitted, journey: [entry(50 - fitted.journey.length - 1), ...fitted.journey] };
    expect(new TextEncoder().encode(JSON.stringify(oneMore)).length).toBeGreaterThan(CONTEXT_MAX_BYTES);
    expect(s.journey).toHaveLength(50); // the input is not mutated
    expect(validateContextSnapshot(fitted).ok).toBe(true);
  });

  it('counts multi-byte characters as bytes, not characters', () => {
    const heavy = (i: number): JourneyEntry => ({ ...entry(i), title: '日本語のタイトル'.repeat(12) });
    const fitted = fitSnapshot(base(Array.from({ length: 50 }, (_, i) => heavy(i))));
    expect(new TextEncoder().encode(JSON.stringify(fitted)).length).toBeLessThanOrEqual(CONTEXT_MAX_BYTES);
  });
});
