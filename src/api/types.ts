import type { ProactiveRule } from '../core/proactive/rules';
import type { Consent, ContextSnapshot, CustomValue } from '../protocol/context';
import type { BatonTransport } from '../core/transports';
import type { ChatHandle } from '../core/chat/session';

export type { Consent, ContextSnapshot, CustomValue } from '../protocol/context';
export type { BatonTransport } from '../core/transports';
export type { ChatState, ChatItem, ChatConversation, MessageStatus, SendResult, SendRefusal, PhotoResult } from '../core/chat/session';
export type { ConnectionState } from '../core/chat/transport';
export type { AgentPublic, ChatMedia, ConversationStatus, Sender } from '../protocol/chat';

/** Options for `Baton('boot', options)` and `createBaton(options)`. Every field is optional. */
export interface BatonOptions {
  /**
   * `'granted'` (default): Baton may store the journey in IndexedDB.
   * `'required'`: Baton writes nothing to storage and records no journey until `consent('granted')`.
   */
  consent?: 'granted' | 'required';
  /** Redaction applied before anything leaves the browser or is stored. */
  redact?: RedactOptions;
  /** The floating launcher button; `false` hides it (open Baton from your own button with `open()`). */
  launcher?: false | LauncherOptions;
  /**
   * UI language, a BCP 47 tag: 'en', 'fr', 'de', 'es', 'sk', 'cs', 'pl', 'ru', 'uk', 'zh-Hans'
   * (also 'zh', 'zh-CN'), 'zh-Hant' (also 'zh-TW', 'zh-HK'), 'ja', 'ar', 'he'; a region ('en-GB',
   * 'fr-CA') sets how dates, times and numbers are written. Defaults to the page's `<html lang>`,
   * then the browser's languages in order; English when Baton speaks none of them. 'en-XA' is a
   * pseudo-locale (accented, 40 % longer) to check a layout for clipped text.
   */
  locale?: string;
  /**
   * The site's own words per language, keyed by Baton's language code ('sk', 'zh-Hant', 'ar', ...;
   * see `locale`): used when the widget shows that language, instead of the boot option of the same
   * name. `text` overrides any of the widget's strings (keys and placeholders of
   * src/ui/locales/en.ts; a key or placeholder Baton does not know is reported with the 'error'
   * event and left out).
   */
  translations?: { [lang: string]: LanguageOptions };
  /** Offer the visitor a "share my location" prompt in the panel. Never asked for automatically. */
  location?: boolean;
  /** Set true inside your app's web view when Baton cannot tell by itself. */
  webView?: boolean;
  /** CSP nonce for the one `<style>` Baton injects when constructable stylesheets are unavailable. */
  nonce?: string;
  /**
   * Baton's server (chat), as a base URL: `https://baton.example.com`. Default: the origin
   * `baton.js` was loaded from (script tag), or the page's own origin (npm).
   */
  server?: string;
  /**
   * What carries the chat and calls. `'local'` (default): Baton's embedded server at `server`.
   * `'twilio'`: Twilio Conversations and Twilio Voice; `server` is then the site's server running
   * the Twilio routes of `baton-sdk/server` (`createTwilioChatHandler`), which verifies the
   * identity and hands out access tokens. The Twilio SDKs load only once the visitor starts a chat
   * or a call (docs/twilio.md). The script-tag build has both; with npm, `baton-sdk` has the local
   * one, and a site on Twilio passes the transport in: `import { twilio } from 'baton-sdk/twilio'`,
   * `transport: twilio` (so no bundler ever meets a Twilio import the site did not ask for).
   */
  transport?: string | BatonTransport;
  /**
   * The company's phone number, as shown (`'+1 555 0100'`): the panel offers "Call us by phone"
   * with it as a `tel:` link and a 6-digit context code, so the agent who answers sees the
   * visitor's context (docs/calls.md). Digits, spaces and + ( ) . - only.
   */
  phone?: string;
  /**
   * A menu shown at the top of the panel before a chat or call (visual IVR): the visitor's choice
   * becomes routing hints in the context (`routing: { queue, skill, path }`), which agents filter
   * the queue on and Twilio task attributes carry. At most 3 levels, 8 options per level, 40 in
   * all; labels up to 40 characters; `queue`/`skill` `[A-Za-z0-9_.-]{1,40}`, inherited by children.
   */
  menu?: MenuOption[];
  /**
   * Help articles: a URL to their JSON (resolved against the page; fetched when the panel opens)
   * or the content itself. The panel's Help searches them, suggests up to 3 above the message box
   * as the visitor types, and the agent sees which ones the visitor read and whether they helped.
   * Format and limits: docs/articles.md; a bad file or article is reported with the 'error' event
   * (`invalid_argument`), the valid ones are kept. Sites without it load none of this.
   */
  articles?: string | ArticleInput[] | { articles: ArticleInput[] };
  /**
   * Proactive help: rules that show a small message next to the launcher when the visitor seems
   * stuck (a rage click, an error, a blocked form submit, time on a page, a URL, scroll depth, exit
   * intent on desktop, a custom field, a returning visit). Never a modal, never in a page's first
   * 5 s, once per rule per session, at most 3 a day. Accepting opens the chat with the rule in the
   * context (`trigger`). Loads at idle, only with rules (docs/proactive.md).
   */
  proactive?: ProactiveRule[];
  /**
   * Labels for your custom fields (those of `identify({ custom })` and `context()`), as the agent
   * and the visitor's "What the agent sees" show them: `{ lastViewedProduct: 'Last viewed product' }`.
   * They travel in the context (`labels`), only for keys it carries: at most 30, each cut to 60
   * characters. A field without one is shown with its key made readable ("Customer since").
   */
  fieldLabels?: Record<string, string>;
}

