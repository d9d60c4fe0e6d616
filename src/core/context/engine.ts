import type { EntryContext, EntryLink } from '../../protocol/entry';
import type { BatonOptions } from '../../api/types';
import {
  JOURNEY_MAX_AGE_MS,
  type CampaignContext,
  type Consent,
  type CustomValue,
  type FrictionSignal,
  type IdentityContext,
  type JourneyEntry,
  type ContextSnapshot,
  type LocationContext,
} from '../../protocol/context';
import type { KeyValueStore, LifecycleSource, LocationSource, NavigationSource, PageSource, SignalSource } from '../ports';
import { notify } from '../events';
import { readCampaign } from './campaign';
import { Journey } from './journey';
import { createRedactor, type Redactor, type ValueChecks } from './redaction/redactor';
import { Signals } from './signals';

/**
 * Everything stored lives in one record, written in one transaction: on pagehide there is time
 * for one write started at once, not for a chain of them.
 */
const RECORD_KEY = 'context';
interface StoredRecord {
  journey?: unknown;
  signals?: unknown;
  campaign?: CampaignContext | null;
}
/**
 * The landing page's campaign is also written on its own, at once: a visitor who leaves in the
 * first milliseconds, before the record was read (and so before it may be written), keeps it.
 */
const CAMPAIGN_KEY = 'campaign';
/** A stored campaign is forgotten after 30 days, like the journey. */
const CAMPAIGN_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;
/**
 * A change (route, signal, restored record) is written after the current task, so changes made
 * together share one write, and the write has started well before a navigation that follows.
 * Dwell times are brought up to date on hide and pagehide.
 */
const PERSIST_DELAY_MS = 0;

/**
 * What Baton's own UI adds to the snapshot, by field: the visitor's choice in the site's menu
 * (`routing`), the help articles they read (`selfService`), the location they shared from Baton's
 * prompt. One setter for all of them (withdrawing the location is setting it to null), so a new
 * part costs the page-load path nothing.
 */
export type ContextParts = Pick<ContextSnapshot, 'routing' | 'selfService' | 'trigger' | 'preferences'> & {
  location?: LocationContext;
  /** A QR entry link (issue 19): as the boot found it, then as the snapshot builder read it. */
  entry?: EntryContext | EntryLink;
};

/** Everything a snapshot is built from (by ./snapshot.ts, loaded only when a snapshot is needed). */
export interface RawContext {
  options: BatonOptions;
  /** The document, read when the snapshot is built. */
  page: PageSource;
  redact: Redactor;
  now: number;
  consent: Consent;
  pageStartedAt: number;
  identity: IdentityContext | null;
  /** Validated after `settle()`; before it, what the site passed since is laid on top unvalidated (for proactive rules only). */
  custom: Record<string, CustomValue>;
  journey: JourneyEntry[];
  campaign: CampaignContext | null;
  signals: FrictionSignal[];
  location: LocationContext | null;
  parts: ContextParts;
}

/** The validators of what the site passes and the value checks: in the lazy builder chunk, handed to `settle()`. */
export interface ContextValidators {
  normalizeIdentity: typeof import('./identity').normalizeIdentity;
  mergeCustom: typeof import('./custom').mergeCustom;
  valueChecks: ValueChecks;
}

/** identify() calls kept until validated (only the last ones matter: each replaces the identity). */
const IDENTITY_INPUTS_MAX = 5;

export interface ContextEngineDeps {
  options: BatonOptions;
  /** Opened lazily: nothing touches storage before consent. */
  store: () => KeyValueStore;
  navigation: NavigationSource;
  lifecycle: LifecycleSource;
  /** The document (URL, title, referrer): src/platform/page.ts in browsers. */
  page: PageSource;
  /** The page's events behind friction signals: src/platform/signals.ts in browsers. */
  signals: SignalSource;
  location?: LocationSource;
  now?: () => number;
}

/**
 * The context engine's recording half, which runs from page load: the journey, friction signals,
 * campaign, identity and custom fields, redacted as they are recorded, stored only with consent.
 * Building the snapshot (page, device, the site's hook, the 8 KB bound) is ./snapshot.ts, a chunk
 * loaded only when a snapshot is needed, so the host page does not pay for it.
 * Calls `onChange` listeners at most once per task.
 */
