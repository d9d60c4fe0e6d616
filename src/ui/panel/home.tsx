/**
 * The panel's home (the view it opens on), as in the best messengers: a greeting with the team,
 * whether someone is online (only what the server knows today), the visitor's conversation or a
 * way to start one, help articles, calling (in the browser, or the phone line), the consent
 * question when the site asks for it, and "What the agent sees".
 */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Presence } from '../../core/chat/session';
import { Avatar } from './avatar';
import type { CallView } from './call';
import type { ChatView } from './chat';
import type { Help } from './help/index';
import { Icon } from './icon';
import { PHONE_ICON } from '../phoneIcon';
import type { Text, ViewProps } from './text';
import type { Channel } from '../../protocol/context';

export const CHEVRON_ICON = 'M8.59 16.59 10 18l6-6-6-6-1.41 1.41L13.17 12z';
export const EYE_ICON =
  'M12 4.5C7 4.5 2.73 7.61 1 12c1.73 4.39 6 7.5 11 7.5s9.27-3.11 11-7.5c-1.73-4.39-6-7.5-11-7.5zM12 17a5 5 0 1 1 0-10 5 5 0 0 1 0 10zm0-8a3 3 0 1 0 0 6 3 3 0 0 0 0-6z';
const SEND_ICON = 'M2.01 21 23 12 2.01 3 2 10l15 2-15 2z';
// A QR code's corner marks and modules (Material's qr_code_2 outline, simplified).
const QR_ICON = 'M3 3h8v8H3V3zm2 2v4h4V5H5zm8-2h8v8h-8V3zm2 2v4h4V5h-4zM3 13h8v8H3v-8zm2 2v4h4v-4H5zm8-2h2v2h-2v-2zm2 2h2v2h-2v-2zm-2 2h2v2h-2v-2zm4 0h2v4h-4v-2h2v-2zm0-4h2v2h-2v-2z';
const SEARCH_ICON =
  'M15.5 14h-.79l-.28-.27A6.47 6.47 0 0 0 16 9.5 6.5 6.5 0 1 0 9.5 16c1.61 0 3.09-.59 4.23-1.57l.27.28v.79l5 4.99L20.49 19l-4.99-5zm-6 0C7.01 14 5 11.99 5 9.5S7.01 5 9.5 5 14 7.01 14 9.5 11.99 14 9.5 14z';

export interface HomeProps extends ViewProps {
  chat: ChatView;
  call: CallView;
  /** Who is online, once the server said (null: not known, nothing is claimed). */
  presence: Presence | null;
  help: Help | null;
  /** The phone-line label when the site has a phone number (boot option `phone`). */
  phoneLine: string | null;
  /** "Continue on your phone" (its label), on a desktop whose transport offers it. */
  handoff: string | null;
  /** Moves to another view; `from` names the control, so focus comes back to it. */
  go: (view: 'chat' | 'help' | 'context' | 'phone' | 'handoff', from: string) => void;
  onOpenArticle: (a: Help['articles'][number], from: string) => void;
  callLabel: string;
  /** Set when the server says nobody can take calls: "Call" offers a callback instead (issue 15). */
  onNobody?: (() => void) | undefined;
  /** The way the visitor used last time (remembered with consent): shown first, marked "Last used" (./preference.ts). */
  first?: Channel | null;
  /** Books a callback (the site's server takes them): Home offers it when it is the way used last time. */
  onCallback?: (() => void) | undefined;
}

/**
 * What is true before the visitor types (issue 15), from what the server said: agents online →
 * the queue when it is longer than the team, else the measured reply time (or just "online");
 * nobody online and outside business hours → when we are back (in the visitor's time zone) and,
 * with `long`, what they can do now; nobody online within hours → away, leave a message.
 */
