/**
 * ContextSnapshot v1: the envelope the browser sends with a conversation and the agent reads.
 * Documented field by field in docs/context.md. The server validates every snapshot it receives
 * with `ContextSnapshotSchema` (./contextSchema.ts); the browser builds it in src/core/context.
 *
 * Only types, limits, schemas and the policies both sides follow live in this folder: it is what the
 * server shares with the browser code.
 * This file imports nothing (but a type), so the browser bundle carries the limits without the validator.
 */
import type { EntryContext } from './entry';

/** Serialized (JSON, UTF-8) snapshots never exceed this; the engine drops the oldest journey entries first. */
export const CONTEXT_MAX_BYTES = 8 * 1024;
/** Every time in a snapshot is before 2200-01-01 (a valid Date, unlike 1e16); see contextSchema.ts. */
export const TIMESTAMP_MAX_MS = 7_258_118_400_000;
/** Viewport and screen sizes in CSS pixels stay under this. */
export const PIXELS_MAX = 100_000;
/** The journey keeps the latest 50 entries, none older than 30 days. */
export const JOURNEY_MAX_ENTRIES = 50;
export const JOURNEY_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;
/** Friction signals kept (the most recent, each with a count). */
export const SIGNALS_MAX = 20;
/** Custom fields: at most 30 keys, keys of 1..40 characters, string values of at most 256 characters, 2 KB serialized. */
export const CUSTOM_MAX_KEYS = 30;
export const CUSTOM_MAX_KEY_LENGTH = 40;
export const CUSTOM_MAX_STRING = 256;
export const CUSTOM_MAX_BYTES = 2 * 1024;
/** URLs are cut to 1,000 characters and titles to 200 so one long page cannot crowd out the journey. */
export const URL_MAX_LENGTH = 1000;
export const TITLE_MAX_LENGTH = 200;
/** Error messages in friction signals are cut to 200 characters. */
export const SIGNAL_MESSAGE_MAX = 200;
/** Routing hints (the site's menu): at most 3 levels of labels of 1..40 characters. */
export const ROUTING_PATH_MAX = 3;
export const ROUTING_LABEL_MAX = 40;
/** A queue or skill name, as TaskRouter and the console filter on it. */
export const ROUTING_HINT_PATTERN = /^[A-Za-z0-9_.-]{1,40}$/;
/** Help articles the visitor read (the latest 10), titles cut to 120 characters: at most about 2.5 KB. */
export const SELF_SERVICE_MAX = 10;
export const SELF_SERVICE_TITLE_MAX = 120;
/** The site's labels for its custom fields (boot option `fieldLabels`): at most 30, 1..60 characters, only for keys the snapshot carries. */
export const FIELD_LABELS_MAX = CUSTOM_MAX_KEYS;
export const FIELD_LABEL_MAX_CHARS = 60;
/** Browser and operating system names set by Baton's server from the User-Agent header: at most 60 characters. */
export const DEVICE_NAME_MAX_CHARS = 60;

export type CustomValue = string | number | boolean;
export type Consent = 'granted' | 'pending' | 'denied';

export interface PageContext {
  /** Redacted absolute URL. */
  url: string;
  /** Redacted path + search, as shown in timelines. */
  path: string;
  title: string;
  /** Redacted document.referrer ('' when none). */
  referrer: string;
  /** document.documentElement.lang, or '' when the page does not say. */
  language: string;
  /** When this page (full load or SPA route) started, ms since the epoch. */
  startedAt: number;
  /** Time on this page (full load or SPA route) when the snapshot was taken. */
  timeOnPageMs: number;
}

export type IdentityField = 'id' | 'name' | 'email' | 'phone';

export interface IdentityContext {
  id?: string;
  name?: string;
  email?: string;
  phone?: string;
  custom: Record<string, CustomValue>;
  /**
   * Per field: verified by a server signature. The browser always sends false; only Baton's server,
   * after checking `proof`, may turn a field true.
   */
  verified: Record<IdentityField, boolean>;
  /** The site server's signature, passed through untouched for Baton's server to check. */
  proof?: { hmac?: string; jwt?: string };
}

export type JourneyKind = 'load' | 'reload' | 'back_forward' | 'route';

export interface JourneyEntry {
  /** Redacted path + search of the page or SPA route. */
  path: string;
  title: string;
  /** When the visitor arrived, ms since the epoch. */
  at: number;
  /** Time spent there; for the current entry, the time so far. */
  dwellMs: number;
  kind: JourneyKind;
}

export interface CampaignContext {
  /** utm_source, utm_medium, utm_campaign, utm_term, utm_content and click ids (gclid, fbclid, ...). */
  params: Record<string, string>;
  /** Redacted path + search of the landing page that carried them. */
  landingPath: string;
  /** Redacted referrer of that landing page. */
  referrer: string;
  at: number;
}

