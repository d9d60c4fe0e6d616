/**
 * Payment card numbers: 13 to 19 digits, bare or in groups separated by single spaces, dashes or
 * dots, starting 2-6 (every major network: Mir 2, Amex 3, Visa 4, Mastercard 2/5, Maestro,
 * Discover and UnionPay 5/6; millisecond timestamps start with 1), passing the Luhn check.
 */

/** Luhn checksum over a string of digits. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = digits.length, double = false; i--; double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double && (d *= 2) > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
}

/** `run` as written, `digits` its digits only. */
export function isCardNumber(run: string, digits: string): boolean {
  const n = digits.length;
  return n >= 13 && n <= 19 && /^\d+(?:[ .-]\d+)*$/.test(run) && /^[2-6]/.test(digits) && luhnValid(digits);
}
