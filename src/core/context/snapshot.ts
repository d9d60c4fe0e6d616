import { FIELD_LABELS_MAX, FIELD_LABEL_MAX_CHARS, type ContextSnapshot, type DeviceContext } from '../../protocol/context';
import { readEntryToken } from '../../protocol/entry';
import { fitSnapshot } from './bound';
import { mergeCustom } from './custom';
import type { ContextEngine, RawContext } from './engine';
import { normalizeIdentity } from './identity';
import { readPage } from './page';
import { valueChecks } from './redaction/values';

/**
 * ContextSnapshot v1 from what the engine recorded: the current page and the device (both read now,
 * through the platform), the site's `redact.hook` applied last, then the 8 KB bound. Its own chunk:
 * nothing here runs or loads before a snapshot is asked for (getContext(), a 'context' listener,
 * the panel), and that includes validating what the site passed to identify() and context().
 */
/**
 * Validates what the site passed to identify()/context() since last time, and hands the engine the
 * value checks if it has not loaded them yet (see ContextEngine.settle).
 */
export function settle(engine: ContextEngine): string[] {
  const problems = engine.settle({ normalizeIdentity, mergeCustom, valueChecks });
  // A QR entry link the boot found (issue 19): read here, once; the server alone verifies it.
  const { parts, now } = engine.raw();
  const link = parts.entry;
  if (typeof link === 'string') {
    // Dated when first read: the panel, the first to ask, opens within the boot's task or the next.
    const entry = readEntryToken(link, now);
    engine.setPart('entry', typeof entry === 'string' ? null : entry);
    if (typeof entry === 'string') problems.push(`the page's #baton-entry link cannot be read (${entry}): the chat opens without it`);
  }
  return problems;
}

/** `device` is read by the platform (src/platform/device.ts) when the snapshot is built. */
export function buildSnapshot(raw: RawContext, device: DeviceContext): ContextSnapshot {
  const built: ContextSnapshot = {
    v: 1,
    at: raw.now,
    consent: raw.consent,
    page: readPage(raw.page, raw.redact, raw.pageStartedAt, raw.now),
    identity: raw.identity,
    journey: raw.journey,
    campaign: raw.campaign,
    device,
    signals: raw.signals,
    custom: raw.custom,
    location: raw.location,
    trimmed: 0,
  };
  const labels = fieldLabels(raw.options.fieldLabels, built);
  if (labels) built.labels = labels;
  // The parts Baton's UI added (routing, selfService; location is always there, null when not shared), without the cleared ones.
  for (const [key, value] of Object.entries(raw.parts)) if (value && typeof value !== 'string') (built as unknown as Record<string, unknown>)[key] = value;
  const hook = raw.options.redact?.hook;
  if (!hook) return fitSnapshot(built);
  try {
    const hooked = hook(structuredClone(built));
    // The hook may change values; it may not change the envelope's shape.
    if (hooked && hooked.v === 1 && hooked.page && Array.isArray(hooked.journey)) return fitSnapshot(hooked);
    console.error('[Baton] redact.hook must return the snapshot it was given (changed or not); ignoring it');
  } catch (error) {
    console.error('[Baton] redact.hook threw; sending the built-in redaction only:', error);
  }
  return fitSnapshot(built);
}

/**
 * The site's labels (boot option `fieldLabels`) for the custom keys this snapshot carries: only
 * those, trimmed, non-empty, cut to FIELD_LABEL_MAX_CHARS, at most FIELD_LABELS_MAX. Others are
 * left out (a label for a field the visitor does not have says nothing to the agent).
 */
function fieldLabels(given: Record<string, string> | undefined, snap: ContextSnapshot): Record<string, string> | null {
  if (!given || typeof given !== 'object') return null;
  const out: Record<string, string> = {};
  let n = 0;
  for (const key of [...Object.keys(snap.identity?.custom ?? {}), ...Object.keys(snap.custom)]) {
    const label = given[key];
    if (typeof label !== 'string' || !label.trim() || key in out || n >= FIELD_LABELS_MAX) continue;
    out[key] = label.trim().slice(0, FIELD_LABEL_MAX_CHARS);
    n++;
  }
  return n ? out : null;
}
