// Types for scripts/dep-rules.mjs (imported by tests/unit/check-deps.test.ts).
export interface DepsReport {
  /** Every src file checked, relative to rootDir, '/'-separated (e.g. 'src/core/session.ts'). */
  files: string[];
  /** One line per broken rule, naming the importing file and the import. */
  violations: string[];
  /** Each cycle of static value imports: every file imports the next, the last imports the first. */
  cycles: string[][];
}
export interface ImportRef {
  spec: string;
  kind: 'static' | 'dynamic';
  typeOnly: boolean;
}
export declare const TRANSPORT_SDKS: Record<string, string[]>;
/** The host's globals core and protocol may not name. */
export declare const HOST_GLOBALS: string[];
/** Every use of a HOST_GLOBALS name as a global in a source file (line 1-based). */
export declare function hostGlobalsOf(fileName: string, source: string): { name: string; line: number }[];
export declare function layerOf(file: string): { layer: string; unit?: string } | null;
export declare function importsOf(fileName: string, source: string): ImportRef[];
export declare function checkDeps(rootDir: string): DepsReport;
