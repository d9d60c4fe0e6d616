/**
 * Why the microphone could not be had, from getUserMedia's refusal (its DOMException's `name`):
 * the one map both call sides use (the widget's WebRTC and Twilio Voice transports, the agent
 * console when an agent answers). In src/protocol because the visitor's widget and the agent
 * console share only this layer, and both sides name the outcome the same way.
 *
 * - `mic_denied`: the person or the browser said no (NotAllowedError; PermissionDeniedError in
 *   older Chromium; SecurityError where the page may not ask at all).
 * - `no_mic`: nothing to record from (NotFoundError, DevicesNotFoundError in older Chromium), the
 *   device is busy or failed (NotReadableError, TrackStartError in older Chromium), or the chosen
 *   one is gone (OverconstrainedError).
 * - `error`: anything else (an AbortError, a bug): the caller decides what to say.
 */
export type MicrophoneFailure = 'mic_denied' | 'no_mic' | 'error';

const DENIED: ReadonlySet<string> = new Set(['NotAllowedError', 'PermissionDeniedError', 'SecurityError']);
const NO_MIC: ReadonlySet<string> = new Set(['NotFoundError', 'DevicesNotFoundError', 'NotReadableError', 'TrackStartError', 'OverconstrainedError']);

export function microphoneFailure(error: unknown): MicrophoneFailure {
  const name = (error as { name?: unknown } | null | undefined)?.name;
  if (typeof name !== 'string') return 'error';
  if (DENIED.has(name)) return 'mic_denied';
  if (NO_MIC.has(name)) return 'no_mic';
  return 'error';
}
