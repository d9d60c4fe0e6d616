import { describe, expect, it } from 'vitest';
import { luhnValid } from '../../../src/core/context/redaction/cards';
import { createRedactor, NESTED_URL_MAX_DEPTH, REDACTED, type RedactorOptions } from '../../../src/core/context/redaction/redactor';
import { valueChecks } from '../../../src/core/context/redaction/values';

/** The redactor once the value checks are loaded (what every snapshot uses). */
function full(options?: RedactorOptions) {
  const redactor = createRedactor(options);
  redactor.useValues(valueChecks);
  return redactor;
}
const r = full();

describe('luhnValid', () => {
  it('accepts valid card numbers and rejects a one-digit change', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('5555555555554444')).toBe(true);
    expect(luhnValid('378282246310005')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('1234567812345678')).toBe(false);
  });

  it('rejects anything that is not only digits', () => {
    expect(luhnValid('')).toBe(false);
    expect(luhnValid('4111 1111 1111 1111')).toBe(false);
    expect(luhnValid('41111111111111x1')).toBe(false);
  });
});

describe('text: e-mails', () => {
  it('replaces e-mails in titles', () => {
    expect(r.text('Welcome back, jane.doe+shop@example.co.uk!')).toBe('Welcome back, [email]!');
  });

  it('replaces a %40-encoded e-mail in text', () => {
    expect(r.text('GET /u/jane%40example.com failed')).toBe('GET /u/[email] failed');
  });
});

describe('text: card numbers', () => {
  it('replaces Luhn-valid numbers, spaced, dashed, bare, and Amex', () => {
    expect(r.text('Card 4111 1111 1111 1111 declined')).toBe('Card [card] declined');
    expect(r.text('Card 4111-1111-1111-1111 declined')).toBe('Card [card] declined');
    expect(r.text('paid with 4111111111111111')).toBe('paid with [card]');
    expect(r.text('Amex 378282246310005')).toBe('Amex [card]');
  });

  it('keeps 16-digit numbers that fail Luhn (order numbers)', () => {
    expect(r.text('Order 4111111111111112')).toBe('Order 4111111111111112');
    expect(r.text('Order 1234 5678 9012 3456')).toBe('Order 1234 5678 9012 3456');
  });

  it('keeps millisecond timestamps (start with 1) even when they pass Luhn', () => {
    // 1705312345674 passes Luhn but no card network starts with 1.
    expect(luhnValid('1705312345674')).toBe(true);
    expect(r.text('at 1705312345674')).toBe('at 1705312345674');
  });

  it('keeps the parenthesis around a card number', () => {
    expect(r.text('(4111 1111 1111 1111)')).toBe('([card])');
  });
});

describe('text: phones', () => {
  it('replaces international and national formats', () => {
    expect(r.text('Call us at +44 20 7946 0958')).toBe('Call us at [phone]');
    expect(r.text('Call (555) 123-4567 today')).toBe('Call [phone] today');
    expect(r.text('555-123-4567 or 555.123.4567')).toBe('[phone] or [phone]');
    expect(r.text('London: 020 7946 0958.')).toBe('London: [phone].');
    expect(r.text('+1 (555) 123-4567')).toBe('[phone]');
    expect(r.text('+44 (0)20 7946 0958')).toBe('[phone]');
    expect(r.text('tel:+15551234567')).toBe('tel:[phone]');
  });

  it('does not treat ids, timestamps, dates, IPs, versions or decimals as phones', () => {
    const keep = [
      'Order 12345678',
      'sku=100234567',
      'ts 1705312345',
      'on 2024-01-15',
      'on 2024-01-15 10:20:30',
      'on 15.01.2024 10:20',
      'from 192.168.100.200',
      'version 1.2.3',
      'pi 3.14159265358',
      'SKU12-345-6789',
      'local 555-1234',
    ];
    for (const s of keep) expect(r.text(s)).toBe(s);
  });
});

describe('text: misc', () => {
  it('scrubs everything in one error message and is idempotent', () => {
    const once = r.text('Failed for jane@example.com (+33 1 23 45 67 89) card 5555 5555 5555 4444');
    expect(once).toBe('Failed for [email] ([phone]) card [card]');
    expect(r.text(once)).toBe(once);
  });

  it('returns empty string for empty or non-string input', () => {
    expect(r.text('')).toBe('');
    expect(r.text(undefined as unknown as string)).toBe('');
  });
});