export interface DeviceContext {
  viewport: { width: number; height: number };
  screen: { width: number; height: number };
  pixelRatio: number;
  touch: boolean;
  language: string;
  languages: string[];
  timeZone: string;
  online: boolean;
  /** Running inside a native app's web view, as far as capabilities and documented hints tell. */
  webView: boolean;
  /** What told us: 'option' (the site said so), a bridge object seen, or the Android WebView `wv` token. */
  webViewHint: string | null;
  /**
   * "Chrome 131", "Safari 18.1": set by Baton's server from the User-Agent header of the visitor's
   * connection (a well-kept parser, bowser), never by the browser: what it sends here is dropped.
   */
  browser?: string;
  /** "macOS 14.5", "Android 15", "Windows 10", set the same way. */
  os?: string;
}

export type SignalType = 'rage_click' | 'error' | 'unhandled_rejection' | 'form_invalid';

export interface FrictionSignal {
  type: SignalType;
  /** rage_click: CSS-like description of the target; error: the message; form_invalid: form and field names. */
  detail: string;
  /** Redacted path where it happened (the latest occurrence). */
  path: string;
  /** First and latest occurrence, ms since the epoch. */
  firstAt: number;
  at: number;
  count: number;
}

export interface LocationContext {
  /** Rounded to 2 decimals (about 1 km): enough for the agent, not a street address. */
  latitude: number;
  longitude: number;
  accuracyM: number;
  at: number;
}

/** What the visitor picked in the site's menu (visual IVR): hints for routing, never identity. */
export interface RoutingContext {
  queue?: string;
  skill?: string;
  /** The labels picked, top level first, e.g. ['Billing', 'Invoices']. */
  path: string[];
}

/** A help article the visitor opened in the panel (boot option `articles`), and their answer. */
export interface SelfServiceArticle {
  /** The article's id (src/protocol/articles.ts: ARTICLE_ID_PATTERN). */
  id: string;
  title: string;
  /** "That helped": true; "I still need help": false; no answer: null. */
  helped: boolean | null;
  /** When the visitor opened it, or answered, ms since the epoch. */
  at: number;
}

/** What the visitor tried on their own before (or instead of) talking to someone. */
export interface SelfServiceContext {
  /** Oldest first, at most SELF_SERVICE_MAX (the oldest dropped). */
  articles: SelfServiceArticle[];
}

export interface ContextSnapshot {
  v: 1;
  /** When the snapshot was taken, ms since the epoch. */
  at: number;
  consent: Consent;
  page: PageContext;
  identity: IdentityContext | null;
  journey: JourneyEntry[];
  campaign: CampaignContext | null;
  device: DeviceContext;
  signals: FrictionSignal[];
  custom: Record<string, CustomValue>;
  location: LocationContext | null;
  /** How many journey entries (oldest first) were dropped to keep the snapshot within CONTEXT_MAX_BYTES. */
  trimmed: number;
  /** The visitor's choice in the site's menu (boot option `menu`), when there is one. */
  routing?: RoutingContext;
  /** The help articles the visitor read in the panel, when there are some. */
  selfService?: SelfServiceContext;
  /** The proactive rule whose message the visitor accepted to open the chat (boot option `proactive`). */
  trigger?: TriggerContext;
  /** How the visitor chose to be reached, the last time they used one of the panel's ways (issue 15). */
  preferences?: PreferencesContext;
  /** The QR code (or link) the visitor came in by: a product label, an invoice (./entry.ts, issue 19). */
  entry?: EntryContext;
  /**
   * The site's labels for its custom fields (identity custom and custom alike), from the boot
   * option `fieldLabels` ({ lastViewedProduct: 'Last viewed product' }): only for keys this
   * snapshot carries, at most FIELD_LABELS_MAX of FIELD_LABEL_MAX_CHARS. Unlabelled keys are shown
   * humanised ("Last viewed product" from `lastViewedProduct`).
   */
  labels?: Record<string, string>;
}

/** The ways the panel offers to be reached (issue 15; the list is ./channels.ts, apart so the page-load bundle never carries it). */
export type Channel = import('./channels').Channel;

/** The channel the visitor actually used (a chat started, a call placed, a callback booked, the phone line's code shown, an e-mail reply asked for). */
export interface PreferencesContext {
  channel: Channel;
  /** When they used it, ms since the epoch (a remembered choice keeps the time of that visit). */
  at: number;
}

/** A proactive rule the visitor accepted: the agent reads "Proactive: <message>" (docs/proactive.md). */
export interface TriggerContext {
  /** The rule's id. */
  rule: string;
  /** What the visitor was shown (1..140 characters). */
  message: string;
  /** What made it fire: the friction signal (`rage_click: button#size-sold-out`), else the rule's conditions (`timeOnPageS, path`). */
  signal: string;
  /** When the visitor accepted, ms since the epoch. */
  at: number;
}


/** UTF-8 length without TextEncoder allocations on hot paths that only need a count. */
export function byteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

