// CallSession (src/core/call/session.ts) over a fake CallTransport, and the local transport's pure
// mappings (src/transports/local/call.ts): what the visitor is shown for each way a call goes.
import { describe, expect, it, vi } from 'vitest';
import { createEmitter } from '../../src/core/events';
import { CallSession, alternativesFor, type CallSnapshot } from '../../src/core/call/session';
import type { CallTransport, CallTransportEvents, StartCallOptions } from '../../src/core/call/transport';
import { endReasonOf, qualityOf } from '../../src/transports/local/call';
import { microphoneFailure } from '../../src/protocol/microphone';

function fakeTransport() {
  const events = createEmitter<CallTransportEvents>();
  const started: StartCallOptions[] = [];
  const t: CallTransport & { emit: typeof events.emit; started: StartCallOptions[] } = {
    capabilities: () => ({ supported: true }),
    start: async (o = {}) => void started.push(o),
    hangup: vi.fn(() => {
      events.emit('state', 'ended');
      events.emit('ended', { reason: 'hangup', durationMs: 1200 });
    }),
    setMuted: vi.fn((m: boolean) => events.emit('muted', m)),
    setInputDevice: vi.fn(async () => undefined),
    destroy: vi.fn(),
    on: (e, l) => events.on(e, l),
    emit: events.emit,
    started,
  };
  return t;
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('CallSession', () => {
  it('start(stream): uses the microphone already asked for in the click, and stops it when the call cannot happen or is under way', async () => {
    const t = fakeTransport();
    const microphone = vi.fn();
    const stopA = vi.fn();
    const asked = Promise.resolve({ getTracks: () => [{ stop: stopA }] } as unknown as MediaStream);
    const s = new CallSession({ transport: async () => t, capabilities: () => ({ supported: true }), microphone });
    s.start(asked);
    expect(microphone).not.toHaveBeenCalled();
    await tick();
    expect(t.started[0]!.microphone).toBe(asked);
    // A second click while the call is under way: its stream is released, nothing else happens.
    const stopB = vi.fn();
    s.start(Promise.resolve({ getTracks: () => [{ stop: stopB }] } as unknown as MediaStream));
    await tick();
    expect(stopB).toHaveBeenCalled();
    expect(t.started).toHaveLength(1);
    // A browser that cannot call: the stream asked for is released, the call ends 'unsupported'.
    const stopC = vi.fn();
    const u = new CallSession({ transport: async () => t, capabilities: () => ({ supported: false, reason: 'no_webrtc' }) });
    u.start(Promise.resolve({ getTracks: () => [{ stop: stopC }] } as unknown as MediaStream));
    await tick();
    expect(stopC).toHaveBeenCalled();
    expect(u.getState().end?.reason).toBe('unsupported');
  });

  it('a subscriber that throws breaks neither the call nor the other subscribers', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const t = fakeTransport();
    const s = new CallSession({ transport: async () => t, capabilities: () => ({ supported: true }) });
    let calls = 0;
    s.subscribe(() => {
      if (calls++ > 0) throw new Error('site bug');
    });
    const seen: string[] = [];
    s.subscribe((x) => seen.push(x.state));
    s.start();
    await tick();
    t.emit('state', 'ringing');
    expect(seen).toEqual(['idle', 'media', 'ringing']);
    vi.restoreAllMocks();
  });

  it('asks for the microphone synchronously in start(), loads the transport, and follows its states to a timer', async () => {
    const t = fakeTransport();
    const stop = vi.fn();
    const stream = Promise.resolve({ getTracks: () => [{ stop }] } as unknown as MediaStream);
    const microphone = vi.fn(() => stream);
    let now = 1000;
    const s = new CallSession({ transport: async () => t, capabilities: () => ({ supported: true }), microphone, conversationId: () => 'c_1', now: () => now });
    const seen: CallSnapshot['state'][] = [];
    s.subscribe((x) => seen.push(x.state));
    s.start();
    // Before any await: the prompt belongs to the click.
    expect(microphone).toHaveBeenCalledTimes(1);
    expect(s.getState().state).toBe('media');
    await tick();
    expect(t.started).toEqual([{ conversationId: 'c_1', microphone: stream }]);
    t.emit('state', 'ringing');
    now = 5000;
    t.emit('state', 'connected');
    expect(s.getState()).toMatchObject({ state: 'connected', connectedAt: 5000 });
    s.setMuted(true);
    expect(s.getState().muted).toBe(true);
    s.hangup();
    expect(s.getState()).toMatchObject({ state: 'ended', end: { reason: 'hangup' }, alternatives: [], connectedAt: null });
    expect(seen).toEqual(['idle', 'media', 'ringing', 'connected', 'connected', 'ended']);
    // The transport here never used the stream: the session releases the microphone itself.
    await tick();
    expect(stop).toHaveBeenCalled();
  });

  it('video (issue 19): the camera button exists only once the transport reports video; setCamera reaches it synchronously (in the click); the video goes with the call', async () => {
    const t = fakeTransport();
    const setCamera = vi.fn(async () => undefined);
    const s = new CallSession({ transport: async () => t, capabilities: () => ({ supported: true }), microphone: () => undefined });
    s.start();
    await tick();
    t.emit('state', 'connected');
    // A transport without video (Twilio Voice) never reports any: nothing to turn on.
    expect(s.getState().video).toBeNull();
    s.setCamera(true);
    expect(setCamera).not.toHaveBeenCalled();
    (t as CallTransport).setCamera = setCamera;
    t.emit('video', { camera: 'off', local: null, remote: null });
    s.setCamera(true, 'environment');
    // No await between the click and the transport: the browser's prompt belongs to that click.
    expect(setCamera).toHaveBeenCalledWith(true, 'environment');
    const stream = { getTracks: () => [] } as unknown as MediaStream;
    t.emit('video', { camera: 'on', local: stream, remote: null });
    expect(s.getState().video).toEqual({ camera: 'on', local: stream, remote: null });
    s.hangup();
    expect(s.getState().video).toBeNull();
  });

  it("an agent's call (issue 15's Call now): rings as `invite`; answer() asks for the microphone in the click and answers that call; decline() declines it; gone when the service says so", async () => {
    const t = fakeTransport();
    const microphone = vi.fn(() => Promise.resolve({ getTracks: () => [] } as unknown as MediaStream));
    let ring: (invite: { callId: string; agent: { name: string } } | null) => void = () => {};
    const decline = vi.fn();
    const s = new CallSession({ transport: async () => t, capabilities: () => ({ supported: true }), microphone, invites: (fn) => ((ring = fn), () => {}), decline });
    s.answer(); // nothing rings: nothing happens
    expect(microphone).not.toHaveBeenCalled();
    ring({ callId: 'call_agent_1', agent: { name: 'Noor' } });
    expect(s.getState()).toMatchObject({ state: 'idle', invite: { callId: 'call_agent_1', agent: { name: 'Noor' } } });
    s.decline();
    expect(decline).toHaveBeenCalledWith('call_agent_1');
    expect(s.getState().invite).toBeNull();

    ring({ callId: 'call_agent_2', agent: { name: 'Noor' } });
    ring(null); // the agent hung up before an answer
    expect(s.getState().invite).toBeNull();
    ring({ callId: 'call_agent_3', agent: { name: 'Noor' } });
    s.answer();
    expect(microphone).toHaveBeenCalledTimes(1);
    expect(s.getState()).toMatchObject({ state: 'media', invite: null });
    await tick();
    expect(t.started).toEqual([expect.objectContaining({ answer: 'call_agent_3' })]);
    // During the call another ring is not shown; the next call the visitor starts is their own.
    t.emit('state', 'connected');
    ring({ callId: 'call_agent_4', agent: { name: 'Noor' } });
    expect(s.getState().invite).toBeNull();
    s.hangup();
    s.start();
    await tick();
    expect(t.started[1]).not.toHaveProperty('answer');
  });

  it('an unsupported browser ends at once with the alternatives, loading nothing', () => {
    const transport = vi.fn();
    const s = new CallSession({ transport, capabilities: () => ({ supported: false, reason: 'no_webrtc' }) });
    s.start();
    expect(transport).not.toHaveBeenCalled();
    expect(s.getState()).toMatchObject({ state: 'ended', end: { reason: 'unsupported', code: 'no_webrtc' }, alternatives: ['chat', 'phone', 'callback'] });
  });

  it('a transport chunk that fails to load ends with error, and the next start tries again', async () => {
    const t = fakeTransport();
    const transport = vi.fn().mockRejectedValueOnce(new Error('chunk 404')).mockResolvedValue(t);
    const s = new CallSession({ transport, capabilities: () => ({ supported: true }) });
    s.start();
    await tick();
    expect(s.getState()).toMatchObject({ state: 'ended', end: { reason: 'error' }, alternatives: ['retry', 'chat', 'phone', 'callback'] });
    s.start();
    await tick();
    expect(transport).toHaveBeenCalledTimes(2);
    expect(t.started).toHaveLength(1);
  });

  it('hanging up before the chunk arrived cancels the call and releases the microphone', async () => {
    const stop = vi.fn();
    const s = new CallSession({
      transport: () => new Promise((r) => setTimeout(() => r(fakeTransport()), 5)),
      capabilities: () => ({ supported: true }),
      microphone: () => Promise.resolve({ getTracks: () => [{ stop }] } as unknown as MediaStream),
    });
    s.start();
    s.hangup();
    expect(s.getState().state).toBe('ended');
    await vi.waitFor(() => expect(stop).toHaveBeenCalled());
  });
});

describe('what each ending offers', () => {
  it('maps microphone errors, server reasons and quality', () => {
    expect(microphoneFailure({ name: 'NotAllowedError' })).toBe('mic_denied');
    expect(microphoneFailure({ name: 'NotFoundError' })).toBe('no_mic');
    expect(microphoneFailure(new Error('x'))).toBe('error');
    expect(endReasonOf('agent_hangup')).toBe('remote_hangup');
    // Nobody online: never rung, so no "Call again" (issue 15).
    expect(endReasonOf('no_agents')).toBe('unavailable');
    expect(alternativesFor('unavailable')).toEqual(['callback', 'chat', 'phone']);
    expect(endReasonOf('agent_left')).toBe('network');
    expect(alternativesFor('no_answer')).toEqual(['callback', 'chat', 'phone', 'retry']);
    expect(alternativesFor('remote_hangup')).toEqual([]);
    expect(qualityOf(0.05, 0.005, 0)).toBe('good');
    expect(qualityOf(0.4, 0.005, 0)).toBe('fair');
    expect(qualityOf(0.05, 0.005, 0.12)).toBe('poor');
    expect(qualityOf(undefined, undefined, undefined)).toBe('unknown');
  });
});
