/**
 * What Twilio (and an unmodified Flex desktop) sees of the visitor's ContextSnapshot:
 * - `preEngagementData`: shaped like Flex webchat's `pre_engagement_data`, so Flex shows the
 *   visitor's name, e-mail and current page with no plugin;
 * - `taskAttributesFor`: the summary for the Flex task shared with calls, JSON within 4,096 characters;
 * - `conversationAttributes`: the whole snapshot, JSON within Twilio's 16 KB attribute limit.
 * Pass a snapshot whose `identity.verified` is the server's verdict (see session.ts): unverified
 * names and e-mails are passed on, flagged.
 */
import { byteLength, type ContextSnapshot } from '../../protocol/context';
import { preEngagementData, taskSummary, type RoutingHints } from '../twilio/taskSummary';

export { TASK_ATTRIBUTES_MAX_CHARS, preEngagementData } from '../twilio/taskSummary';
export type { PreEngagementData } from '../twilio/taskSummary';
export const CONVERSATION_ATTRIBUTES_MAX_BYTES = 16 * 1024;

/**
 * The Flex task attributes of a chat: the summary shared with calls (../twilio/taskSummary.ts),
 * channel 'chat', at most 4,096 characters, with the routing hints the visitor's menu choice set.
 */
export function taskAttributesFor(snapshot: ContextSnapshot, options: { conversationId?: string; hints?: RoutingHints } = {}): string {
  return taskSummary(snapshot, { channel: 'chat', ...options });
}

/**
 * The conversation's attributes (JSON string, at most 16 KB of UTF-8): Flex webchat's
 * `pre_engagement_data` plus the full snapshot under `baton`. The identity proof is never included.
 * Oldest journey entries go first (counted in `trimmed`), then signals and custom fields.
 */
export function conversationAttributes(snapshot: ContextSnapshot): string {
  const max = CONVERSATION_ATTRIBUTES_MAX_BYTES;
  const identity = snapshot.identity ? (({ proof: _proof, ...rest }) => rest)(snapshot.identity) : null;
  const copy: ContextSnapshot = { ...snapshot, identity: identity as ContextSnapshot['identity'], journey: [...snapshot.journey], signals: [...snapshot.signals] };
  const pre = preEngagementData(snapshot);
  const encode = () => JSON.stringify({ pre_engagement_data: pre, baton: copy });
  let json = encode();
  while (byteLength(json) > max && copy.journey.length > 0) {
    copy.journey.shift();
    copy.trimmed += 1;
    json = encode();
  }
  while (byteLength(json) > max && copy.signals.length > 0) {
    copy.signals.shift();
    json = encode();
  }
  if (byteLength(json) > max) {
    copy.custom = {};
    if (copy.identity) copy.identity = { ...copy.identity, custom: {} };
    copy.campaign = null;
    json = encode();
  }
  if (byteLength(json) > max) {
    // Absurd page fields: keep only the summary's pre_engagement_data (within 4,096 characters, so < 16 KB).
    const summary = JSON.parse(taskAttributesFor(snapshot)) as { pre_engagement_data?: unknown };
    json = JSON.stringify({ pre_engagement_data: summary.pre_engagement_data ?? null, baton: null, truncated: true });
  }
  return json;
}
