/**
 * The visitor's preferred channel (issue 15): the way they actually used to reach the team (a chat
 * started, a call placed, a callback booked, the phone line's code shown, an e-mail reply asked
 * for), put in the context as `preferences` for the agent and, only with consent, remembered on
 * this device so the next visit's Home offers it first.
 *
 * Kept in the site's localStorage by the panel, not in Baton's IndexedDB record: the record is
 * written by the context engine, which loads with the page, and this costs the page nothing
 * (nothing before interaction). The same rule as the journey: written only while consent is
 * granted, never read otherwise, and forgotten when the panel sees consent refused.
 */
import type { BatonSession } from '../../core/session';
import { CHANNELS, type Channel } from '../../protocol/channels';
import type { Consent, PreferencesContext } from '../../protocol/context';

export const PREFERENCE_KEY = 'baton-prefers';

/** The channel remembered on this device: only with consent granted; 'denied' erases it. */
export function remembered(consent: Consent): PreferencesContext | null {
  try {
    if (consent === 'denied') localStorage.removeItem(PREFERENCE_KEY);
    if (consent !== 'granted') return null;
    const p = JSON.parse(localStorage.getItem(PREFERENCE_KEY) ?? 'null') as Partial<PreferencesContext> | null;
    // Whatever another script left under the key is checked (a choice is never in the future).
    return p && CHANNELS.includes(p.channel!) && typeof p.at === 'number' && p.at > 0 && p.at <= Date.now() ? { channel: p.channel!, at: p.at } : null;
  } catch {
    return null; // no storage (a sandboxed frame, a privacy mode): nothing remembered
  }
}

/**
 * Returns the recorder the panel calls when the visitor used a way. A chat is where every other
 * way also lands (a call, the e-mail ask, a callback all show in the conversation), so 'chat'
 * never replaces another way used on this page. `pending`: about to be used (a callback being
 * booked carries its context, which should say so), so only the context says it until it is done.
 */
export function createPreference(
  session: Pick<BatonSession, 'setPart'>,
  consent: () => Consent,
  now: () => number = Date.now,
): (channel: Channel, pending?: boolean) => void {
  let here: Channel | null = null;
  let kept: Channel | null = null;
  return (channel, pending) => {
    if (channel === kept || (channel === 'chat' && here)) return;
    const p: PreferencesContext = { channel, at: now() };
    if (channel !== here) session.setPart?.('preferences', p);
    here = channel;
    if (pending) return;
    kept = channel;
    try {
      if (consent() === 'granted') localStorage.setItem(PREFERENCE_KEY, JSON.stringify(p));
    } catch {
      // As above: the context still says it for this page.
    }
  };
}

/**
 * Which of Home's ways goes first for a remembered channel: an e-mail reply starts as a message,
 * so it is the chat's card; a way this site or this moment does not offer puts nothing first.
 */
export function firstWay(p: PreferencesContext | null, offered: Record<'call' | 'phone' | 'callback', boolean>): Channel | null {
  if (!p) return null;
  if (p.channel === 'chat' || p.channel === 'email') return 'chat';
  return offered[p.channel] ? p.channel : null;
}
