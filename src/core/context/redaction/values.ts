import { isCardNumber } from './cards';
import { CZ_ACCOUNT, isCzAccount } from './czAccounts';
import { EMAIL, USERINFO } from './emails';
import { redactIbans } from './iban';
import { isBirthNumber, isChinaResidentId, isSnils, isSsn, NINO } from './nationalIds';
import { SECRET_SEGMENT, sensitiveName, tokenLike } from './paramNames';
import { isPhoneNumber } from './phones';
import type { ValueChecks } from './redactor';
import { redactTokens } from './tokens';

/**
 * The value checks: personal data and secrets recognised in free text by their shape and, where
 * they have one, their checksum, and the rules on names (./paramNames.ts). A chunk of its own,
 * loaded after the page when something the pre-interaction redactor saw needs them
 * (./candidates.ts), and with the snapshot builder; see ./redactor.ts and docs/context.md#redaction.
 *
 * Order matters: e-mails before anything numeric (digits in a local part), tokens before IBANs
 * (base64 holds anything), then letters-and-digits identifiers, then runs of digits.
 * Every placeholder is free of digits and `@`, so scrubbing twice changes nothing.
 */

// A maximal run of digits joined by up to two separator characters; classified in numberRun.
const NUMBER_RUN = /\+?\(?\d(?:[ .()-]{0,2}\d)*/g;
// China's 18-character id, whose last may be X (so not a plain digit run), and a Czech/Slovak
// birth number written with its slash; the first group is the character before (no lookbehind:
// Safari before 16.4 refuses to parse it).
const CHINA_ID = /(^|[^\w])(\d{17}[\dx])(?!\w)/gi;
const BIRTH_NUMBER_SLASHED = /(^|[^\w/])(\d{6})\/(\d{3,4})(?![\w/])/g;

function numberRun(run: string, at: number, all: string): string {
  let open = '';
  // "(4111 ...)": the run took the opening parenthesis of surrounding prose, not of an area code.
  if (run[0] === '(' && !run.includes(')')) {
    open = '(';
    run = run.slice(1);
    at++;
  }
  const digits = run.replace(/\D/g, '');
  // Digits glued to letters or underscores are identifiers (sku12-345-6789, id_4111...); a leading
  // `+` is a delimiter of its own, so `x+15551234567` is still a phone unless a digit precedes it.
  const before = all.charAt(at - 1);
  if (/\w/.test(all.charAt(at + run.length)) || (run[0] === '+' ? /\d/ : /\w/).test(before)) return open + run;
  if (isCardNumber(run, digits)) return open + '[card]';
  if (
    run[0] !== '+' &&
    ((digits.length === 11 && /^\d{3}(?:-?\d{3}){2}[ -]?\d\d$/.test(run) && isSnils(digits)) ||
      (run === digits && isBirthNumber(digits, false)) ||
      isSsn(run))
  )
    return open + '[id]';
  // `ORD-2024-000123456`: digits after a letter and a dash are an identifier's, not a phone.
  const prefixed = /[a-z]-$/i.test(all.slice(at - 2, at));
  return open + (!prefixed && isPhoneNumber(run, digits, all.slice(at + run.length, at + run.length + 2)) ? '[phone]' : run);
}

/** Scrubs e-mails, credentials in URLs, tokens, IBANs, national ids, domestic accounts, card and phone numbers from free text. */
export function scrubValues(text: string): string {
  return redactIbans(redactTokens(text.replace(USERINFO, '//').replace(EMAIL, '[email]')))
    .replace(NINO, '[id]')
    .replace(CHINA_ID, (m, before: string, id: string) => (isChinaResidentId(id) ? before + '[id]' : m))
    .replace(BIRTH_NUMBER_SLASHED, (m, before: string, date: string, serial: string) =>
      isBirthNumber(date + serial, true) ? before + '[id]' : m,
    )
    .replace(CZ_ACCOUNT, (m, before: string, prefix: string | undefined, number: string) =>
      isCzAccount(prefix, number) ? before + '[account]' : m,
    )
    .replace(NUMBER_RUN, numberRun);
}

/** Everything the page-load redactor hands over to once loaded (Redactor.useValues). */
export const valueChecks: ValueChecks = {
  text: scrubValues,
  name: sensitiveName,
  announcesSecret: (segment) => SECRET_SEGMENT.test(segment),
  token: tokenLike,
};
