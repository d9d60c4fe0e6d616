/**
 * E-mail addresses, also with `%40` for `@` (which covers double-encoded URLs after one decode).
 * The local part is capped at 64 (RFC 5321) so a long run without an address stays linear.
 */
export const EMAIL = /[\w.%+-]{1,64}(?:@|%40)(?:[\w-]{1,63}\.)+[a-z]{2,}/gi;

/** Credentials in a URL written in text (`https://jan:heslo@host`): dropped, the `//` kept. */
export const USERINFO = /\/\/[^\s/?#@:]+:[^\s/?#@]*@/g;
