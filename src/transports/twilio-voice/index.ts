/**
 * The Twilio Voice call transport as the Twilio part loads it (`twilio.call` in src/compose/twilio.ts,
 * boot option `transport: 'twilio'`): the CallTransport of ./transport.ts, talking to the site's server
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
