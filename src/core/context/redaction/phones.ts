/**
 * Phone numbers: `+` and 7-15 digits, or 9-15 digits in at least two groups separated by space,
 * dash, dot or parentheses, the first of at most 5 digits (a trunk or area code). Not phones: bare
 * digit runs (ids, timestamps), a long first group (`48515322-0012`: an order number), IPv4
 * addresses, one decimal point (`3.14159265358`), a date before a time (`2024-01-15 10:20`:
 * followed by `:digit`), ISBNs (`978-80-7407-512-3`: 978/979 and a valid check digit).
 * `run` as written, `digits` its digits only, `after` the two characters that follow it.
 */
export function isPhoneNumber(run: string, digits: string, after: string): boolean {
  const n = digits.length;
  return run[0] === '+'
    ? n >= 7 && n <= 15
    : n >= 9 &&
        n <= 15 &&
        /^\(?\d{1,5}\D/.test(run) &&
        !/^\d+\.\d+$/.test(run) &&
        !/^\d{1,3}(?:\.\d{1,3}){3}$/.test(run) &&
        !/^:\d/.test(after) &&
        !isIsbn(digits);
}

/** ISBN-13: 978 or 979, and digits weighted 1, 3, 1, 3... summing to a multiple of 10. */
function isIsbn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += (digits.charCodeAt(i) - 48) * (i % 2 ? 3 : 1);
  return digits.length === 13 && /^97[89]/.test(digits) && sum % 10 === 0;
}