describe('url: query parameters', () => {
  it('leaves a URL with nothing to redact byte-identical', () => {
    const href = 'https://shop.test/p/shoe?utm_source=news&utm_medium=email&gclid=Cj0&q=red+shoes&x=a%20b&page=2&sort=price#reviews';
    expect(r.url(href)).toBe(href);
  });

  it('redacts the built-in names, keeping the name', () => {
    expect(r.url('https://shop.test/login?token=abc&password=hunter2&sid=9&code=xyz&otp=123456')).toBe(
      'https://shop.test/login?token=[redacted]&password=[redacted]&sid=[redacted]&code=[redacted]&otp=[redacted]',
    );
  });

  it('matches prefixed, suffixed, camelCase and glued forms', () => {
    expect(
      r.url(
        'https://shop.test/r?reset_token=a&access_token=b&x-api-key=c&sessionid=d&user_password=e&accessToken=f&PHPSESSID=g&apiKey=h&e-mail=i&telephone=j&cc_number=k',
      ),
    ).toBe(
      'https://shop.test/r?reset_token=[redacted]&access_token=[redacted]&x-api-key=[redacted]&sessionid=[redacted]&user_password=[redacted]&accessToken=[redacted]&PHPSESSID=[redacted]&apiKey=[redacted]&e-mail=[redacted]&telephone=[redacted]&cc_number=[redacted]',
    );
  });

  it('is case-insensitive on names', () => {
    expect(r.url('https://shop.test/?TOKEN=a&Email=b&API_KEY=c')).toBe(
      'https://shop.test/?TOKEN=[redacted]&Email=[redacted]&API_KEY=[redacted]',
    );
  });

  it('does not redact look-alike names', () => {
    const href =
      'https://shop.test/s?passenger=2&keyword=boots&monkey=1&codec=h264&sidebar=open&passport_country=fr&session_count=3&card_type=visa&keys=2';
    expect(r.url(href)).toBe(href);
  });

  it('keeps empty and value-less sensitive params as they are', () => {
    expect(r.url('https://shop.test/?token=&password')).toBe('https://shop.test/?token=&password');
  });

  it('text-scrubs the decoded value of other params and re-encodes it', () => {
    expect(r.url('https://shop.test/s?q=jane%40example.com&ref=x')).toBe('https://shop.test/s?q=[email]&ref=x');
    expect(r.url('https://shop.test/s?q=call+me+at+555-123-4567')).toBe('https://shop.test/s?q=call+me+at+[phone]');
    expect(r.url('https://shop.test/s?note=4111%201111%201111%201111')).toBe('https://shop.test/s?note=[card]');
  });

  it('redacts a URL nested in a param value', () => {
    expect(r.url('https://shop.test/next?to=https%3A%2F%2Fa.test%2Fcb%3Ftoken%3Dabc')).toBe(
      'https://shop.test/next?to=https%3A%2F%2Fa.test%2Fcb%3Ftoken%3D[redacted]',
    );
  });
});

describe('allowParams / denyParams', () => {
  it('allowParams skips the name rule but still scrubs text', () => {
    const a = full({ allowParams: ['Code', 'email'] });
    expect(a.url('https://shop.test/?code=SUMMER24&email=jane%40example.com&token=t')).toBe(
      'https://shop.test/?code=SUMMER24&email=[email]&token=[redacted]',
    );
  });

  it('denyParams always redacts, case- and separator-insensitively, and wins over allow', () => {
    const d = full({ denyParams: ['order-ref', 'q'], allowParams: ['q'] });
    expect(d.url('https://shop.test/?ORDER_REF=A1&q=boots&utm_source=x')).toBe(
      'https://shop.test/?ORDER_REF=[redacted]&q=[redacted]&utm_source=x',
    );
  });

  it('ignores non-array options', () => {
    const o = full({ allowParams: 'token' as unknown as string[] });
    expect(o.url('https://shop.test/?token=a')).toBe('https://shop.test/?token=[redacted]');
  });
});

