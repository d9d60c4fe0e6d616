/**
 * Czech and Slovak domestic bank account numbers, `[prefix-]number/bank` (`19-2000145399/0800`,
 * `2000145399/0800`): the prefix (up to 6 digits) and the number (2 to 10) each pass the banks'
 * mod 11 check (weights 10 5 8 4 2 1 and 6 3 7 9 10 5 8 4 2 1, right-aligned), the bank code has 4
 * digits. Without a prefix the number needs at least 6 digits, so `2024/1103` stays.
 */
const WEIGHTS = [6, 3, 7, 9, 10, 5, 8, 4, 2, 1];

function mod11(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += (digits.charCodeAt(digits.length - 1 - i) - 48) * WEIGHTS[9 - i]!;
  return sum % 11 === 0 && /[1-9]/.test(digits);
}

export function isCzAccount(prefix: string | undefined, number: string): boolean {
  return (prefix ? mod11(prefix) : number.length >= 6) && mod11(number);
}

/** The character before (no lookbehind: Safari before 16.4), the prefix, the number, the bank code. */
export const CZ_ACCOUNT = /(^|[^\w/-])(?:(\d{1,6})-)?(\d{2,10})\/(\d{4})(?![\w/])/g;
