// Types for scripts/mangle.mjs (imported by tests and rollup.config.mjs).
export declare const MANGLE_PATTERN: RegExp;
export declare const PREFIX: string;
export declare function propertyNames(rootDir: string): Map<string, number>;
export declare function sourceNames(rootDir: string): string[];
export declare function readMangleList(rootDir: string): { help?: string; props: Record<string, string> };
export declare function terserMangleProperties(rootDir: string): { regex: RegExp; only_cache: true; cache: { props: Record<string, string> } };
export declare function checkMangleList(rootDir: string): { missing: string[]; stale: string[]; clashes: string[] };
export declare function writeMangleList(rootDir: string): Record<string, string>;