export class ContextEngine {
  readonly ready: Promise<void>;
  private _consent: Consent;
  private _identity: IdentityContext | null = null;
  private _custom: Record<string, CustomValue> = {};
  /**
   * What the site passed, not yet validated. Validation (./identity.ts, ./custom.ts) lives in the
   * snapshot builder's chunk, so the page does not load it: it runs in `settle()`, before a snapshot.
   */
  private _identityInputs: unknown[] = [];
  private _customInputs: unknown[] = [];
  private _campaign: CampaignContext | null = null;
  private _parts: ContextParts = {};
  private _pageStartedAt: number;
  private readonly _journey: Journey;
  private readonly _signals: Signals;
  private readonly _redact;
  private readonly _now: () => number;
  private _stops: (() => void)[] = [];
  private _listeners = new Set<() => void>();
  private _changeQueued = false;
  private _persistTimer: ReturnType<typeof setTimeout> | undefined;
  /** The last write started: erasing waits for it, so nothing lands after consent is refused. */
  private _lastWrite: Promise<unknown> = Promise.resolve();
  /** The value checks' chunk (./redaction/values.ts), loading or loaded; see _loadValues. */
  private _values: Promise<void> | undefined;
  /** Until the stored record is read, writing would replace it with this page alone. */
  private _restored = false;

  constructor(private readonly _deps: ContextEngineDeps) {
    this._now = _deps.now ?? Date.now;
    this._redact = createRedactor(_deps.options.redact, () => this._loadValues());
    this._pageStartedAt = Math.round(_deps.page.loadedAt() || this._now());
    this._consent = _deps.options.consent === 'required' ? 'pending' : 'granted';
    this._journey = new Journey(this._redact, this._now, _deps.page.title);
    this._signals = new Signals(
      () => this._redact.path(_deps.page.href()),
      (s) => this._redact.text(s),
      this._now,
      () => {
        this._changed();
        this._schedulePersist();
      },
    );
    this._signals.attach(_deps.signals);
    this._readCampaign();
    this._stops.push(
      () => this._signals.detach(),
      _deps.navigation.watch((replace) => this._onRoute(replace)),
      _deps.navigation.watchTitle(() => {
        this._journey.retitle();
        this._changed();
      }),
      _deps.lifecycle.onHidden(() => this._persist()),
    );
    this.ready = this._consent === 'granted' ? this._startRecording(_deps.navigation.loadKind()) : Promise.resolve();
  }

  onChange(fn: () => void): () => void {
    this._listeners.add(fn);
    return () => void this._listeners.delete(fn);
  }

  raw(): RawContext {
    const granted = this._consent === 'granted';
    return {
      options: this._deps.options,
      page: this._deps.page,
      redact: this._redact,
      now: this._now(),
      consent: this._consent,
      pageStartedAt: this._pageStartedAt,
      identity: this._identity && { ...this._identity, custom: { ...this._identity.custom } },
      // With what the site passed since the last snapshot, unvalidated (validation lives in the
      // builder's chunk, which settles first: its snapshots never see these): proactive rules'
      // `custom` conditions compare them on the page without loading that chunk.
      custom: Object.assign({}, this._custom, ...this._customInputs),
      journey: granted ? this._journey.list() : [],
      campaign: this._campaign,
      signals: this._signals.snapshot(),
      location: this._parts.location || null,
      parts: this._parts,
    };
  }

  identify(input: unknown): void {
    this._identityInputs = [...this._identityInputs, input].slice(-IDENTITY_INPUTS_MAX);
    this._changed();
  }

