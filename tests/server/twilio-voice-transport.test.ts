// The Twilio Voice CallTransport (src/transports/twilio-voice) against the typed fake of the SDK's
// Device and Call (tests/fakes/twilioVoice.ts: the edge of Twilio's cloud) and the REAL server half
// (createTwilioVoiceHandler on a real HTTP server): what the call UI would show for each event
// sequence and error code, with the SDK's own TwilioError classes.
import { TwilioError } from '@twilio/voice-sdk';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CallEnd, CallQuality, CallState, CallTransport, InputDevice } from '../../src/core/call/transport';
import { signIdentity } from '../../src/server/identity';
import { createTwilioVoiceHandler, type TwilioVoiceHandler } from '../../src/server/twilio-voice/handler';
import { createTwilioVoiceTransport, type MediaDevicesLike } from '../../src/transports/twilio-voice/transport';
import { FakeDevice, fakeVoiceSdk } from '../fakes/twilioVoice';
import { identity, makeContext, SECRET } from './helpers';
import { until } from '../until';

const API_SECRET = 'api-secret-for-tests';
let server: http.Server;
let base: string;
let handler: TwilioVoiceHandler;
const requests: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    if (!handler(req, res)) res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  handler = createTwilioVoiceHandler({
    accountSid: `AC${'a'.repeat(32)}`,
    apiKey: `SK${'b'.repeat(32)}`,
    apiSecret: API_SECRET,
    authToken: 'f'.repeat(32),
    twimlAppSid: `AP${'c'.repeat(32)}`,
    workflowSid: `WW${'d'.repeat(32)}`,
    publicUrl: base,
    identitySecret: SECRET,
    // The site's chat: the conversation of the visitor holding this credential (createTwilioChatHandler's conversationOf).
    conversationOf: (credential) => (credential === 'visitor-credential-1' ? 'c_1' : null),
  });
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  FakeDevice.reset();
  requests.length = 0;
});

