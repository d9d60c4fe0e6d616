// A typed fake of @twilio/voice-sdk 2.x's Device and Call, at the edge of Twilio's cloud (the only
// fake the team allows). It implements the SDK's own TypeScript types (Pick<Device, ...>,
// Pick<Call, ...>, and the transport's VoiceDevice/VoiceCall shapes, which src/transports/
// twilio-voice/sdk.ts proves the real classes satisfy), extends Node's EventEmitter like the SDK's
// classes, and replays the SDK's event sequences with its real error classes (TwilioError codes):
//   register():          'registering' -> 'registered'
//   connect() outgoing:  Call 'ringing'(hasEarlyMedia) -> 'accept'(call) -> 'sample' each second
//                        -> 'disconnect'(call) when either side hangs up
//   incoming:            Device 'incoming'(call); 'cancel' when the caller gives up, 'reject' on reject()
//   errors:              Call 'error'(TwilioError) and Device 'error'(TwilioError, call?)
//   token:               Device 'tokenWillExpire'(device) some seconds before expiry; updateToken()
import { EventEmitter } from 'node:events';
import type { Call, Device } from '@twilio/voice-sdk';
import type { VoiceAudio, VoiceCall, VoiceDevice, VoiceSdk } from '../../src/transports/twilio-voice/sdk';

type CallState = ReturnType<Call['status']>;
type DeviceState = Device['state'];

export class FakeAudio implements VoiceAudio {
  inputDeviceId: string | null = null;
  /** Device ids the "browser" knows; setInputDevice rejects others like the SDK (InvalidArgumentError). */
  known = new Set(['default', 'mic-2']);

  async setInputDevice(deviceId: string): Promise<void> {
    if (!this.known.has(deviceId)) throw new Error(`Device not found: ${deviceId}`);
    this.inputDeviceId = deviceId;
  }
}

export class FakeCall extends EventEmitter implements VoiceCall, Pick<Call, 'disconnect' | 'mute' | 'isMuted' | 'status' | 'parameters' | 'reject' | 'accept' | 'customParameters'> {
  parameters: Record<string, string> = {};
  readonly customParameters: Map<string, string>;
  private state: CallState = 'connecting' as CallState;
  private muted = false;

  constructor(
    readonly device: FakeDevice,
    params: Record<string, string>,
    readonly direction: 'OUTGOING' | 'INCOMING' = 'OUTGOING',
  ) {
    super();
    this.customParameters = new Map(Object.entries(params));
  }

  status(): CallState {
    return this.state;
  }

  isMuted(): boolean {
    return this.muted;
  }

  mute(shouldMute = true): void {
    const was = this.muted;
    this.muted = shouldMute;
    if (was !== shouldMute) this.emit('mute', shouldMute, this);
  }

  accept(): void {
    this.answer();
  }

  reject(): void {
    this.state = 'closed' as CallState;
    this.emit('reject');
  }

  /** Local hang-up: the SDK emits 'disconnect' for it too. */
  disconnect(): void {
    if (this.state === ('closed' as CallState)) return;
    this.state = 'closed' as CallState;
    this.emit('disconnect', this);
  }

  // --- the far side, scripted by the test ---

  ring(hasEarlyMedia = false): void {
    this.state = 'ringing' as CallState;
    this.emit('ringing', hasEarlyMedia);
  }

  answer(): void {
    this.state = 'open' as CallState;
    this.parameters = { CallSid: `CA${'0'.repeat(32)}` };
    this.emit('accept', this);
  }

  remoteHangup(): void {
    this.disconnect();
  }

  /** The caller gave up before it was answered (incoming calls). */
  cancel(): void {
    this.state = 'closed' as CallState;
    this.emit('cancel');
  }

