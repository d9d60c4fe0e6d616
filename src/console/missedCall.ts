/**
 * A visitor who called while nobody was online (issue 15): the server opened an offline
 * conversation for the call and wrote its notes ("Missed call: no agent was online") as system
 * messages, so an offline conversation whose latest line is the server's is a missed call, not a
 * left message. A message the visitor writes afterwards makes it a left message again.
 */
import type { ConversationSummary } from '../protocol/chat';

export function isMissedCall(q: Pick<ConversationSummary, 'status' | 'lastMessage'>): boolean {
  return q.status === 'offline' && q.lastMessage?.sender === 'system';
}
