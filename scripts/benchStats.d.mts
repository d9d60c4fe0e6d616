// Types for scripts/benchStats.mjs (imported by the benchmarks and tests/unit/bench-stats.test.ts).
export declare const median: (xs: number[]) => number;
export declare const percentile: (xs: number[], p: number) => number;
export declare const ms: (n: number) => string;
export declare function seededRandom(seed: number): () => number;
export declare function medianDifference(a: number[], b: number[], opts?: { resamples?: number; seed?: number }): { difference: number; low: number; high: number };
