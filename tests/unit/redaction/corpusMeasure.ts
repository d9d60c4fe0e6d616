/** Leaks and over-redaction of a URL redactor on the corpus (corpus.json, built by corpus.build.mjs). */
export interface CorpusEntry {
  group: string;
  url: string;
  /** Personal values or secrets, as generated: none may be readable in the output. */
  secrets: string[];
  /** Values that are neither (pseudonymous tracking ids, OAuth `state`): may go or stay. */
  neutral: string[];
  /** Harmless values, as written in the URL: all must still be there. */
  keep: string[];
}

export interface CorpusResult {
  urls: number;
  withSecrets: number;
  /** Entries where a secret survived, with the output. */
  leaked: { entry: CorpusEntry; out: string; secrets: string[] }[];
  /** Entries where a harmless value was lost, or a harmless URL changed at all. */
  overRedacted: { entry: CorpusEntry; out: string; lost: string[] }[];
}

/** The output and its percent-decodings, up to three (what a reader of the agent console could do). */
export function decodings(s: string): string[] {
  const out = [s];
  for (let i = 0; i < 3; i++) {
    try {
      out.push(decodeURIComponent(out[out.length - 1]!.replace(/\+/g, ' ')));
    } catch {
      break;
    }
  }
  return out;
}

const compact = (s: string) => s.replace(/[\s./-]/g, '');

export function measureCorpus(corpus: CorpusEntry[], redactUrl: (href: string) => string): CorpusResult {
  const result: CorpusResult = { urls: corpus.length, withSecrets: 0, leaked: [], overRedacted: [] };
  for (const entry of corpus) {
    const out = redactUrl(entry.url);
    const texts = decodings(out);
    const readable = [...texts, ...texts.map(compact)];
    const secrets = entry.secrets.filter((s) => readable.some((t) => t.includes(s) || t.includes(compact(s))));
    if (entry.secrets.length) result.withSecrets++;
    if (secrets.length) result.leaked.push({ entry, out, secrets });
    const lost = entry.keep.filter((k) => !texts.some((t) => t.includes(k)) && !out.includes(k));
    const harmless = !entry.secrets.length && !entry.neutral.length;
    if (lost.length || (harmless && out !== entry.url)) result.overRedacted.push({ entry, out, lost });
  }
  return result;
}

export const percent = (n: number, of: number) => `${((100 * n) / of).toFixed(1)} %`;
