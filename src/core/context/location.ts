import type { LocationContext } from '../../protocol/context';

/**
 * The visitor's shared position, made coarse: about 1 km (two decimals of a degree, accuracy at
 * least 1 km), enough to route or localise help, not a street address. Its own small chunk,
 * imported by ContextEngine.shareLocation() on the visitor's click, never with the page.
 */
export function coarseLocation(p: { latitude: number; longitude: number; accuracy: number }, at: number): LocationContext {
  const round = (n: number) => Math.round(n * 100) / 100;
  return { latitude: round(p.latitude), longitude: round(p.longitude), accuracyM: Math.max(Math.round(p.accuracy), 1000), at };
}
