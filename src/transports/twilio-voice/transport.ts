/**
 * CallTransport over Twilio Voice (@twilio/voice-sdk 2.x, the maintained successor of the
 * end-of-life twilio-client 1.x). This module is a lazy chunk, imported when the visitor starts a
 * call; the SDK itself is a further chunk, imported inside start() (capabilities() never loads it).
 *
 * A call, step by step:
 *  1. 'media': getUserMedia is the first thing start() does, so the browser's prompt belongs to the
 *     visitor's click. Denied or missing microphone ends the call before anything else happens.
 *  2. 'connecting': the SDK chunk and the context load; the site's server (baton-sdk/server,
 *     HTTP_VOICE_TOKEN_PATH) verifies the context, keeps it under a fresh opaque `contextRef` and
 *     answers with an access token. `device.connect({ params: { contextRef } })`: the call carries
 *     that reference only (Twilio caps call parameters at about 800 bytes and logs them: no PII).
 *  3. The voice webhook resolves the reference and enqueues the call to Flex with the context
 *     summary; Call events map to Baton's states: ringing, accept -> connected, reconnecting,
 *     disconnect/cancel/reject/error -> ended (with a reason from ./errors.ts).
 *  The token is refreshed on the Device's `tokenWillExpire` (device.updateToken), with the
 *  `refresh` secret the first answer gave (it never leaves the browser except to the site's server).
 */
import type {
  CallCapabilities,
  CallEnd,
  CallEndReason,
  CallQuality,
  CallState,
  CallTransport,
  CallTransportEvents,
  InputDevice,
  StartCallOptions,
} from '../../core/call/transport';
import { microphoneConstraints, webCallCapabilities } from '../../core/call/capabilities';
import { createEmitter } from '../../core/events';
import type { ContextSnapshot } from '../../protocol/context';
import { CONTEXT_REF_PARAM, HTTP_VOICE_TOKEN_PATH, type VoiceTokenRequest, type VoiceTokenResponse } from '../../protocol/voice';
import { TOKEN_EXPIRED_CODES, classifyError } from './errors';
import { QualityMeter } from './quality';
import { loadVoiceSdk, type VoiceCall, type VoiceDevice, type VoiceSdk } from './sdk';

/** The media functions the transport uses (navigator.mediaDevices in a browser). */
export type MediaDevicesLike = Pick<MediaDevices, 'getUserMedia' | 'enumerateDevices'> & Partial<Pick<MediaDevices, 'addEventListener' | 'removeEventListener'>>;

export interface TwilioVoiceTransportOptions {
  /** The site's server running baton-sdk/server's Twilio Voice routes (the `server` boot option). */
  server: string;
  /** The visitor's context as the agent will see it (the session's getContext()). */
  context: () => Promise<ContextSnapshot>;
  /** Defaults: globalThis.fetch, the real SDK, navigator.mediaDevices (injectable for tests). */
  fetch?: typeof fetch;
  sdk?: () => Promise<VoiceSdk>;
  media?: MediaDevicesLike | null;
  /** What capabilities() looks at; defaults to the global scope. */
  env?: { isSecureContext?: boolean; RTCPeerConnection?: unknown };
  now?: () => number;
}

class TokenError extends Error {
  constructor(
    readonly reason: CallEndReason,
    readonly code: string | number,
    message: string,
  ) {
    super(message);
  }
}

