/**
 * Twilio Conversations settings, read from the environment. When no TWILIO_* variable is set the
 * result is `unset` (Baton's embedded chat server is used instead); a partial or malformed set is
 * reported field by field so the operator can fix it.
 */

export interface TwilioChatConfig {
  /** TWILIO_ACCOUNT_SID: `AC` + 32 hex. */
  accountSid: string;
  /** TWILIO_API_KEY: `SK` + 32 hex (an API key, used to sign access tokens and call the REST API). */
  apiKey: string;
  /** TWILIO_API_SECRET: the API key's secret. */
  apiSecret: string;
  /** TWILIO_CONVERSATIONS_SERVICE_SID: `IS` + 32 hex. */
  conversationsServiceSid: string;
  /** TWILIO_AUTH_TOKEN (optional): the account's auth token, only used to check webhook signatures. */
  authToken?: string;
  /** TWILIO_FLEX_WORKSPACE_SID and TWILIO_FLEX_WORKFLOW_SID (optional, together): route chats to Flex (docs/twilio.md). */
  flexWorkspaceSid?: string;
  flexWorkflowSid?: string;
  /**
   * TWILIO_SMS_NUMBER (optional, E.164): the company's Twilio number visitors may continue the
   * conversation on by SMS (issue 19); its Messaging Service must hand inbound messages to
   * Conversations (docs/twilio.md#continue-by-sms-or-on-whatsapp).
   */
  smsNumber?: string;
  /** TWILIO_WHATSAPP_NUMBER (optional, E.164, without `whatsapp:`): the company's WhatsApp sender, for "on WhatsApp". */
  whatsappNumber?: string;
}

export type TwilioConfigResult =
  | { ok: true; config: TwilioChatConfig }
  | { ok: false; missing: string[]; invalid: string[] }
  | { ok: false; unset: true };

interface Field {
  env: string;
  key: keyof TwilioChatConfig;
  required: boolean;
  pattern: RegExp;
  expected: string;
}

const FIELDS: readonly Field[] = [
  { env: 'TWILIO_ACCOUNT_SID', key: 'accountSid', required: true, pattern: /^AC[0-9a-f]{32}$/i, expected: '"AC" followed by 32 hex characters' },
  { env: 'TWILIO_API_KEY', key: 'apiKey', required: true, pattern: /^SK[0-9a-f]{32}$/i, expected: '"SK" followed by 32 hex characters' },
  { env: 'TWILIO_API_SECRET', key: 'apiSecret', required: true, pattern: /^[A-Za-z0-9]{16,128}$/, expected: 'the API key secret (16 to 128 letters and digits)' },
  { env: 'TWILIO_CONVERSATIONS_SERVICE_SID', key: 'conversationsServiceSid', required: true, pattern: /^IS[0-9a-f]{32}$/i, expected: '"IS" followed by 32 hex characters' },
  { env: 'TWILIO_AUTH_TOKEN', key: 'authToken', required: false, pattern: /^[0-9a-f]{32}$/i, expected: '32 hex characters' },
  { env: 'TWILIO_FLEX_WORKSPACE_SID', key: 'flexWorkspaceSid', required: false, pattern: /^WS[0-9a-f]{32}$/i, expected: '"WS" followed by 32 hex characters' },
  { env: 'TWILIO_FLEX_WORKFLOW_SID', key: 'flexWorkflowSid', required: false, pattern: /^WW[0-9a-f]{32}$/i, expected: '"WW" followed by 32 hex characters' },
  { env: 'TWILIO_SMS_NUMBER', key: 'smsNumber', required: false, pattern: /^\+[1-9][0-9]{6,14}$/, expected: 'a phone number in E.164 (+ and 7 to 15 digits)' },
  { env: 'TWILIO_WHATSAPP_NUMBER', key: 'whatsappNumber', required: false, pattern: /^\+[1-9][0-9]{6,14}$/, expected: 'a phone number in E.164 (+ and 7 to 15 digits), without "whatsapp:"' },
];

/** Names of every variable `readTwilioConfig` reads. */
export const TWILIO_ENV_VARS: readonly string[] = FIELDS.map((f) => f.env);

/** Reads and validates the TWILIO_* variables of `env` (values are trimmed; empty counts as unset). */
export function readTwilioConfig(env: Record<string, string | undefined> = process.env): TwilioConfigResult {
  const values = new Map<Field, string>();
  for (const field of FIELDS) {
    const raw = env[field.env];
    const value = typeof raw === 'string' ? raw.trim() : '';
    if (value !== '') values.set(field, value);
  }
  if (values.size === 0) return { ok: false, unset: true };

  const missing: string[] = [];
  const invalid: string[] = [];
  const config: Partial<TwilioChatConfig> = {};
  for (const field of FIELDS) {
    const value = values.get(field);
    if (value === undefined) {
      if (field.required) missing.push(field.env);
      continue;
    }
    if (!field.pattern.test(value)) invalid.push(field.env);
    else config[field.key] = value;
  }
  // Flex routing needs both the workspace and the workflow.
  if (values.has(FIELDS.find((f) => f.key === 'flexWorkspaceSid')!) !== values.has(FIELDS.find((f) => f.key === 'flexWorkflowSid')!)) {
    missing.push(values.has(FIELDS.find((f) => f.key === 'flexWorkspaceSid')!) ? 'TWILIO_FLEX_WORKFLOW_SID' : 'TWILIO_FLEX_WORKSPACE_SID');
  }
  if (missing.length || invalid.length) return { ok: false, missing, invalid };
  return { ok: true, config: config as TwilioChatConfig };
}

/** A sentence or two for logs and startup errors; never includes a secret's value. */
export function describeConfigProblem(result: TwilioConfigResult): string {
  if (result.ok) return 'Twilio Conversations is configured.';
  if ('unset' in result) {
    return "Twilio Conversations is not configured (no TWILIO_* variable is set): Baton's embedded chat server is used.";
  }
  const lines = ['Twilio Conversations is misconfigured, so chat cannot start:'];
  for (const name of result.missing) lines.push(`- ${name} is missing.`);
  for (const name of result.invalid) {
    const field = FIELDS.find((f) => f.env === name);
    lines.push(`- ${name} is malformed: expected ${field?.expected ?? 'a valid value'}.`);
  }
  lines.push(`Set all of ${FIELDS.filter((f) => f.required).map((f) => f.env).join(', ')} (TWILIO_AUTH_TOKEN is optional, for webhook signatures), or none of them to use the embedded server.`);
  return lines.join('\n');
}
