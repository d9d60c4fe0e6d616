/**
 * Canned replies in the console: which ones match what the agent typed after `/`, and a reply's
 * text with its variables filled from the conversation. Pure: no DOM, no fetch (./replies.ts
 * fetches the list, ui/CannedPicker.tsx shows it).
 *
 * Variables: `{{visitor.name}}`, `{{visitor.firstName}}`, `{{visitor.email}}`, `{{agent.name}}`,
 * `{{agent.firstName}}`, `{{page.title}}`, `{{page.url}}`, spaces inside the braces allowed. A
 * fallback follows a bar: `{{visitor.firstName|there}}`. A variable with no value and no fallback
 * is left out (with the space before it, so "Hi {{visitor.name}}," reads "Hi,") and named in
 * `missing`, so the console can say what to check before sending. Unknown names stay as typed.
 */
import { REPLY_VARIABLES, type CannedReply, type ReplyVariable } from '../protocol/cannedReplies';

export type ReplyValues = Partial<Record<ReplyVariable, string | null>>;

const VARIABLE = /(\s?)\{\{\s*([a-zA-Z.]+)\s*(?:\|([^{}]*))?\}\}/g;
const KNOWN = new Set<string>(REPLY_VARIABLES);

export function fillReply(text: string, values: ReplyValues): { text: string; missing: ReplyVariable[] } {
  const missing: ReplyVariable[] = [];
  const out = text.replace(VARIABLE, (whole, space: string, name: string, fallback: string | undefined) => {
    if (!KNOWN.has(name)) return whole;
    const value = values[name as ReplyVariable]?.trim();
    if (value) return space + value;
    const alt = fallback?.trim();
    if (alt) return space + alt;
    if (!missing.includes(name as ReplyVariable)) missing.push(name as ReplyVariable);
    return '';
  });
  return { text: out, missing };
}

/** The first word of a name ("Ada Lovelace" → "Ada"), or null. */
export function firstName(name: string | null | undefined): string | null {
  const first = name?.trim().split(/\s+/)[0];
  return first ? first : null;
}

/**
 * The replies for what follows `/`: shortcuts that start with the query first, then those that
 * contain it, then replies whose text contains it; at most `max`.
 */
export function matchReplies(replies: readonly CannedReply[], query: string, max = 8): CannedReply[] {
  const q = query.trim().toLowerCase();
  if (!q) return replies.slice(0, max);
  const starts: CannedReply[] = [];
  const inShortcut: CannedReply[] = [];
  const inText: CannedReply[] = [];
  for (const r of replies) {
    if (r.shortcut.startsWith(q)) starts.push(r);
    else if (r.shortcut.includes(q)) inShortcut.push(r);
    else if (r.text.toLowerCase().includes(q)) inText.push(r);
  }
  return [...starts, ...inShortcut, ...inText].slice(0, max);
}

/**
 * The `/query` being typed at the caret: a slash at the start of the text or after a space, then
 * no space up to the caret. Null when the caret is not in one.
 */
export function slashQuery(value: string, caret: number): { start: number; query: string } | null {
  const before = value.slice(0, caret);
  const m = /(^|\s)\/([^\s/]{0,32})$/.exec(before);
  if (!m) return null;
  return { start: before.length - m[2]!.length - 1, query: m[2]! };
}
