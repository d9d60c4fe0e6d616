// `npm start`: installs the dependencies when node_modules is missing or out of date (`npm ci`, see
// scripts/ensure-installed.mjs), builds what is missing or out of date, then runs Baton's embedded
// server with the demo store mounted on it: the store, the widget's chat, the agent console, all on one origin.
//
//   PORT                   default 8787
//   HOST                   default 127.0.0.1
//   BATON_DB               SQLite file, default ./data/baton.sqlite (its folder is created)
//   BATON_IDENTITY_SECRET  the secret identities are signed with (your site's server has the same one);
//                          default: a random one made on the first run and kept beside the database
//                          (<BATON_DB's folder>/identity-secret, mode 0600); the demo store signs with it
//   BATON_RETENTION_DAYS   conversations idle this many days are deleted (default 90; docs/agent-api.md#retention)
//   BATON_TRUST_PROXY      how many reverse proxies in front of the server append X-Forwarded-For (default
//                          0: the connection's address is the client's, for every per-address limit)
//   BATON_ALLOWED_ORIGINS  extra origins allowed to open sockets and POST (comma-separated), e.g. the
//                          LAN address you browse from: http://192.168.1.20:8787
//   TWILIO_ACCOUNT_SID, TWILIO_API_KEY, TWILIO_API_SECRET, TWILIO_CONVERSATIONS_SERVICE_SID
//                          (and optionally TWILIO_AUTH_TOKEN, for webhooks): with all of them set the
//                          widget's chat runs on Twilio Conversations (docs/twilio.md); with none, on
//                          the embedded server; a missing or malformed one stops the start with a message.
//   TWILIO_FLEX_WORKSPACE_SID, TWILIO_FLEX_WORKFLOW_SID
//                          (optional, together): route each chat to Flex on the visitor's first message
//   TWILIO_SMS_NUMBER, TWILIO_WHATSAPP_NUMBER
//                          (optional, E.164): the panel offers "Continue by SMS" / "on WhatsApp" with
//                          that company number (docs/twilio.md#continue-by-sms-or-on-whatsapp)
//   TWILIO_TWIML_APP_SID   (optional, with the above, TWILIO_AUTH_TOKEN and TWILIO_FLEX_WORKFLOW_SID):
//                          the panel's Call button calls through Twilio Voice, enqueued to that
//                          workflow with the visitor's context (docs/calls.md)
//   BATON_PUBLIC_URL       the public base URL Twilio calls for webhooks (signatures cover it)
//   BATON_BOT              'off': no bot; default: the built-in bot answers new conversations from the
//                          demo's help articles (demo/articles.json) until a person is wanted (docs/bot.md)
//   BATON_ICE_SERVERS      embedded calls across networks: STUN/TURN servers as JSON, e.g.
//                          '[{"urls":"stun:stun.example.com:3478"}]' (none needed on one machine or a LAN)
//   BATON_SMTP_HOST        e-mail to visitors through this SMTP server (docs/email.md), with BATON_SMTP_PORT
//                          (587), BATON_SMTP_USER, BATON_SMTP_PASS and BATON_MAIL_FROM; default: nothing is
//                          sent, each e-mail is an .eml file in the local outbox beside the database
//   BATON_AUTO_ASSIGN      '1': the server gives conversations to available agents by skill and capacity,
//                          round robin (docs/agent-api.md#automatic-assignment); default: agents claim
//   BATON_AGENT_CAPACITY   concurrent chats automatic assignment gives an agent (default 3; admins can set
//                          each agent's own in the console's Team dialog)
//   BATON_AUTO_AWAY_MINUTES  the console sets an agent away after this many minutes without input (default: never)
//
// On the first run (no agent in the database) it creates the demo agent agent@demo.test with a
// random password and prints it once. Ctrl+C (SIGINT) or SIGTERM closes everything and exits 0, also
// when the signal went to the `npm start` process: npm passes it to the `sh -c` that runs this script,
// which dies without passing it on; we notice that our parent is gone and stop as well.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureDependencies } from './ensure-installed.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** @type {import('node:child_process').ChildProcess | null} the build, while it runs */
let building = null;
/** The embedded server, once it listens. */
let server = null;
/** What closes after the server (the Twilio webhook event log, when there is one). */
let afterServer = () => {};
let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  building?.kill('SIGTERM');
  if (!server) process.exit(0);
  server.close().then(
    () => {
      afterServer();
      process.exit(0);
    },
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
// Reparented: the shell npm started us with was killed (see above).
const parent = process.ppid;
setInterval(() => process.ppid !== parent && stop(), 500).unref();

if (!ensureDependencies('npm start', root)) process.exit(1);
const required = ['dist/baton.js', 'dist/integrity.json', 'dist/baton-loader.js', 'dist/server/index.js', 'dist/demo/spa.js'];
// The agent console once its rollup entry exists (another part of the repo builds it).
if (existsSync(path.join(root, 'src/console/main.tsx'))) required.push('dist/console/console.js');

const DEMO_AGENT = { email: 'agent@demo.test', name: 'Sam (Demo agent)' };

/** Newest modification time of the sources a build reads, in ms. */
function newestSource(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    const stat = statSync(p);
    newest = Math.max(newest, stat.isDirectory() ? newestSource(p) : stat.mtimeMs);
  }
  return newest;
}

