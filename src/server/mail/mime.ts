/**
 * One e-mail as an RFC 5322 / MIME message (the local outbox's `.eml` files): multipart/alternative
 * with the plain text first and the simple HTML second, both UTF-8 in quoted-printable (readable
 * in a text editor, 7-bit safe). Header values never carry a line break (no header injection):
 * non-ASCII text goes as RFC 2047 encoded words, and a CR or LF in an address is refused.
 */
import { randomBytes } from 'node:crypto';

export interface MimeInput {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** ms since the epoch: the Date header. */
  date: number;
  /** `<id@host>` */
  messageId: string;
}

/** The Message-ID for an e-mail from `from`'s domain (or `baton.invalid`). */
export function newMessageId(from: string): string {
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'baton.invalid';
  return `<${randomBytes(12).toString('hex')}@${domain}>`;
}

export function buildMime(m: MimeInput): string {
  for (const [name, value] of [['From', m.from], ['To', m.to], ['Message-ID', m.messageId]] as const) {
    if (/[\r\n]/.test(value)) throw new Error(`${name} must be one line`);
  }
  const boundary = `baton-${randomBytes(12).toString('hex')}`;
  const lines = [
    `From: ${encodeAddress(m.from)}`,
    `To: ${m.to}`,
    `Subject: ${encodeWords(m.subject)}`,
    `Date: ${new Date(m.date).toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: ${m.messageId}`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    quotedPrintable(m.text),
    `--${boundary}`,
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    quotedPrintable(m.html),
    `--${boundary}--`,
    '',
  ];
  return lines.join('\r\n');
}

/** `Name <a@b>` with a non-ASCII name as encoded words; a bare address as is. */
function encodeAddress(value: string): string {
  const m = /^\s*(.*?)\s*<([^<>\s]+)>\s*$/.exec(value);
  if (!m || !m[1]) return value.trim();
  const name = m[1].replace(/^"|"$/g, '');
  return /^[\x20-\x7e]*$/.test(name) ? `"${name.replace(/["\\]/g, '\\$&')}" <${m[2]}>` : `${encodeWords(name)} <${m[2]}>`;
}

/** RFC 2047 "B" encoded words (at most 75 characters each) when the text is not plain printable ASCII. */
export function encodeWords(text: string): string {
  const flat = text.replace(/[\r\n\t]+/g, ' ');
  if (/^[\x20-\x7e]*$/.test(flat) && flat.length <= 900) return flat;
  const words: string[] = [];
  let chunk = '';
  // 45 bytes of UTF-8 make 60 base64 characters: `=?UTF-8?B?` + 60 + `?=` = 72, under 75.
  for (const ch of flat) {
    if (Buffer.byteLength(chunk + ch) > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join('\r\n ');
}

/** Quoted-printable (RFC 2045 6.7) of UTF-8 text: lines end in CRLF, none longer than 76 characters. */
export function quotedPrintable(text: string): string {
  const out: string[] = [];
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const bytes = Buffer.from(line, 'utf8');
    let encoded = '';
    let width = 0;
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!;
      const last = i === bytes.length - 1;
      const plain = (b >= 33 && b <= 126 && b !== 61) || ((b === 32 || b === 9) && !last);
      const piece = plain ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
      // A soft line break (`=` at the end) keeps every line within 76 characters.
      if (width + piece.length > 75) {
        encoded += '=\r\n';
        width = 0;
      }
      encoded += piece;
      width += piece.length;
    }
    out.push(encoded);
  }
  return out.join('\r\n');
}