describe('url: path and hash', () => {
  it('redacts encoded and double-encoded e-mails in path segments, readable', () => {
    expect(r.url('https://shop.test/users/jane%40example.com/orders/12345678')).toBe(
      'https://shop.test/users/[email]/orders/12345678',
    );
    expect(r.url('https://shop.test/u/jane%2540example.com')).toBe('https://shop.test/u/[email]');
    expect(r.url('https://shop.test/u/jane@example.com/')).toBe('https://shop.test/u/[email]/');
  });

  it('redacts phones and cards in path segments but keeps ids and dates', () => {
    expect(r.url('https://shop.test/call/%2B44%2020%207946%200958')).toBe('https://shop.test/call/[phone]');
    expect(r.url('https://shop.test/orders/12345678/2024-01-15')).toBe('https://shop.test/orders/12345678/2024-01-15');
  });

  it('treats an OAuth implicit-flow hash as params', () => {
    expect(r.url('https://shop.test/cb#access_token=abc.def&token_type=bearer&expires_in=3600&state=xyz')).toBe(
      'https://shop.test/cb#access_token=[redacted]&token_type=bearer&expires_in=3600&state=xyz',
    );
  });

  it('treats a hash route as path and query', () => {
    expect(r.url('https://shop.test/#/reset/jane%40example.com?token=abc&step=2')).toBe(
      'https://shop.test/#/reset/[email]?token=[redacted]&step=2',
    );
  });

  it('scrubs a plain hash as text', () => {
    expect(r.url('https://shop.test/contact#jane@example.com')).toBe('https://shop.test/contact#[email]');
    expect(r.url('https://shop.test/docs#section-2')).toBe('https://shop.test/docs#section-2');
  });

  it('drops credentials from the authority', () => {
    expect(r.url('https://jane:hunter2@shop.test/x?a=1')).toBe('https://shop.test/x?a=1');
  });
});

describe('url: odd input never throws', () => {
  it('keeps malformed percent-encoding as it is', () => {
    expect(r.url('https://shop.test/%E0%A4%A?q=%E0%A4%A&token=%ZZ')).toBe(
      'https://shop.test/%E0%A4%A?q=%E0%A4%A&token=[redacted]',
    );
  });

  it('still scrubs around malformed percent-encoding', () => {
    expect(r.url('https://shop.test/s?q=%E0%A4%A+jane%40example.com')).toBe('https://shop.test/s?q=%25E0%25A4%25A+[email]');
  });

  it('reduces non-http schemes to the scheme', () => {
    expect(r.url('javascript:alert(document.cookie)')).toBe('javascript:' + REDACTED);
    expect(r.url('  JavaScript:alert(1)')).toBe('javascript:[redacted]');
    expect(r.url('java\tscript:alert(1)')).toBe('javascript:[redacted]');
    expect(r.url('data:text/html,<b>jane@example.com</b>')).toBe('data:[redacted]');
    expect(r.url('mailto:jane@example.com')).toBe('mailto:[redacted]');
  });

  it('falls back to text() for input that is not a URL', () => {
    expect(r.url('')).toBe('');
    expect(r.url('Error: no account for jane@example.com')).toBe('Error: no account for [email]');
    expect(r.url(null as unknown as string)).toBe('');
  });

  it('redacts a lone surrogate it cannot re-encode instead of throwing', () => {
    expect(r.url('https://shop.test/\uD800jane@example.com')).toBe('https://shop.test/[redacted]');
  });
});

describe('path', () => {
  it('drops the origin of absolute URLs', () => {
    expect(r.path('https://shop.test/p/shoe?utm_source=x&token=t#top')).toBe('/p/shoe?utm_source=x&token=[redacted]#top');
    expect(r.path('https://shop.test')).toBe('/');
    expect(r.path('https://shop.test?sid=1')).toBe('/?sid=[redacted]');
  });

  it('redacts relative paths as given', () => {
    expect(r.path('/account/jane%40example.com?password=x')).toBe('/account/[email]?password=[redacted]');
    expect(r.path('p/shoe?q=red%20shoes')).toBe('p/shoe?q=red%20shoes');
    expect(r.path('?token=1')).toBe('?token=[redacted]');
    expect(r.path('//cdn.shop.test/a?key=1')).toBe('/a?key=[redacted]');
  });

  it('handles empty and non-http input', () => {
    expect(r.path('')).toBe('');
    expect(r.path('data:image/png;base64,AAAA')).toBe('data:[redacted]');
  });
});