  /**
   * A TwilioError on the call. As in the SDK, the Device's own listener on the call (added when the
   * call was created) re-emits it first as Device 'error'(error, call); fatal ones then close the call.
   */
  fail(error: { code: number; message: string; name: string }): void {
    if (!this.device.destroyed && this.device.listenerCount('error') > 0) this.device.emit('error', error, this);
    this.emit('error', error);
    this.state = 'closed' as CallState;
    this.emit('disconnect', this);
  }

  reconnecting(error: { code: number; message: string }): void {
    this.state = 'reconnecting' as CallState;
    this.emit('reconnecting', error);
  }

  reconnected(): void {
    this.state = 'open' as CallState;
    this.emit('reconnected');
  }

  warning(name: string): void {
    this.emit('warning', name, { name, threshold: { name: 'max', value: 0 }, values: [] });
  }

  warningCleared(name: string): void {
    this.emit('warning-cleared', name);
  }

  sample(mos: number | null): void {
    this.emit('sample', { mos, rtt: 50, jitter: 1, packetsLostFraction: 0 });
  }
}

export class FakeDevice extends EventEmitter implements VoiceDevice, Pick<Device, 'register' | 'unregister' | 'updateToken' | 'destroy' | 'state' | 'token'> {
  /** What `Device.isSupported` answers (set false to play an unsupported browser). */
  static isSupported = true;
  /** Every Device the transport created, newest last. */
  static instances: FakeDevice[] = [];
  /** When set, connect() rejects with it (as the SDK does for a bad token or no microphone). */
  static connectError: unknown = null;

  readonly audio = new FakeAudio();
  readonly calls: FakeCall[] = [];
  readonly tokens: string[] = [];
  state: DeviceState = 'unregistered' as DeviceState;
  destroyed = false;

  constructor(
    token: string,
    readonly options: Device.Options = {},
  ) {
    super();
    this.tokens.push(token);
    FakeDevice.instances.push(this);
  }

  get token(): string | null {
    return this.tokens.at(-1) ?? null;
  }

  async register(): Promise<void> {
    this.state = 'registering' as DeviceState;
    this.emit('registering');
    await Promise.resolve();
    this.state = 'registered' as DeviceState;
    this.emit('registered');
  }

  async unregister(): Promise<void> {
    this.state = 'unregistered' as DeviceState;
    this.emit('unregistered');
  }

  async connect(options: Device.ConnectOptions = {}): Promise<FakeCall> {
    if (this.destroyed) throw new Error('Device has been destroyed.');
    await Promise.resolve();
    if (FakeDevice.connectError) throw FakeDevice.connectError;
    const call = new FakeCall(this, options.params ?? {});
    this.calls.push(call);
    return call;
  }

  updateToken(token: string): void {
    this.tokens.push(token);
  }

  destroy(): void {
    if (this.destroyed) return;
    for (const c of this.calls) c.disconnect();
    this.destroyed = true;
    this.state = 'destroyed' as DeviceState;
    this.emit('destroyed');
    this.removeAllListeners();
  }

  // --- Twilio's side, scripted by the test ---

  /** Twilio's gateway is about to refuse the token (tokenRefreshMs before expiry). */
  tokenWillExpire(): void {
    this.emit('tokenWillExpire', this);
  }

  /** An agent's device: a call comes in (the visitor transport never registers, agents do). */
  incoming(params: Record<string, string>): FakeCall {
    const call = new FakeCall(this, params, 'INCOMING');
    call.ring();
    this.calls.push(call);
    this.emit('incoming', call);
    return call;
  }

  static reset(): void {
    FakeDevice.isSupported = true;
    FakeDevice.instances = [];
    FakeDevice.connectError = null;
  }

  static get last(): FakeDevice {
    const d = FakeDevice.instances.at(-1);
    if (!d) throw new Error('no Device was created');
    return d;
  }
}

/** The module the transport loads (`import('@twilio/voice-sdk')`), fake. */
export const fakeVoiceSdk = async (): Promise<VoiceSdk> => ({ Device: FakeDevice });
