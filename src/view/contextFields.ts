/**
 * The one description of a ContextSnapshot as people read it: which fields, in which sections,
 * under which labels, formatted how. The visitor's "What the agent sees" (src/ui/panel/contextView.tsx)
 * and the agent's context panel (src/console/ui/ContextPanel.tsx) both render `contextSections()`,
 * so they cannot disagree (issue 17). Lists (journey, friction signals, help articles) and the
 * visitor's controls (location, consent) are drawn by each side around these sections.
 *
 * Plain data and functions, no Preact: the panel's chunk pays only for what it renders.
 */
import type { ContextSnapshot, CustomValue } from '../protocol/context';
import { duration } from './duration';
import { entryTitle } from './entryTitle';


export type SectionId = 'entry' | 'topic' | 'identity' | 'page' | 'device' | 'campaign' | 'custom';

export interface ContextRow {
  /** Stable across both UIs: `data-field` on the row (custom fields: `custom.<key>`, `account.<key>`, `utm.<key>`). */
  key: string;
  label: string;
  value: string;
  /** The whole value when `value` shortens it (a URL's origin, a path of a longer URL): the row's title. */
  full?: string;
  /** A URL or path: may break after / ? & = (view/UrlText.tsx), never mid-word. */
  url?: true;
  /** Identity fields and a scanned code: the server's verdict (absent: nothing to verify). */
  verified?: boolean;
  /** Changes with the clock (time on page, local time): equal in both UIs only at the same instant. */
  live?: true;
  /** Set by Baton's server, not the browser (browser and OS from the User-Agent): the visitor's own view shows `value` as a note. */
  server?: true;
}

export interface ContextSection {
  id: SectionId;
  title: string;
  rows: ContextRow[];
  /** Shown before the lists (journey, signals): who, why and where; the rest after them. */
  top?: true;
}

/** The labels in English (the console's, and the reference of the widget's catalogs: src/ui/locales/en.ts `context`). */
export const CONTEXT_LABELS_EN = {
  topic: 'Topic',
  topicPath: 'Chosen in the menu',
  queue: 'Queue',
  skill: 'Skill',
  identity: 'Identity',
  name: 'Name',
  email: 'E-mail',
  phone: 'Phone',
  id: 'Customer ID',
  page: 'Current page',
  title: 'Title',
  untitled: 'Untitled page',
  address: 'Address',
  timeOnPage: 'Time on page',
  cameFrom: 'Came from',
  device: 'Device',
  browser: 'Browser',
  os: 'Operating system',
  fromUserAgent: 'Read by our server from your browser',
  viewport: 'Window',
  screen: 'Screen',
  touch: 'Touch screen',
  timeZone: 'Time zone',
  localTime: 'Local time',
  language: 'Language',
  connection: 'Connection',
  online: 'Online',
  offline: 'Offline',
  webView: 'In an app (web view)',
  campaign: 'Campaign',
  landing: 'Landing page',
  custom: 'Details from the site',
  yes: 'Yes',
  no: 'No',
  prefers: 'Preferred contact',
  chat: 'Chat',
  call: 'Web call',
  callback: 'Callback',
  scanned: 'Scanned code',
  product: 'Product',
  order: 'Order',
  parcel: 'Parcel',
  store: 'Store',
};
/** The labels a reader's UI gives: the widget passes its language's (src/ui/locales/<lang>.ts `context`). */
export type ContextLabels = Record<keyof typeof CONTEXT_LABELS_EN, string>;

const IDENTITY = ['name', 'email', 'phone', 'id'] as const;

/**
 * `lastViewedProduct` → "Last viewed product", `customer_since` → "Customer since", `plan.tier` →
 * "Plan tier": what a key says, for fields the site gave no label (boot option `fieldLabels`).
 */
export function humanizeKey(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_.-]+/)
    .filter(Boolean);
  const text = words.map((w, i) => (/^[A-Z0-9]+$/.test(w) && w.length > 1 ? w : i ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1).toLowerCase())).join(' ');
  return text || key;
}

/** `https://www.google.com/search?q=…` → `www.google.com`; a value that is not a URL stays as it is. */
export function originOf(url: string): string {
  try {
    const u = new URL(url);
    return u.host || url;
  } catch {
    return url;
  }
}

function localTime(timeZone: string, now: number, locale: string): string | null {
  try {
    return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone }).format(now);
  } catch {
    return null; // an unknown zone: say nothing rather than the wrong time
  }
}

/**
 * What each side renders, in order; rows without a value are left out, sections without rows too.
 * `now` is the reader's clock; `elapsed` the time since the snapshot was taken while the visitor
 * may still be there (0 for a closed conversation), added to the running counters.
 */