export function createTwilioVoiceTransport(options: TwilioVoiceTransportOptions): CallTransport {
  const emitter = createEmitter<CallTransportEvents>();
  const loadSdk = options.sdk ?? loadVoiceSdk;
  const doFetch = options.fetch ?? ((...a: Parameters<typeof fetch>) => globalThis.fetch(...a));
  const media = options.media !== undefined ? options.media : (globalThis.navigator?.mediaDevices ?? null);
  const now = options.now ?? Date.now;
  // Joined, not resolved: a server under a path prefix ('https://shop.test/support') keeps it.
  const tokenUrl = `${options.server.replace(/\/+$/, '')}${HTTP_VOICE_TOKEN_PATH}`;

  let sdk: VoiceSdk | null = null;
  let state: CallState = 'idle';
  /** Increases with each call: a late answer from an earlier call is ignored. */
  let attempt = 0;
  let device: VoiceDevice | null = null;
  let call: VoiceCall | null = null;
  let refresh: string | null = null;
  let connectedAt = 0;
  let hungUpHere = false;
  let muted = false;
  let inputDeviceId: string | undefined;
  let quality: CallQuality = 'unknown';
  /** Resolves start() when the call ends early (connect() may never settle once the Device failed). */
  let settleStart: () => void = () => undefined;
  let meter = new QualityMeter();
  const detach: (() => void)[] = [];

  const setState = (next: CallState) => {
    if (state === next) return;
    state = next;
    emitter.emit('state', next);
  };

  const fail = (e: unknown) => {
    const { reason, code, message } = classifyError(e as Parameters<typeof classifyError>[0]);
    end(reason, code, message);
  };

  function end(reason: CallEndReason, code?: string | number, message?: string): void {
    if (state === 'ended' || state === 'idle') return;
    const ended: CallEnd = { reason, durationMs: connectedAt ? now() - connectedAt : 0, ...(code !== undefined ? { code } : {}), ...(message ? { message } : {}) };
    release();
    setState('ended');
    emitter.emit('ended', ended);
    settleStart();
  }

  /** Lets go of the SDK objects of the current call (listeners, the Device and its sockets). */
  function release(): void {
    attempt++;
    for (const off of detach.splice(0)) off();
    const d = device;
    device = null;
    call = null;
    refresh = null;
    try {
      d?.destroy();
    } catch {
      // Already destroyed: nothing to release.
    }
  }

  const listen = (target: VoiceDevice | VoiceCall, event: string, fn: (...args: any[]) => void) => {
    target.on(event, fn);
    detach.push(() => void target.removeListener(event, fn));
  };

  async function postToken(body: VoiceTokenRequest): Promise<VoiceTokenResponse> {
    let res: Response;
    try {
      res = await doFetch(tokenUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    } catch (e) {
      throw new TokenError('network', 'fetch_failed', `the call server could not be reached: ${String((e as Error)?.message ?? e)}`);
    }
    const data = (await res.json().catch(() => null)) as (Partial<VoiceTokenResponse> & { error?: { code?: string; message?: string } }) | null;
    if (!res.ok || !data || typeof data.token !== 'string' || typeof data.contextRef !== 'string' || typeof data.refresh !== 'string') {
      throw new TokenError('error', data?.error?.code ?? res.status, data?.error?.message ?? `the call server answered ${res.status}`);
    }
    return data as VoiceTokenResponse;
  }

  async function refreshToken(mine: number): Promise<void> {
    if (!refresh || !device) return;
    try {
      const next = await postToken({ refresh });
      if (mine !== attempt || !device) return;
      refresh = next.refresh;
      device.updateToken(next.token);
    } catch {
      // The call in progress does not need a fresh token; a later tokenWillExpire or error retries.
    }
  }

  function emitQuality(): void {
    const q = meter.quality;
    if (q !== quality) emitter.emit('quality', (quality = q));
  }

  async function listDevices(): Promise<void> {
    if (!media) return;
    try {
      const all = await media.enumerateDevices();
      const inputs: InputDevice[] = all.filter((d) => d.kind === 'audioinput').map((d) => ({ deviceId: d.deviceId, label: d.label }));
      emitter.emit('devices', inputs);
    } catch {
      // enumerateDevices failing only hides the microphone choice.
    }
  }

  function wireCall(c: VoiceCall, mine: number): void {
    const live = (fn: (...a: any[]) => void) => (...a: any[]) => void (mine === attempt && fn(...a));
    listen(c, 'ringing', live(() => setState('ringing')));
    listen(c, 'accept', live(() => {
      connectedAt = now();
      setState('connected');
      if (muted) c.mute(true);
    }));
    listen(c, 'reconnecting', live(() => setState('reconnecting')));
    listen(c, 'reconnected', live(() => setState('connected')));
    listen(c, 'disconnect', live(() => end(hungUpHere ? 'hangup' : connectedAt ? 'remote_hangup' : 'no_answer')));
    listen(c, 'cancel', live(() => end('no_answer')));
    listen(c, 'reject', live(() => end('declined')));
    listen(c, 'error', live(fail));
    listen(c, 'mute', live((isMuted: boolean) => emitter.emit('muted', (muted = !!isMuted))));
    listen(c, 'warning', live((name: string) => (meter.warning(String(name)), emitQuality())));
    listen(c, 'warning-cleared', live((name: string) => (meter.cleared(String(name)), emitQuality())));
    listen(c, 'sample', live((sample: { mos?: number | null }) => (meter.sample(sample?.mos), emitQuality())));
  }

  async function run(mine: number, start: StartCallOptions, mic: Promise<MediaStream>): Promise<void> {
    // 1. The microphone, asked inside the click (getUserMedia was called before any await).
    try {
      const stream = await mic;
      // The SDK opens its own stream with the permission now granted; ours only asked.
      for (const track of stream.getTracks()) track.stop();
    } catch (e) {
      return fail(e);
    }
    if (mine !== attempt) return;
    void listDevices();
    setState('connecting');

    // 2. The SDK chunk, the context and a token.
    let token: VoiceTokenResponse;
    try {
      sdk = await loadSdk();
      if (mine !== attempt) return;
      if (!sdk.Device.isSupported) return end('unsupported', 'sdk_unsupported', 'this browser cannot place Twilio Voice calls');
      const context = await options.context();
      if (mine !== attempt) return;
      // The chat's credential, not its conversation id: the server finds the conversation from it.
      token = await postToken({ context, ...(start.credential ? { credential: start.credential } : {}) });
    } catch (e) {
      if (mine !== attempt) return;
      const err = e as TokenError;
      return end(err instanceof TokenError ? err.reason : 'error', err instanceof TokenError ? err.code : 'sdk_load_failed', err?.message);
    }
    if (mine !== attempt) return;

    // 3. The Device and the call.
    let d: VoiceDevice;
    try {
      // Precise signalling errors (53000 'cannot reach Twilio' rather than 31000 'unknown'), so the
      // UI can tell a network problem from a failure.
      d = new sdk.Device(token.token, { closeProtection: false, logLevel: 'silent', enableImprovedSignalingErrorPrecision: true });
    } catch (e) {
      return fail(e);
    }
    device = d;
    refresh = token.refresh;
    listen(d, 'tokenWillExpire', () => void refreshToken(mine));
    listen(d, 'error', (e: { code?: number; message?: string }, c?: VoiceCall) => {
      if (mine !== attempt) return;
      if (typeof e?.code === 'number' && TOKEN_EXPIRED_CODES.has(e.code)) return void refreshToken(mine);
      // Errors of the call itself also arrive on the call's own 'error' listener.
      if (!c && !call) fail(e);
    });
    if (inputDeviceId && d.audio) await d.audio.setInputDevice(inputDeviceId).catch(() => undefined);
    try {
      const c = await d.connect({ params: { [CONTEXT_REF_PARAM]: token.contextRef } });
      if (mine !== attempt) return void c.disconnect();
      call = c;
      wireCall(c, mine);
      if (hungUpHere) c.disconnect();
    } catch (e) {
      if (mine === attempt) fail(e);
    }
  }

  function onDeviceChange(): void {
    if (state !== 'idle') void listDevices();
  }
  media?.addEventListener?.('devicechange', onDeviceChange);

  return {
    capabilities(): CallCapabilities {
      const web = webCallCapabilities(options.env ?? globalThis, media);
      if (!web.supported) return web;
      // Known only once the SDK chunk is loaded (after a first call): never loaded here.
      if (sdk && !sdk.Device.isSupported) return { supported: false, reason: 'sdk_unsupported' };
      return { supported: true };
    },

    start(start: StartCallOptions = {}): Promise<void> {
      if (state !== 'idle' && state !== 'ended') return Promise.resolve();
      const mine = ++attempt;
      connectedAt = 0;
      hungUpHere = false;
      meter = new QualityMeter();
      quality = 'unknown';
      if (start.inputDeviceId) inputDeviceId = start.inputDeviceId;
      setState('media');
      const caps = this.capabilities();
      if (!caps.supported) {
        end('unsupported', caps.reason);
        return Promise.resolve();
      }
      // Synchronously inside the visitor's click: the permission prompt belongs to that gesture.
      const mic = media!.getUserMedia(microphoneConstraints(inputDeviceId));
      const ended = new Promise<void>((resolve) => (settleStart = resolve));
      return Promise.race([run(mine, start, mic), ended]);
    },

    hangup(): void {
      if (state === 'idle' || state === 'ended') return;
      hungUpHere = true;
      // Connected or ringing: the SDK's 'disconnect' event ends the call (reason 'hangup').
      if (call) return void call.disconnect();
      end('hangup');
    },

    setMuted(next: boolean): void {
      muted = next;
      if (call) call.mute(next);
      else emitter.emit('muted', next);
    },

    async setInputDevice(deviceId: string): Promise<void> {
      inputDeviceId = deviceId;
      if (device?.audio) await device.audio.setInputDevice(deviceId);
    },

    destroy(): void {
      this.hangup();
      release();
      media?.removeEventListener?.('devicechange', onDeviceChange);
      emitter.clear();
    },

    on(event, listener) {
      return emitter.on(event, listener);
    },
  };
}
