import { microphoneConstraints, webCallCapabilities } from '../core/call/capabilities';
import type { MicrophoneSource } from '../core/ports';

/** The page's microphone (core's MicrophoneSource): the browser's getUserMedia, audio only. */
export const browserMicrophone: MicrophoneSource = {
  capabilities: () => webCallCapabilities(globalThis, globalThis.navigator?.mediaDevices),
  open: (deviceId) => globalThis.navigator?.mediaDevices?.getUserMedia?.(microphoneConstraints(deviceId)),
};
