/**
 * The Twilio Voice call transport as Baton's call parts load it (boot option `transport: 'twilio'`;
 * src/core/call/call.ts): the CallTransport of ./transport.ts, talking to the site's server
 * (`server`, running createTwilioVoiceHandler) with the visitor's context.
 */
import type { CallTransportDeps } from '../../core/call/call';
import type { CallTransport } from '../../core/call/transport';
import { createTwilioVoiceTransport } from './transport';

export { createTwilioVoiceTransport } from './transport';

export function createCallTransport(deps: CallTransportDeps): CallTransport {
  return createTwilioVoiceTransport({
    server: deps.server,
    context: () => deps.context(),
  });
}
