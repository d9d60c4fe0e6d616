import type { DeviceReader } from '../core/ports';

/**
 * The visitor's device from capabilities, not user-agent guessing. Web views are recognised by the
 * site's own `webView` option, by the JavaScript bridges native shells inject, or by the `wv` token
 * that Android documents for its WebView user agent. A chunk of its own, imported with the snapshot
 * builder: nothing of it runs before a snapshot is asked for.
 */
export const readDevice: DeviceReader = (webViewOption) => {
  const w = window as unknown as Record<string, unknown>;
  let hint: string | null = null;
  if (webViewOption !== undefined) hint = webViewOption ? 'option' : null;
  else if (w.ReactNativeWebView) hint = 'react-native';
  else if (w.flutter_inappwebview) hint = 'flutter';
  else if ((w.webkit as { messageHandlers?: unknown } | undefined)?.messageHandlers) hint = 'wkwebview';
  else if (/; wv\)/.test(navigator.userAgent)) hint = 'android-wv';
  let timeZone = '';
  try {
    timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || '';
  } catch {
    // Old engines without time zone support: leave it empty.
  }
  return {
    viewport: { width: window.innerWidth, height: window.innerHeight },
    screen: { width: screen.width || 0, height: screen.height || 0 },
    pixelRatio: Math.round((window.devicePixelRatio || 1) * 100) / 100,
    touch: navigator.maxTouchPoints > 0 || !!window.matchMedia?.('(pointer: coarse)').matches,
    language: (navigator.language || '').slice(0, 35),
    languages: (navigator.languages || []).slice(0, 10).map((l) => l.slice(0, 35)),
    timeZone: timeZone.slice(0, 64),
    online: navigator.onLine !== false,
    webView: hint !== null,
    webViewHint: hint,
  };
};