  setCustom(patch: unknown): void {
    // Consecutive objects fold into one (later fields win), so the backlog stays small.
    const last = this._customInputs[this._customInputs.length - 1];
    const plain = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);
    if (plain(last) && plain(patch)) this._customInputs[this._customInputs.length - 1] = { ...last, ...patch };
    else this._customInputs.push(patch);
    this._changed();
  }

  /** Validates and applies what the site passed since last time; returns what was refused, and why. */
  settle(v: ContextValidators): string[] {
    this._useValues(v.valueChecks);
    const errors: string[] = [];
    for (const input of this._identityInputs.splice(0)) {
      const r = v.normalizeIdentity(input);
      if (r.value || input === null) this._identity = r.value;
      errors.push(...r.errors.map((e) => `identify(): ${e}`));
    }
    for (const patch of this._customInputs.splice(0)) {
      const r = v.mergeCustom(this._custom, patch);
      this._custom = r.value;
      errors.push(...r.errors.map((e) => `context(): ${e}`));
    }
    return errors;
  }

  getConsent(): Consent {
    return this._consent;
  }

  /** 'granted' starts recording (and storing); 'denied' stops and erases everything Baton stored. */
  async setConsent(state: 'granted' | 'denied'): Promise<void> {
    if (state === this._consent) return;
    this._consent = state;
    this._changed();
    if (state === 'granted') {
      await this._startRecording('load');
      return;
    }
    clearTimeout(this._persistTimer);
    this._restored = false;
    this._journey.clear();
    this._signals.clear();
    this._campaign = null;
    delete this._parts.location;
    await this._lastWrite;
    try {
      await this._deps.store().clear();
    } catch {
      // Nothing could be stored either, so nothing is left behind.
    }
  }

  async shareLocation(): Promise<boolean> {
    if (!this._deps.location) return false;
    try {
      // The rounding (about 1 km) is a chunk of its own: the page never loads it unless asked.
      const [p, { coarseLocation }] = await Promise.all([this._deps.location.current(), import('./location')]);
      this.setPart('location', coarseLocation(p, this._now()));
      return true;
    } catch {
      return false;
    }
  }

  /** Sets (or, with null, removes) one part Baton's UI adds; the UI validated it (the menu against the menu, articles against their bounds). */
  setPart<K extends keyof ContextParts>(key: K, value: ContextParts[K] | null): void {
    // The snapshot builder reads the parts when it builds, so changing them in place is safe.
    if (value) this._parts[key] = value;
    else delete this._parts[key];
    this._changed();
  }

  stop(): void {
    this._persist();
    for (const stop of this._stops.splice(0)) stop();
    this._listeners.clear();
  }

  private async _startRecording(kind: 'load' | 'reload' | 'back_forward'): Promise<void> {
    this._journey.begin(kind, this._deps.page.href());
    this._changed();
    let stored: StoredRecord | undefined;
    let landed: CampaignContext | undefined;
    try {
      const store = this._deps.store();
      // Written blind: it is this page's, the newest there is.
      if (this._campaign) store.set(CAMPAIGN_KEY, this._campaign).catch(() => {});
      [stored, landed] = await Promise.all([store.get<StoredRecord>(RECORD_KEY), store.get<CampaignContext>(CAMPAIGN_KEY)]);
    } catch {
      // Storage failing is a normal case: record this page in memory.
    }
    if (this._consent !== 'granted') return;
    this._journey.restore(stored?.journey);
    this._signals.restore(stored?.signals);
    // The newest campaign wins: this page's (from its URL), the record's, or an early leaver's.
    // (A malformed one fails: a missing `at` makes the age NaN.)
    for (const c of [stored?.campaign, landed]) {
      // (Numbers on both sides: the minifier's unsafe_comps may turn `!(a <= b)` into `a > b`.)
      if (c?.params && this._now() - c.at < CAMPAIGN_MAX_AGE_MS && c.at > (this._campaign?.at ?? 0)) this._campaign = c;
    }
    this._restored = true;
    this._changed();
    this._schedulePersist();
  }

  /**
   * Something recorded might hold a value only ./redaction/values.ts recognises (a long number, an
   * `@`...), so it was redacted whole: load the checks, after which it is recorded again. The
   * chunk is not on the page-load path; pages whose URL and title hold no such text never load it.
   * If it cannot load (offline), texts stay redacted whole and the next one tries again.
   */
  private _loadValues(): void {
    this._values ??= import('./redaction/values').then(
      (m) => this._useValues(m.valueChecks),
      () => void (this._values = undefined),
    );
  }

  private _useValues(checks: ValueChecks): void {
    if (!this._redact.useValues(checks) || !this._stops.length) return;
    // Only this page's texts can be redacted again (the raw ones of earlier pages are gone): the
    // current journey entry and a campaign landing here. Friction signals recorded meanwhile stay.
    // No 'context' event: every snapshot is built after settle(), which hands the checks over first.
    this._journey.refresh(this._deps.page.href());
    this._readCampaign();
    this._schedulePersist();
  }

  /** A page with campaign parameters replaces the campaign. */
  private _readCampaign(): void {
    this._campaign = readCampaign(this._deps.page.href(), this._deps.page.referrer(), this._redact, this._now()) ?? this._campaign;
  }

  private _onRoute(replace?: boolean): void {
    this._pageStartedAt = this._now();
    this._readCampaign();
    if (this._consent === 'granted' && this._journey.route(this._deps.page.href(), replace)) this._schedulePersist();
    this._changed();
  }

  private _schedulePersist(): void {
    if (this._consent !== 'granted' || this._persistTimer !== undefined) return;
    this._persistTimer = setTimeout(() => {
      this._persist();
    }, PERSIST_DELAY_MS);
  }

  /** Writes the record now, in one transaction started synchronously (pagehide may be the last task). */
  private _persist(): void {
    clearTimeout(this._persistTimer);
    this._persistTimer = undefined;
    if (this._consent !== 'granted' || !this._restored) return;
    const record: StoredRecord = {
      journey: this._journey.list(),
      signals: this._signals.snapshot().filter((s) => this._now() - s.at < JOURNEY_MAX_AGE_MS),
      campaign: this._campaign,
    };
    try {
      this._lastWrite = this._deps.store().set(RECORD_KEY, record).catch(() => undefined);
    } catch {
      // Storage failing is a normal case: the journey still lives in memory for this page.
    }
  }

  private _changed(): void {
    if (this._changeQueued) return;
    this._changeQueued = true;
    queueMicrotask(() => {
      this._changeQueued = false;
      notify(this._listeners, undefined, 'context change');
    });
  }
}
