/**
 * Routing a visitor's conversation to Flex: on the visitor's first message (the verified
 * `onMessageAdded` webhook with index 0), an Interaction (Flex Interactions API) binds the
 * conversation (`media_channel_sid`) and creates the TaskRouter task with Baton's summary as its
 * attributes (taskAttributesFor: within Flex's 4,096 characters, `pre_engagement_data` for the
 * agent desktop, routing hints at the top level). Only on the first message, so a visitor who
 * merely focused the composer makes no task.
 */
import type twilio from 'twilio';
import type { ContextSnapshot } from '../../protocol/context';
import type { TwilioChatConfig } from './config';
import { taskAttributesFor } from './flex';
import type { TwilioChatWebhookEvent } from './webhook';

export interface FlexRouting {
  /** TaskRouter workspace (`WS...`, TWILIO_FLEX_WORKSPACE_SID). */
  workspaceSid: string;
  /** TaskRouter workflow (`WW...`, TWILIO_FLEX_WORKFLOW_SID). */
  workflowSid: string;
  /** Task channel: 'chat' (Flex's default for web chat). */
  taskChannel?: string;
}

/** True when the event is the visitor's first message in their conversation (`visitor_<id>`, index 0). */
export function isFirstVisitorMessage(event: TwilioChatWebhookEvent): boolean {
  return event.type === 'onMessageAdded' && event.index === 0 && typeof event.author === 'string' && event.author.startsWith('visitor_');
}

/** Creates the Flex interaction for a conversation; resolves its sid (`KD...`). */
export async function createFlexTask(opts: { client: twilio.Twilio; config: TwilioChatConfig; routing: FlexRouting; conversationSid: string }): Promise<string> {
  const { client, config, routing, conversationSid } = opts;
  const conversation = await client.conversations.v1.services(config.conversationsServiceSid).conversations(conversationSid).fetch();
  const attributes = JSON.parse(conversation.attributes || '{}') as { baton?: ContextSnapshot | null; pre_engagement_data?: { friendlyName?: string } };
  const summary = attributes.baton ? (JSON.parse(taskAttributesFor(attributes.baton, { conversationId: conversationSid })) as Record<string, unknown>) : { baton: 1 };
  const name = attributes.pre_engagement_data?.friendlyName ?? conversation.friendlyName ?? 'Website visitor';
  const interaction = await client.flexApi.v1.interaction.create({
    channel: { type: 'web', initiated_by: 'customer', properties: { media_channel_sid: conversationSid } },
    routing: {
      properties: {
        workspace_sid: routing.workspaceSid,
        workflow_sid: routing.workflowSid,
        task_channel_unique_name: routing.taskChannel ?? 'chat',
        // Known Flex task attributes (the agent desktop's task list), then Baton's summary.
        attributes: { customerName: name, from: name, channelType: 'web', ...summary },
      },
    },
  });
  return interaction.sid;
}
