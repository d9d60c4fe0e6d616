/**
 * IBANs (ISO 13616): a country code, two check digits and the country's fixed-length account
 * number, written bare or in groups separated by spaces or dashes; recognised only at the length of
 * its country and when the whole number is 1 mod 97, so an SKU that starts with two letters and two
 * digits stays.
 */

/** Country code and IBAN length, from SWIFT's IBAN registry (2024). */
const LENGTHS = new Map(
  'AD24AE23AL28AT20AZ28BA20BE16BG22BH22BI27BR29BY28CH21CR22CY28CZ24DE22DJ27DK18DO28EE20EG29ES24FI18FK18FO18FR27GB22GE22GI23GL18GR27GT28HR21HU28IE22IL23IQ23IS26IT27JO30KW30KZ20LB28LC32LI21LT20LU20LV21LY25MC27MD24ME22MK19MN20MR27MT31MU30NI28NL18NO15OM23PK24PL28PS29PT25QA29RO24RS22RU33SA24SC31SD18SE24SI19SK24SM27SO23ST25SV28TL23TN24TR26UA29VA22VG24XK20YE30'
    .match(/\D\D\d\d/g)!
    .map((x) => [x.slice(0, 2), +x.slice(2)] as const),
);

/** ISO 7064 MOD 97-10 over a compact, uppercase IBAN. */
export function ibanValid(iban: string): boolean {
  if (LENGTHS.get(iban.slice(0, 2)) !== iban.length || !/^[A-Z]{2}\d\d[A-Z\d]+$/.test(iban)) return false;
  let r = 0;
  for (const c of iban.slice(4) + iban.slice(0, 4)) {
    const v = parseInt(c, 36);
    r = (r * (v > 9 ? 100 : 10) + v) % 97;
  }
  return r === 1;
}

const ALNUM = /[a-z\d]/i;

/** Replaces every IBAN in `text` with `[iban]`. */
export function redactIbans(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(/\b([a-z]{2})\d\d/gi)) {
    const start = m.index!;
    const length = LENGTHS.get(m[1]!.toUpperCase());
    if (start < last || !length) continue;
    // Read the country's length in letters and digits, allowing one space or dash between them.
    let i = start;
    let compact = '';
    while (compact.length < length && i < text.length) {
      const c = text[i]!;
      if (ALNUM.test(c)) compact += c;
      else if (!(/[ -]/.test(c) && ALNUM.test(text[i + 1] ?? ''))) break;
      i++;
    }
    if (ALNUM.test(text[i] ?? '') || !ibanValid(compact.toUpperCase())) continue;
    out += text.slice(last, start) + '[iban]';
    last = i;
  }
  return out + text.slice(last);
}
