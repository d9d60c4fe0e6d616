/**
 * The SMTP adapter of the mailer port (./mailer.ts): nodemailer, an optional peer of
 * `baton-sdk/server` loaded when the site creates the mailer (../peers.ts), so a single-page app
 * installing `baton-sdk` never gets it. One pooled transport, closed with the server.
 */
import type { Transporter } from 'nodemailer';
import { peer } from '../peers';
import type { Mailer, OutgoingMail, SentMail } from './mailer';

export interface SmtpMailerOptions {
  /** The `From:` of Baton's e-mails, e.g. `Fernwood support <support@fernwood.example>` (your domain's SPF/DKIM must allow the server). */
  from: string;
  host: string;
  /** Default 587 (submission, STARTTLS), or 465 with `secure: true`. */
  port?: number;
  /** TLS from the first byte (port 465). Default: false (STARTTLS when the server offers it). */
  secure?: boolean;
  /** Refuse to send without TLS (STARTTLS required). Default: true unless host is loopback. */
  requireTLS?: boolean;
  auth?: { user: string; pass: string };
  /** Give up on a connection, greeting or socket after this long. Default 10 s. */
  timeoutMs?: number;
  /** Extra nodemailer transport options (DKIM signing, a proxy, TLS settings): passed through as they are. */
  transport?: Record<string, unknown>;
}

/** Connection, greeting and socket timeouts: 10 s (a mail server that hangs must not keep e-mails due forever). */
export const SMTP_TIMEOUT_MS = 10_000;

export function smtpMailer(options: SmtpMailerOptions): Mailer {
  if (!options || typeof options.host !== 'string' || !options.host) throw new TypeError('smtpMailer: host is required');
  if (typeof options.from !== 'string' || !/@/.test(options.from) || /[\r\n]/.test(options.from)) throw new TypeError('smtpMailer: from must be one address such as "Support <support@example.com>"');
  const nodemailer = peer<typeof import('nodemailer')>('nodemailer');
  const loopback = /^(127\.|::1$|localhost$)/.test(options.host);
  const timeout = options.timeoutMs ?? SMTP_TIMEOUT_MS;
  const transport: Transporter = nodemailer.createTransport({
    host: options.host,
    port: options.port ?? (options.secure ? 465 : 587),
    secure: options.secure ?? false,
    requireTLS: options.requireTLS ?? !loopback,
    ...(options.auth ? { auth: options.auth } : {}),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    pool: true,
    ...options.transport,
  });
  return {
    name: 'smtp',
    from: options.from,
    async send(mail: OutgoingMail): Promise<SentMail> {
      const info = (await transport.sendMail({ from: options.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html })) as { messageId: string };
      return { messageId: info.messageId };
    },
    close: () => transport.close(),
  };
}
