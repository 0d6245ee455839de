import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, daysBetween, localDateOf, startOfLocalDay, WorkingCalendar } from '../../../src/domain/calendar.js';
import { dateOfDayNumber, dayNumber, englandAndWales, intlLocalDate, weekdayOf } from '../../support/england-and-wales.js';

const LONDON = 'Europe/London';
const christmas2026 = new Set(['2026-12-25', '2026-12-28', '2027-01-01']);

const dayIn2018To2030 = fc.integer({ min: dayNumber('2018-01-01'), max: dayNumber('2030-12-31') }).map(dateOfDayNumber);

describe('localDateOf', () => {
  it('gives the London wall-clock date, not the UTC date', () => {
    expect(localDateOf(new Date('2026-10-31T23:30:00Z'), LONDON)).toBe('2026-10-31'); // GMT: same as UTC
    expect(localDateOf(new Date('2026-07-31T23:30:00+01:00'), LONDON)).toBe('2026-07-31'); // 23:30 BST
    expect(localDateOf(new Date('2026-07-31T23:30:00Z'), LONDON)).toBe('2026-08-01'); // 00:30 BST next day
    expect(localDateOf(new Date('2026-10-24T23:30:00Z'), LONDON)).toBe('2026-10-25'); // 00:30 BST on the change day
  });

  it('reads both 01:30s of the October change as the same date', () => {
    expect(localDateOf(new Date('2026-10-25T00:30:00Z'), LONDON)).toBe('2026-10-25');
    expect(localDateOf(new Date('2026-10-25T01:30:00Z'), LONDON)).toBe('2026-10-25');
  });

  it('uses the time zone it is given', () => {
    expect(localDateOf(new Date('2026-07-01T02:00:00Z'), 'America/New_York')).toBe('2026-06-30');
  });

  it('refuses an unknown time zone or an invalid instant instead of inventing a date', () => {
    expect(() => localDateOf(new Date('2026-07-01T02:00:00Z'), 'Mars/Olympus')).toThrow(/Mars\/Olympus/);
    expect(() => localDateOf(new Date('not a date'), LONDON)).toThrow(RangeError);
  });

  it('agrees with Intl for any instant from 2018 to 2030', () => {
    const instants = fc
      .integer({ min: Date.parse('2018-01-01T00:00:00Z'), max: Date.parse('2031-01-01T00:00:00Z') })
      .map((ms) => new Date(ms));
    fc.assert(fc.property(instants, (instant) => localDateOf(instant, LONDON) === intlLocalDate(instant, LONDON)));
  });
});

