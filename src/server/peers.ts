/**
 * The optional peer dependencies of `baton-sdk/server`, loaded on first use. A single-page app
 * that installs `baton-sdk` gets none of them (no native build, no server packages); a site's
 * server installs those of the parts it uses (README, "Your server"). Loading them here, when a
 * part needs one, rather than with `import` at the top: importing `baton-sdk/server` stays fast and
 * works without them, and a missing one is named with the command that installs it.
 */
import { createRequire } from 'node:module';

/** Each peer, the part of the server that needs it, and the install line for that part. */
export const SERVER_PEERS = {
  'better-sqlite3': { part: "Baton's embedded server (createEmbeddedServer, createContextCodes) and the Twilio webhook event log (createWebhookEventLog)", install: 'npm install better-sqlite3 ws' },
  ws: { part: "Baton's embedded server (createEmbeddedServer)", install: 'npm install better-sqlite3 ws' },
  'libphonenumber-js/min': { part: "Baton's scheduled callbacks (the phone number's check, createEmbeddedServer)", install: 'npm install libphonenumber-js' },
  nodemailer: { part: "Baton's SMTP mailer (smtpMailer: replies and transcripts by e-mail)", install: 'npm install nodemailer' },
  twilio: { part: "Baton's Twilio server half (createTwilioChatHandler, createTwilioVoiceHandler, tokens, TwiML, webhook signatures)", install: 'npm install twilio' },
} as const;

export type ServerPeer = keyof typeof SERVER_PEERS;

const load = createRequire(import.meta.url);

/** The peer `name` (CommonJS, so loaded synchronously); throws a clear error naming it when it is not installed. */
export function peer<T>(name: ServerPeer, require: (id: string) => unknown = load): T {
  try {
    return require(name) as T;
  } catch (e) {
    const err = e as { code?: string; message?: string };
    // Only the package itself missing: a failure inside it (a native build for another Node) is its own error.
    if (err?.code === 'MODULE_NOT_FOUND' && String(err.message).includes(`'${name}'`)) {
      const { part, install } = SERVER_PEERS[name];
      throw new Error(`baton-sdk/server: ${part} needs the package "${name}", which is not installed. Install it in your server's project: ${install}`, { cause: e });
    }
    throw e;
  }
}
