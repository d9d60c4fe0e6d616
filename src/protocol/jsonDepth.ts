/**
 * How deeply a JSON text nests, found in one pass over the text before it is parsed. JSON.parse
 * itself copes with deep nesting, but anything that walks the result recursively (a validator,
 * JSON.stringify) overflows the stack: 10,000 levels fit in 64 KB. Frames and bodies nesting
 * deeper than JSON_MAX_DEPTH are refused unparsed.
 */

/**
 * Nesting allowed in a frame or body. The deepest legitimate one is about 5 levels (a hello's
 * context.identity.verified, a journey entry); 16 leaves room to grow.
 */
export const JSON_MAX_DEPTH = 16;

/** True when `text` opens more than `max` arrays/objects inside one another (strings are skipped). */
export function nestsDeeperThan(text: string, max: number = JSON_MAX_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > max) return true;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--;
  }
  return false;
}
