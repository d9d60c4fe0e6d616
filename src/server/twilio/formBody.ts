/** Twilio's webhooks (Conversations events and Voice calls) POST application/x-www-form-urlencoded bodies: read one, bounded. */
import type { IncomingMessage } from 'node:http';
import { readBoundedBody } from '../embedded/http';

/**
 * A Twilio webhook body is a few KB (a Conversations message body is at most 32 KB); more is not
 * Twilio and is refused with 413.
 */
export const WEBHOOK_BODY_MAX_BYTES = 64 * 1024;

/** The fields of a form body; a repeated name keeps its last value (Twilio never repeats one). 415 for another content type. */
export async function readFormBody(req: IncomingMessage): Promise<Record<string, string>> {
  const body = await readBoundedBody(req, 'application/x-www-form-urlencoded', WEBHOOK_BODY_MAX_BYTES, 'Twilio webhooks are application/x-www-form-urlencoded');
  return Object.fromEntries(new URLSearchParams(body.toString('utf8')));
}
