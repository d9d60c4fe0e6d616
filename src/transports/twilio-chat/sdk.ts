/**
 * The part of `@twilio/conversations` the transport uses, as structural types derived from the
 * SDK's own declarations (type-only imports: nothing of the SDK loads with this file).
 *
 * The SDK's classes have private members, so nothing but the SDK itself can be a `Conversation`;
 * these interfaces pick the public members the transport calls. The compile-time checks at the end
 * prove the real SDK objects fit them, and the test fake (tests/fakes/twilioConversations.ts)
 * implements them, so tsc checks the fake against the SDK's types too.
 */
import type {
  Client,
  ConnectionState as SdkConnectionState,
  Conversation,
  ConversationUpdateReason,
  JSONValue,
  Media,
  Message,
  Paginator,
  Participant,
} from '@twilio/conversations';

export type { SdkConnectionState, JSONValue };

export interface SdkMedia extends Pick<Media, 'sid' | 'filename' | 'contentType' | 'size'> {
  getContentTemporaryUrl(): Promise<string | null>;
}
export interface SdkMessage extends Pick<Message, 'sid' | 'index' | 'author' | 'body' | 'attributes' | 'dateCreated' | 'type'> {
  readonly attachedMedia: SdkMedia[] | null;
}
export type SdkParticipant = Pick<Participant, 'sid' | 'identity' | 'attributes' | 'lastReadMessageIndex' | 'type'>;

/** Events of a Conversation the transport listens to (the SDK's ConversationEvents, narrowed). */
export interface SdkConversationEvents {
  messageAdded: (message: SdkMessage) => void;
  typingStarted: (participant: SdkParticipant) => void;
  typingEnded: (participant: SdkParticipant) => void;
  participantJoined: (participant: SdkParticipant) => void;
  participantLeft: (participant: SdkParticipant) => void;
  /** A participant's attributes changed (the site's bot: its state). */
  participantUpdated: (data: { participant: SdkParticipant; updateReasons: string[] }) => void;
  updated: (data: { conversation: SdkConversation; updateReasons: ConversationUpdateReason[] }) => void;
}

export interface SdkConversation
  extends Pick<Conversation, 'sid' | 'attributes' | 'state' | 'lastReadMessageIndex' | 'typing' | 'advanceLastReadMessageIndex' | 'sendMessage'> {
  /** Messages by index: `getMessages(pageSize, anchor, 'forward')` from `anchor` on, or the latest page. */
  getMessages(pageSize?: number, anchor?: number, direction?: 'backwards' | 'forward'): Promise<Paginator<SdkMessage>>;
  getParticipants(): Promise<SdkParticipant[]>;
  on(event: 'messageAdded', listener: SdkConversationEvents['messageAdded']): unknown;
  on(event: 'typingStarted' | 'typingEnded' | 'participantJoined' | 'participantLeft', listener: (participant: SdkParticipant) => void): unknown;
  on(event: 'updated', listener: SdkConversationEvents['updated']): unknown;
  on(event: 'participantUpdated', listener: SdkConversationEvents['participantUpdated']): unknown;
  removeAllListeners(): unknown;
}

/** Events of the Client the transport listens to (the SDK's ClientEvents, narrowed). */
export interface SdkClientEvents {
  connectionStateChanged: (state: SdkConnectionState) => void;
  tokenAboutToExpire: () => void;
  tokenExpired: () => void;
  initFailed: (data: { error?: { terminal: boolean; message: string } }) => void;
}

export interface SdkClient extends Pick<Client, 'connectionState' | 'shutdown'> {
  updateToken(token: string): Promise<unknown>;
  getConversationBySid(sid: string): Promise<SdkConversation>;
  on(event: 'connectionStateChanged', listener: SdkClientEvents['connectionStateChanged']): unknown;
  on(event: 'tokenAboutToExpire' | 'tokenExpired', listener: () => void): unknown;
  on(event: 'initFailed', listener: SdkClientEvents['initFailed']): unknown;
  removeAllListeners(): unknown;
}

/** How the transport makes a client: `new Client(token)` with the real SDK (see ./load.ts). */
export type CreateSdkClient = (token: string) => SdkClient;

// Compile-time proof that the real SDK objects are what the transport expects.
type Fits<A, B> = [A] extends [B] ? true : false;
const clientFits: Fits<Client, SdkClient> = true;
const conversationFits: Fits<Conversation, SdkConversation> = true;
const messageFits: Fits<Message, SdkMessage> = true;
const participantFits: Fits<Participant, SdkParticipant> = true;
const mediaFits: Fits<Media, SdkMedia> = true;
void clientFits, conversationFits, messageFits, participantFits, mediaFits;
