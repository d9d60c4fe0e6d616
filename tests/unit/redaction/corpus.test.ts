/**
 * The corpus: 300+ real-world-shaped URLs of shops, banks, SSO flows, password resets, e-mail links
 * and government sites in the markets Baton serves, with the values each carries. Redaction must
 * leave none of them readable, and leave every harmless value (order ids, search words, utm
 * parameters, SKUs, dates, prices) and every harmless URL byte-identical.
 */
import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../../src/core/context/redaction/redactor';
import { valueChecks } from '../../../src/core/context/redaction/values';
import corpusJson from './corpus.json';
import { measureCorpus, percent, type CorpusEntry } from './corpusMeasure';

const corpus: CorpusEntry[] = corpusJson;
const full = createRedactor();
full.useValues(valueChecks);

describe('the URL corpus', () => {
  it('has at least 300 URLs, harmless ones among them', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(300);
    expect(corpus.filter((e) => !e.secrets.length && !e.neutral.length).length).toBeGreaterThanOrEqual(80);
  });

  it('leaks nothing and keeps everything harmless', () => {
    const r = measureCorpus(corpus, full.url);
    console.log(
      `redaction corpus: ${r.urls} URLs, ${r.withSecrets} carrying personal values or secrets; ` +
        `leaked in ${r.leaked.length} (${percent(r.leaked.length, r.urls)}), over-redacted ${r.overRedacted.length}`,
    );
    expect(r.leaked.map((l) => `${l.entry.url}\n  -> ${l.out}\n  leaked: ${l.secrets.join(', ')}`)).toEqual([]);
    expect(r.overRedacted.map((o) => `${o.entry.url}\n  -> ${o.out}\n  lost: ${o.lost.join(', ')}`)).toEqual([]);
  });

  it('the page-load redactor alone never leaks either: it redacts whole what it cannot check', () => {
    const light = createRedactor({}, () => {});
    const r = measureCorpus(corpus, light.url);
    expect(r.leaked.map((l) => l.entry.url)).toEqual([]);
  });
});
