/**
 * Bearer secrets recognised by their shape wherever they sit:
 * - JWTs (and JWEs): base64url JSON, so always `eyJ`, then two to four more `.`-separated parts;
 * - CAS one-time tickets (`ST-`, `PT-`, `PGT-`, `TGT-`, as Apereo CAS issues them: a counter, 20
 *   random characters and a host, `ST-1-x8Yq…-cas01`): at least 20 characters after the prefix,
 *   letters and digits both (so an SKU like `ST-4400-BLK-XL-2024` stays).
 * A password-reset or magic-link token in a path segment is recognised by the segment before it
 * (./paramNames.ts); in a query parameter, by the parameter's name.
 */
export const JWT = /eyJ[\w-]+={0,2}(?:\.[\w-]*={0,2}){2,4}/g;

export const CAS_TICKET = /\b(?:ST|PT|PGT|TGT)-[\w.-]{20,}/g;

export function redactTokens(text: string): string {
  return text
    .replace(JWT, '[token]')
    .replace(CAS_TICKET, (t) => (/\d/.test(t.slice(3)) && /[a-z]/i.test(t.slice(3)) ? '[token]' : t));
}
