/**
 * The visitor's browser and operating system as an agent reads them ("Chrome 131", "macOS 14.5"),
 * from the User-Agent header of the request that brought their context. bowser (MIT, kept up to
 * date, ~8 KB gzip) does the parsing: it knows the browsers and systems a hand-written list forgets,
 * and it runs here on the server, never in the widget (issue 17). The names go into the stored
 * snapshot's `device.browser` / `device.os`, replacing whatever the browser sent there.
 */
import Bowser from 'bowser';
import { DEVICE_NAME_MAX_CHARS, type ContextSnapshot } from '../../protocol/context';

/** Major (and for systems, minor) versions only: "Chrome 131", not "131.0.6778.85". */
function named(name: string | undefined, version: string | undefined, parts: number): string | undefined {
  if (!name) return undefined;
  const v = version ? version.split('.').slice(0, parts).join('.') : '';
  return `${name}${v ? ` ${v}` : ''}`.slice(0, DEVICE_NAME_MAX_CHARS);
}

export function browserAndOs(userAgent: string | undefined): { browser?: string; os?: string } {
  const ua = (userAgent ?? '').slice(0, 512);
  if (!ua) return {};
  const parsed = Bowser.parse(ua);
  const browser = named(parsed.browser.name, parsed.browser.version, 1);
  // macOS browsers all say 10.15.7 since 2020, and Windows 11 says "NT 10.0": a version there would mislead.
  const osVersion = parsed.os.name === 'macOS' || parsed.os.name === 'Windows' ? undefined : parsed.os.version;
  const os = named(parsed.os.name, osVersion, 2);
  return { ...(browser ? { browser } : {}), ...(os ? { os } : {}) };
}

/** `snapshot` with the server's reading of `userAgent` in `device` (none: neither field). */
export function withUserAgent(snapshot: ContextSnapshot, userAgent: string | undefined): ContextSnapshot {
  const { browser: _b, os: _o, ...device } = snapshot.device;
  void _b;
  void _o;
  return { ...snapshot, device: { ...device, ...browserAndOs(userAgent) } };
}
