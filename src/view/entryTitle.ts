import type { EntryContext } from '../protocol/entry';

/** What people read for a scanned code (issue 19): its label, else its fields' values ("FW-1004"). */
export function entryTitle(entry: Pick<EntryContext, 'label' | 'fields'>): string {
  return entry.label ?? Object.values(entry.fields).join(' · ');
}
