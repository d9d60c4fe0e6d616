/**
 * Business hours (src/server/businessHours.ts): open now, the next opening and callback slots, in
 * time zones with DST (including Lord Howe's 30-minute change and Chatham's 45-minute offset),
 * around their changes. Properties with fast-check, then the cases a person can check by hand.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SLOT_MS, WEEKDAYS, isOpen, nextOpening, nextSlots, parseBusinessHours, type BusinessHoursConfig } from '../../src/server/businessHours';

const ZONES = ['Europe/Paris', 'America/New_York', 'Australia/Lord_Howe', 'America/Santiago', 'Pacific/Chatham', 'America/St_Johns', 'Asia/Kolkata', 'UTC'];
const HOUR = 3_600_000;
const MIN = 60_000;

/** The instants the zone's UTC offset changes in 2026-2027 (hourly scan, then to the minute). */
function transitions(tz: string): number[] {
  const f = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' });
  const off = (t: number) => f.formatToParts(t).find((p) => p.type === 'timeZoneName')!.value;
  const out: number[] = [];
  for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2028, 0, 1); t += HOUR) {
    if (off(t) !== off(t + HOUR)) {
      let lo = t;
      let hi = t + HOUR;
      while (hi - lo > MIN) {
        const mid = lo + Math.floor((hi - lo) / 2 / MIN) * MIN;
        if (off(mid) === off(lo)) lo = mid;
        else hi = mid;
      }
      out.push(hi);
    }
  }
  return out;
}
const TRANSITIONS = new Map(ZONES.map((z) => [z, transitions(z)]));

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
/** 0..2 ranges a day on a quarter-hour grid (hitting the DST hours often), sometimes to 24:00. */
const dayRanges = fc.uniqueArray(fc.integer({ min: 0, max: 96 }), { minLength: 0, maxLength: 4 }).map((qs) => {
  const s = [...qs].sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let i = 0; i + 1 < s.length; i += 2) ranges.push(`${hhmm(s[i]! * 15)}-${hhmm(s[i + 1]! * 15)}`);
  return ranges;
});
const config = fc.record({
  timeZone: fc.constantFrom(...ZONES),
  days: fc.array(dayRanges, { minLength: 7, maxLength: 7 }),
  holidays: fc.array(fc.integer({ min: 0, max: 729 }).map((d) => new Date(Date.UTC(2026, 0, 1) + d * 24 * HOUR).toISOString().slice(0, 10)), { maxLength: 20 }),
}).map(({ timeZone, days, holidays }): BusinessHoursConfig => ({
  timeZone,
  weekly: Object.fromEntries(WEEKDAYS.map((d, i) => [d, days[i]!])),
  holidays,
}));
/** A config and an instant, half of the time within a day of one of its zone's offset changes. */
const caseArb = config.chain((c) => {
  const near = TRANSITIONS.get(c.timeZone)!;
  const anyTime = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 11, 1) });
  const nearChange = near.length ? fc.tuple(fc.constantFrom(...near), fc.integer({ min: -24 * 60, max: 24 * 60 })).map(([t, m]) => t + m * MIN + (m % 7) * 1000) : anyTime;
  return fc.tuple(fc.constant(c), fc.oneof(anyTime, nearChange));
});

