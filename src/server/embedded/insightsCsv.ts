/**
 * Insights as CSV (RFC 4180): a header, one `total` row, then one row per driver, section by
 * section, then one `survey` row per page and question. Fields with a comma, a quote or a line break are quoted, quotes doubled; lines end in
 * CRLF. Text that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
 * return: OWASP's "CSV injection") gets a leading apostrophe, so a visitor-made error message or
 * campaign name can never become a formula on an analyst's machine. Numbers are written as numbers.
 */
import { INSIGHT_KINDS, type Insights } from '../../protocol/insights';

export const INSIGHTS_CSV_COLUMNS = [
  'kind',
  'key',
  'label',
  'contacts',
  'share',
  'previous',
  'change',
  'csat_count',
  'csat_average',
  'resolution_median_ms',
  'examples',
] as const;

/** One CSV field: quoted when it must be, text defused when a spreadsheet would evaluate it. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function insightsCsv(r: Insights): string {
  const rows: (string | number | null)[][] = [[...INSIGHTS_CSV_COLUMNS]];
  rows.push(['total', r.channel, `${new Date(r.from).toISOString()} / ${new Date(r.to).toISOString()}`, r.contacts, r.contacts ? 1 : 0, r.previousContacts, r.contacts - r.previousContacts, null, null, null, '']);
  for (const kind of INSIGHT_KINDS) {
    for (const d of r.drivers[kind]) {
      rows.push([kind, d.key, d.label, d.contacts, d.share, d.previous, d.change, d.csatCount, d.csatAverage, d.resolutionMedianMs, d.examples.join(' ')]);
    }
  }
  // Survey answers: key the page, label the question; contacts = answers, share = poor answers'
  // share, csat_average = the mean answer (1..5, or for yes/no the share of yes), csat_count = poor answers.
  for (const a of r.surveys) {
    rows.push(['survey', a.path, a.question, a.answers, a.answers ? Math.round((a.poor / a.answers) * 10_000) / 10_000 : 0, null, null, a.poor, a.average, null, '']);
  }
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