export function contextSections(snap: ContextSnapshot, opts: { labels?: ContextLabels; locale?: string; now: number; elapsed: number }): ContextSection[] {
  const L = opts.labels ?? CONTEXT_LABELS_EN;
  const locale = opts.locale ?? 'en-GB';
  const t = (l: string) => l;
  const yesNo = (b: boolean) => t(b ? L.yes : L.no);
  const num = (n: number) => n.toLocaleString(locale, { maximumFractionDigits: 4 });
  const show = (v: CustomValue) => (typeof v === 'boolean' ? yesNo(v) : typeof v === 'number' ? num(v) : v);
  const labels = snap.labels ?? {};
  const customRows = (prefix: string, rec: Record<string, CustomValue>): ContextRow[] =>
    Object.entries(rec).map(([k, v]) => ({ key: `${prefix}.${k}`, label: labels[k] ?? humanizeKey(k), value: show(v) }));
  const { page, device, identity, routing, campaign, preferences } = snap;

  const topic: ContextRow[] = routing
    ? [
        { key: 'topic', label: t(L.topicPath), value: routing.path.join(' › ') },
        ...(routing.queue ? [{ key: 'queue', label: t(L.queue), value: routing.queue }] : []),
        ...(routing.skill ? [{ key: 'skill', label: t(L.skill), value: routing.skill }] : []),
      ]
    : [];
  // How the visitor chose to be reached (issue 15): the phone line and e-mail say it with the identity's words.
  if (preferences) topic.push({ key: 'prefers', label: t(L.prefers), value: t(L[preferences.channel]) });

  const who: ContextRow[] = identity
    ? [
        ...IDENTITY.filter((f) => identity[f]).map((f) => ({ key: f, label: t(L[f]), value: identity[f]!, verified: identity.verified[f] === true })),
        ...customRows('account', identity.custom),
      ]
    : [];

  const here: ContextRow[] = [
    { key: 'title', label: t(L.title), value: page.title || t(L.untitled) },
    { key: 'address', label: t(L.address), value: page.path, full: page.url, url: true },
    { key: 'timeOnPage', label: t(L.timeOnPage), value: duration(page.timeOnPageMs + opts.elapsed, locale), live: true },
  ];
  if (page.referrer) here.push({ key: 'cameFrom', label: t(L.cameFrom), value: originOf(page.referrer), full: page.referrer, url: true });

  const ua = t(L.fromUserAgent);
  const time = device.timeZone ? localTime(device.timeZone, opts.now, locale) : null;
  const machine: ContextRow[] = [
    { key: 'browser', label: t(L.browser), value: device.browser ?? ua, server: true },
    { key: 'os', label: t(L.os), value: device.os ?? ua, server: true },
    { key: 'viewport', label: t(L.viewport), value: `${device.viewport.width} × ${device.viewport.height}` },
    { key: 'screen', label: t(L.screen), value: `${device.screen.width} × ${device.screen.height} @${num(device.pixelRatio)}x` },
    { key: 'touch', label: t(L.touch), value: yesNo(device.touch) },
  ];
  if (device.timeZone) machine.push({ key: 'timeZone', label: t(L.timeZone), value: device.timeZone });
  if (time) machine.push({ key: 'localTime', label: t(L.localTime), value: time, live: true });
  machine.push(
    { key: 'language', label: t(L.language), value: device.languages.length ? device.languages.join(', ') : device.language },
    { key: 'connection', label: t(L.connection), value: t(device.online ? L.online : L.offline) },
    { key: 'webView', label: t(L.webView), value: yesNo(device.webView) + (device.webView && device.webViewHint ? ` (${device.webViewHint})` : '') },
  );

  const came: ContextRow[] = campaign
    ? [
        ...Object.entries(campaign.params).map(([k, v]) => ({ key: `utm.${k}`, label: k, value: v })),
        { key: 'landing', label: t(L.landing), value: campaign.landingPath, url: true as const },
        ...(campaign.referrer ? [{ key: 'campaignFrom', label: t(L.cameFrom), value: originOf(campaign.referrer), full: campaign.referrer, url: true as const }] : []),
      ]
    : [];

  // A scanned code (issue 19): first, since it says what the visitor came about. Its kind names the
  // row; the server's verdict covers the label and every field (one signature signs them all).
  const entry = snap.entry;
  const scanned: ContextRow[] = entry
    ? [
        // The verdict is the server's: the browser's own copy (still carrying its token) shows none.
        { key: 'entry', label: t(entry.kind === 'free' ? L.scanned : L[entry.kind]), value: entryTitle(entry), ...(entry.token === undefined && { verified: entry.verified }) },
        ...Object.entries(entry.fields).map(([k, v]) => ({ key: `entry.${k}`, label: k.length < 4 ? k.toUpperCase() : humanizeKey(k), value: v })),
      ]
    : [];

  const sections: ContextSection[] = [
    { id: 'entry', title: t(L.scanned), rows: scanned, top: true },
    { id: 'topic', title: t(L.topic), rows: topic, top: true },
    { id: 'identity', title: t(L.identity), rows: who, top: true },
    { id: 'page', title: t(L.page), rows: here, top: true },
    { id: 'campaign', title: t(L.campaign), rows: came },
    { id: 'custom', title: t(L.custom), rows: customRows('custom', snap.custom) },
    { id: 'device', title: t(L.device), rows: machine },
  ];
  return sections.filter((s) => s.rows.length > 0);
}
