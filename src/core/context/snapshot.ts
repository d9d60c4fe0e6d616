import type { ContextSnapshot, DeviceContext } from '../../protocol/context';
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
  return engine.settle({ normalizeIdentity, mergeCustom, valueChecks });
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
  // The parts Baton's UI added (routing, selfService; location is always there, null when not shared), without the cleared ones.
  for (const [key, value] of Object.entries(raw.parts)) if (value) (built as unknown as Record<string, unknown>)[key] = value;
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
