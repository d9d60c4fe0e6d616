/** `baton-sdk/server`: helpers for the site's Node server, and Baton's embedded chat server. */
export { signIdentity, verifyIdentitySignature, signIdentityJwt, verifyIdentityJwt } from './identity';
export type { IdentityJwtClaims, VerifiedIdentityJwt } from './identity';
export { createEmbeddedServer } from './embedded/createEmbeddedServer';
export type { CallIceServer } from '../protocol/call';
export type { EmbeddedServer, EmbeddedServerOptions } from './embedded/createEmbeddedServer';
export type { StaticHandler } from './embedded/httpRoutes';
export { readTwilioConfig, describeConfigProblem, TWILIO_ENV_VARS } from './twilio-chat/config';
export type { TwilioChatConfig, TwilioConfigResult } from './twilio-chat/config';
export { toTwilioIdentity, isTwilioIdentity, TWILIO_IDENTITY_MAX } from './twilio/identity';
export { verifyTwilioRequest } from './twilio/signature';
export type { TwilioRequestToVerify } from './twilio/signature';
export { mintChatToken } from './twilio-chat/token';
export type { MintChatTokenOptions } from './twilio-chat/token';
export { taskAttributesFor, preEngagementData, conversationAttributes, TASK_ATTRIBUTES_MAX_CHARS, CONVERSATION_ATTRIBUTES_MAX_BYTES } from './twilio-chat/flex';
export type { PreEngagementData } from './twilio-chat/flex';
export { taskSummary } from './twilio/taskSummary';
export type { TaskSummaryOptions, TaskChannel } from './twilio/taskSummary';
export { createTwilioChatSession } from './twilio-chat/session';
export type { TwilioChatSessionOptions, TwilioChatSessionInput, TwilioChatSession } from './twilio-chat/session';
// Click-to-call (Twilio Voice).
export { mintVoiceToken, VOICE_TOKEN_TTL_MAX_SECONDS } from './twilio-voice/token';
export type { VoiceTokenOptions } from './twilio-voice/token';
export { summarizeForTask, enqueueTwiml, dialClientTwiml, voiceWebhookTwiml, codeActionTwiml, isBrowserCall } from './twilio-voice/twiml';
export type { RoutingHints, ResolvedContext, TaskSummary, EnqueueOptions, VoiceWebhookOptions, VoicePrompts, CodeLookup } from './twilio-voice/twiml';
export { createContextCodes, CONTEXT_CODE_TTL_MS, CONTEXT_CODE_FAILURES_MAX, CONTEXT_CODE_FAILURE_WINDOW_MS } from './embedded/contextCodes';
export type { ContextCodes, ContextCodeOptions, RedeemResult } from './embedded/contextCodes';