const jwtIdentity = (token: string, secret = API_SECRET) => {
  const [h, p, s] = token.split('.');
  expect(s).toBe(createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url'));
  return JSON.parse(Buffer.from(p!, 'base64url').toString()).grants.identity as string;
};

/** The browser's media: a microphone that grants, denies, or is missing. */
function fakeMedia(outcome: 'grant' | 'NotAllowedError' | 'NotFoundError' = 'grant') {
  const stopped: string[] = [];
  const asked: MediaStreamConstraints[] = [];
  const media: MediaDevicesLike = {
    getUserMedia: async (constraints?: MediaStreamConstraints) => {
      asked.push(constraints ?? {});
      if (outcome !== 'grant') throw Object.assign(new Error(`${outcome}: the user said no`), { name: outcome });
      return { getTracks: () => [{ stop: () => stopped.push('mic') }] } as unknown as MediaStream;
    },
    enumerateDevices: async () =>
      [
        { kind: 'audioinput', deviceId: 'default', label: 'Built-in' },
        { kind: 'audioinput', deviceId: 'mic-2', label: 'Headset' },
        { kind: 'audiooutput', deviceId: 'spk', label: 'Speakers' },
      ] as MediaDeviceInfo[],
  };
  return { media, stopped, asked };
}

const ada = () => makeContext(identity({ id: 'u_ada', name: 'Ada Lovelace' }, { hmac: signIdentity('u_ada', SECRET) }));

/** The transport's clock: moved by the test (`clock.t += ms`), never by waiting. */
const clock = { t: 1_700_000_000_000 };

function setup(options: { media?: ReturnType<typeof fakeMedia>; server?: string; env?: { isSecureContext?: boolean; RTCPeerConnection?: unknown } } = {}) {
  const m = options.media ?? fakeMedia();
  let sdkLoads = 0;
  const transport = createTwilioVoiceTransport({
    now: () => clock.t,
    server: options.server ?? base,
    context: async () => ada(),
    sdk: () => (sdkLoads++, fakeVoiceSdk()),
    media: m.media,
    env: options.env ?? { isSecureContext: true, RTCPeerConnection: class {} },
  });
  const seen = { states: [] as CallState[], ended: [] as CallEnd[], quality: [] as CallQuality[], muted: [] as boolean[], devices: [] as InputDevice[][] };
  transport.on('state', (s) => seen.states.push(s));
  transport.on('ended', (e) => seen.ended.push(e));
  transport.on('quality', (q) => seen.quality.push(q));
  transport.on('muted', (b) => seen.muted.push(b));
  transport.on('devices', (d) => seen.devices.push(d));
  return { transport, seen, media: m, sdkLoads: () => sdkLoads };
}

async function connected(t: CallTransport) {
  await t.start({ conversationId: 'c_1', credential: 'visitor-credential-1' });
  const device = FakeDevice.last;
  const call = device.calls[0]!;
  return { device, call };
}

describe('Twilio Voice transport', () => {
  it('a call: microphone, token from the site server, connect with only the contextRef, ringing, connected, remote hang-up', async () => {
    const { transport, seen, media } = setup();
    const { device, call } = await connected(transport);
    expect(seen.states).toEqual(['media', 'connecting']);
    expect(media.asked).toEqual([{ audio: true, video: false }]);
    expect(media.stopped).toEqual(['mic']); // our probe stream is released; the SDK opens its own
    // The Device got a real token for a random identity; the call carries the reference only.
    expect(jwtIdentity(device.token!)).toMatch(/^visitor_[0-9a-f]{32}$/);
    expect([...call.customParameters.keys()]).toEqual(['contextRef']);
    const ref = call.customParameters.get('contextRef')!;
    expect(handler.contexts.get(ref)).toMatchObject({ conversationId: 'c_1', snapshot: { identity: { name: 'Ada Lovelace', verified: { id: true } } } });
    expect(Buffer.byteLength(JSON.stringify(Object.fromEntries(call.customParameters)))).toBeLessThan(800);
    expect(seen.devices.at(-1)).toEqual([{ deviceId: 'default', label: 'Built-in' }, { deviceId: 'mic-2', label: 'Headset' }]);

    call.ring(true);
    call.answer();
    expect(seen.states.slice(-2)).toEqual(['ringing', 'connected']);
    clock.t += 20_000; // a 20 s call
    call.remoteHangup();
    expect(seen.states.at(-1)).toBe('ended');
    expect(seen.ended).toHaveLength(1);
    expect(seen.ended[0]!.reason).toBe('remote_hangup');
    expect(seen.ended[0]!.durationMs).toBe(20_000);
    expect(device.destroyed).toBe(true);
  });

  it('the visitor hangs up: while connected (reason hangup), and while still connecting (the late call is dropped)', async () => {
    const { transport, seen } = setup();
    const { call } = await connected(transport);
    call.answer();
    transport.hangup();
    expect(call.status()).toBe('closed');
    expect(seen.ended.map((e) => e.reason)).toEqual(['hangup']);

    const second = setup();
    const started = second.transport.start();
    second.transport.hangup(); // before the token came back
    await started;
    expect(second.seen.ended.map((e) => e.reason)).toEqual(['hangup']);
    expect(second.seen.ended[0]!.durationMs).toBe(0);
    for (const d of FakeDevice.instances.slice(1)) expect(d.calls.every((c) => c.status() === 'closed')).toBe(true);
  });

  it('refreshes the token on tokenWillExpire for the same identity, with device.updateToken', async () => {
    const { transport } = setup();
    const { device, call } = await connected(transport);
    call.answer();
    device.tokenWillExpire();
    await until(() => device.tokens.length === 2);
    expect(jwtIdentity(device.tokens[1]!)).toBe(jwtIdentity(device.tokens[0]!));
    expect(requests.filter((u) => u === '/api/twilio/voice/token')).toHaveLength(2);
    // An AccessTokenExpired (20104) on the Device refreshes too, and does not end the call.
    device.emit('error', new TwilioError.AuthorizationErrors.AccessTokenExpired());
    await until(() => device.tokens.length === 3);
    expect(call.status()).toBe('open');
  });

  it('microphone denied or missing ends the call before any token or SDK is fetched', async () => {
    for (const [outcome, reason] of [['NotAllowedError', 'mic_denied'], ['NotFoundError', 'no_mic']] as const) {
      const { transport, seen, sdkLoads } = setup({ media: fakeMedia(outcome) });
      await transport.start();
      expect(seen.states).toEqual(['media', 'ended']);
      expect(seen.ended).toEqual([{ reason, code: outcome, message: `${outcome}: the user said no`, durationMs: 0 }]);
      expect(sdkLoads()).toBe(0);
    }
    expect(requests).toEqual([]);
    expect(FakeDevice.instances).toEqual([]);
  });

  it('maps Twilio error codes (the SDK classes) to the reasons the UI explains', async () => {
    const cases: [InstanceType<typeof TwilioError.TwilioError>, string][] = [
      [new TwilioError.UserMediaErrors.PermissionDeniedError(), 'mic_denied'], // 31401
      [new TwilioError.UserMediaErrors.AcquisitionFailedError(), 'no_mic'], // 31402
      [new TwilioError.GeneralErrors.ConnectionError(), 'network'], // 31005
      [new TwilioError.GeneralErrors.TransportError(), 'network'], // 31009
      [new TwilioError.SignalingErrors.ConnectionDisconnected(), 'network'], // 53001
      [new TwilioError.MediaErrors.ConnectionError(), 'network'], // 53405
      [new TwilioError.ClientErrors.BusyHere(), 'declined'], // 31486
      [new TwilioError.SIPServerErrors.Decline(), 'declined'], // 31603
      [new TwilioError.ClientErrors.TemporarilyUnavailable(), 'no_answer'], // 31480
      [new TwilioError.AuthorizationErrors.AccessTokenInvalid(), 'error'], // 20101
    ];
    for (const [error, reason] of cases) {
      const { transport, seen } = setup();
      const { call } = await connected(transport);
      call.fail(error);
      expect(seen.ended, `${error.code}`).toEqual([{ reason, code: error.code, message: error.message, durationMs: 0 }]);
    }
    // A WebSocket that cannot reach Twilio: the SDK's UnknownError 31000 wraps the real cause (pstream.js).
    FakeDevice.connectError = new TwilioError.GeneralErrors.UnknownError('Websocket closed without a provided reason', { code: 31000, twilioError: new TwilioError.SignalingErrors.ConnectionDisconnected() });
    {
      const { transport, seen } = setup();
      await transport.start();
      expect(seen.ended[0]).toMatchObject({ reason: 'network', code: 53001 });
    }
    // connect() itself rejecting (as for a bad token) ends the call too.
    FakeDevice.connectError = new TwilioError.AuthorizationErrors.AccessTokenExpired();
    const { transport, seen } = setup();
    await transport.start();
    expect(seen.ended[0]).toMatchObject({ reason: 'error', code: 20104 });
  });

  it('reconnecting and back; quality from warnings and MOS; mute; microphone switch during the call', async () => {
    const { transport, seen } = setup();
    const { device, call } = await connected(transport);
    call.answer();
    call.reconnecting(new TwilioError.MediaErrors.ConnectionError());
    call.reconnected();
    expect(seen.states.slice(-2)).toEqual(['reconnecting', 'connected']);

    call.sample(4.3);
    call.warning('high-rtt');
    call.sample(3.2);
    call.warningCleared('high-rtt');
    call.sample(4.4);
    call.warning('high-packet-loss');
    expect(seen.quality).toEqual(['good', 'fair', 'poor', 'good', 'poor']);

    transport.setMuted(true);
    expect(call.isMuted()).toBe(true);
    transport.setMuted(false);
    expect(seen.muted).toEqual([true, false]);

    await transport.setInputDevice('mic-2');
    expect(device.audio.inputDeviceId).toBe('mic-2');
    await expect(transport.setInputDevice('unplugged')).rejects.toThrow(/not found/);
  });

  it('capabilities: cheap and synchronous, never loading the SDK; an SDK that says unsupported ends the call', async () => {
    expect(setup({ env: { isSecureContext: false, RTCPeerConnection: class {} } }).transport.capabilities()).toEqual({ supported: false, reason: 'insecure_context' });
    expect(setup({ env: { isSecureContext: true } }).transport.capabilities()).toEqual({ supported: false, reason: 'no_webrtc' });
    const ok = setup();
    expect(ok.transport.capabilities()).toEqual({ supported: true });
    expect(ok.sdkLoads()).toBe(0);

    FakeDevice.isSupported = false;
    await ok.transport.start();
    expect(ok.seen.ended[0]).toMatchObject({ reason: 'unsupported', code: 'sdk_unsupported' });
    expect(ok.transport.capabilities()).toEqual({ supported: false, reason: 'sdk_unsupported' });
    expect(requests).toEqual([]); // no token asked for
  });

  it('the site server down or refusing: a network end, or the server error code', async () => {
    const down = setup({ server: 'http://127.0.0.1:9' });
    await down.transport.start();
    expect(down.seen.ended[0]).toMatchObject({ reason: 'network', code: 'fetch_failed' });
    const refused = setup({ server: `${base}/nothing-here/` });
    await refused.transport.start();
    expect(refused.seen.ended[0]).toMatchObject({ reason: 'error' });
  });
});
