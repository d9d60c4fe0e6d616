/**
 * Business hours: "open now?", "when do we open next?" and the next callback slots, in the site's
 * IANA time zone through Intl (no time zone library: Node ships the tz database with ICU). Pure:
 * every function takes the instant it reasons about, so tests pass any clock (the server passes
 * Date.now()). Shared by the embedded server and the Twilio server half.
 *
 * Weekly hours are wall-clock ranges ("09:00-17:30") per weekday in the site's zone; holidays are
 * whole local days ("2026-12-25"). Across a DST change the wall clock rules: a range that starts in
 * the hour that does not exist (spring forward) opens when the clock jumps past it; a time that
 * happens twice (fall back) is open both times it is within a range.
 */

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** What a site configures (createEmbeddedServer's `hours`). */
export interface BusinessHoursConfig {
  /** IANA time zone of the hours, e.g. "Europe/Paris". */
  timeZone: string;
  /** Per weekday, one range "HH:MM-HH:MM" or several; a day left out is closed. "24:00" ends a day. */
  weekly: Partial<Record<Weekday, string | string[]>>;
  /** Closed days, "YYYY-MM-DD" in the hours' zone (at most 400). */
  holidays?: string[];
}

/** Validated hours: ranges in minutes of the local day, sorted, not overlapping. */
export interface BusinessHours {
  timeZone: string;
  /** Index 0 = Sunday, as Date.getUTCDay(). */
  days: ReadonlyArray<ReadonlyArray<readonly [start: number, end: number]>>;
  holidays: ReadonlySet<string>;
}

const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;
export const HOLIDAYS_MAX = 400;
/** How far ahead an opening is looked for: past this the hours say "closed" with no date. */
export const LOOKAHEAD_DAYS = 31;

/** Checks a config and throws a TypeError naming what is wrong. */
export function parseBusinessHours(config: BusinessHoursConfig): BusinessHours {
  if (!config || typeof config !== 'object') throw new TypeError('hours: expected { timeZone, weekly, holidays? }');
  const { timeZone } = config;
  if (typeof timeZone !== 'string' || !isTimeZone(timeZone)) throw new TypeError(`hours.timeZone: "${String(timeZone)}" is not an IANA time zone`);
  if (!config.weekly || typeof config.weekly !== 'object') throw new TypeError('hours.weekly: expected { mon: "09:00-17:00", ... }');
  for (const key of Object.keys(config.weekly)) {
    if (!(WEEKDAYS as readonly string[]).includes(key)) throw new TypeError(`hours.weekly: unknown day "${key}" (use ${WEEKDAYS.join(', ')})`);
  }
  const days = WEEKDAYS.map((day) => {
    const raw = config.weekly[day];
    const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    const ranges = list.map((r) => parseRange(r, day)).sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < ranges.length; i++) {
      if (ranges[i]![0] < ranges[i - 1]![1]) throw new TypeError(`hours.weekly.${day}: ranges overlap`);
    }
    return ranges;
  });
  const holidays = config.holidays ?? [];
  if (!Array.isArray(holidays) || holidays.length > HOLIDAYS_MAX) throw new TypeError(`hours.holidays: at most ${HOLIDAYS_MAX} "YYYY-MM-DD" dates`);
  for (const h of holidays) {
    if (typeof h !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(h) || Number.isNaN(Date.parse(`${h}T00:00:00Z`))) throw new TypeError(`hours.holidays: "${String(h)}" is not a YYYY-MM-DD date`);
  }
  return { timeZone, days, holidays: new Set(holidays) };
}