/** What a site gives for one language (boot option `translations`). */
export interface LanguageOptions {
  /** The widget's strings, any subset: `{ hello: 'Ahoj', trimmed: { one: '…', few: '…', other: '…' } }`. */
  text?: TextOverrides;
  /** The launcher's label in this language (instead of `launcher.label`). */
  label?: string;
  menu?: MenuOption[];
  proactive?: ProactiveRule[];
  articles?: string | ArticleInput[] | { articles: ArticleInput[] };
}

/**
 * Strings of the widget to override: a message is a string with `{placeholders}`, or plural forms
 * chosen on `{n}` with Intl.PluralRules (`{ one, few, many, other }`); tables nest.
 */
export type TextOverrides = { [key: string]: string | ({ other: string } & { [category: string]: string }) | TextOverrides };

/** One help article (docs/articles.md). */
export interface ArticleInput {
  /** `[A-Za-z0-9_.:-]{1,64}`, unique. */
  id: string;
  title: string;
  /** A markdown subset: paragraphs, ## headings, - and 1. lists, **bold**, *italic*, `code`, [links](https://…). */
  body: string;
  /** Keywords not in the text (synonyms, product names). */
  tags?: string[];
  /** The article on your help centre. */
  url?: string;
}

export interface MenuOption {
  label: string;
  queue?: string;
  skill?: string;
  options?: MenuOption[];
}

export interface LauncherOptions {
  /** Accessible label and tooltip. */
  label?: string;
  position?: 'right' | 'left';
  /** Brand colour of the launcher and panel header (any CSS colour). */
  color?: string;
  /**
   * A call button above the launcher: one click opens the panel and calls the team (the same as
   * `Baton('call')`). Loaded after the launcher, in chunks of their own (about 0.7 KB gzip).
   */
  call?: boolean;
}

export interface RedactOptions {
  /** Query parameter names never redacted (case-insensitive), e.g. `['q']`. Wins over the built-in list. */
  allowParams?: string[];
  /** Extra query parameter names always redacted (case-insensitive). */
  denyParams?: string[];
  /** Last word on every snapshot: return it changed (or unchanged). Throwing keeps the built-in redaction only. */
  hook?: (snapshot: ContextSnapshot) => ContextSnapshot;
}

/** What the site knows about the visitor. Shown to agents as unverified unless the signature checks out. */
export interface Identity {
  id?: string;
  name?: string;
  email?: string;
  phone?: string;
  /** Extra fields about the person, e.g. `{ plan: 'pro' }`. Same limits as `context()`. */
  custom?: Record<string, CustomValue>;
  /** HMAC-SHA256 of `id`, hex, computed by your server with the secret shared with Baton's server. */
  signature?: string;
  /** Or a JWT signed by your server. */
  jwt?: string;
}

