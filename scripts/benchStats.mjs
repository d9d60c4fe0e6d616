// The figures every benchmark prints (medians, nearest-rank percentiles, milliseconds) and the seeded generator their data comes from.

/** The median (the mean of the two middle values for an even count); NaN for no values. */
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length ? (s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2) : NaN;
};

/** The nearest-rank percentile `p` (0..100); NaN for no values. */
export const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
};

/** '123 ms', or 'n/a' when there is no figure. */
export const ms = (n) => (Number.isFinite(n) ? `${Math.round(n)} ms` : 'n/a');

/** A seeded generator (mulberry32) of numbers in [0, 1): the same data on every run and machine. */
export function seededRandom(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * How much `b` adds to `a`, by medians, with a 95 % confidence interval: median(b) - median(a), and
 * the 2.5th and 97.5th percentiles of that difference over `resamples` bootstrap resamples (each
 * side drawn with replacement from its own runs; seeded, so the same runs give the same interval).
 * An interval that holds 0 means the runs cannot tell the difference from no difference.
 */
export function medianDifference(a, b, { resamples = 4000, seed = 22 } = {}) {
  if (!a.length || !b.length) return { difference: NaN, low: NaN, high: NaN };
  const random = seededRandom(seed);
  const draw = (xs) => Array.from(xs, () => xs[Math.floor(random() * xs.length)]);
  const diffs = [];
  for (let i = 0; i < resamples; i++) diffs.push(median(draw(b)) - median(draw(a)));
  diffs.sort((x, y) => x - y);
  const at = (q) => diffs[Math.min(diffs.length - 1, Math.max(0, Math.round(q * (diffs.length - 1))))];
  return { difference: median(b) - median(a), low: at(0.025), high: at(0.975) };
}
