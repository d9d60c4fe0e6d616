// The SMTP adapter (issue 15) against a real SMTP server on 127.0.0.1 (smtp-server, a devDependency),
// never the internet: what it receives, a refused login, and a server that is down.
import { createServer as netServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { smtpMailer } from '../../src/server/mail/smtp';
import { replyMail } from '../../src/server/mail/templates';
import { makeContext } from './helpers';

interface Received {
  from: string;
  to: string[];
  user: string | undefined;
  data: string;
}

let server: SMTPServer;
let port = 0;
const received: Received[] = [];

beforeAll(async () => {
  server = new SMTPServer({
    secure: false,
    authOptional: false,
    allowInsecureAuth: true, // loopback only, no TLS certificate in a test
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === 'baton' && auth.password === 'right') return cb(null, { user: auth.username });
      cb(new Error('Invalid username or password'));
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          user: session.user as string | undefined,
          data: Buffer.concat(chunks).toString('utf8'),
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  port = (server.server.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const content = replyMail({
  messages: [
    { id: 'm1', conversationId: 'c1', index: 1, clientId: 'client-1', sender: 'visitor', text: 'Where is my order?', at: Date.UTC(2026, 11, 3, 9) },
    { id: 'm2', conversationId: 'c1', index: 2, clientId: 'client-2', sender: 'agent', text: 'It ships <today> & arrives Friday.', at: Date.UTC(2026, 11, 3, 10), agent: { id: 'a1', name: 'Sam', color: '#123456' } },
  ],
  context: makeContext(null, '/orders'),
  link: 'http://shop.test/orders#baton-handoff=h_x',
});

describe('smtpMailer', () => {
  it('delivers the e-mail to the SMTP server with its login, envelope, text and escaped HTML', async () => {
    const mailer = smtpMailer({ host: '127.0.0.1', port, from: 'Shop support <help@shop.test>', auth: { user: 'baton', pass: 'right' } });
    try {
      const sent = await mailer.send({ kind: 'reply', to: 'ada@example.com', conversationId: 'c1', ...content });
      expect(sent.messageId).toMatch(/^<.+@.+>$/);
    } finally {
      mailer.close?.();
    }
    expect(received).toHaveLength(1);
    const got = received[0]!;
    expect(got).toMatchObject({ from: 'help@shop.test', to: ['ada@example.com'], user: 'baton' });
    expect(got.data).toMatch(/^Subject: Sam replied to your message on shop\.test\r?$/m);
    expect(got.data).toMatch(/^From: Shop support <help@shop\.test>\r?$/m);
    const flat = got.data.replace(/=\r?\n/g, '');
    expect(flat).toContain('It ships <today> & arrives Friday.');
    expect(flat).toContain('It ships &lt;today&gt; &amp; arrives Friday.');
    expect(flat).not.toMatch(/<img/i);
  });

  it('rejects when the SMTP server refuses the login (the reply stays due)', async () => {
    const mailer = smtpMailer({ host: '127.0.0.1', port, from: 'help@shop.test', auth: { user: 'baton', pass: 'wrong' } });
    try {
      await expect(mailer.send({ kind: 'reply', to: 'ada@example.com', conversationId: 'c1', ...content })).rejects.toThrow(/Invalid username or password|auth/i);
    } finally {
      mailer.close?.();
    }
    expect(received).toHaveLength(1);
  });

  it('rejects when nothing listens on the port', async () => {
    const free = await new Promise<number>((resolve) => {
      const s = netServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const mailer = smtpMailer({ host: '127.0.0.1', port: free, from: 'help@shop.test', timeoutMs: 2000 });
    try {
      await expect(mailer.send({ kind: 'reply', to: 'ada@example.com', conversationId: 'c1', ...content })).rejects.toThrow(/ECONNREFUSED|connect/i);
    } finally {
      mailer.close?.();
    }
  });

  it('refuses a From: that is not one address', () => {
    expect(() => smtpMailer({ host: '127.0.0.1', from: 'help@shop.test\r\nBcc: x@y.z' })).toThrow(/one address/);
    expect(() => smtpMailer({ host: '', from: 'help@shop.test' })).toThrow(/host is required/);
  });
});