describe('addCalendarDays and daysBetween', () => {
  it('crosses month ends, leap days and year ends', () => {
    expect(addCalendarDays('2026-01-31', 28)).toBe('2026-02-28');
    expect(addCalendarDays('2028-01-31', 28)).toBe('2028-02-28');
    expect(addCalendarDays('2028-02-01', 28)).toBe('2028-02-29');
    expect(addCalendarDays('2026-12-20', 28)).toBe('2027-01-17');
    expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('counts whole days, unaffected by the DST changes', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
    expect(daysBetween('2026-10-26', '2026-10-24')).toBe(-2);
  });

  it('refuses what is not a calendar date or a whole number of days', () => {
    expect(() => addCalendarDays('2026-02-30', 1)).toThrow(/'2026-02-30' is not a calendar date/);
    expect(() => addCalendarDays('1/10/2026', 1)).toThrow(/YYYY-MM-DD/);
    expect(() => addCalendarDays('2026-02-01', 1.5)).toThrow(/whole number/);
    expect(() => daysBetween('2026-13-01', '2026-01-01')).toThrow(/not a calendar date/);
  });

  it('are inverses of each other', () => {
    fc.assert(
      fc.property(
        dayIn2018To2030,
        fc.integer({ min: -800, max: 800 }),
        (date, days) => daysBetween(date, addCalendarDays(date, days)) === days,
      ),
    );
  });
});

describe('startOfLocalDay', () => {
  it('is local midnight, in GMT or BST', () => {
    expect(startOfLocalDay('2026-01-15', LONDON).toISOString()).toBe('2026-01-15T00:00:00.000Z');
    expect(startOfLocalDay('2026-07-15', LONDON).toISOString()).toBe('2026-07-14T23:00:00.000Z');
  });

  it('is right on both change days and the days after', () => {
    expect(startOfLocalDay('2026-03-29', LONDON).toISOString()).toBe('2026-03-29T00:00:00.000Z');
    expect(startOfLocalDay('2026-03-30', LONDON).toISOString()).toBe('2026-03-29T23:00:00.000Z');
    expect(startOfLocalDay('2026-10-25', LONDON).toISOString()).toBe('2026-10-24T23:00:00.000Z');
    expect(startOfLocalDay('2026-10-26', LONDON).toISOString()).toBe('2026-10-26T00:00:00.000Z');
  });

  it('is the first instant of the day where midnight does not exist', () => {
    // Chile moved its clocks from 00:00 to 01:00 on 8 September 2024.
    expect(startOfLocalDay('2024-09-08', 'America/Santiago').toISOString()).toBe('2024-09-08T04:00:00.000Z');
  });

  it('starts the day and the millisecond before belongs to the day before, any day 2018-2030', () => {
    fc.assert(
      fc.property(dayIn2018To2030, (date) => {
        const start = startOfLocalDay(date, LONDON);
        return intlLocalDate(start, LONDON) === date && intlLocalDate(new Date(start.getTime() - 1), LONDON) === addCalendarDays(date, -1);
      }),
    );
  });
});

describe('WorkingCalendar', () => {
  it('skips weekends: Friday + 2 and Saturday + 2 are both Tuesday', () => {
    expect(englandAndWales.addWorkingDays('2026-10-16', 2)).toBe('2026-10-20');
    expect(englandAndWales.addWorkingDays('2026-10-17', 2)).toBe('2026-10-20');
    expect(englandAndWales.addWorkingDays('2026-10-18', 2)).toBe('2026-10-20');
    expect(englandAndWales.addWorkingDays('2026-10-14', 2)).toBe('2026-10-16');
  });

  it('skips Easter: Thursday before Good Friday + 1 is the Tuesday after Easter Monday, + 2 the Wednesday', () => {
    expect(englandAndWales.isWorkingDay('2026-04-03')).toBe(false);
    expect(englandAndWales.isWorkingDay('2026-04-06')).toBe(false);
    expect(englandAndWales.addWorkingDays('2026-04-02', 1)).toBe('2026-04-07');
    expect(englandAndWales.addWorkingDays('2026-04-02', 2)).toBe('2026-04-08');
  });

  it('skips Christmas, Boxing Day (and its substitute) and New Year', () => {
    expect(englandAndWales.addWorkingDays('2026-12-24', 2)).toBe('2026-12-30'); // 25 Fri, 28 Mon substitute
    expect(englandAndWales.addWorkingDays('2026-12-31', 2)).toBe('2027-01-05'); // 1 Jan Fri
    expect(englandAndWales.addWorkingDays('2021-12-24', 2)).toBe('2021-12-30'); // 27 and 28 both substitutes
    expect(englandAndWales.addWorkingDays('2021-12-31', 1)).toBe('2022-01-04'); // 3 Jan substitute
  });

  it('adding 0 working days is the date itself, even on a weekend', () => {
    expect(englandAndWales.addWorkingDays('2026-10-17', 0)).toBe('2026-10-17');
  });

  it('refuses a negative or fractional count', () => {
    expect(() => englandAndWales.addWorkingDays('2026-10-16', -1)).toThrow(/0 or more/);
    expect(() => englandAndWales.addWorkingDays('2026-10-16', 1.5)).toThrow(/whole number/);
  });

  it('outside the file years only excludes weekends, and says which years it covers', () => {
    expect(englandAndWales.coverage).toEqual({ firstYear: 2018, lastYear: 2030 });
    expect(englandAndWales.isWorkingDay('2031-12-25')).toBe(true); // a Thursday the file does not list
    expect(englandAndWales.isWorkingDay('2031-12-27')).toBe(false); // Saturday
    expect(englandAndWales.isWorkingDay('2017-12-25')).toBe(true);
  });

  it('can be built from any list of dates', () => {
    const calendar = new WorkingCalendar({ dates: christmas2026, coverage: { firstYear: 2026, lastYear: 2027 } });
    expect(calendar.isWorkingDay('2026-12-28')).toBe(false);
    expect(calendar.isWorkingDay('2026-12-29')).toBe(true);
    expect(() => new WorkingCalendar({ dates: ['2026-12-32'], coverage: { firstYear: 2026, lastYear: 2026 } })).toThrow(/2026-12-32/);
    expect(() => new WorkingCalendar({ dates: [], coverage: { firstYear: 2027, lastYear: 2026 } })).toThrow(/in order/);
  });

  it('never lands on a weekend or bank holiday, and counts exactly n working days', () => {
    fc.assert(
      fc.property(dayIn2018To2030, fc.integer({ min: 1, max: 40 }), (date, n) => {
        const result = englandAndWales.addWorkingDays(date, n);
        if (!englandAndWales.isWorkingDay(result) || [0, 6].includes(weekdayOf(result))) return false;
        let counted = 0;
        for (let day = addCalendarDays(date, 1); day <= result; day = addCalendarDays(day, 1)) {
          if (englandAndWales.isWorkingDay(day)) counted += 1;
        }
        return counted === n;
      }),
    );
  });

  it('is monotonic in the start date and in the number of days', () => {
    fc.assert(
      fc.property(dayIn2018To2030, dayIn2018To2030, fc.nat(20), fc.nat(20), (a, b, m, n) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const [few, many] = m <= n ? [m, n] : [n, m];
        return (
          englandAndWales.addWorkingDays(early, few) <= englandAndWales.addWorkingDays(late, few) &&
          englandAndWales.addWorkingDays(early, few) <= englandAndWales.addWorkingDays(early, many)
        );
      }),
    );
  });
});