export function ReplyTime({ t, presence, long }: { t: Text; presence: Presence | null; long?: boolean }) {
  if (!presence) return null;
  const a = presence.availability;
  let line: string;
  if (presence.agentsOnline > 0) {
    line = a && a.waiting >= presence.agentsOnline ? t.busy({ n: a.waiting }) : a?.replyMinutes ? t.replyIn({ n: a.replyMinutes }) : t.teamOnline;
  } else if (a && !a.open) {
    line = a.nextOpen ? backAt(t, a.nextOpen, Date.now()) : t.closed;
    if (long) line += `. ${t.closedNow}`;
  } else {
    line = t.teamAway;
  }
  return (
    <span class={presence.agentsOnline > 0 ? 'rt2 on' : 'rt2'} data-testid="reply-time">
      {line}
    </span>
  );
}

/** "We're back today at 9:00 AM", "…tomorrow at…", "…Monday at…", in the visitor's time zone. */
export function backAt(t: Text, at: number, now: number): string {
  const day = (ms: number) => {
    const d = new Date(ms);
    return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
  };
  const days = Math.round((day(at) - day(now)) / 86_400_000);
  const time = new Intl.DateTimeFormat(t.locale, { hour: 'numeric', minute: '2-digit' }).format(at);
  const when =
    days <= 0 ? t.today : days === 1 ? t.tomorrow : new Intl.DateTimeFormat(t.locale, days < 7 ? { weekday: 'long' } : { weekday: 'long', day: 'numeric', month: 'long' }).format(at);
  return t.backAt({ day: when, time });
}

/** The greeting's top: the team's avatars (up to 3, online now). */
export function TeamAvatars({ presence }: { presence: Presence | null }) {
  if (!presence?.team.length) return null;
  return (
    <span class="team" aria-hidden="true">
      {presence.team.map((m, i) => (
        <Avatar key={i} agent={{ id: String(i), name: m.name, color: m.color }} />
      ))}
    </span>
  );
}

/** The home's header: the team, the greeting (the panel's heading on the home). */
export function Greeting({ t, snap, presence }: { t: Text; snap: ViewProps['snap'] | null; presence: Presence | null }) {
  const first = snap?.identity?.name?.trim().split(/\s+/)[0];
  return (
    <>
      <TeamAvatars presence={presence} />
      <h2 id="baton-title" tabIndex={-1}>
        {first ? t.helloName({ name: first }) : t.hello}
      </h2>
      <p class="hero2">{t.howHelp}</p>
    </>
  );
}

