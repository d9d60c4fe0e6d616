// The frame parsers on their own: codes, messages, clientId echo, trimming.
import { describe, expect, it } from 'vitest';
import { parseAgentFrame, parseVisitorFrame } from '../../src/protocol/chatSchema';
import { makeContext } from './helpers';

describe('parseVisitorFrame', () => {
  it('accepts every visitor frame and trims text', () => {
    const frames = [
      { type: 'hello', v: 1 },
      { type: 'hello', v: 1, credential: 'abc', context: makeContext() },
      { type: 'send', clientId: 'abcdefgh', text: '  hi  ', email: 'a@b.co' },
      { type: 'typing', on: false },
      { type: 'context', context: makeContext() },
      { type: 'read', index: 0 },
      { type: 'sync', conversationId: 'c_1', afterIndex: 3 },
      { type: 'ping' },
    ];
    for (const f of frames) expect(parseVisitorFrame(JSON.stringify(f)).ok, f.type).toBe(true);
    const send = parseVisitorFrame(JSON.stringify(frames[2]));
    expect(send.ok && send.frame).toMatchObject({ text: 'hi' });
  });

  it('names the problem and echoes the clientId', () => {
    expect(parseVisitorFrame('{')).toEqual({ ok: false, error: { type: 'error', code: 'bad_json', message: 'Frame is not valid JSON' } });
    expect(parseVisitorFrame('"send"')).toMatchObject({ ok: false, error: { code: 'bad_frame' } });
    expect(parseVisitorFrame('{"type":"claim","conversationId":"c"}')).toMatchObject({ ok: false, error: { code: 'unknown_type' } });
    expect(parseVisitorFrame('{"type":"toString"}')).toMatchObject({ ok: false, error: { code: 'unknown_type' } });
    const r = parseVisitorFrame(JSON.stringify({ type: 'send', clientId: 'abcdefgh', text: '' }));
    expect(r).toEqual({ ok: false, error: { type: 'error', code: 'bad_frame', message: 'Invalid "send" frame: text: text is empty', clientId: 'abcdefgh' } });
    expect(parseVisitorFrame(JSON.stringify({ type: 'send', clientId: 'abcdefgh', text: 'x'.repeat(4001) }))).toMatchObject({ ok: false, error: { code: 'too_large', clientId: 'abcdefgh' } });
    expect(parseVisitorFrame('x'.repeat(64 * 1024 + 1))).toMatchObject({ ok: false, error: { code: 'too_large' } });
    expect(parseVisitorFrame(JSON.stringify({ type: 'send', clientId: 'abcdefgh', text: 'hi', email: 'x'.repeat(310) + '@example.com' }))).toMatchObject({ ok: false, error: { code: 'bad_frame', message: expect.stringContaining('320') } });
  });
});

describe('parseAgentFrame', () => {
  it('accepts every agent frame and refuses visitor-only ones', () => {
    const frames = [
      { type: 'claim', conversationId: 'c_1' },
      { type: 'send', conversationId: 'c_1', clientId: 'abcdefgh', text: 'hello' },
      { type: 'typing', conversationId: 'c_1', on: true },
      { type: 'close', conversationId: 'c_1' },
      { type: 'close', conversationId: 'c_1', note: 'done' },
      { type: 'open', conversationId: 'c_1' },
      { type: 'sync', conversationId: 'c_1', afterIndex: 0 },
      { type: 'ping' },
    ];
    for (const f of frames) expect(parseAgentFrame(JSON.stringify(f)).ok, f.type).toBe(true);
    expect(parseAgentFrame('{"type":"hello","v":1}')).toMatchObject({ ok: false, error: { code: 'unknown_type' } });
    expect(parseAgentFrame('{"type":"send","clientId":"abcdefgh","text":"no conversation"}')).toMatchObject({ ok: false, error: { code: 'bad_frame', clientId: 'abcdefgh' } });
  });
});
