/**
 * A call's network quality hint, from the Voice SDK's own measurements: its 'warning' /
 * 'warning-cleared' events (Voice Insights thresholds: high-rtt RTT > 400 ms, high-jitter > 30 ms,
 * high-packet-loss > 3%, low-mos MOS < 3.5, each over several samples) and the MOS of each
 * per-second 'sample' (RTCSample.mos, 1..4.5).
 */
import type { CallQuality } from '../../core/call/transport';

/** Warnings that mean the visitor hears (or is heard) badly. */
const POOR = new Set(['low-mos', 'high-packet-loss']);
/** Warnings that mean a degraded but usable call. */
const FAIR = new Set(['high-rtt', 'high-jitter', 'ice-connectivity-lost']);

/** MOS at or above this is good (ITU-T G.107: 4.0+ users are satisfied). */
export const MOS_GOOD = 4.0;
/** MOS at or above this is fair (Twilio's low-mos warning fires below 3.5). */
export const MOS_FAIR = 3.5;

export class QualityMeter {
  private readonly warnings = new Set<string>();
  private mos: number | null = null;

  warning(name: string): void {
    this.warnings.add(name);
  }

  cleared(name: string): void {
    this.warnings.delete(name);
  }

  sample(mos: number | null | undefined): void {
    if (typeof mos === 'number' && Number.isFinite(mos)) this.mos = mos;
  }

  /** The worse of what the warnings and the latest MOS say. */
  get quality(): CallQuality {
    const fromWarnings: CallQuality | null = [...this.warnings].some((w) => POOR.has(w)) ? 'poor' : [...this.warnings].some((w) => FAIR.has(w)) ? 'fair' : null;
    const fromMos: CallQuality | null = this.mos === null ? null : this.mos >= MOS_GOOD ? 'good' : this.mos >= MOS_FAIR ? 'fair' : 'poor';
    const rank = { good: 0, fair: 1, poor: 2, unknown: -1 } as const;
    if (!fromWarnings && !fromMos) return 'unknown';
    if (!fromWarnings) return fromMos!;
    if (!fromMos) return fromWarnings === 'fair' ? 'fair' : 'poor';
    return rank[fromWarnings] >= rank[fromMos] ? fromWarnings : fromMos;
  }
}
