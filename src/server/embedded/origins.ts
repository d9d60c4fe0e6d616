/**
 * The Origin allow-list: every WebSocket upgrade and every POST must come from a page the server
 * trusts. Browsers always send Origin on both, and a page cannot fake it, so this stops other sites
 * from driving a visitor's or an agent's session (cross-site WebSocket hijacking, CSRF).
 * A missing Origin is refused too: non-browser clients can set it explicitly.
 */

/** `http://127.0.0.1:PORT` and `http://localhost:PORT`, plus the bound host when it is a specific one. */
export function defaultAllowedOrigins(host: string, port: number): string[] {
  const origins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
  const wildcard = host === '0.0.0.0' || host === '::' || host === '';
  if (!wildcard) {
    const own = normalizeOrigin(`http://${host.includes(':') ? `[${host}]` : host}:${port}`);
    if (own && !origins.includes(own)) origins.push(own);
  }
  return origins;
}

/** The canonical form of an origin (`scheme://host[:port]`, lower case, default port dropped), or null. */
export function normalizeOrigin(origin: string): string | null {
  try {
    const url = new URL(origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

export class OriginPolicy {
  private readonly allowed: Set<string>;

  constructor(origins: readonly string[]) {
    this.allowed = new Set();
    for (const origin of origins) {
      const normal = normalizeOrigin(origin.trim());
      if (!normal) throw new Error(`allowedOrigins: "${origin}" is not an http(s) origin such as https://shop.example`);
      this.allowed.add(normal);
    }
  }

  /** True when the header names an allowed origin; false when it is missing, "null" or foreign. */
  allows(header: string | string[] | undefined): boolean {
    if (typeof header !== 'string' || header === '' || header === 'null') return false;
    const normal = normalizeOrigin(header);
    return normal !== null && this.allowed.has(normal);
  }

  list(): string[] {
    return [...this.allowed];
  }
}
