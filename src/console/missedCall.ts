/**
 * A visitor who called while nobody was online (issue 15): the server opened an offline
 * conversation for the call and wrote its notes as system messages, the last "Missed call: …"
 * (src/server/embedded/calls.ts), so an offline conversation whose latest line is that note is a
 * missed call, not a left message. A message the visitor writes afterwards makes it a left message
 * again; a callback booked afterwards ("Callback booked for …", src/server/embedded/callbacks.ts)
 * is no missed call either.
 */
import type { ConversationSummary } from '../protocol/chat';

export function isMissedCall(q: Pick<ConversationSummary, 'status' | 'lastMessage'>): boolean {
  return q.status === 'offline' && q.lastMessage?.sender === 'system' && q.lastMessage.text.startsWith('Missed call');
}
