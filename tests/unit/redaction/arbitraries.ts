/**
 * fast-check generators of valid personal identifiers and secrets, built from each scheme's own
 * rules (written here independently of src/, so a bug in a check does not hide in its generator),
 * and of near misses: the same shapes with a wrong check digit.
 */
import fc from 'fast-check';

const digits = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`));
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** A value and how it may be written (with separators, spaced...). */
export interface Written {
  value: string;
  /** The value without separators: must not survive either. */
  compact: string;
}
const written = (value: string): Written => ({ value, compact: value.replace(/[\s./-]/g, '') });

// --- China: GB 11643-1999, ISO 7064 MOD 11-2 ---
const chinaCheck = (body: string) => {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * (2 ** (17 - i) % 11);
  return '10X98765432'[sum % 11]!;
};
const chinaBody = fc
  .tuple(
    fc.constantFrom('110101', '110105', '310104', '440305', '510107', '330106', '120102', '650102', '430102', '820000'),
    fc.integer({ min: 1930, max: 2024 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 28 }),
    digits(3),
  )
  .map(([region, y, m, d, seq]) => `${region}${y}${pad(m, 2)}${pad(d, 2)}${seq}`);
export const chinaId = chinaBody.map((b) => written(b + chinaCheck(b)));
export const chinaIdWrongCheck = fc
  .tuple(chinaBody, fc.constantFrom(...'0123456789X'))
  .filter(([b, c]) => c !== chinaCheck(b))
  .map(([b, c]) => written(b + c));

// --- Czech/Slovak birth numbers ---
const birthDate = fc
  .tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.constantFrom(0, 50, 20, 70))
  .map(([y, m, d, offset]) => `${pad(y, 2)}${pad(m + offset, 2)}${pad(d, 2)}`);
const birthValid = (ten: string) => Number(ten) % 11 === 0 || (Number(ten.slice(0, 9)) % 11 === 10 && ten[9] === '0');
/** 10 digits, divisible by 11; written bare (not starting with 1: see nationalIds.ts) or with the slash. */
export const birthNumber = fc
  .tuple(birthDate, digits(3), fc.boolean())
  .map(([date, serial, slash]) => {
    const nine = date + serial;
    const last = (11 - ((Number(nine) * 10) % 11)) % 11;
    return { nine, last, slash };
  })
  .filter(({ nine, last, slash }) => last < 10 && (slash || nine[0] !== '1'))
  .map(({ nine, last, slash }) => written(slash ? `${nine.slice(0, 6)}/${nine.slice(6)}${last}` : `${nine}${last}`));
/** Born before 1954: 9 digits, no check digit, always with the slash. */
export const birthNumberOld = fc
  .tuple(fc.integer({ min: 0, max: 53 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.constantFrom(0, 50), digits(3))
  .map(([y, m, d, o, serial]) => written(`${pad(y, 2)}${pad(m + o, 2)}${pad(d, 2)}/${serial}`));
export const birthNumberWrongCheck = fc
  .tuple(birthDate, digits(4), fc.boolean())
  .filter(([date, rest, slash]) => !birthValid(date + rest) && (slash || date[0] !== '1'))
  .map(([date, rest, slash]) => written(slash ? `${date}/${rest}` : date + rest));

// --- Russian SNILS ---
const snilsCheck = (nine: string) => {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (9 - i);
  if (sum < 100) return sum;
  if (sum === 100 || sum === 101) return 0;
  const r = sum % 101;
  return r === 100 ? 0 : r;
};
const snilsNine = digits(9).filter((n) => Number(n) > 1001998);
const snilsFormat = (nine: string, check: number, spaced: boolean) =>
  spaced ? `${nine.slice(0, 3)}-${nine.slice(3, 6)}-${nine.slice(6)} ${pad(check, 2)}` : `${nine}${pad(check, 2)}`;
export const snils = fc.tuple(snilsNine, fc.boolean()).map(([nine, spaced]) => written(snilsFormat(nine, snilsCheck(nine), spaced)));
export const snilsWrongCheck = fc
  .tuple(snilsNine, fc.integer({ min: 0, max: 99 }), fc.boolean())
  .filter(([nine, c]) => c !== snilsCheck(nine))
  .map(([nine, c, spaced]) => written(snilsFormat(nine, c, spaced)));

// --- US SSN ---
export const ssn = fc
  .tuple(fc.integer({ min: 1, max: 899 }).filter((a) => a !== 666), fc.integer({ min: 1, max: 99 }), fc.integer({ min: 1, max: 9999 }), fc.constantFrom('-', ' '))
  .map(([a, g, s, sep]) => written(`${pad(a, 3)}${sep}${pad(g, 2)}${sep}${pad(s, 4)}`));

// --- UK National Insurance numbers ---
const NINO_FIRST = 'ABCEGHJKLMNOPRSTWXYZ';
const NINO_SECOND = 'ABCEGHJKLMNPRSTWXYZ';
const NINO_EXCLUDED = ['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'];
const ninoFormat = (prefix: string, six: string, suffix: string, spaced: boolean) =>
  spaced ? `${prefix} ${six.slice(0, 2)} ${six.slice(2, 4)} ${six.slice(4)} ${suffix}` : `${prefix}${six}${suffix}`;
export const nino = fc
  .tuple(fc.constantFrom(...NINO_FIRST), fc.constantFrom(...NINO_SECOND), digits(6), fc.constantFrom(...'ABCD'), fc.boolean())
  .filter(([a, b]) => !NINO_EXCLUDED.includes(a + b))
  .map(([a, b, six, suffix, spaced]) => written(ninoFormat(a + b, six, suffix, spaced)));
/** Prefixes HMRC never issues, or a suffix past D. */
export const ninoInvalid = fc
  .tuple(
    fc.oneof(
      fc.constantFrom(...NINO_EXCLUDED, 'QQ', 'DA', 'FA', 'IA', 'UA', 'VA', 'AD', 'AO', 'AQ'),
      fc.constantFrom(...NINO_FIRST).chain((a) => fc.constantFrom(...NINO_SECOND).map((b) => a + b)),
    ),
    digits(6),
    fc.constantFrom(...'ABCDEFGHJKXZ'),
    fc.boolean(),
  )
  .filter(([p, , s]) => NINO_EXCLUDED.includes(p) || /^[DFIQUV]|^.[DFIOQUV]/.test(p) || !'ABCD'.includes(s))
  .map(([p, six, s, spaced]) => written(ninoFormat(p, six, s, spaced)));

// --- IBAN: ISO 13616, MOD 97-10 ---
/** Country, then a BBAN pattern: n = digit, a = uppercase letter, c = either. */
const IBAN_FORMATS: [string, string][] = [
  ['CZ', 'n'.repeat(20)],
  ['SK', 'n'.repeat(20)],
  ['DE', 'n'.repeat(18)],
  ['AT', 'n'.repeat(16)],
  ['PL', 'n'.repeat(24)],
  ['GB', 'aaaa' + 'n'.repeat(14)],
  ['NL', 'aaaa' + 'n'.repeat(10)],
  ['FR', 'n'.repeat(10) + 'ccccccccccc' + 'nn'],
  ['ES', 'n'.repeat(20)],
  ['IT', 'a' + 'n'.repeat(10) + 'cccccccccccc'],
  ['RU', 'n'.repeat(29)],
  ['BE', 'n'.repeat(12)],
  ['CH', 'n'.repeat(5) + 'ccccccccccccc'.slice(0, 12)],
  ['NO', 'n'.repeat(11)],
];
const bbanChar = (kind: string) =>
  kind === 'n' ? fc.constantFrom(...'0123456789') : kind === 'a' ? fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ') : fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ');
const mod97 = (s: string) => {
  let r = 0;
  for (const c of s) r = Number(String(r) + String(parseInt(c, 36))) % 97;
  return r;
};
const ibanBody = fc
  .constantFrom(...IBAN_FORMATS)
  .chain(([cc, pattern]) => fc.tuple(fc.constant(cc), fc.tuple(...[...pattern].map(bbanChar)).map((cs) => cs.join(''))));
const ibanCheck = (cc: string, bban: string) => pad(98 - mod97(bban + cc + '00'), 2);
const ibanFormat = (iban: string, spaced: boolean) => (spaced ? iban.replace(/(.{4})(?=.)/g, '$1 ') : iban);
export const iban = fc
  .tuple(ibanBody, fc.boolean())
  .map(([[cc, bban], spaced]) => written(ibanFormat(cc + ibanCheck(cc, bban) + bban, spaced)));
export const ibanWrongCheck = fc
  .tuple(ibanBody, fc.integer({ min: 2, max: 98 }), fc.boolean())
  .filter(([[cc, bban], c]) => pad(c, 2) !== ibanCheck(cc, bban))
  .map(([[cc, bban], c, spaced]) => written(ibanFormat(cc + pad(c, 2) + bban, spaced)));

// --- Payment cards: Luhn ---
/** The digit that makes `body` + it pass Luhn. */
export const luhnDigit = (body: string) => {
  let sum = 0;
  for (let i = body.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = Number(body[i]);
    if (double && (d *= 2) > 9) d -= 9;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
};
/** Network prefix and length: Visa, Mastercard (51-55 and 2221-2720), Mir, Maestro, Discover, UnionPay, JCB, Amex. */
const CARD_NETWORKS: [string, number][] = [
  ['4', 16], ['51', 16], ['55', 16], ['2221', 16], ['2720', 16], ['2200', 16], ['6759', 16], ['6011', 16],
  ['62', 16], ['62', 19], ['35', 16], ['34', 15], ['37', 15], ['4', 13],
];
const cardBody = fc
  .constantFrom(...CARD_NETWORKS)
  .chain(([prefix, length]) => digits(length - prefix.length - 1).map((rest) => prefix + rest));
const cardFormat = (n: string, sep: string) =>
  sep === '' ? n : n.length === 15 ? [n.slice(0, 4), n.slice(4, 10), n.slice(10)].join(sep) : n.replace(/(\d{4})(?=\d)/g, `$1${sep}`);
export const card = fc
  .tuple(cardBody, fc.constantFrom('', ' ', '-', '.'))
  .map(([body, sep]) => written(cardFormat(body + luhnDigit(body), sep)));
/** 16-digit card shapes failing Luhn (shorter ones, separated, would be phone-shaped). */
export const cardWrongCheck = fc
  .tuple(cardBody.filter((b) => b.length === 15), fc.integer({ min: 1, max: 9 }), fc.constantFrom('', ' ', '-', '.'))
  .map(([body, delta, sep]) => written(cardFormat(body + ((luhnDigit(body) + delta) % 10), sep)));

// --- Tokens ---
const b64url = (s: string) => Buffer.from(s).toString('base64url');
const base64url = (min: number, max: number) => fc.stringMatching(new RegExp(`^[A-Za-z0-9_-]{${min},${max}}$`));
export const jwt = fc
  .tuple(
    fc.constantFrom('HS256', 'RS256', 'ES256'),
    fc.record({ sub: fc.stringMatching(/^[a-z0-9]{1,12}$/), email: fc.constantFrom('jan@firma.cz', 'x@y.test'), exp: fc.integer({ min: 1.7e9, max: 1.9e9 }) }),
    base64url(16, 86),
  )
  .map(([alg, claims, sig]) => written(`${b64url(JSON.stringify({ alg, typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}.${sig}`));
/** Apereo CAS service tickets: ST-<n>-<random>-<host>. */
export const casTicket = fc
  .tuple(fc.constantFrom('ST', 'PT'), fc.integer({ min: 1, max: 99999 }), fc.stringMatching(/^[A-Za-z0-9]{20,32}$/), fc.constantFrom('cas01', 'cas.example.org', 'ip-10-0-0-12'))
  .filter(([, , r]) => /\d/.test(r) && /[a-z]/i.test(r))
  .map(([p, n, r, host]) => written(`${p}-${n}-${r}-${host}`));
export const email = fc
  .tuple(fc.stringMatching(/^[a-z][a-z0-9._+-]{0,20}[a-z0-9]$/), fc.constantFrom('seznam.cz', 'gmail.com', 'yandex.ru', 'qq.com', 'firma.co.uk', 'example.com'))
  .filter(([local]) => !/\.\./.test(local))
  .map(([local, domain]) => ({ value: `${local}@${domain}`, compact: `${local}@${domain}` }));

// --- Czech/Slovak domestic account numbers: mod 11 with the banks' weights ---
const ACCOUNT_WEIGHTS = [6, 3, 7, 9, 10, 5, 8, 4, 2, 1];
/** The domestic account check, for filtering near misses that happen to be accounts. */
export const accountMod11 = (d: string) => [...d].reverse().reduce((sum, c, i) => sum + Number(c) * ACCOUNT_WEIGHTS[9 - i]!, 0) % 11 === 0 && /[1-9]/.test(d);
const bankCode = fc.constantFrom('0100', '0300', '0800', '2010', '5500', '0600', '6100', '0900', '1100');
export const czAccount = fc
  .tuple(fc.option(fc.stringMatching(/^[1-9]\d{1,5}$/).filter(accountMod11), { nil: undefined }), fc.stringMatching(/^[1-9]\d{5,9}$/).filter(accountMod11), bankCode)
  .map(([prefix, number, bank]) => written(`${prefix ? prefix + '-' : ''}${number}/${bank}`));
/** 7-9 digit numbers failing mod 11 (10 digits might be birth numbers, 6 a birth date). */
export const czAccountWrongCheck = fc
  .tuple(fc.stringMatching(/^[1-9]\d{6,8}$/).filter((n) => !accountMod11(n)), bankCode)
  .map(([number, bank]) => written(`${number}/${bank}`));
