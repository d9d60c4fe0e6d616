/**
 * "Call now" on a callback, on Twilio (issue 15): an agent's desk asks the site's server to call
 * the visitor's phone from the company's Twilio number (`callerId`) through Twilio's REST API
 * (`calls.create`). When the visitor picks up, the call's own TwiML dials the agent's softphone
 * (`<Dial><Client>`: the identity the agent-token route mints for that agent) and hands it the
 * callback's references as `<Parameter>`s (the callback id, the conversation whose attributes hold
 * the visitor's context, the visitor's number), which the Voice SDK gives the agent's side as
 * `call.customParameters`. Twilio caps a call's parameters at about 800 bytes and logs them: ids
 * only, never the context itself. Status callbacks go to the status route with the conversation
 * and callback in the (signed) URL, so `onStatus` can write "Call ended" into the conversation.
 */
import type twilio from 'twilio';
import { peer } from '../peers';

/** POST (an agent's desk, behind `authenticateAgent`): call the visitor back through Twilio. */
export const HTTP_VOICE_CALLBACK_CALL_PATH = '/api/twilio/voice/callback-call';
/** Seconds the agent's softphone rings once the visitor answered (then the visitor hears the prompt). */
export const CALLBACK_DIAL_TIMEOUT_SECONDS = 30;
/** Calls cost money: an agent may place this many per window (AttemptLimiter). */
export const CALLBACK_CALLS_PER_WINDOW = 30;
export const CALLBACK_CALL_WINDOW_MS = 10 * 60 * 1000;

const sdk = () => peer<typeof twilio>('twilio');

/** What the agent's desk posts. */
export interface CallbackCallRequest {
  /** The visitor's number, E.164 (a booked callback's `phone`). */
  to: string;
  /** The callback's id on the site's side, handed to the agent's softphone. */
  callbackId?: string;
  /** The conversation the callback belongs to (a Twilio Conversations CH sid, say): its attributes hold the context. */
  conversationId?: string;
}

export interface CallbackCallAnswer {
  /** Twilio's call (CA + 32 hex), queued. */
  callSid: string;
}

/**
 * The TwiML Twilio runs once the visitor answered: ring the agent's softphone with the callback's
 * references; if the agent does not answer, say so and hang up.
 */
export function callbackCallTwiml(agentIdentity: string, params: Record<string, string>, unansweredPrompt: string): string {
  const response = new (sdk().twiml.VoiceResponse)();
  // answerOnBridge: the visitor hears ringing (not silence) until the agent picks up.
  const client = response.dial({ timeout: CALLBACK_DIAL_TIMEOUT_SECONDS, answerOnBridge: true }).client();
  client.identity(agentIdentity);
  for (const [name, value] of Object.entries(params)) client.parameter({ name, value });
  response.say(unansweredPrompt);
  return response.toString();
}

/** `calls.create` from `from` to the visitor, with the TwiML above and status callbacks to `statusUrl`. */
export async function placeCallbackCall(
  client: twilio.Twilio,
  call: { from: string; to: string; twiml: string; statusUrl: string },
): Promise<CallbackCallAnswer> {
  const created = await client.calls.create({
    from: call.from,
    to: call.to,
    twiml: call.twiml,
    statusCallback: call.statusUrl,
    statusCallbackMethod: 'POST',
    statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
  });
  return { callSid: created.sid };
}
