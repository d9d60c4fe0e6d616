import {
  JOURNEY_MAX_AGE_MS,
  JOURNEY_MAX_ENTRIES,
  TITLE_MAX_LENGTH,
  URL_MAX_LENGTH,
  type JourneyEntry,
  type JourneyKind,
} from '../../protocol/context';
import { clip } from './clip';
import type { Redactor } from './redaction/redactor';

/**
 * The pages and SPA routes the visitor went through, oldest first, latest 50 within 30 days.
 * Each entry starts with the document's title at arrival; `retitle()` (called when the title
 * changes) gives the current entry the new title. Routers set the title before or after
 * pushState; either way the change is seen after the route change, so it lands on the right entry.
 * An entry's dwell is frozen when the visitor leaves it; the current entry's is read live.
 * A router's redirect (a replace navigation before the entry's first title change, within
 * REDIRECT_MS: vue-router's hash mode turns `/` into `/#/` that way) updates the current entry
 * instead of adding one, so the journey does not start with the HTML's placeholder title.
 * The engine stores `list()` and hands it back to `restore()` on the next page load.
 */
/** Two page loads closer than this belong to one visit (for the previous page's dwell). */
const VISIT_GAP_MS = 30 * 60 * 1000;
/** A replace this soon after its entry began, before any title change, is a redirect, not a visit. */
const REDIRECT_MS = 3000;

export class Journey {
  private _entries: JourneyEntry[] = [];
  /** The current entry's title changed since it began: the route rendered, a replace is a move. */
  private _titled = false;

  constructor(
    private readonly _redact: Redactor,
    private readonly _now: () => number,
    /** The document's title now. */
    private readonly _documentTitle: () => string,
  ) {}

  /** Records the current page (in memory): call when recording starts. */
  begin(kind: JourneyKind, href: string): void {
    this._push(kind, href);
  }

  /** Puts the stored journey (malformed entries ignored) before what this page recorded so far. */
  restore(stored: unknown): void {
    const first = this._entries[0];
    const kept = Array.isArray(stored) ? stored.filter((e): e is JourneyEntry => isEntry(e) && (!first || e.at < first.at)) : [];
    // The previous page's dwell lasts until this page began, when that is within a visit: its own
    // last write (pagehide) may not have landed, and a page's time ends when the next one starts.
    const last = kept[kept.length - 1];
    if (last && first && first.at - last.at < VISIT_GAP_MS) last.dwellMs = Math.max(last.dwellMs, first.at - last.at);
    this._entries = [...kept, ...this._entries];
    this._prune();
  }

  /**
   * A same-document navigation (`replace`: it replaced the history entry). Returns false when the
   * path did not change (hash-only or replace to same).
   */
  route(href: string, replace = false): boolean {
    const path = this._pathOf(href);
    const current = this._entries[this._entries.length - 1];
    if (current && current.path === path) return false;
    if (replace && current && !this._titled && this._now() - current.at < REDIRECT_MS) {
      current.path = path;
      current.title = this._title();
      return true;
    }
    this._push('route', href);
    this._prune();
    return true;
  }

  /** Entries, the current one's dwell brought up to date. */
  list(): JourneyEntry[] {
    const now = this._now();
    return this._entries.map((e, i) =>
      i === this._entries.length - 1 ? { ...e, dwellMs: Math.max(0, now - e.at) } : { ...e },
    );
  }

  /** The document's title changed: it belongs to the current entry. */
  retitle(): void {
    const current = this._entries[this._entries.length - 1];
    if (current) current.title = this._title();
    this._titled = true;
  }

  /** The value checks arrived: the current entry (maybe recorded whole for want of them) is redacted again. */
  refresh(href: string): void {
    const current = this._entries[this._entries.length - 1];
    if (!current) return;
    current.path = this._pathOf(href);
    current.title = this._title();
  }

  clear(): void {
    this._entries = [];
  }

  private _push(kind: JourneyKind, href: string): void {
    const now = this._now();
    const prev = this._entries[this._entries.length - 1];
    if (prev) {
      prev.dwellMs = Math.max(0, now - prev.at);
    }
    this._entries.push({ path: this._pathOf(href), title: this._title(), at: now, dwellMs: 0, kind });
    this._titled = false;
  }

  private _prune(): void {
    const oldest = this._now() - JOURNEY_MAX_AGE_MS;
    this._entries = this._entries.filter((e) => e.at >= oldest).slice(-JOURNEY_MAX_ENTRIES);
  }

  private _pathOf(href: string): string {
    return clip(this._redact.path(href), URL_MAX_LENGTH);
  }

  private _title(): string {
    return clip(this._redact.text(this._documentTitle()), TITLE_MAX_LENGTH);
  }
}

function isEntry(e: unknown): e is JourneyEntry {
  if (!e || typeof e !== 'object') return false;
  const x = e as Record<string, unknown>;
  return (
    typeof x.path === 'string' &&
    x.path.length <= URL_MAX_LENGTH &&
    typeof x.title === 'string' &&
    x.title.length <= TITLE_MAX_LENGTH &&
    typeof x.at === 'number' &&
    typeof x.dwellMs === 'number' &&
    (x.kind === 'load' || x.kind === 'reload' || x.kind === 'back_forward' || x.kind === 'route')
  );
}
