// "Continue by SMS / on WhatsApp" (issue 19), the parts a browser does not need to prove: the view's
// words exist in every language with the same placeholder, and ChatSession offers the channels only
// over a transport that can continue (Twilio with a number configured), never over one without a
// carrier (Baton's embedded server), and only for an open conversation.
import { describe, expect, it, vi } from 'vitest';
import { LANGS } from '../../src/protocol/languages';
import { CONTINUE_LANGS, continueText } from '../../src/ui/panel/continueBy/text';
import { ChatSession } from '../../src/core/chat/session';
import { fakeChatTransport } from '../fakes/chatTransport';

describe("the view's words", () => {
  it('has every key in every language, the number where English has it', () => {
    expect([...CONTINUE_LANGS].sort()).toEqual(LANGS.filter((l) => l !== 'en-XA').sort());
    const en = continueText('en');
    for (const lang of CONTINUE_LANGS) {
      const t = continueText(lang);
      for (const key of Object.keys(en) as (keyof typeof en)[]) {
        expect(t[key], `${lang}.${key}`).toMatch(/\S/);
        expect(t[key].includes('{phone}'), `${lang}.${key}`).toBe(en[key].includes('{phone}'));
        if (lang !== 'en') expect(t[key], `${lang}.${key} is English`).not.toBe(en[key]);
      }
    }
    expect(continueText('en-XA')).toEqual(en);
  });
});

describe('ChatSession.continueOn', () => {
  const welcome = { conversation: { id: 'CH1', status: 'waiting' as const, agent: null, position: null, messages: [], readIndex: 0 }, agentsOnline: 1, unread: 0 };

  it('is not offered by a transport without a carrier', async () => {
    const f = fakeChatTransport();
    const s = new ChatSession(f.t);
    f.emit('state', 'online');
    f.emit('welcome', welcome);
    f.emit('messaging', { channels: ['sms'], continued: [] }); // even if one said so
    expect(s.getState().messaging).toBeUndefined();
    expect(await s.continueOn('sms', '+447911123456', false)).toMatchObject({ ok: false, reason: 'unsupported' });
  });

  it('offers what the transport lists, for an open conversation only', async () => {
    const f = fakeChatTransport();
    const continueOn = vi.fn(async () => ({ ok: true as const, channel: 'sms' as const, address: '+447911123456', display: '+44 7911 123456', continued: false }));
    const s = new ChatSession({ ...f.t, continueOn });
    f.emit('state', 'online');
    f.emit('messaging', { channels: ['sms'], continued: [] });
    expect(s.getState().messaging).toEqual({ channels: ['sms'], continued: [] });
    expect(await s.continueOn('sms', '+447911123456', false)).toMatchObject({ ok: false, reason: 'no_conversation' });
    f.emit('welcome', welcome);
    expect(await s.continueOn('whatsapp', '+447911123456', false)).toMatchObject({ ok: false, reason: 'unsupported' });
    expect(await s.continueOn('sms', '+44 7911 123456', false)).toMatchObject({ ok: true, display: '+44 7911 123456' });
    expect(continueOn).toHaveBeenCalledWith('sms', '+44 7911 123456', false);
  });
});
