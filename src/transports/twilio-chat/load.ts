/**
 * Loads `@twilio/conversations`. The SDK ships CommonJS only: rollup's commonjs plugin bundles it
 * into a chunk of its own (dist/chunks/twilio-conversations-*.js), imported from here only when
 * the visitor starts the chat. Evaluating it is one long task (the bench measures it), so never
 * on page load.
 */
import type { CreateSdkClient } from './sdk';

export async function loadConversationsSdk(): Promise<CreateSdkClient> {
  const sdk = await import('@twilio/conversations');
  // CommonJS interop: the class is either the named export or on the default export.
  const Client = (sdk.Client ?? (sdk as unknown as { default: typeof sdk }).default.Client) as typeof sdk.Client;
  return (token) => new Client(token);
}