describe('business hours: properties', () => {
  it('the next opening is open, and nothing between now and it is', () => {
    fc.assert(
      fc.property(caseArb, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 20, maxLength: 20 }), ([c, at], samples) => {
        const hours = parseBusinessHours(c);
        const next = nextOpening(hours, at);
        if (isOpen(hours, at)) {
          expect(next).toBe(at);
          return;
        }
        if (next === null) return; // closed for the whole lookahead (e.g. no ranges at all)
        expect(next).toBeGreaterThan(at);
        expect(isOpen(hours, next)).toBe(true);
        // Closed a second before (the opening is the first open second), and at points in between.
        if (next - 1000 > at) expect(isOpen(hours, next - 1000)).toBe(false);
        for (const s of samples) expect(isOpen(hours, at + Math.floor((next - at) * s * 0.999))).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('callback slots start on :00 or :30 local, after the lead time, and lie wholly within hours', () => {
    fc.assert(
      fc.property(caseArb, ([c, at]) => {
        const hours = parseBusinessHours(c);
        const slots = nextSlots(hours, at, 6);
        let prev = at + 15 * MIN - 1;
        for (const s of slots) {
          expect(s).toBeGreaterThan(prev);
          expect(isOpen(hours, s)).toBe(true);
          expect(isOpen(hours, s + SLOT_MS - MIN)).toBe(true);
          const minute = new Intl.DateTimeFormat('en-US', { timeZone: c.timeZone, minute: 'numeric' }).format(s);
          expect(Number(minute) % 30).toBe(0);
          prev = s + SLOT_MS - 1;
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('business hours: cases', () => {
  const paris = parseBusinessHours({ timeZone: 'Europe/Paris', weekly: { mon: '09:00-17:30', tue: '09:00-17:30', sun: ['02:00-02:30', '02:45-05:00'] }, holidays: ['2026-12-25'] });

  it('opens on Monday at 9:00 Paris time after a weekend', () => {
    const office = parseBusinessHours({ timeZone: 'Europe/Paris', weekly: { mon: '09:00-17:30', fri: '09:00-17:30' } });
    const saturdayNoon = Date.parse('2026-12-05T11:00:00Z'); // 12:00 in Paris
    expect(isOpen(office, saturdayNoon)).toBe(false);
    expect(new Date(nextOpening(office, saturdayNoon)!).toISOString()).toBe('2026-12-07T08:00:00.000Z');
    expect(isOpen(office, Date.parse('2026-12-07T16:29:00Z'))).toBe(true); // 17:29
    expect(isOpen(office, Date.parse('2026-12-07T16:30:00Z'))).toBe(false); // 17:30: closed
  });

  it('a holiday is closed all day, and the next opening skips it', () => {
    // Friday 25 Dec is not a weekday with hours anyway; Tuesday 2026-12-29 with a holiday:
    const h = parseBusinessHours({ timeZone: 'Europe/Paris', weekly: { tue: '09:00-17:00', wed: '09:00-17:00' }, holidays: ['2026-12-29'] });
    expect(isOpen(h, Date.parse('2026-12-29T10:00:00Z'))).toBe(false);
    expect(new Date(nextOpening(h, Date.parse('2026-12-29T07:00:00Z'))!).toISOString()).toBe('2026-12-30T08:00:00.000Z');
  });

  it('spring forward: a range starting in the missing hour opens when the clock jumps past it', () => {
    // 2026-03-29 in Paris: 02:00 CET becomes 03:00 CEST at 01:00Z. "02:00-02:30" never happens;
    // "02:45-05:00" is open from 03:00 CEST (01:00Z).
    const sat = Date.parse('2026-03-28T20:00:00Z');
    expect(new Date(nextOpening(paris, sat)!).toISOString()).toBe('2026-03-29T01:00:00.000Z');
  });

  it('fall back: the repeated hour is open each time it is within a range', () => {
    // 2026-10-25 in Paris: 03:00 CEST becomes 02:00 CET at 01:00Z. 02:00-02:30 happens twice.
    expect(isOpen(paris, Date.parse('2026-10-25T00:10:00Z'))).toBe(true); // 02:10 CEST
    expect(isOpen(paris, Date.parse('2026-10-25T00:35:00Z'))).toBe(false); // 02:35 CEST: between the ranges
    expect(isOpen(paris, Date.parse('2026-10-25T00:50:00Z'))).toBe(true); // 02:50 CEST
    // At 01:00Z the clock reads 02:00 again (CET): open, in the first range's second occurrence.
    expect(isOpen(paris, Date.parse('2026-10-25T01:10:00Z'))).toBe(true);
  });

  it('refuses a bad config with a clear error', () => {
    expect(() => parseBusinessHours({ timeZone: 'Mars/Olympus', weekly: {} })).toThrow(/IANA/);
    expect(() => parseBusinessHours({ timeZone: 'UTC', weekly: { mon: '17:00-09:00' } })).toThrow(/range/);
    expect(() => parseBusinessHours({ timeZone: 'UTC', weekly: { mon: ['09:00-12:00', '11:00-13:00'] } })).toThrow(/overlap/);
    expect(() => parseBusinessHours({ timeZone: 'UTC', weekly: { monday: '09:00-12:00' } as never })).toThrow(/unknown day/);
    expect(() => parseBusinessHours({ timeZone: 'UTC', weekly: {}, holidays: ['25/12/2026'] })).toThrow(/YYYY-MM-DD/);
  });

  it('offers the next half-hour slots within hours', () => {
    const h = parseBusinessHours({ timeZone: 'America/New_York', weekly: { mon: '09:00-10:30' } });
    const slots = nextSlots(h, Date.parse('2026-12-07T13:50:00Z'), 5); // Monday 08:50 in New York
    expect(slots.map((s) => new Date(s).toISOString())).toEqual([
      '2026-12-07T14:30:00.000Z', // 09:30 (09:00 is less than 15 minutes away)
      '2026-12-07T15:00:00.000Z', // 10:00, the last that ends by 10:30
      '2026-12-14T14:00:00.000Z',
      '2026-12-14T14:30:00.000Z',
      '2026-12-14T15:00:00.000Z',
    ]);
  });
});
