/**
 * The mailer port (issue 15): how Baton's server sends the visitor an e-mail (a reply they have not
 * seen, the transcript they asked for). Two adapters: the local outbox (./localOutbox.ts: a table
 * and `.eml` files beside the database, the embedded server's default, nothing leaves the machine)
 * and SMTP through nodemailer (./smtp.ts, an optional peer of `baton-sdk/server`).
 */

/** What Baton's e-mails are about (the outbox table's `kind`). */
export type MailKind = 'reply' | 'transcript';

export interface OutgoingMail {
  kind: MailKind;
  /** One address, validated before it was stored (EMAIL_MAX_CHARS). */
  to: string;
  subject: string;
  /** The plain-text body: what every client shows. */
  text: string;
  /** The same content as simple HTML, built by escaping text (./templates.ts), never from a string a person wrote. */
  html: string;
  /** The conversation it is about (the outbox keeps the link; retention deletes them together). */
  conversationId: string | null;
}

export interface SentMail {
  /** The Message-ID header (with its angle brackets). */
  messageId: string;
}

export interface Mailer {
  /** A short name for logs and docs: `outbox`, `smtp`. */
  readonly name: string;
  /** The `From:` header Baton's e-mails carry, e.g. `Fernwood support <support@fernwood.example>`. */
  readonly from: string;
  /** Sends one e-mail; rejects when it could not (the caller keeps it due and tries again later). */
  send(mail: OutgoingMail): Promise<SentMail>;
  /** Releases connections (SMTP pools); called when the server closes. */
  close?(): void;
}
