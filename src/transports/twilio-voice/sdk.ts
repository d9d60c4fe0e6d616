/**
 * The part of @twilio/voice-sdk 2.x this transport uses, as types taken from the SDK's own
 * declarations (Pick<Device, ...>, Pick<Call, ...>). The real classes are checked against them at
 * compile time below, and tests/fakes/twilioVoice.ts implements them: if the SDK changes a
 * signature we use, `npm run typecheck` fails here, not in a visitor's browser.
 *
 * Type imports only: nothing of the SDK is loaded until ./transport.ts calls `loadVoiceSdk()`.
 */
import type { Call, Device } from '@twilio/voice-sdk';

/** Listener registration as EventEmitter has it (Device and Call extend Node's EventEmitter). */
export interface Emitter {
  on(event: string, listener: (...args: any[]) => void): unknown;
  removeListener(event: string, listener: (...args: any[]) => void): unknown;
}

/** What the transport does with a Call: hang up, mute, read its state and parameters, listen. */
export type VoiceCall = Pick<Call, 'disconnect' | 'mute' | 'isMuted' | 'status' | 'parameters'> & Emitter;

/** The Device's audio helper: only the microphone choice. */
export type VoiceAudio = Pick<NonNullable<Device['audio']>, 'setInputDevice'>;

/** What the transport does with a Device: connect, refresh the token, tear down, pick the microphone. */
export interface VoiceDevice extends Pick<Device, 'updateToken' | 'destroy' | 'state'>, Emitter {
  connect(options?: Device.ConnectOptions): Promise<VoiceCall>;
  readonly audio: VoiceAudio | null;
}

export interface VoiceDeviceConstructor {
  new (token: string, options?: Device.Options): VoiceDevice;
  /** False in browsers the SDK does not support (no WebRTC, unsupported web views...). */
  readonly isSupported: boolean;
}

/** The SDK module as the transport loads it (a dynamic import of '@twilio/voice-sdk'). */
export interface VoiceSdk {
  Device: VoiceDeviceConstructor;
}

/** Device and Call events we listen to (Device.EventName / the Call events of the SDK's docs). */
export type DeviceEvent = `${Device.EventName}`;
export type CallEvent = 'accept' | 'ringing' | 'disconnect' | 'cancel' | 'reject' | 'error' | 'warning' | 'warning-cleared' | 'reconnecting' | 'reconnected' | 'mute' | 'sample';

// Compile-time proof that the real SDK fits these shapes (erased from the build).
type Assert<T extends true> = T;
export type DeviceFits = Assert<Device extends VoiceDevice ? true : false>;
export type CallFits = Assert<Call extends VoiceCall ? true : false>;
export type SdkFits = Assert<typeof Device extends VoiceDeviceConstructor ? true : false>;

/** Loads the SDK chunk (dist/chunks/voice-sdk-*.js): only when the visitor starts a call. */
export const loadVoiceSdk = (): Promise<VoiceSdk> => import('@twilio/voice-sdk') as Promise<VoiceSdk>;
