/**
 * What every browser call needs, checked by feature (never by user agent), and the microphone
 * request every call side makes: shared by CallSession's host and the call transports.
 */
import type { CallCapabilities } from './transport';

/**
 * Can this browser call? A secure context (https, or localhost), WebRTC and getUserMedia. `env`
 * and `media` default to the page's; a transport passes its own (injected in tests).
 */
export function webCallCapabilities(
  env: { isSecureContext?: boolean; RTCPeerConnection?: unknown } = globalThis as { isSecureContext?: boolean; RTCPeerConnection?: unknown },
  media: { getUserMedia?: unknown } | null | undefined = (globalThis as { navigator?: Navigator }).navigator?.mediaDevices,
): CallCapabilities {
  if (env.isSecureContext === false) return { supported: false, reason: 'insecure_context' };
  if (typeof env.RTCPeerConnection !== 'function') return { supported: false, reason: 'no_webrtc' };
  if (typeof media?.getUserMedia !== 'function') return { supported: false, reason: 'no_getusermedia' };
  return { supported: true };
}

/** getUserMedia's constraints for a call: audio only, from `deviceId`, or the default microphone when it is empty. */
export function microphoneConstraints(deviceId?: string | null): MediaStreamConstraints {
  return { audio: deviceId ? { deviceId: { exact: deviceId } } : true, video: false };
}
