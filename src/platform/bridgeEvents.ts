/**
 * The events Baton forwards to a native app's web view bridge (./bridge.ts). Apart from it so the
 * page-load code (src/api/createBaton.ts), which holds them until the bridge chunk loads, takes
 * only this list.
 */
export const BRIDGE_EVENTS = ['open', 'close', 'unread', 'message', 'call', 'error'] as const;
/** Also `ready`, which the bridge hears on its own: it is sticky (told to a late listener too). */
export type BridgeEvent = (typeof BRIDGE_EVENTS)[number] | 'ready';
