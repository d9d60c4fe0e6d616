// The benchmark's statistics (scripts/benchStats.mjs): the added blocking time comes with a
// confidence interval, so "0 ms" is a measurement and a real difference shows as one.
import { describe, expect, it } from 'vitest';
import { median, medianDifference } from '../../scripts/benchStats.mjs';

describe('medianDifference', () => {
  it('gives an interval around 0 for two samples of the same noise', () => {
    const noise = [37, 52, 61, 44, 111, 58, 49, 70, 66, 41, 53, 90, 47, 59, 62];
    const shuffled = [...noise].reverse();
    const d = medianDifference(noise, shuffled);
    expect(d.difference).toBe(0);
    expect(d.low).toBeLessThan(0);
    expect(d.high).toBeGreaterThan(0);
  });

  it('gives an interval excluding 0 when one side is clearly higher, and is repeatable', () => {
    const a = [10, 12, 11, 13, 9, 10, 12, 11, 10, 13, 12, 11];
    const b = a.map((x) => x + 30);
    const d = medianDifference(a, b);
    expect(d.difference).toBe(median(b) - median(a));
    expect(d.low).toBeGreaterThan(20);
    expect(d.high).toBeLessThan(40);
    expect(medianDifference(a, b)).toEqual(d);
  });

  it('says nothing for no runs', () => {
    expect(Number.isNaN(medianDifference([], [1]).difference)).toBe(true);
  });
});
