/**
 * National identifiers of the markets Baton serves, recognised by their structure and, where they
 * have one, their check digit, so that order numbers of the same length survive:
 * - China's resident identity card number (GB 11643-1999): 18 characters, a region code starting
 *   1-8, a birth date 19xx/20xx, a sequence, and an ISO 7064 MOD 11-2 check character (0-9 or X).
 *   The 15-digit cards of before 1999 have no check digit and are not recognised.
 * - Czech and Slovak birth numbers (rodné číslo / rodné číslo): YYMMDD + 3 or 4 digits, month +50
 *   for women and +20 from 2004 on; 10-digit ones are divisible by 11 (or, issued before 1985,
 *   their first 9 digits leave 10 and the last is 0). 9-digit ones (born before 1954) have no check
 *   digit: recognised only when written with the slash. Written bare, 10-digit numbers starting
 *   with 1 are left: Unix timestamps in seconds (2001-2033) are such numbers, and about one in 67
 *   of them would pass; the birth numbers lost are those of 1910-1919 and 2010-2019 written bare.
 * - Russian SNILS: 11 digits, usually `XXX-XXX-XXX YY`, whose last two are a checksum of the first
 *   nine (numbers up to 001-001-998 were never issued with one and are not recognised).
 * - US Social Security numbers: no checksum, so only in their written form `AAA-GG-SSSS` (dashes or
 *   spaces) and within the SSA's rules (area not 000, 666 or 900-999, group not 00, serial not 0000).
 *   Bare 9-digit runs are too often order numbers; a parameter named `ssn` is redacted by name.
 * - UK National Insurance numbers: two prefix letters within HMRC's rules, six digits, a suffix A-D,
 *   optionally spaced (`AB 12 34 56 C`).
 */

export function isChinaResidentId(id: string): boolean {
  if (!/^[1-8]\d{5}(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dX]$/i.test(id)) return false;
  let sum = 0;
  // Weights 2^(17-i) mod 11; the check character is the one that makes the whole sum 1 mod 11.
  for (let i = 0; i < 17; i++) sum += (id.charCodeAt(i) - 48) * (2 ** (17 - i) % 11);
  return '10X98765432'[sum % 11] === id[17]!.toUpperCase();
}

/** `digits`: 9 or 10 digits; `slashed`: written `YYMMDD/XXXX`. */
export function isBirthNumber(digits: string, slashed: boolean): boolean {
  if (!/^\d{9,10}$/.test(digits)) return false;
  let month = +digits.slice(2, 4) % 50;
  if (month > 20) month -= 20;
  const day = +digits.slice(4, 6);
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  if (digits.length === 9) return slashed && +digits.slice(0, 2) < 54;
  if (!slashed && digits[0] === '1') return false;
  return +digits % 11 === 0 || (+digits.slice(0, 9) % 11 === 10 && digits[9] === '0');
}

/** `digits`: the 11 digits of a SNILS, separators removed. */
export function isSnils(digits: string): boolean {
  if (!/^\d{11}$/.test(digits) || +digits.slice(0, 9) <= 1001998) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (digits.charCodeAt(i) - 48) * (9 - i);
  // Below 100 the sum is the checksum; 100 and 101 give 00; above, the sum mod 101 (100 again 00).
  return (sum % 101) % 100 === +digits.slice(9);
}

/** A US SSN as written: `AAA-GG-SSSS` or `AAA GG SSSS`. */
export function isSsn(run: string): boolean {
  const m = /^(\d{3})([ -])(\d\d)\2(\d{4})$/.exec(run);
  return !!m && m[1] !== '000' && m[1] !== '666' && m[1]! < '900' && m[3] !== '00' && m[4] !== '0000';
}

/**
 * UK National Insurance numbers. First letter not D F I Q U V, second not D F I O Q U V, and never
 * the prefixes BG GB KN NK NT TN ZZ (HMRC's NIM39110). `QQ 12 34 56 C`, the usual example, is not one.
 */
export const NINO = /\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d\d ?\d\d ?\d\d ?[A-D]\b/gi;
