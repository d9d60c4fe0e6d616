/**
 * The messages between the page's SdkClient proxy (../sdkWorkerClient.ts) and the worker that runs
 * `@twilio/conversations` (./host.ts). Everything here is structured-clonable plain data: the SDK's
 * objects never cross; messages, participants and conversations travel as snapshots, a media
 * upload as its Blob, a paginator as a page of items with the id of the worker's paginator.
 *
 * Order is the contract: one port carries results and events, in the order the worker saw them,
 * so the page's mirror of a client (connectionState) and of a conversation (attributes, state,
 * read horizon) is as fresh as the SDK's when a result or an event arrives.
 */
import type { ConversationUpdateReason } from '@twilio/conversations';
import type { JSONValue, SdkConnectionState, SdkConversation } from '../sdk';

export interface MediaData {
  sid: string;
  filename: string | null;
  contentType: string;
  size: number;
}
export interface MessageData {
  sid: string;
  index: number;
  author: string | null;
  body: string | null;
  attributes: JSONValue;
  dateCreated: Date | null;
  type: 'text' | 'media';
  attachedMedia: MediaData[] | null;
}
export interface ParticipantData {
  sid: string;
  identity: string | null;
  attributes: JSONValue;
  lastReadMessageIndex: number | null;
  type: string;
}
export interface ConversationData {
  sid: string;
  attributes: JSONValue;
  state: SdkConversation['state'];
  lastReadMessageIndex: number | null;
}
export interface PageData {
  items: MessageData[];
  /** The worker's paginator for nextPage()/prevPage(), when there is another page. */
  paginator: number | null;
  hasNextPage: boolean;
  hasPrevPage: boolean;
}
/** A media message's body: the Blob is cloned to the worker. */
export interface MediaBody {
  contentType: string;
  filename: string | null;
  media: Blob;
}

/** What the page asks; `client` is the page's id for the client it made. */
export type Call =
  | { op: 'create'; client: number; token: string }
  | { op: 'updateToken'; client: number; token: string }
  | { op: 'shutdown'; client: number }
  | { op: 'conversation'; client: number; sid: string }
  | { op: 'send'; client: number; sid: string; body: string | MediaBody; attributes: JSONValue }
  | { op: 'typing'; client: number; sid: string }
  | { op: 'read'; client: number; sid: string; index: number }
  | { op: 'messages'; client: number; sid: string; pageSize: number | undefined; anchor: number | undefined; direction: 'backwards' | 'forward' | undefined }
  | { op: 'page'; client: number; paginator: number; which: 'next' | 'prev' }
  | { op: 'participants'; client: number; sid: string }
  | { op: 'mediaUrl'; client: number; media: string };

/** Answers, by the call's id, and their values by operation. */
export interface Results {
  create: null;
  updateToken: null;
  shutdown: null;
  conversation: ConversationData;
  send: number;
  typing: null;
  read: number;
  messages: PageData;
  page: PageData;
  participants: ParticipantData[];
  mediaUrl: string | null;
}

/** An SDK error as data: the transport reads its HTTP `status` and Twilio `code`. */
export interface ErrorData {
  message: string;
  status?: number;
  code?: number;
}

export type ClientEvent =
  | { name: 'connectionStateChanged'; state: SdkConnectionState }
  | { name: 'tokenAboutToExpire' }
  | { name: 'tokenExpired' }
  | { name: 'initFailed'; error?: { terminal: boolean; message: string } };

export type ConversationEvent =
  | { name: 'messageAdded'; message: MessageData }
  | { name: 'typingStarted' | 'typingEnded' | 'participantJoined' | 'participantLeft'; participant: ParticipantData }
  | { name: 'participantUpdated'; participant: ParticipantData; updateReasons: string[] }
  | { name: 'updated'; updateReasons: ConversationUpdateReason[] };

export type ToWorker = { t: 'call'; id: number; call: Call };
export type FromWorker =
  /** The SDK is evaluated and the host listens: calls may come. */
  | { t: 'ready' }
  /** The worker could not load the SDK (the page falls back to its own thread). */
  | { t: 'failed'; message: string }
  | { t: 'result'; id: number; ok: true; value: Results[Call['op']] }
  | { t: 'result'; id: number; ok: false; error: ErrorData }
  | { t: 'client'; client: number; event: ClientEvent }
  /** A conversation's event, with the conversation as it is after it. */
  | { t: 'conversation'; client: number; sid: string; data: ConversationData; event: ConversationEvent };

/** Either end: a dedicated worker's scope, a Worker, or a MessagePort. */
export interface Port<In, Out> {
  postMessage(message: Out): void;
  onmessage: ((event: MessageEvent<In>) => void) | null;
}
