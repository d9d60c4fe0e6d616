/**
 * Twilio Voice JS SDK error codes (TwilioError.code, see the SDK's errors/generated.d.ts and
 * https://www.twilio.com/docs/api/errors) mapped to why Baton's call ended.
 */
import type { CallEndReason } from '../../core/call/transport';
import { microphoneFailure } from '../../protocol/microphone';

/** Access-token problems: the site's server minted a bad or stale token. */
export const TOKEN_EXPIRED_CODES: ReadonlySet<number> = new Set([
  20104, // AccessTokenExpired
  31205, // JWTTokenExpiredError
]);

const REASONS: Record<number, CallEndReason> = {
  // Microphone: UserMediaErrors
  31401: 'mic_denied', // PermissionDeniedError (getUserMedia NotAllowedError)
  31208: 'mic_denied', // "User denied access to microphone" (twilio-client 1.x, still reported by some gateways)
  31402: 'no_mic', // AcquisitionFailedError (NotFoundError, NotReadableError: no or busy microphone)
  // Network: signalling or media lost
  31003: 'network', // ConnectionTimeoutError
  31005: 'network', // ConnectionError (signalling: the WebSocket to Twilio failed)
  31009: 'network', // TransportError
  53000: 'network', // SignalingErrors.ConnectionError
  53001: 'network', // SignalingErrors.ConnectionDisconnected
  53405: 'network', // MediaErrors.ConnectionError (ICE failed)
  // The other end said no
  31002: 'declined', // ConnectionDeclinedError
  31486: 'declined', // BusyHere
  31603: 'declined', // Decline
  31480: 'no_answer', // TemporarilyUnavailable
  31008: 'hangup', // CallCancelledError
};

type ErrorLike = { code?: unknown; name?: unknown; message?: unknown; originalError?: unknown } | null | undefined;

/**
 * Reason, code and message of an error, looking inside a generic one: the SDK reports a WebSocket
 * that cannot reach Twilio as UnknownError 31000 whose `originalError.twilioError` is the real
 * SignalingErrors.ConnectionDisconnected (53001) (voice-sdk 2.18, pstream.js).
 */
export function classifyError(error: ErrorLike, depth = 0): { reason: CallEndReason; code?: string | number; message?: string } {
  const reason = reasonForError(error);
  const code = typeof error?.code === 'number' || typeof error?.code === 'string' ? error.code : typeof error?.name === 'string' ? error.name : undefined;
  const message = typeof error?.message === 'string' ? error.message : undefined;
  if (reason === 'error' && depth < 3 && error?.originalError && typeof error.originalError === 'object') {
    const o = error.originalError as { twilioError?: ErrorLike } & ErrorLike;
    const inner = classifyError(o.twilioError ?? o, depth + 1);
    if (inner.reason !== 'error') return inner;
  }
  return { reason, ...(code !== undefined ? { code } : {}), ...(message ? { message } : {}) };
}

/** The reason for a TwilioError (or a DOMException from getUserMedia); 'error' when unknown. */
export function reasonForError(error: ErrorLike): CallEndReason {
  const mic = microphoneFailure(error);
  if (mic !== 'error') return mic;
  // The SDK's own NotSupportedError (thrown by `new Device()` where it cannot run) has no code.
  if (error?.name === 'NotSupportedError') return 'unsupported';
  const code = typeof error?.code === 'number' ? error.code : NaN;
  return REASONS[code] ?? 'error';
}