export function Home({ t, snap, session, chat, call, presence, help, phoneLine, handoff, go, onOpenArticle, callLabel, onNobody, first, onCallback }: HomeProps) {
  const { state } = chat;
  const conv = state?.conversation ?? null;
  const last = state?.messages.filter((m) => m.sender !== 'system').at(-1);
  const open = !!conv && conv.status !== 'closed';

  const [answered, setAnswered] = useState<'granted' | 'denied' | null>(null);
  const consentRef = useRef<HTMLDivElement>(null);
  // The buttons the visitor pressed disappear: keep focus on the answer instead of losing it.
  useLayoutEffect(() => {
    if (answered) consentRef.current?.focus();
  }, [answered]);
  const answer = (s: 'granted' | 'denied') => {
    setAnswered(s);
    session.consent(s);
  };
  const lastUsed = (
    <span class="lu" data-testid="last-used">
      {t.lastUsed}
    </span>
  );
  /** Calling in the browser, the phone line, a callback: each a way of the ways card, or first on its own. */
  const way = (c: Channel) => {
    const mark = c === first && lastUsed;
    if (c === 'call' && call.available)
      return (
        <button
          type="button"
          class="way"
          data-nav="call"
          onClick={() => {
            if (onNobody) return onNobody();
            // In the click: the microphone prompt belongs to it. The call shows in the conversation.
            if (call.call) call.call.start();
            else session.startCall?.();
            go('chat', 'call');
          }}
        >
          <Icon d={PHONE_ICON} />
          <span class="gol">
            <span class="t">{callLabel}</span> {mark} <span class="note">{onNobody ? t.callNobody : t.callDesc}</span>
          </span>
        </button>
      );
    if (c === 'phone' && phoneLine)
      return (
        <button type="button" class="way" id="baton-phone" data-nav="phone" onClick={() => go('phone', 'phone')}>
          <Icon d={PHONE_ICON} />
          <span class="gol">
            <span class="t">{phoneLine}</span> {mark} <span class="note">{session.options.phone}</span>
          </span>
          <Icon d={CHEVRON_ICON} flip />
        </button>
      );
    if (c === 'callback' && onCallback)
      return (
        <button type="button" class="way" id="baton-callback" data-nav="callback" onClick={onCallback}>
          <Icon d={PHONE_ICON} />
          <span class="gol">
            <span class="t">{t.callback.pick}</span> {mark}
          </span>
          <Icon d={CHEVRON_ICON} flip />
        </button>
      );
    return null;
  };

  return (
    <>
      <div class="cards">
        {conv && (last || open) && (
          <button type="button" class="card cc" id="baton-continue" data-nav="continue" data-go="chat" onClick={() => go('chat', 'continue')}>
            <span class="cch">{open ? t.continueChat : t.endedChat}</span>{' '}
            <span class="ccb">
              {conv.agent && <Avatar agent={conv.agent} />}
              <span class="ccm">
                {last && (
                  <span class="ccl" dir="auto">
                    {last.sender === 'visitor' ? `${t.you}: ${last.text}` : last.text}
                  </span>
                )}
                {!last && <span class="ccl">{conv.position ? t.waitingAt({ n: conv.position }) : t.waiting}</span>}
              </span>
              {!!state?.unread && <span class="bg un">{t.unreadCount({ n: state.unread })}</span>}
              <Icon d={CHEVRON_ICON} flip />
            </span>
          </button>
        )}
        {first && first !== 'chat' && <div class="card ways">{way(first)}</div>}
        {!open && (
          <button type="button" class="card go" id="baton-start" data-nav="start" data-go="chat" onClick={() => go('chat', 'start')}>
            <span class="gol">
              <span class="t">{t.startChat}</span> {first === 'chat' && lastUsed} <ReplyTime t={t} presence={presence} long />
            </span>
            <Icon d={SEND_ICON} flip />
          </button>
        )}
        {help && (
          <div class="card hc">
            <button type="button" class="sb" data-nav="search" onClick={() => go('help', 'search')}>
              {t.searchHelp}
              <Icon d={SEARCH_ICON} />
            </button>
            <ul class="arts">
              {help.articles.slice(0, 3).map((a) => (
                <li key={a.id}>
                  <button type="button" class="al" data-nav={`h:${a.id}`} data-article={a.id} onClick={() => onOpenArticle(a, `h:${a.id}`)}>
                    <span class="t">{a.title}</span>
                    <Icon d={CHEVRON_ICON} flip />
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
        {((call.available && first !== 'call') || (phoneLine && first !== 'phone') || handoff) && (
          <div class="card ways">
            {first !== 'call' && way('call')}
            {first !== 'phone' && way('phone')}
            {handoff && (
              <button type="button" class="way" id="baton-handoff" data-nav="handoff" onClick={() => go('handoff', 'handoff')}>
                <Icon d={QR_ICON} />
                <span class="gol">
                  <span class="t">{handoff}</span>
                </span>
                <Icon d={CHEVRON_ICON} flip />
              </button>
            )}
          </div>
        )}
        {(snap.consent === 'pending' || answered) && (
          <div class="card" ref={consentRef} tabIndex={-1}>
            {answered ? (
              <p role="status">{answered === 'granted' ? t.consentGranted : t.consentDenied}</p>
            ) : (
              <div role="group" aria-labelledby="baton-consent-q">
                <p id="baton-consent-q">{t.consentAsk}</p>
                <div class="row">
                  <button type="button" class="btn" onClick={() => answer('granted')}>
                    {t.allow}
                  </button>
                  <button type="button" class="btn2" onClick={() => answer('denied')}>
                    {t.noThanks}
                  </button>
                </div>
              </div>
            )}
          </div>
        )}
        <button type="button" class="card way" id="baton-show" data-nav="context" onClick={() => go('context', 'context')}>
          <Icon d={EYE_ICON} />
          <span class="gol">
            <span class="t">{t.contextTitle}</span> <span class="note">{t.agentSeesDesc}</span>
          </span>
          <Icon d={CHEVRON_ICON} flip />
        </button>
      </div>
    </>
  );
}
