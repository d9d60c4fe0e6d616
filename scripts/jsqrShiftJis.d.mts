// Types for scripts/jsqrShiftJis.mjs (imported by rollup.config.mjs and tests/unit/jsqr-shift-jis.test.ts).
export declare const SHIFT_JIS_LOOKUP: string;
export declare function replaceShiftJisTable(code: string): string;
export declare const jsqrShiftJis: () => { name: string; transform(code: string, id: string): { code: string; map: null } | null };
