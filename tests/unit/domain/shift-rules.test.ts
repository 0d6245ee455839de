import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localMomentOf } from '../../../src/domain/local-moment.js';
import {
  EVERY_DAY,
  hasWeekday,
  isAwayOn,
  isDueInShift,
  isQuietAt,
  readAwayUntil,
  readWeekdays,
  weekdayOf,
  weekdaysText,
  type ShiftSettings,
} from '../../../src/domain/shift-rules.js';

const LONDON = 'Europe/London';
const hhmm = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const settings: fc.Arbitrary<ShiftSettings> = fc.record({
  localTime: hhmm,
  days: fc.integer({ min: 1, max: 127 }),
  quiet: fc.option(fc.record({ from: hhmm, until: hhmm }), { nil: null }),
});

/** Every minute of the UTC span around a local date: 2026-03-29 has 23 hours in London, 2026-10-25 has 25. */
function minutesAround(date: string): Date[] {
  const start = Date.parse(`${date}T00:00:00Z`) - 2 * 3600_000;
  return Array.from({ length: 28 * 60 }, (_, i) => new Date(start + i * 60_000)).filter(
    (instant) => localMomentOf(instant, LONDON).date === date,
  );
}
const CLOCK_CHANGE_DAYS = ['2026-03-29', '2026-10-25', '2026-11-30'] as const;
const DAY_MINUTES = new Map<string, Date[]>(CLOCK_CHANGE_DAYS.map((date) => [date, minutesAround(date)]));
const DAY_MOMENTS = new Map(CLOCK_CHANGE_DAYS.map((date) => [date, (DAY_MINUTES.get(date) ?? []).map((at) => localMomentOf(at, LONDON))]));

describe('days, quiet hours and time away', () => {
  it('reads the days a digest comes on, and says them back', () => {
    expect(readWeekdays('mon-fri')).toBe(0b0011111);
    expect(readWeekdays('Mon, Wed, Fri')).toBe(0b0010101);
    expect(readWeekdays('sat to mon')).toBe(0b1100001);
    expect(readWeekdays('every day')).toBe(EVERY_DAY);
    expect(readWeekdays('weekends')).toBe(0b1100000);
    expect(readWeekdays('overdue north')).toBeNull();
    expect(weekdaysText(0b0011111)).toBe('Mon-Fri');
    expect(weekdaysText(0b1100001)).toBe('Sat-Mon');
    expect(weekdaysText(0b0010101)).toBe('Mon, Wed, Fri');
    expect(weekdaysText(EVERY_DAY)).toBe('every day');
  });

  it('says back any set of days as days it reads to the same set', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 126 }), (days) => {
        expect(readWeekdays(weekdaysText(days))).toBe(days);
      }),
    );
  });

  it('reads "away until" as the next such date, inclusive', () => {
    expect(readAwayUntil('Mon 30 Nov', '2026-11-25')).toBe('2026-11-30');
    expect(readAwayUntil('3 jan', '2026-11-25')).toBe('2027-01-03');
    expect(readAwayUntil('30/11', '2026-11-25')).toBe('2026-11-30');
    expect(readAwayUntil('2026-12-01', '2026-11-25')).toBe('2026-12-01');
    expect(readAwayUntil('tomorrow', '2026-12-31')).toBe('2027-01-01');
    expect(readAwayUntil('31 Feb', '2026-11-25')).toBeNull();
    expect(readAwayUntil('next week', '2026-11-25')).toBeNull();
    expect(isAwayOn('2026-11-30', '2026-11-30')).toBe(true);
    expect(isAwayOn('2026-11-30', '2026-12-01')).toBe(false);
    expect(isAwayOn(null, '2026-12-01')).toBe(false);
  });

  it('a digest due in quiet hours waits until they end, the same day', () => {
    const shift = { localTime: '07:00', days: EVERY_DAY, quiet: { from: '06:00', until: '09:30' } };
    expect(isDueInShift(shift, { date: '2026-11-30', time: '09:29' })).toBe(false);
    expect(isDueInShift(shift, { date: '2026-11-30', time: '09:30' })).toBe(true);
    // An overnight window that ends only the next morning: not posted that day at all.
    const late = { localTime: '23:00', days: EVERY_DAY, quiet: { from: '22:00', until: '06:00' } };
    expect(isDueInShift(late, { date: '2026-11-30', time: '23:59' })).toBe(false);
    expect(isDueInShift({ ...late, localTime: '05:00' }, { date: '2026-11-30', time: '06:00' })).toBe(true);
  });

  it('across the clock changes: never on a day off, never in quiet hours, first due at the rule time, and never lost', () => {
    fc.assert(
      fc.property(settings, fc.constantFrom(...CLOCK_CHANGE_DAYS), (shift, date) => {
        const moments = DAY_MOMENTS.get(date) ?? [];
        const due = moments.filter((moment) => isDueInShift(shift, moment));
        for (const moment of due) {
          expect(isQuietAt(shift.quiet, moment.time)).toBe(false);
          expect(moment.time >= shift.localTime).toBe(true);
        }
        if (!hasWeekday(shift.days, weekdayOf(date))) {
          expect(due).toEqual([]);
          return;
        }
        // The first wall time, on that day's clock, at or after the digest's time that is not quiet.
        const expected = moments.find((moment) => moment.time >= shift.localTime && !isQuietAt(shift.quiet, moment.time));
        expect(due[0]?.time).toBe(expected?.time);
        const overnightTail = shift.quiet !== null && shift.quiet.until < shift.quiet.from && shift.localTime >= shift.quiet.from;
        if (!overnightTail && shift.localTime < '23:00' && !isQuietAt(shift.quiet, '23:59')) expect(due.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });

  it('07:00 every day is first due at 07:00 local on both clock-change Sundays', () => {
    const shift = { localTime: '07:00', days: EVERY_DAY, quiet: null };
    for (const date of ['2026-03-29', '2026-10-25']) {
      const first = (DAY_MINUTES.get(date) ?? []).find((instant) => isDueInShift(shift, localMomentOf(instant, LONDON)));
      expect(first && localMomentOf(first, LONDON).time).toBe('07:00');
    }
    expect(weekdayOf('2026-03-29')).toBe(7);
  });
});
