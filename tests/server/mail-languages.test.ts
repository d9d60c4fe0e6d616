// The e-mails in the conversation's language (issue 18): the page's `lang`, then the browser's
// languages in order, as the widget picks; plural forms per language; Arabic and Hebrew right to left.
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../src/protocol/chat';
import { replyMail, transcriptMail } from '../../src/server/mail/templates';
import { mailStrings } from '../../src/server/mail/strings';
import { makeContext } from './helpers';

const at = Date.UTC(2026, 11, 3, 14, 5);
const messages = (n: number): ChatMessage[] =>
  Array.from({ length: n }, (_, i) => ({ id: `m${i}`, index: i, sender: i % 2 ? 'agent' : 'visitor', text: `message ${i}`, at: at + i, agent: i % 2 ? { id: 'a', name: 'Lena Nováková' } : undefined }) as ChatMessage);

function context(pageLang: string, languages: string[]) {
  const c = makeContext({ id: 'v1', name: 'Zoë', verified: {}, custom: {} } as never);
  c.page.language = pageLang;
  c.device.languages = languages;
  c.device.language = languages[0] ?? '';
  return c;
}

describe('e-mails in the conversation\'s language', () => {
  it('follows the page\'s language, then the browser\'s in order; English when Baton speaks none', () => {
    expect(mailStrings(context('sk', ['en-US'])).lang).toBe('sk');
    expect(mailStrings(context('', ['pt-BR', 'zh-TW', 'en'])).lang).toBe('zh-Hant');
    expect(mailStrings(context('pt', ['pt-BR'])).lang).toBe('en');
    expect(mailStrings(null).lang).toBe('en');
  });

  it('writes the reply in Slovak with Slovak plurals, and Arabic right to left', () => {
    const sk = replyMail({ messages: messages(25), context: context('sk', []), link: 'https://shop.test/x' } as never);
    expect(sk.subject).toContain('odpovedal(a) na vašu správu');
    expect(sk.text).toContain('Dobrý deň, Zoë,');
    expect(sk.text).toContain('(5 starších správ sa nezobrazuje)');
    const ar = transcriptMail({ messages: messages(2), context: context('ar-EG', []), link: null } as never);
    expect(ar.subject).toContain('محادثتك');
    expect(ar.html).toMatch(/^<!doctype html><html lang="ar" dir="rtl">/);
    // What people wrote takes its own direction: an English message reads left to right in an Arabic e-mail.
    expect(ar.html).toContain('<div dir="auto" style="white-space:pre-wrap">message 0</div>');
    const en = transcriptMail({ messages: messages(2), context: context('en-GB', []), link: null } as never);
    expect(en.html).toMatch(/^<!doctype html><html lang="en" dir="ltr">/);
  });

  it('every language has every string, and none is left in English by mistake', () => {
    const en = mailStrings(context('en', []));
    for (const lang of ['fr', 'de', 'es', 'sk', 'cs', 'pl', 'ru', 'uk', 'zh-Hans', 'zh-Hant', 'ja', 'ar', 'he']) {
      const t = mailStrings(context(lang, []));
      expect(t.lang).toBe(lang);
      expect(Object.keys(t).sort()).toEqual(Object.keys(en).sort());
      expect([lang, t.linkNote === en.linkNote, t.replySubject('A', 'b.test') === en.replySubject('A', 'b.test'), t.earlier(3) === en.earlier(3)]).toEqual([lang, false, false, false]);
    }
  });
});

describe('the bot\'s own sentences in the conversation\'s language', () => {
  it('name the widget\'s "Talk to a person" button with its words in each language', async () => {
    const { botStrings } = await import('../../src/server/bot/strings');
    for (const lang of ['en', 'fr', 'de', 'es', 'sk', 'cs', 'pl', 'ru', 'uk', 'zh-Hans', 'zh-Hant', 'ja', 'ar', 'he']) {
      const catalog = (await import(`../../src/ui/locales/${lang}.ts`)).default as { talkToPerson: string };
      const t = botStrings(context(lang, []));
      expect([lang, t.greeting.includes(catalog.talkToPerson), t.stillNeedHelp.includes(catalog.talkToPerson)]).toEqual([lang, true, true]);
    }
    expect(botStrings(context('', ['ja-JP'])).readMore).toBe('続きを読む：');
  });
});
