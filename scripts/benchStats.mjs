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
