/**
 * The e-mails' content: plain text, and the same as simple HTML built by escaping that text (every
 * value goes through `escapeHtml`; the only markup is this file's own). No images, no tracking
 * pixel, no remote content; the one link is the way back to the conversation.
 */
import type { ChatMessage } from '../../protocol/chat';
import type { ContextSnapshot } from '../../protocol/context';
import { mailDir, mailStrings, type MailStrings } from './strings';

/** The latest messages an e-mail carries (older ones are counted, not shown). */
export const MAIL_MESSAGES_MAX = 20;
/** A transcript carries at most this many messages (the latest). */
export const TRANSCRIPT_MESSAGES_MAX = 500;

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

export interface MailTemplateInput {
  /** The conversation's messages, oldest first (system lines are left out). */
  messages: readonly ChatMessage[];
  context: ContextSnapshot | null;
  /** The way back (the page with a resume token); null when the server knows no page. */
  link: string | null;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** The site as the visitor knows it: the host of the page they wrote from. */
export function siteOf(context: ContextSnapshot | null): string {
  try {
    return context?.page.url ? new URL(context.page.url).host : '';
  } catch {
    return '';
  }
}

/** A reply the visitor has not seen: the conversation's latest messages and the way back. */
export function replyMail(input: MailTemplateInput): MailContent {
  const t = mailStrings(input.context);
  const site = siteOf(input.context) || t.team;
  const lastAgent = [...input.messages].reverse().find((m) => m.sender === 'agent' || m.sender === 'bot');
  const who = lastAgent?.agent?.name ?? lastAgent?.bot?.name ?? t.team;
  return compose(t, input, {
    subject: t.replySubject(who, site),
    intro: t.replyIntro(who, site),
    why: t.replyWhy(site),
    max: MAIL_MESSAGES_MAX,
  });
}

/** The whole conversation (its latest TRANSCRIPT_MESSAGES_MAX messages), asked for by the visitor. */
export function transcriptMail(input: MailTemplateInput): MailContent {
  const t = mailStrings(input.context);
  const site = siteOf(input.context) || t.team;
  return compose(t, input, { subject: t.transcriptSubject(site), intro: t.transcriptIntro(site), why: t.transcriptWhy(site), max: TRANSCRIPT_MESSAGES_MAX });
}

function compose(t: MailStrings, input: MailTemplateInput, parts: { subject: string; intro: string; why: string; max: number }): MailContent {
  const name = input.context?.identity?.name ?? null;
  const shown = input.messages.filter((m) => m.sender !== 'system');
  const hidden = Math.max(0, shown.length - parts.max);
  const list = shown.slice(hidden);
  const zone = input.context?.device.timeZone;
  const when = timeFormat(t.lang, zone);
  const line = (m: ChatMessage) => ({
    who: m.sender === 'visitor' ? t.you : (m.agent?.name ?? m.bot?.name ?? t.team),
    at: when(m.at),
    text: m.text || (m.media?.length ? t.photo : ''),
  });
  const rows = list.map(line);

  const text = [
    t.hello(name),
    '',
    parts.intro,
    '',
    ...(hidden ? [t.earlier(hidden), ''] : []),
    ...rows.flatMap((r) => [`${r.who} (${r.at}):`, ...r.text.split('\n').map((l) => `  ${l}`), '']),
    ...(input.link ? [t.continueLine, input.link, t.linkNote, ''] : []),
    '--',
    parts.why,
    '',
  ].join('\n');

  const p = (s: string, style = '') => `<p${style ? ` style="${style}"` : ''}>${escapeHtml(s)}</p>`;
  const html = [
    `<!doctype html><html lang="${t.lang}" dir="${mailDir(t)}"><head><meta charset="utf-8"><title>${escapeHtml(parts.subject)}</title></head>`,
    '<body style="font-family:system-ui,sans-serif;font-size:15px;line-height:1.5;color:#1f2328;max-width:560px">',
    p(t.hello(name)),
    p(parts.intro),
    hidden ? p(t.earlier(hidden), 'color:#59636e') : '',
    ...rows.map(
      (r) =>
        `<div style="margin:0 0 12px"><div style="font-size:13px;color:#59636e">${escapeHtml(r.who)} · ${escapeHtml(r.at)}</div>` +
        `<div dir="auto" style="white-space:pre-wrap">${escapeHtml(r.text)}</div></div>`,
    ),
    input.link && /^https?:\/\//i.test(input.link) ? `<p>${escapeHtml(t.continueLine)} <a href="${escapeHtml(input.link)}">${escapeHtml(siteOf(input.context) || input.link)}</a></p>${p(t.linkNote, 'font-size:13px;color:#59636e')}` : '',
    '<hr style="border:0;border-top:1px solid #d1d9e0">',
    p(parts.why, 'font-size:13px;color:#59636e'),
    '</body></html>',
  ].join('\n');
  return { subject: parts.subject, text, html };
}

function timeFormat(lang: string, timeZone: string | undefined): (at: number) => string {
  const options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' };
  let f: Intl.DateTimeFormat;
  try {
    f = new Intl.DateTimeFormat(lang, { ...options, ...(timeZone ? { timeZone } : { timeZone: 'UTC' }) });
  } catch {
    f = new Intl.DateTimeFormat(lang, { ...options, timeZone: 'UTC' }); // an unknown zone name
  }
  return (at) => f.format(at);
}
