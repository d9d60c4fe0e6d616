/**
 * Click-to-call over Twilio Voice and the phone-line fallback: HTTP paths and bodies shared by the
 * browser (src/transports/twilio-voice, the widget's phone-line view) and the server halves
 * (src/server/twilio-voice/handler.ts on the site's server, src/server/embedded for phone codes).
 * Types and limits only; the valibot schemas are in ./voiceSchema.ts.
 */
import type { ConversationSummary } from './chat';
import type { ContextSnapshot } from './context';

/** POST: a Voice access token for the visitor's Device and the call's context reference. */
export const HTTP_VOICE_TOKEN_PATH = '/api/twilio/voice/token';
/** POST (Twilio): the TwiML App's and phone numbers' voice URL. */
export const HTTP_VOICE_WEBHOOK_PATH = '/api/twilio/voice/webhook';
/** POST (Twilio): the `<Gather>` action, with the 6-digit code a phone caller typed. */
export const HTTP_VOICE_CODE_PATH = '/api/twilio/voice/code';
/** POST (Twilio): the call's status callback (initiated, ringing, answered, completed). */
export const HTTP_VOICE_STATUS_PATH = '/api/twilio/voice/status';
/** POST (embedded server, the widget): a 6-digit context code for the visitor's conversation. */
export const HTTP_PHONE_CODE_PATH = '/api/visitor/phone-code';
/** POST (embedded server, an agent's console): the conversation a caller's code stands for (redeems it). */
export const HTTP_AGENT_PHONE_LOOKUP_PATH = '/api/agent/phone-lookup';

/**
 * A context reference: 22 base64url characters (128 random bits). It is the only thing a browser
 * call carries in its parameters (Twilio caps them at about 800 bytes and logs them): never PII.
 */
export const CONTEXT_REF_PATTERN = /^[A-Za-z0-9_-]{22}$/;
/** The call parameter that carries it (`device.connect({ params: { contextRef } })`). */
export const CONTEXT_REF_PARAM = 'contextRef';

/** POST HTTP_VOICE_TOKEN_PATH: a first token (context) or a refresh (refresh). */
export type VoiceTokenRequest =
  | {
      /** The snapshot, exactly as getContext() gives it (the server verifies its identity proof). */
      context: ContextSnapshot;
      /**
       * The chat's credential (the Twilio chat's visitorId), when the call starts from a chat: the
       * server finds the visitor's conversation from it (never from an id the page names, which
       * anyone could copy) and links the call to it.
       */
      credential?: string;
    }
  | {
      /** The `refresh` secret of an earlier answer: a new token for the same identity and call. */
      refresh: string;
    };

export interface VoiceTokenResponse {
  /** The Twilio access token (JWT) for `new Device(token)`. */
  token: string;
  /** The visitor's Twilio identity for this call. */
  identity: string;
  /** Goes into the call's parameters; resolved to the context by the voice webhook. */
  contextRef: string;
  /** Kept in the browser only: asks for the next token (on `tokenWillExpire`). */
  refresh: string;
  /** When the token expires, ms since the epoch. */
  expiresAt: number;
}

/**
 * POST HTTP_PHONE_CODE_PATH with the visitor's chat credential (none: a new visitor is created and
 * its credential returned) and, optionally, the context as it is now.
 */
export interface PhoneCodeRequest {
  credential?: string;
  context?: ContextSnapshot;
}

export interface PhoneCodeResponse {
  /** 6 digits, as a string ('004217'). */
  code: string;
  /** ms since the epoch; 10 minutes after issue. */
  expiresAt: number;
  conversationId: string;
  /** Only when the request had no credential: the new visitor's, to keep like the chat's. */
  credential?: string;
}

/** POST HTTP_AGENT_PHONE_LOOKUP_PATH { code } -> the conversation and its latest context. */
export interface PhoneLookupResponse {
  conversation: ConversationSummary;
  context: ContextSnapshot | null;
}
