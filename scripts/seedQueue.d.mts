/** Types of scripts/seedQueue.mjs for the TypeScript tests that use it. */
export function seedQueue(dbPath: string, o: { count: number; now?: number; textChars?: number; titleChars?: number }): string[];
