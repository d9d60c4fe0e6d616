/**
 * "iPhone Safari", "Android Chrome", "Mac Firefox": what an agent reads when a conversation moves
 * between devices. From the User-Agent header, and only for that label: a family name of the
 * device and of the browser, nothing finer (no versions). Unknown parts read "a phone"/"a
 * computer" and "browser", so the label is never empty and never echoes the header.
 */

const DEVICES: [RegExp, string][] = [
  [/iPhone|iPod/, 'iPhone'],
  [/iPad/, 'iPad'],
  [/Android/, 'Android'],
  [/CrOS/, 'Chromebook'],
  [/Macintosh|Mac OS X/, 'Mac'],
  [/Windows/, 'Windows'],
  [/Linux/, 'Linux'],
];

// Order matters: Edge and Samsung Internet and Opera also say "Chrome", Chrome also says "Safari".
const BROWSERS: [RegExp, string][] = [
  [/EdgA?\/|EdgiOS\//, 'Edge'],
  [/SamsungBrowser\//, 'Samsung Internet'],
  [/OPR\/|OPiOS\//, 'Opera'],
  [/FxiOS\/|Firefox\//, 'Firefox'],
  [/CriOS\/|Chrome\//, 'Chrome'],
  [/Safari\//, 'Safari'],
];

export function deviceLabel(userAgent: string | undefined): string {
  const ua = (userAgent ?? '').slice(0, 512);
  const device = DEVICES.find(([re]) => re.test(ua))?.[1];
  // Android web views say "; wv)" and "Version/": name the app's view, not a browser.
  const browser = /; wv\)/.test(ua) ? 'app' : BROWSERS.find(([re]) => re.test(ua))?.[1];
  const mobile = /Mobi|Android|iPhone|iPad/.test(ua);
  return `${device ?? (mobile ? 'a phone' : 'a computer')} ${browser ?? 'browser'}`;
}