export interface BatonError {
  code: 'invalid_argument' | 'storage_unavailable' | 'listener_failed' | 'ui_failed' | 'location_failed' | 'unsupported';
  message: string;
}

/** Events for `on(event, listener)`. */
export interface BatonEvents {
  /** Baton has booted and restored the stored journey: `getContext()` now has all of it. */
  ready: undefined;
  open: undefined;
  close: undefined;
  /**
   * The context changed (navigation, identity, custom fields, consent, signals), with the new
   * snapshot. Batched: at most one per task. Listening loads the snapshot builder (a small chunk).
   */
  context: ContextSnapshot;
  consent: Consent;
  error: BatonError;
  /** A new message from an agent arrived (while the chat is connected on this page). */
  message: AgentMessageEvent;
  /**
   * How many agent messages the visitor has not read changed (0 once they have read them). Not
   * sticky (only 'ready' is): listen before or right after boot.
   */
  unread: number;
  /**
   * The visitor's call changed state (`connecting`, `ringing`, `connected`, `reconnecting`,
   * `ended` with a `reason` such as `hangup`, `remote_hangup`, `no_answer`, `mic_denied`).
   */
  call: CallEvent;
}

export interface CallEvent {
  state: 'idle' | 'media' | 'connecting' | 'ringing' | 'connected' | 'reconnecting' | 'ended';
  reason?: string;
}

export interface AgentMessageEvent {
  text: string;
  /** When the server committed it, ms since the epoch. */
  at: number;
  /** The agent's name, or the site's bot's. */
  agentName: string;
  /** The site's bot wrote it, not a person. */
  bot?: true;
}

export type BatonEventName = keyof BatonEvents;
export type Listener<E extends BatonEventName> = (payload: BatonEvents[E]) => void;

/** The same methods behind `Baton('method', ...args)` and `createBaton()`. */
export interface Baton {
  boot(options?: BatonOptions): void;
  identify(identity: Identity | null): void;
  /** Merge custom fields (plan, cart value, order number). `null` removes a field. */
  context(fields: Record<string, CustomValue | null>): void;
  consent(state: 'granted' | 'denied'): void;
  open(): void;
  close(): void;
  /**
   * Opens the panel and calls the team (embedded server: WebRTC to the agent console). Call it from
   * your own button's click: browsers tie the microphone prompt to that gesture.
   */
  call(): void;
  on<E extends BatonEventName>(event: E, listener: Listener<E>): () => void;
  off<E extends BatonEventName>(event: E, listener: Listener<E>): void;
  /**
   * Exactly what would be sent to the agent now, after redaction and the size bound. A promise:
   * the code that builds snapshots is loaded on first use, so pages that never ask never pay for it.
   */
  getContext(): Promise<ContextSnapshot>;
  /** Remove the UI and stop listening to the page. Stored data stays (use `consent('denied')` to erase it). */
  shutdown(): void;
}

export type BatonMethod = keyof Baton;

/**
 * The visitor's chat, for a custom UI (`baton-sdk/headless`: `await baton.chat()`). Render
 * `getState()` / `subscribe()`; call the intents. Underneath: the same outbox (a message is never
 * lost nor sent twice, across reloads and offline), one connection for all of the site's tabs, and
 * the context the agent sees, as with Baton's widget. Nothing connects until `start()` (or a send):
 * call it on the visitor's intent (focus in your composer), so merely loading the page sends nothing.
 */
export type BatonChat = Pick<ChatHandle, 'start' | 'getState' | 'subscribe' | 'send' | 'retry' | 'typing' | 'leaveMessage' | 'markRead' | 'startNew' | 'handover' | 'setEmail' | 'rate' | 'transcript'>;

/** `createBaton()` of `baton-sdk/headless`: the same API, no widget, and the chat for your own UI. */
export interface HeadlessBaton extends Baton {
  /**
   * The visitor's chat (loads the chat's chunks on first use; every call resolves to the same
   * one). Rejects after shutdown(), or when the `transport` option names one this build lacks.
   */
  chat(): Promise<BatonChat>;
}
