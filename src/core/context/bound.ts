import { CONTEXT_MAX_BYTES, byteLength, type ContextSnapshot } from '../../protocol/context';

/**
 * Keeps the serialized snapshot within CONTEXT_MAX_BYTES (8 KB): drops the oldest journey entries
 * first, then the oldest signals, then custom fields. Counts dropped journey entries in `trimmed`.
 */
export function fitSnapshot(s: ContextSnapshot): ContextSnapshot {
  let size = byteLength(JSON.stringify(s));
  if (size <= CONTEXT_MAX_BYTES) return s;
  const out: ContextSnapshot = { ...s, journey: [...s.journey], signals: [...s.signals], custom: { ...s.custom } };
  // Drop several journey entries per pass using their measured sizes, then re-measure exactly.
  while (size > CONTEXT_MAX_BYTES && out.journey.length) {
    let excess = size - CONTEXT_MAX_BYTES;
    let n = 0;
    while (excess > 0 && n < out.journey.length) excess -= byteLength(JSON.stringify(out.journey[n++])) + 1;
    out.journey.splice(0, n);
    out.trimmed += n;
    size = byteLength(JSON.stringify(out));
  }
  while (size > CONTEXT_MAX_BYTES && out.signals.length) {
    out.signals.shift();
    size = byteLength(JSON.stringify(out));
  }
  if (size > CONTEXT_MAX_BYTES) {
    out.custom = {};
    if (out.identity) out.identity = { ...out.identity, custom: {} };
    size = byteLength(JSON.stringify(out));
  }
  if (size > CONTEXT_MAX_BYTES) {
    // Only pathological input gets here (every field at its maximum): keep the page's essentials.
    out.page = { ...out.page, referrer: '', url: out.page.url.slice(0, 200), path: out.page.path.slice(0, 200) };
    out.campaign = null;
  }
  return out;
}
