// The figures every benchmark prints: medians, nearest-rank percentiles and milliseconds.

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
