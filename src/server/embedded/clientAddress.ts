/**
 * Who is asking: the client's address, for every per-address limit (new visitors, sockets, logins,
 * phone codes). By default it is the TCP peer's address, the one thing a client cannot choose.
 * Behind reverse proxies (a load balancer, nginx) every request comes from the proxy, so the real
 * client is read from X-Forwarded-For, but only when the server is told how many proxies to trust
 * (`trustProxy`, env BATON_TRUST_PROXY): otherwise anyone could write that header and pick a new
 * address per request.
 */
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/** At most this many proxies are trusted: more is a configuration mistake. */
export const TRUST_PROXY_MAX = 10;

export type ClientAddressOf = (req: IncomingMessage) => string;

/**
 * `trustProxy`: how many proxies in front of the server append the address they saw to
 * X-Forwarded-For (0: none, the socket's peer is the client). With n, the client is the n-th entry
 * from the right (each trusted proxy appended one); entries further left were written by the
 * client and are ignored. Too few entries (a request that skipped the proxy) falls back to the
 * leftmost valid one, never to a made-up address. `owner` names the caller in the error a bad value throws.
 */
export function clientAddressOf(trustProxy = 0, owner = 'createEmbeddedServer'): ClientAddressOf {
  if (!Number.isInteger(trustProxy) || trustProxy < 0 || trustProxy > TRUST_PROXY_MAX) {
    throw new TypeError(`${owner}: trustProxy must be a whole number from 0 to ${TRUST_PROXY_MAX} (the proxies in front of the server)`);
  }
  return (req) => {
    const peer = normalize(req.socket.remoteAddress ?? '') ?? 'unknown';
    if (trustProxy === 0) return peer;
    const header = req.headers['x-forwarded-for'];
    const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
      .split(',')
      .map((h) => normalize(h.trim()))
      .filter((h): h is string => h !== null);
    // The peer (the nearest proxy) counts as the first hop.
    const chain = [...hops, peer];
    return chain[Math.max(0, chain.length - 1 - trustProxy)]!;
  };
}

/**
 * The key per-address limits count under: an IPv4 address as is, an IPv6 address by its /64 (one
 * customer's network: an attacker holding a /64 must not get 2^64 fresh addresses).
 */
export function addressKey(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '').toLowerCase()).join(':')}::/64`;
}

/** A bare IP address (IPv4-mapped IPv6 as IPv4), or null for anything else. */
function normalize(value: string): string | null {
  const bare = value.replace(/^\[|\](:\d+)?$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  const ip = mapped ? mapped[1]! : bare;
  return isIP(ip) ? ip : null;
}
