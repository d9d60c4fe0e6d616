import { describe, expect, it } from 'vitest';
import { readCampaign } from '../../src/core/context/campaign';
import { readDevice } from '../../src/platform/device';
import { createRedactor } from '../../src/core/context/redaction/redactor';
import { valueChecks } from '../../src/core/context/redaction/values';

const redact = createRedactor();
redact.useValues(valueChecks);

describe('campaign', () => {
  it('keeps utm_* and click ids of the landing page, and nothing else', () => {
    const c = readCampaign('https://shop.test/?utm_source=newsletter&utm_medium=email&utm_campaign=winter_sale&gclid=abc123&color=red', 'https://mail.example/', redact, 5);
    expect(c).toEqual({
      params: { utm_source: 'newsletter', utm_medium: 'email', utm_campaign: 'winter_sale', gclid: 'abc123' },
      landingPath: '/?utm_source=newsletter&utm_medium=email&utm_campaign=winter_sale&gclid=abc123&color=red',
      referrer: 'https://mail.example/',
      at: 5,
    });
  });

  it('is null without campaign parameters, and scrubs personal data put in them', () => {
    expect(readCampaign('https://shop.test/p/1?q=shoes', '', redact, 1)).toBeNull();
    expect(readCampaign('https://shop.test/?utm_content=jane@example.com', '', redact, 1)?.params.utm_content).toBe('[email]');
    expect(readCampaign('not a url', '', redact, 1)).toBeNull();
  });
});

describe('device', () => {
  it('reports viewport, language, time zone and online state', () => {
    const d = readDevice(undefined);
    expect(d.viewport).toEqual({ width: window.innerWidth, height: window.innerHeight });
    expect(d.timeZone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(d.online).toBe(true);
    expect(d.webView).toBe(false);
  });

  it('recognises web views from the site option and from native bridges, not from guessing', () => {
    expect(readDevice(true)).toMatchObject({ webView: true, webViewHint: 'option' });
    (window as unknown as Record<string, unknown>).ReactNativeWebView = { postMessage() {} };
    expect(readDevice(undefined)).toMatchObject({ webView: true, webViewHint: 'react-native' });
    expect(readDevice(false)).toMatchObject({ webView: false, webViewHint: null });
    delete (window as unknown as Record<string, unknown>).ReactNativeWebView;
  });
});