describe('nested URLs (redirect, next, return, returnUrl, continue...)', () => {
  it('redacts a relative target, encoded once or twice, and re-encodes it', () => {
    expect(r.url('https://shop.test/login?returnUrl=%2Faccount%2Freset%3Ftoken%3Dabc123%26step%3D2')).toBe(
      'https://shop.test/login?returnUrl=%2Faccount%2Freset%3Ftoken%3D[redacted]%26step%3D2',
    );
    expect(r.url('https://sso.test/login?continue=https%253A%252F%252Fshop.test%252Fcb%253Fpw%253Dhunter2')).toBe(
      'https://sso.test/login?continue=https%253A%252F%252Fshop.test%252Fcb%253Fpw%253D[redacted]',
    );
    expect(r.url('https://shop.test/login?next=/account?pwd=hunter2')).toBe('https://shop.test/login?next=%2Faccount%3Fpwd%3D[redacted]');
  });

  it('leaves a harmless target byte-identical', () => {
    const href = 'https://shop.test/login?redirect=https%3A%2F%2Fshop.test%2Fcart%3Fstep%3D2&next=%2Forders%2F12345678';
    expect(r.url(href)).toBe(href);
  });

  it('drops credentials of a nested URL and of a URL in text', () => {
    expect(r.url('https://shop.test/go?u=https%3A%2F%2Fjan%3Aheslo%40ftp.test%2Fx')).toBe('https://shop.test/go?u=https%3A%2F%2Fftp.test%2Fx');
    expect(r.text('fetch https://jan:heslo@api.test/v1 failed')).toBe('fetch https://api.test/v1 failed');
  });

  it('redacts whole a target nested deeper than NESTED_URL_MAX_DEPTH', () => {
    let target = '/end?q=1';
    for (let i = 0; i <= NESTED_URL_MAX_DEPTH; i++) target = `/hop${i}?next=${encodeURIComponent(target)}`;
    const out = r.url(`https://shop.test${target}`);
    expect(out).toContain(REDACTED);
    expect(out).not.toContain('end'); // the innermost target, however many times encoded, is gone
    // One level less is followed to the end, and left as it was.
    let shallow = '/end?q=1';
    for (let i = 0; i < NESTED_URL_MAX_DEPTH; i++) shallow = `/hop${i}?next=${encodeURIComponent(shallow)}`;
    expect(r.url(`https://shop.test${shallow}`)).toBe(`https://shop.test${shallow}`);
  });
});

describe('tokens in paths, tickets, JWTs', () => {
  it('redacts a token-like segment after one announcing a secret, and nothing else', () => {
    expect(r.url('https://app.test/reset/MjM/5h3-8a1b2c3d4e5f6a7b8c9d/')).toBe('https://app.test/reset/MjM/[redacted]/');
    expect(r.url('https://app.test/email/verify/42/7585d7a1cda984ee06551961ca7fd457f8468cfc?expires=1')).toBe('https://app.test/email/verify/42/[redacted]?expires=1');
    const kept = ['https://app.test/order/confirm/ORD-2024-000123456', 'https://app.test/p/lenovo-thinkpad-x1-carbon-d7654321', 'https://app.test/login/summer-sale-2024-collection'];
    for (const href of kept) expect(r.url(href)).toBe(href);
  });

  it('redacts JWTs in a path, a hash and a title, and CAS tickets but not look-alike SKUs', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2lnbmF0dXJl';
    expect(r.url(`https://app.test/share/${jwt}/view#t=${jwt}`)).toBe('https://app.test/share/[token]/view#t=[token]');
    expect(r.text(`Bearer ${jwt} refused`)).toBe('Bearer [token] refused');
    expect(r.url('https://is.test/studium?ticket=ST-12-J1fhM8qX9nYCAMNkn8Pt-cas01')).toBe('https://is.test/studium?ticket=[token]');
    expect(r.url('https://shop.test/p/ST-4400-BLK-XL-2024')).toBe('https://shop.test/p/ST-4400-BLK-XL-2024');
  });
});

describe('numbers that are not phones', () => {
  it('keeps order ids with a long first group or a letter prefix, and ISBNs', () => {
    const keep = ['order 48515322-0012', 'ORD-2024-000123456', 'INV-2024-11-000042', 'ISBN 978-80-7407-512-4'];
    for (const s of keep) expect(r.text(s)).toBe(s);
    expect(r.text('ISBN 978-80-7407-512-3')).toBe('ISBN [phone]'); // wrong check digit: phone-shaped
  });
});
