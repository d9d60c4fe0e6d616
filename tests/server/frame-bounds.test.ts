// Issue 13, finding 7: schemas bound what they accept. Deeply nested JSON under 64 KB got
// `server_error` and a stack trace in the log per frame; a context `at` of 1e16 passed and broke the
// console's context panel. Now: nesting is bounded (a clean `bad_frame` / 400), times are valid
// dates and put on the server's clock (within a day), numbers are finite, and a refused frame is
// logged once per socket and minute, one line, never a stack.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FRAME_MAX_BYTES } from '../../src/protocol/chat';
import { JSON_MAX_DEPTH, nestsDeeperThan } from '../../src/protocol/jsonDepth';
import { CONTEXT_CLOCK_SKEW_MAX_MS } from '../../src/server/embedded/contextTimes';
import { Client, PASSWORD, agent, login, makeContext, newClientId, postJson, startServer, visitor, type TestServer } from './helpers';

let ts: TestServer;
let desk: Client;
beforeAll(async () => {
  ts = await startServer();
  await ts.server.createAgent({ email: 'sam@desk.test', name: 'Sam', password: PASSWORD });
  desk = (await agent(ts, await login(ts, 'sam@desk.test'))).client;
});
afterAll(() => ts.close());

const deepContext = (levels: number) => `{"type":"context","context":${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}}`;

describe('nesting', () => {
  it('counts nesting in one pass, skipping strings', () => {
    expect(nestsDeeperThan('[[[]]]', 3)).toBe(false);
    expect(nestsDeeperThan('[[[[]]]]', 3)).toBe(true);
    expect(nestsDeeperThan('{"a":"[[[[[[\\"[[[["}', 3)).toBe(false);
  });

  it('refuses deeply nested JSON under 64 KB with bad_frame (not server_error), logs it once per socket and minute without a stack, and keeps the socket', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const { client: v } = await visitor(ts);
      const frame = deepContext(10_000);
      expect(Buffer.byteLength(frame)).toBeLessThan(FRAME_MAX_BYTES);
      // First an unknown frame (logged), then five deep ones within the minute (counted, not logged).
      expect(await v.request({ type: 'nonsense' }, 'error')).toMatchObject({ code: 'unknown_type' });
      for (let i = 0; i < 5; i++) {
        const refused = v.next('error');
        v.sendRaw(frame);
        expect(await refused).toMatchObject({ code: 'bad_frame', message: `Frame nests deeper than ${JSON_MAX_DEPTH} levels` });
      }
      expect(await v.request({ type: 'ping' }, 'pong')).toEqual({ type: 'pong' });
      expect(error).not.toHaveBeenCalled(); // no server_error, no stack
      const lines = warn.mock.calls.map((c) => c.join(' '));
      // Six refusals, one line per socket and minute.
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^\[baton\] refused a frame from visitor socket 127\.0\.0\.1 \(v_[\w-]+\): unknown_type: /);
      expect(lines[0]).not.toMatch(/\n\s+at /);
      // Another socket gets its own line.
      const { client: w } = await visitor(ts);
      const refused = w.next('error');
      w.sendRaw(frame);
      await refused;
      expect(warn).toHaveBeenCalledTimes(2);
      expect(String(warn.mock.calls[1]![0])).toContain('bad_frame: Frame nests deeper than 16 levels');
      v.close();
      w.close();
    } finally {
      warn.mockRestore();
      error.mockRestore();
    }
  });

  it('refuses a deeply nested HTTP body with 400 bad_json', async () => {
    const body = `{"context":${'['.repeat(5_000)}${']'.repeat(5_000)}}`; // 10 KB, under the body limit
    const res = await postJson(ts, '/api/visitor/phone-code', body);
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error: { code: 'bad_json' } });
  });
});

describe('times and numbers', () => {
  /** A visitor who writes once, viewed by the agent; returns the visitor and the conversation id. */
  async function chatting(): Promise<{ v: Client; conversationId: string }> {
    const { client: v } = await visitor(ts, { context: makeContext() });
    const conversationId = (await v.request({ type: 'send', clientId: newClientId(), text: 'hi' }, 'ack')).message.conversationId as string;
    await desk.request({ type: 'open', conversationId }, (f) => f.type === 'conversation' && f.conversation.id === conversationId);
    return { v, conversationId };
  }

  it('refuses a context `at` of 1e16 and a number that is not finite (1e400)', async () => {
    const { v } = await chatting();
    const refused = v.next('error');
    v.send({ type: 'context', context: { ...makeContext(), at: 1e16 } });
    expect(await refused).toMatchObject({ code: 'bad_frame', message: expect.stringContaining('context.at') });
    const infinite = v.next('error');
    v.sendRaw(JSON.stringify({ type: 'context', context: makeContext() }).replace('"pixelRatio":1', '"pixelRatio":1e400'));
    expect(await infinite).toMatchObject({ code: 'bad_frame' });
    v.close();
  });

  it('puts a context on the server clock: a browser years off is shifted as a whole, a time in the future is clamped', async () => {
    const { v, conversationId } = await chatting();
    const now = Date.now();
    const threeYears = 3 * 365 * 24 * 60 * 60 * 1000;
    const skewed = makeContext();
    skewed.at = now - threeYears;
    skewed.page.startedAt = skewed.at - 60_000;
    skewed.journey = [{ ...skewed.journey[0]!, at: skewed.at - 60_000 }];
    skewed.signals = [{ type: 'rage_click', detail: 'Pay', path: '/checkout', firstAt: skewed.at - 5000, at: now + 40 * 24 * 3_600_000, count: 4 }];
    skewed.selfService = { articles: [{ id: 'returns', title: 'Returns and refunds', helped: true, at: skewed.at - 30_000 }] };
    v.send({ type: 'context', context: skewed });
    const seen = (await desk.next((f) => f.type === 'context' && f.conversationId === conversationId)).context;
    const after = Date.now();
    expect(seen.at).toBeGreaterThanOrEqual(now);
    expect(seen.at).toBeLessThanOrEqual(after);
    expect(seen.at - seen.journey[0].at).toBe(60_000); // the journey keeps its shape
    expect(seen.at - seen.page.startedAt).toBe(60_000);
    expect(seen.signals[0].firstAt).toBe(seen.at - 5000);
    expect(seen.selfService.articles[0].at).toBe(seen.at - 30_000); // "helped before the conversation" stays true
    expect(seen.signals[0].at).toBeLessThanOrEqual(after + CONTEXT_CLOCK_SKEW_MAX_MS); // 40 days ahead: clamped to now
    v.close();
  });
});
