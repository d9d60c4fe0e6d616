/**
 * Property-based tests (fast-check): every generated valid identifier or secret is redacted
 * wherever it sits in a URL or a title, and the same shapes with a wrong check digit are left
 * byte-identical, so order numbers that merely look alike survive.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mayHoldValue } from '../../../src/core/context/redaction/candidates';
import { createRedactor } from '../../../src/core/context/redaction/redactor';
import { scrubValues, valueChecks } from '../../../src/core/context/redaction/values';
import * as gen from './arbitraries';
import { decodings } from './corpusMeasure';

const r = createRedactor();
r.useValues(valueChecks);

const enc = encodeURIComponent;
/** Where a value can sit in a URL (it is percent-encoded as a browser's location.href would have it). */
const PLACES: [string, (v: string) => string][] = [
  ['a path segment', (v) => `https://shop.test/orders/${enc(v)}/detail`],
  ['a query value', (v) => `https://shop.test/search?page=2&ref=${enc(v)}&utm_source=news`],
  ['a query value, spaces as +', (v) => `https://shop.test/s?q=${enc(v).replace(/%20/g, '+')}&sort=price`],
  ['a query value, written raw', (v) => `https://shop.test/s?note=${v.replace(/ /g, '%20')}`],
  ['hash parameters', (v) => `https://shop.test/cb#state=${enc(v)}&x=1`],
  ['a hash route', (v) => `https://shop.test/#/profile/${enc(v)}?tab=1`],
  ['a redirect, encoded once', (v) => `https://sso.test/login?redirect=${enc(`https://shop.test/account?ref=${enc(v)}`)}`],
  ['a redirect, encoded twice', (v) => `https://sso.test/login?continue=${enc(enc(`https://shop.test/x?ref=${enc(v)}`))}`],
  ['a relative returnUrl', (v) => `https://shop.test/login?returnUrl=${enc(`/account/${enc(v)}?tab=2`)}`],
  ['a redirect in a redirect', (v) => `https://sso.test/a?next=${enc(`https://idp.test/b?return=${enc(`/c?ref=${enc(v)}`)}`)}`],
];

const leaks = (out: string, w: gen.Written) => decodings(out).some((d) => d.includes(w.value) || d.includes(w.compact));

function redactedEverywhere(name: string, arb: fc.Arbitrary<gen.Written>) {
  it(`${name}: redacted wherever it sits in a URL, and in titles`, () => {
    fc.assert(
      fc.property(arb, fc.constantFrom(...PLACES), (w, [, place]) => {
        const out = r.url(place(w.value));
        expect(leaks(out, w), `${place(w.value)} -> ${out}`).toBe(false);
        expect(leaks(r.text(`Order for ${w.value} — Shop`), w)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
}

function keptEverywhere(name: string, arb: fc.Arbitrary<gen.Written>) {
  it(`${name}: left byte-identical`, () => {
    fc.assert(
      fc.property(arb, fc.constantFrom(...PLACES), (w, [, place]) => {
        const href = place(w.value);
        expect(r.url(href)).toBe(href);
        expect(r.text(`Order ${w.value} shipped`)).toBe(`Order ${w.value} shipped`);
      }),
      { numRuns: 300 },
    );
  });
}

const cardLike = (w: gen.Written) => /^[2-6]\d{12,18}$/.test(w.compact) && gen.luhnDigit(w.compact.slice(0, -1)) === Number(w.compact.slice(-1));

describe('national identifiers', () => {
  redactedEverywhere("China's resident id", gen.chinaId);
  keptEverywhere("China's resident id with a wrong check character", gen.chinaIdWrongCheck.filter((w) => !cardLike(w)));
  redactedEverywhere('Czech/Slovak birth number', gen.birthNumber);
  redactedEverywhere('Czech/Slovak birth number of before 1954 (9 digits, slash)', gen.birthNumberOld);
  // Written YYMMDD/XXXX, a number failing mod 11 can still be an account number (6 digits / bank code).
  keptEverywhere('Czech/Slovak birth number failing mod 11', gen.birthNumberWrongCheck.filter((w) => !(w.value.includes('/') && gen.accountMod11(w.value.slice(0, 6)))));
  redactedEverywhere('SNILS', gen.snils);
  // Written XXX-XXX-XXX YY, 11 digits in groups are phone-shaped and redacted as such: only bare ones stay.
  keptEverywhere('SNILS with a wrong checksum, bare', gen.snilsWrongCheck.filter((w) => w.value === w.compact));
  redactedEverywhere('US SSN as written', gen.ssn);
  keptEverywhere('9 bare digits, even when SSN-valid (order numbers)', gen.ssn.map((w) => ({ value: w.compact, compact: w.compact })));
  redactedEverywhere('UK National Insurance number', gen.nino);
  keptEverywhere('UK NI-shaped codes with prefixes or suffixes HMRC never issues', gen.ninoInvalid);
});

describe('bank and card numbers', () => {
  redactedEverywhere('IBAN, bare or spaced', gen.iban);
  keptEverywhere('IBAN-shaped codes failing mod 97, bare', gen.ibanWrongCheck.filter((w) => w.value === w.compact));
  it('IBAN-shaped codes failing mod 97, spaced: never taken for an IBAN', () => {
    fc.assert(
      fc.property(gen.ibanWrongCheck, (w) => {
        expect(r.url(`https://bank.test/p?ref=${enc(w.value)}`)).not.toContain('[iban]');
      }),
    );
  });
  redactedEverywhere('Czech/Slovak domestic account number', gen.czAccount);
  keptEverywhere('account-shaped numbers failing mod 11', gen.czAccountWrongCheck);
  redactedEverywhere('payment card, with any separator', gen.card);
  keptEverywhere('16-digit card shapes failing Luhn', gen.cardWrongCheck);
});

describe('tokens and e-mails', () => {
  redactedEverywhere('JWT', gen.jwt);
  redactedEverywhere('CAS ticket', gen.casTicket);
  redactedEverywhere('e-mail address', gen.email);
});

describe('parameters named after an identifier or a credential', () => {
  const NAMES = ['ssn', 'SSN', 'id_no', 'idNo', 'birth_number', 'birthNumber', 'rodne_cislo', 'snils', 'nino', 'ni_number', 'national_id', 'sfzh', 'dob', 'date_of_birth', 'pw', 'pwd', 'passwd', 'password', 'user_pass', 'credentials', 'userCredential', 'auth', 'authorization', 'SAMLResponse'];
  it('are redacted whatever the value', () => {
    fc.assert(
      fc.property(fc.constantFrom(...NAMES), fc.stringMatching(/^[A-Za-z0-9+/=._-]{1,40}$/), (name, value) => {
        expect(r.url(`https://shop.test/x?a=1&${name}=${enc(value)}&b=2`)).toBe(`https://shop.test/x?a=1&${name}=[redacted]&b=2`);
      }),
    );
  });
});

describe('the gate in the pre-interaction bundle', () => {
  const anyValue = fc.oneof(gen.chinaId, gen.birthNumber, gen.birthNumberOld, gen.snils, gen.ssn, gen.nino, gen.iban, gen.czAccount, gen.card, gen.jwt, gen.casTicket, gen.email);
  it('says yes to every text holding a value, so the value checks see it', () => {
    fc.assert(
      fc.property(anyValue, fc.string(), fc.string(), (w, a, b) => {
        expect(mayHoldValue(`${a} ${w.value} ${b}`)).toBe(true);
      }),
    );
  });

  it('says no only to texts the value checks would leave unchanged', () => {
    const text = fc.string({ unit: fc.constantFrom(...'0123456789 -./()+@%40abcXSTeyJ'.split('')), maxLength: 60 });
    fc.assert(fc.property(fc.oneof(text, fc.string()), (s) => mayHoldValue(s) || scrubValues(s) === s), { numRuns: 2000 });
  });
});

describe('any input', () => {
  it('never throws, and redacting twice changes nothing more', () => {
    fc.assert(
      fc.property(fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.string()), (href) => {
        const once = r.url(href);
        expect(typeof once).toBe('string');
        expect(r.url(once)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });
});
