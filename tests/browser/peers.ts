// What the call tests read of a page's WebRTC: every RTCPeerConnection it creates (observed, not
// changed) and the audio it receives, to assert that audio flows (tests/browser/call.test.ts,
// callback-call.test.ts).
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/**
 * Keeps every RTCPeerConnection a page creates in window.__pcs, so the test can read getStats() on
 * both sides. Only observes: the page's own code runs unchanged.
 */
export const RECORD_PEERS = `(() => {
  const Native = window.RTCPeerConnection;
  if (!Native) return;
  window.__pcs = [];
  window.RTCPeerConnection = class extends Native {
    constructor(...args) { super(...args); window.__pcs.push(this); }
  };
})();`;

/** Audio bytes received so far by the page's open peer connections (inbound-rtp, kind audio). */
export function audioBytesIn(page: Page): Promise<number> {
  return page.evaluate(async () => {
    let n = 0;
    for (const pc of (window as unknown as { __pcs?: RTCPeerConnection[] }).__pcs ?? []) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((s: { type: string; kind?: string; bytesReceived?: number }) => {
        if (s.type === 'inbound-rtp' && s.kind === 'audio') n += s.bytesReceived ?? 0;
      });
    }
    return n;
  });
}

/** Polls until the audio received grows past what it was, twice: audio flows, not one stray packet. */
export async function expectAudioFlowing(page: Page): Promise<void> {
  const first = await audioBytesIn(page);
  await expect.poll(() => audioBytesIn(page), { timeout: 20_000, interval: 250 }).toBeGreaterThan(first);
  const second = await audioBytesIn(page);
  await expect.poll(() => audioBytesIn(page), { timeout: 20_000, interval: 250 }).toBeGreaterThan(second);
}