function parseRange(range: unknown, day: string): [number, number] {
  const m = typeof range === 'string' ? /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(range.trim()) : null;
  const start = m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  const end = m ? Number(m[3]) * 60 + Number(m[4]) : NaN;
  if (!m || Number(m[2]) > 59 || Number(m[4]) > 59 || !(start >= 0 && start < end && end <= DAY_MINUTES)) {
    throw new TypeError(`hours.weekly.${day}: "${String(range)}" is not a range like "09:00-17:30" (end after start, at most 24:00)`);
  }
  return [start, end];
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The wall clock of an instant in a zone. */
interface Wall {
  /** "YYYY-MM-DD" */
  date: string;
  weekday: number;
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's wall clock at `at`, as if it were UTC (ms): the offset is this minus `at`. */
function wallAsUtc(timeZone: string, at: number): number {
  const p: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(at)) p[part.type] = part.value;
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
}

function wallOf(timeZone: string, at: number): Wall {
  const w = wallAsUtc(timeZone, Math.floor(at / 1000) * 1000);
  const d = new Date(w);
  return { date: d.toISOString().slice(0, 10), weekday: d.getUTCDay(), minutes: d.getUTCHours() * 60 + d.getUTCMinutes() };
}

const offsetAt = (timeZone: string, at: number) => wallAsUtc(timeZone, at) - Math.floor(at / 1000) * 1000;

/**
 * The instants whose wall clock is `wall` (a local time as if UTC): none in a spring-forward gap
 * (then the instant the clock jumps past it), two in a fall-back overlap (both, earlier first).
 */
export function instantsOf(timeZone: string, wall: number): number[] {
  // Offsets change at most by a day's worth; the candidates come from the offsets around `wall`.
  const offsets = new Set([offsetAt(timeZone, wall - DAY_MINUTES * MINUTE), offsetAt(timeZone, wall), offsetAt(timeZone, wall + DAY_MINUTES * MINUTE)]);
  const found = [...offsets].map((o) => wall - o).filter((t) => wallAsUtc(timeZone, t) === wall);
  const unique = [...new Set(found)].sort((a, b) => a - b);
  if (unique.length) return unique;
  // A gap: the first instant after it. Between wall - (larger offset) and wall - (smaller offset).
  let lo = wall - Math.max(...offsets);
  let hi = wall - Math.min(...offsets);
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (wallAsUtc(timeZone, mid) >= wall) hi = mid;
    else lo = mid;
  }
  return [hi];
}

/** The instant the zone's offset changes during the local day starting at `midnight` (wall as UTC), if it does. */
function offsetChange(timeZone: string, midnight: number): number | null {
  let lo = midnight - offsetAt(timeZone, midnight) - 3 * 3600_000;
  let hi = lo + (DAY_MINUTES + 6 * 60) * MINUTE;
  const before = offsetAt(timeZone, lo);
  if (offsetAt(timeZone, hi) === before) return null;
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (offsetAt(timeZone, mid) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** Within business hours at `at`. */
export function isOpen(hours: BusinessHours, at: number): boolean {
  const w = wallOf(hours.timeZone, at);
  if (hours.holidays.has(w.date)) return false;
  return hours.days[w.weekday]!.some(([s, e]) => w.minutes >= s && w.minutes < e);
}

/** The first instant at or after `at` within hours (`at` itself when open), or null within LOOKAHEAD_DAYS. */
export function nextOpening(hours: BusinessHours, at: number): number | null {
  if (isOpen(hours, at)) return at;
  const today = Date.parse(`${wallOf(hours.timeZone, at).date}T00:00:00Z`);
  // Candidates of every day, sorted together: one day's offset change can fall after the next day's start.
  const starts: number[] = [];
  for (let d = -1; d <= LOOKAHEAD_DAYS; d++) {
    const midnight = today + d * DAY_MINUTES * MINUTE;
    const date = new Date(midnight).toISOString().slice(0, 10);
    if (!hours.holidays.has(date)) for (const [s] of hours.days[new Date(midnight).getUTCDay()]!) starts.push(...instantsOf(hours.timeZone, midnight + s * MINUTE));
    // Fall back: the clock jumps back into a range (open again at the jump, not at a range start).
    const change = offsetChange(hours.timeZone, midnight);
    if (change !== null) starts.push(change);
  }
  for (const t of starts.sort((a, b) => a - b)) if (t > at && isOpen(hours, t)) return t;
  return null;
}

/** A callback slot: its start, and that it lies within hours from start to end. */
export const SLOT_MS = 30 * MINUTE;

/**
 * The next `count` callback slots: starts on the hour or half hour of the zone's wall clock, at
 * least `leadMs` after `at`, each wholly within hours (start and last minute open), within LOOKAHEAD_DAYS.
 */
export function nextSlots(hours: BusinessHours, at: number, count: number, leadMs = 15 * MINUTE): number[] {
  const slots: number[] = [];
  const end = at + LOOKAHEAD_DAYS * DAY_MINUTES * MINUTE;
  let t = alignUp(hours.timeZone, at + leadMs);
  for (let guard = 0; slots.length < count && t < end && guard < 10_000; guard++) {
    if (isOpen(hours, t) && isOpen(hours, t + SLOT_MS - MINUTE)) {
      slots.push(t);
      t += SLOT_MS;
      continue;
    }
    const open = nextOpening(hours, t + MINUTE);
    if (open === null) break;
    t = alignUp(hours.timeZone, open);
  }
  return slots;
}

/** The first instant at or after `at` whose wall clock is on :00 or :30. */
function alignUp(timeZone: string, at: number): number {
  const start = Math.ceil(at / MINUTE) * MINUTE;
  const wall = wallAsUtc(timeZone, start);
  const minutes = Math.floor(wall / MINUTE) % 30;
  return minutes === 0 ? start : start + (30 - minutes) * MINUTE;
}