/** The project's own rollup (not npx, which may fetch another one). */
function runRollup() {
  return new Promise((resolve) => {
    const child = (building = spawn(process.execPath, [path.join(root, 'node_modules', 'rollup', 'dist', 'bin', 'rollup'), '-c'], { cwd: root, stdio: 'inherit' }));
    child.on('error', (error) => {
      console.error(`Could not run rollup: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (status, signal) => {
      building = null;
      resolve(signal ? 1 : (status ?? 1));
    });
  });
}

const missing = required.filter((file) => !existsSync(path.join(root, file)));
const oldestOutput = missing.length ? 0 : Math.min(...required.map((file) => statSync(path.join(root, file)).mtimeMs));
const stale = !missing.length && Math.max(newestSource(path.join(root, 'src')), newestSource(path.join(root, 'demo/spa'))) > oldestOutput;
if (missing.length || stale) {
  console.log(missing.length ? `Building Baton (missing ${missing.join(', ')})...` : 'Rebuilding Baton (sources changed since the last build)...');
  const code = await runRollup();
  if (code !== 0) {
    if (missing.length) {
      console.error('Build failed; not starting.');
      process.exit(typeof code === 'number' && code > 0 ? code : 1);
    }
    console.warn('Build failed; starting with the previous build.');
  }
}

// Imported only now: both import dist/server/index.js, which the build just made.
const { createEmbeddedServer, smtpMailer, articleBot, identitySecretBeside, createWebhookEventLog, readTwilioConfig, describeConfigProblem, createTwilioChatHandler, TWILIO_CHAT_WEBHOOK_PATH, createTwilioVoiceHandler } = await import(pathToFileURL(path.join(root, 'dist/server/index.js')).href);
const { createDemoHandler, ARTICLES_FILE, DEMO_BOT_NAME } = await import(pathToFileURL(path.join(root, 'demo/server.mjs')).href);

const port = Number(process.env.PORT ?? 8787);
const host = process.env.HOST ?? '127.0.0.1';
const dbPath = path.resolve(process.env.BATON_DB ?? path.join(root, 'data', 'baton.sqlite'));
// Fail closed: never a known secret. BATON_IDENTITY_SECRET, else the random one kept beside the database.
let identitySecret = process.env.BATON_IDENTITY_SECRET;
let secretLine = 'BATON_IDENTITY_SECRET';
if (!identitySecret) {
  try {
    const kept = identitySecretBeside(dbPath);
    identitySecret = kept.secret;
    secretLine = `${kept.path}${kept.created ? ' (made now: a random one)' : ''}`;
    if (kept.narrowed) console.warn(`${kept.path} was readable by other users; it is now 0600.`);
  } catch (error) {
    console.error(`Could not keep the identity secret beside ${dbPath}: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}
const extraOrigins = (process.env.BATON_ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);
// Configured origins come on top of the server's own (the store and the console are served from it).
const allowedOrigins = extraOrigins.length && port !== 0 ? [`http://127.0.0.1:${port}`, `http://localhost:${port}`, ...extraOrigins] : undefined;

// Read before the Twilio handlers, whose session and token routes limit per address too.
const trustProxy = Number(process.env.BATON_TRUST_PROXY ?? 0);
if (!Number.isInteger(trustProxy) || trustProxy < 0) {
  console.error('BATON_TRUST_PROXY must be a whole number: the reverse proxies in front of the server (0 when none)');
  process.exit(1);
}

// Chat on Twilio when TWILIO_* is set (all of it, well-formed), else on the embedded server.
const twilioConfig = readTwilioConfig(process.env);
if (!twilioConfig.ok && !('unset' in twilioConfig)) {
  console.error(describeConfigProblem(twilioConfig));
  process.exit(1);
}
const botMode = process.env.BATON_BOT ?? 'articles';
if (botMode !== 'articles' && botMode !== 'off') {
  console.error("BATON_BOT must be 'off' or 'articles' (the default: the built-in bot on demo/articles.json)");
  process.exit(1);
}
// The built-in bot answers from the same articles the widget's Help searches (docs/bot.md).
const bot = botMode === 'articles' ? articleBot({ articles: JSON.parse(readFileSync(ARTICLES_FILE, 'utf8')) }) : undefined;

// Twilio's webhooks are handled once per event, remembered beside the database: a replayed
// (captured) signed webhook changes nothing, even after a restart.
const webhookEvents = twilioConfig.ok ? createWebhookEventLog({ path: path.join(path.dirname(dbPath), 'twilio-webhook-events.sqlite') }) : null;
afterServer = () => webhookEvents?.close();
const demoHandler = createDemoHandler({ notFound: false, identitySecret, ...(twilioConfig.ok ? { boot: { transport: 'twilio' } } : {}) });
const twilioHandler = twilioConfig.ok
  ? createTwilioChatHandler({
      config: twilioConfig.config,
      identitySecret,
      publicUrl: process.env.BATON_PUBLIC_URL || undefined,
      allowedOrigins: extraOrigins,
      // TWILIO_FLEX_WORKSPACE_SID + TWILIO_FLEX_WORKFLOW_SID: each visitor's first message makes a Flex task.
      flex: twilioConfig.config.flexWorkspaceSid ? { workspaceSid: twilioConfig.config.flexWorkspaceSid, workflowSid: twilioConfig.config.flexWorkflowSid } : undefined,
      onEvent: (e) => console.log(`Twilio ${e.type} ${e.conversationSid}${e.author ? ` from ${e.author}` : ''}`),
      events: webhookEvents,
      trustProxy,
      // The bot answers from the Conversations webhook: only when Twilio can call it (TWILIO_AUTH_TOKEN).
      ...(bot && twilioConfig.config.authToken ? { bot, botName: DEMO_BOT_NAME } : {}),
    })
  : null;

// Calls on Twilio Voice: TWILIO_TWIML_APP_SID with the chat's TWILIO_* plus the auth token (webhook
// signatures) and the Flex workflow calls are enqueued to.
let voiceHandler = null;
const twimlAppSid = process.env.TWILIO_TWIML_APP_SID?.trim();
if (twimlAppSid) {
  const missing = [!twilioConfig.ok && 'TWILIO_ACCOUNT_SID/TWILIO_API_KEY/TWILIO_API_SECRET/TWILIO_CONVERSATIONS_SERVICE_SID', twilioConfig.ok && !twilioConfig.config.authToken && 'TWILIO_AUTH_TOKEN', twilioConfig.ok && !twilioConfig.config.flexWorkflowSid && 'TWILIO_FLEX_WORKFLOW_SID'].filter(Boolean);
  if (missing.length) {
    console.error(`TWILIO_TWIML_APP_SID is set, so calls run on Twilio Voice, which also needs: ${missing.join(', ')} (docs/calls.md)`);
    process.exit(1);
  }
  try {
    const c = twilioConfig.config;
    voiceHandler = createTwilioVoiceHandler({
      accountSid: c.accountSid,
      apiKey: c.apiKey,
      apiSecret: c.apiSecret,
      authToken: c.authToken,
      twimlAppSid,
      workflowSid: c.flexWorkflowSid,
      publicUrl: process.env.BATON_PUBLIC_URL || `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
      identitySecret,
      trustProxy,
      events: webhookEvents,
      // A call from the chat is linked to the caller's own conversation, found from their chat credential.
      conversationOf: (credential) => twilioHandler.conversationOf(credential),
      ...(extraOrigins.length ? { allowedOrigins: [process.env.BATON_PUBLIC_URL ? new URL(process.env.BATON_PUBLIC_URL).origin : `http://${host}:${port}`, ...extraOrigins] } : {}),
      onStatus: (e) => console.log(`Twilio call ${e.callSid} ${e.status}${e.durationSec !== undefined ? ` (${e.durationSec} s)` : ''}${e.conversationId ? ` in ${e.conversationId}` : ''}`),
    });
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}


const retentionDays = process.env.BATON_RETENTION_DAYS ? Number(process.env.BATON_RETENTION_DAYS) : undefined;

let iceServers;
try {
  iceServers = process.env.BATON_ICE_SERVERS ? JSON.parse(process.env.BATON_ICE_SERVERS) : undefined;
} catch {
  console.error('BATON_ICE_SERVERS must be JSON, e.g. [{"urls":"stun:stun.example.com:3478"}]');
  process.exit(1);
}

let mailer;
try {
  mailer = process.env.BATON_SMTP_HOST
    ? smtpMailer({
        host: process.env.BATON_SMTP_HOST,
        port: Number(process.env.BATON_SMTP_PORT ?? 587),
        from: process.env.BATON_MAIL_FROM ?? '',
        ...(process.env.BATON_SMTP_USER ? { auth: { user: process.env.BATON_SMTP_USER, pass: process.env.BATON_SMTP_PASS ?? '' } } : {}),
      })
    : undefined;
} catch (error) {
  console.error(`BATON_SMTP_HOST is set but the mailer could not be made: ${error instanceof Error ? error.message : error} (BATON_MAIL_FROM must be one address)`);
  process.exit(1);
}

// Business hours (issue 15): BATON_HOURS is JSON ({ timeZone, weekly, holidays }) or `off`; the
// demo's default is Monday to Friday, 9:00 to 18:00, in this machine's time zone.
let hours;
try {
  hours =
    process.env.BATON_HOURS === 'off'
      ? undefined
      : process.env.BATON_HOURS
        ? JSON.parse(process.env.BATON_HOURS)
        : { timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC', weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, '09:00-18:00'])) };
} catch {
  console.error('BATON_HOURS must be JSON, e.g. {"timeZone":"Europe/Paris","weekly":{"mon":"09:00-17:30"},"holidays":["2026-12-25"]}, or off');
  process.exit(1);
}

// The agents' desk (issue 17): automatic assignment and automatic away, both off unless asked for.
const positive = (name) => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) {
    console.error(`${name} must be a positive number`);
    process.exit(1);
  }
  return n;
};
const agentCapacity = positive('BATON_AGENT_CAPACITY');
const autoAwayMinutes = positive('BATON_AUTO_AWAY_MINUTES');
const autoAssign = process.env.BATON_AUTO_ASSIGN === '1';

try {
  server = await createEmbeddedServer({
    port,
    host,
    dbPath,
    identitySecret,
    allowedOrigins,
    trustProxy,
    ...(retentionDays !== undefined ? { retentionDays } : {}),
    ...(iceServers ? { iceServers } : {}),
    ...(bot ? { bot, botName: DEMO_BOT_NAME } : {}),
    ...(mailer ? { mailer } : process.env.BATON_MAIL_FROM ? { mailFrom: process.env.BATON_MAIL_FROM } : {}),
    ...(hours ? { hours } : {}),
    ...(autoAssign ? { assignment: { auto: true, ...(agentCapacity ? { capacity: Math.max(1, Math.round(agentCapacity)) } : {}) } } : {}),
    ...(autoAwayMinutes ? { autoAwayMs: autoAwayMinutes * 60_000 } : {}),
    // The demo store answers everything the embedded server does not (pages, /static, /baton/*).
    // With Twilio, its chat routes (/twilio/chat/*) come first: they check their callers themselves
    // (Origin for the widget's calls, X-Twilio-Signature for Twilio's webhooks).
    preHandler: twilioHandler || voiceHandler ? (req, res) => !!(twilioHandler?.(req, res) || voiceHandler?.(req, res)) : undefined,
    staticHandler: demoHandler,
  });
} catch (error) {
  console.error(`Could not start Baton on ${host}:${port}: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}

let firstRunLines = '';
if (server.agentCount() === 0) {
  const password = randomBytes(12).toString('base64url');
  await server.createAgent({ ...DEMO_AGENT, password });
  firstRunLines = `
  First run: created the demo agent (shown only this once)
    e-mail              ${DEMO_AGENT.email}
    password            ${password}
`;
}

console.log(`
  Baton demo store    ${server.url}/
  Single-page app     ${server.url}/app
  Agent console       ${server.url}/agent
  Consent demo        ${server.url}/?consent=required
  Script tag          ${server.url}/baton/baton-loader.js (pages on other origins: BATON_ALLOWED_ORIGINS)
${firstRunLines}
  Bot                 ${bot ? `${DEMO_BOT_NAME}: answers from demo/articles.json until a person is wanted (BATON_BOT=off: none)` : 'none (BATON_BOT=off)'}
  Chat runs on        ${twilioConfig.ok ? `Twilio Conversations (service ${twilioConfig.config.conversationsServiceSid}; webhook ${TWILIO_CHAT_WEBHOOK_PATH})` : 'the embedded server (no TWILIO_* variable set)'}
  Calls run on        ${voiceHandler ? `Twilio Voice (TwiML App ${twimlAppSid}; voice URL /api/twilio/voice/webhook)` : twilioConfig.ok ? 'nothing yet: set TWILIO_TWIML_APP_SID for Twilio Voice (docs/calls.md)' : 'the embedded server (WebRTC)'}
  Database            ${dbPath}
  E-mail to visitors  ${mailer ? `SMTP ${process.env.BATON_SMTP_HOST} as ${process.env.BATON_MAIL_FROM}` : `not sent: written to ${dbPath}-outbox/ (BATON_SMTP_HOST: send them)`}
  Identity secret     ${secretLine}
  Assignment          ${autoAssign ? `automatic, by skill and capacity (${agentCapacity ? Math.max(1, Math.round(agentCapacity)) : 3} chats per agent unless set)` : 'agents claim from the queue (BATON_AUTO_ASSIGN=1: automatic)'}${autoAwayMinutes ? `; idle agents away after ${autoAwayMinutes} min` : ''}
  More agents         npm run agent:create -- --email you@example.com --name "Your Name"

  Press Ctrl+C to stop.
`);
