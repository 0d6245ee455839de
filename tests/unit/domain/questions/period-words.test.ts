import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, daysBetween, localDateOf, startOfLocalDay } from '../../../../src/domain/calendar.js';
import { resolvePeriod } from '../../../../src/domain/periods.js';
import { monthsCovered, readPeriod } from '../../../../src/domain/questions/period-words.js';
import { NOW, TIME_ZONE } from '../../../support/example-force.js';

const read = (text: string, now = NOW) => readPeriod(text, now, TIME_ZONE);

describe('readPeriod', () => {
  it.each([
    ['this month', { kind: 'month', year: 2026, month: 11 }],
    ['last month', { kind: 'month', year: 2026, month: 10 }],
    ['this week', { kind: 'week', offset: 0 }],
    ['last week', { kind: 'week', offset: -1 }],
    ['today', { kind: 'today' }],
    ['right now', { kind: 'now' }],
    ['october', { kind: 'month', year: 2026, month: 10 }],
    ['in oct 2025', { kind: 'month', year: 2025, month: 10 }],
    ['september 2026', { kind: 'month', year: 2026, month: 9 }],
    ['for sept', { kind: 'month', year: 2026, month: 9 }],
    ['november', { kind: 'month', year: 2026, month: 11 }],
    ['december', { kind: 'month', year: 2025, month: 12 }],
    ['q3', { kind: 'quarter', year: 2026, quarter: 3 }],
    ['q1 2025', { kind: 'quarter', year: 2025, quarter: 1 }],
    ['the second quarter', { kind: 'quarter', year: 2026, quarter: 2 }],
    ['this quarter', { kind: 'quarter', year: 2026, quarter: 4 }],
    ['last quarter', { kind: 'quarter', year: 2026, quarter: 3 }],
    ['this year', { kind: 'year', year: 2026 }],
    ['year to date', { kind: 'year', year: 2026 }],
    ['last year', { kind: 'year', year: 2025 }],
    ['in 2024', { kind: 'year', year: 2024 }],
    ['2026-09', { kind: 'month', year: 2026, month: 9 }],
    ['09/2026', { kind: 'month', year: 2026, month: 9 }],
    ['since 1 sept', { kind: 'since', from: '2026-09-01' }],
    ['since the 1st of september 2025', { kind: 'since', from: '2025-09-01' }],
    ['since september 1st', { kind: 'since', from: '2026-09-01' }],
    ['since 01/09', { kind: 'since', from: '2026-09-01' }],
    ['since 1/9/26', { kind: 'since', from: '2026-09-01' }],
    ['from 2026-09-01', { kind: 'since', from: '2026-09-01' }],
    ['since june', { kind: 'since', from: '2026-06-01' }],
    ['since 25 december', { kind: 'since', from: '2025-12-25' }],
    ['since monday', { kind: 'since', from: '2026-11-16' }],
    ['since friday', { kind: 'since', from: '2026-11-20' }],
    ['since the start of the month', { kind: 'month', year: 2026, month: 11 }],
    // One day (issue 12): now is Fri 20 Nov 2026.
    ['yesterday', { kind: 'day', date: '2026-11-19' }],
    ['on 3 november', { kind: 'day', date: '2026-11-03' }],
    ['3 nov', { kind: 'day', date: '2026-11-03' }],
    ['nov 3rd', { kind: 'day', date: '2026-11-03' }],
    ['on 1/10', { kind: 'day', date: '2026-10-01' }],
    ['the 1st', { kind: 'day', date: '2026-11-01' }],
    ['the 25th', { kind: 'day', date: '2026-10-25' }],
    ['on tuesday', { kind: 'day', date: '2026-11-17' }],
    ['monday just gone', { kind: 'day', date: '2026-11-16' }],
    ['last friday', { kind: 'day', date: '2026-11-13' }],
    ['friday', { kind: 'today' }],
    ['end of day yesterday', { kind: 'day', date: '2026-11-19' }],
    ['close of play on tuesday', { kind: 'day', date: '2026-11-17' }],
    ['at the end of the day', { kind: 'today' }],
    ['eod', { kind: 'today' }],
    ['25 december', { kind: 'day', date: '2025-12-25' }],
    ['2026-11-03', { kind: 'day', date: '2026-11-03' }],
    // Days back from today, today included; a range between two days.
    ['last fortnight', { kind: 'since', from: '2026-11-07' }],
    ['last 10 days', { kind: 'since', from: '2026-11-11' }],
    ['past 2 weeks', { kind: 'since', from: '2026-11-07' }],
    ['from 1 nov to 15 nov', { kind: 'range', from: '2026-11-01', to: '2026-11-15' }],
    // Two days of one month, the month said once.
    ['from 1 to 15 nov', { kind: 'range', from: '2026-11-01', to: '2026-11-15' }],
    ['between the 1st and 15th of november', { kind: 'range', from: '2026-11-01', to: '2026-11-15' }],
    ['1st - 31st oct 2025', { kind: 'range', from: '2025-10-01', to: '2025-10-31' }],
    ['from 1st sept to end of oct', { kind: 'range', from: '2026-09-01', to: '2026-10-31' }],
    ['between 1 jan 2024 and the end of feb 2024', { kind: 'range', from: '2024-01-01', to: '2024-02-29' }],
    ['end of oct', { kind: 'month', year: 2026, month: 10 }],
    ['between 1/10 and 31/10', { kind: 'range', from: '2026-10-01', to: '2026-10-31' }],
    ['from monday to yesterday', { kind: 'range', from: '2026-11-16', to: '2026-11-19' }],
    // The police financial year, April-March, whenever the year is said that way.
    ['q1 2026/27', { kind: 'quarter', year: 2026, quarter: 2 }],
    ['2025/26 q4', { kind: 'quarter', year: 2026, quarter: 1 }],
    ['q3 fy2026/27', { kind: 'quarter', year: 2026, quarter: 4 }],
  ])('reads "%s"', (text, period) => {
    const reading = read(text);
    expect(reading.period).toEqual(period);
    expect(reading.unsupported).toBeNull();
    expect(reading.rest).toBe('');
  });

  it('reads a bare "Q1" as the financial year\'s when the policy says so (April-June), else the calendar year\'s', () => {
    expect(readPeriod('q1', NOW, TIME_ZONE, 'financial').period).toEqual({ kind: 'quarter', year: 2026, quarter: 2 });
    expect(readPeriod('q4', NOW, TIME_ZONE, 'financial').period).toEqual({ kind: 'quarter', year: 2026, quarter: 1 });
    expect(readPeriod('q1', NOW, TIME_ZONE).period).toEqual({ kind: 'quarter', year: 2026, quarter: 1 });
    expect(readPeriod('q1 2026/28', NOW, TIME_ZONE).unsupported?.reason).toContain('not a financial year');
  });

  it('reads month-long trends, in digits or words', () => {
    expect(read('over the last 6 months')).toMatchObject({ trendMonths: 6, period: null });
    expect(read('past twelve months')).toMatchObject({ trendMonths: 12 });
    expect(read('a 3-month trend')).toMatchObject({ trendMonths: 3 });
    expect(read('over the past year')).toMatchObject({ trendMonths: 12, period: null });
  });

  it('takes a month name without a year as the latest one not after now', () => {
    expect(read('january', new Date('2026-01-15T12:00:00Z')).period).toEqual({ kind: 'month', year: 2026, month: 1 });
    expect(read('february', new Date('2026-01-15T12:00:00Z')).period).toEqual({ kind: 'month', year: 2025, month: 2 });
    // 00:30 on 1 December in London is already December, though UTC still says November.
    expect(read('december', new Date('2026-11-30T23:30:00-01:00')).period).toEqual({ kind: 'month', year: 2026, month: 12 });
  });

  it('does not read "may" the verb as May the month', () => {
    expect(read('may i see the figures').period).toBeNull();
    expect(read('figures for may').period).toEqual({ kind: 'month', year: 2026, month: 5 });
    expect(read('may 2025').period).toEqual({ kind: 'month', year: 2025, month: 5 });
  });

  it('takes the first period named and counts the others', () => {
    expect(read('this month versus october')).toMatchObject({ period: { kind: 'month', year: 2026, month: 11 }, periodsNamed: 2 });
  });

  it('blanks period words so their numbers are not read again', () => {
    expect(read('north team 3 updates in q3 since 1 sept').rest).toBe('north team 3 updates in');
    expect(read('team 1 october').period).toEqual({ kind: 'month', year: 2026, month: 10 });
  });

  it.each([
    'next month',
    'tomorrow',
    'next tuesday',
    'on 25 december 2026',
    'from 1 nov to 25 nov',
    'since 31 february',
    'since 1 december 2026',
    'over the last 40 months',
  ])('declines "%s"', (text) => {
    expect(read(text).unsupported).not.toBeNull();
  });

  it('names no period when there is none', () => {
    expect(read('north team 3 compliance')).toMatchObject({ period: null, trendMonths: null, unsupported: null, periodsNamed: 0 });
  });
});

describe('monthsCovered', () => {
  it('counts month-ends from a period start through the running month', () => {
    expect(monthsCovered({ kind: 'month', year: 2026, month: 6 }, NOW, TIME_ZONE)).toBe(6);
    expect(monthsCovered({ kind: 'since', from: '2026-08-15' }, NOW, TIME_ZONE)).toBe(4);
    expect(monthsCovered({ kind: 'year', year: 2026 }, NOW, TIME_ZONE)).toBe(11);
    expect(monthsCovered({ kind: 'week', offset: 0 }, NOW, TIME_ZONE)).toBeNull();
  });
});

describe('readPeriod: days, at any instant (property)', () => {
  const instants = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T23:59:59Z'), noInvalidDate: true });
  const localToday = (now: Date) => localDateOf(now, TIME_ZONE);

  it('"yesterday" is the local day before today, answered at its last instant, across DST and month ends', () => {
    fc.assert(
      fc.property(instants, (now) => {
        const period = read('yesterday', now).period;
        expect(period).toEqual({ kind: 'day', date: addCalendarDays(localToday(now), -1) });
        const resolved = resolvePeriod(period!, now, TIME_ZONE);
        expect(resolved.snapshotAt.getTime()).toBe(startOfLocalDay(localToday(now), TIME_ZONE).getTime() - 1);
        expect(localDateOf(resolved.snapshotAt, TIME_ZONE)).toBe(addCalendarDays(localToday(now), -1));
      }),
      { numRuns: 300 },
    );
  });

  it('"on <weekday>" is within the last week, today included; "last <weekday>" before today', () => {
    const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
    fc.assert(
      fc.property(instants, fc.constantFrom(...weekdays), (now, weekday) => {
        const on = read(`on ${weekday}`, now).period!;
        const last = read(`last ${weekday}`, now).period!;
        const dateOf = (p: typeof on) => (p.kind === 'today' ? localToday(now) : p.kind === 'day' ? p.date : 'not a day');
        const back = (date: string) => daysBetween(date, localToday(now));
        expect(back(dateOf(on))).toBeGreaterThanOrEqual(0);
        expect(back(dateOf(on))).toBeLessThanOrEqual(6);
        expect(back(dateOf(last))).toBeGreaterThanOrEqual(1);
        expect(back(dateOf(last))).toBeLessThanOrEqual(7);
        const weekdayOf = (date: string) => weekdays[(new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7];
        expect(weekdayOf(dateOf(on))).toBe(weekday);
        expect(weekdayOf(dateOf(last))).toBe(weekday);
      }),
      { numRuns: 300 },
    );
  });

  it('"the <n>th" is the latest such day not after today, this month or the one before', () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 1, max: 28 }), (now, day) => {
        const suffix = day === 1 || day === 21 ? 'st' : day === 2 || day === 22 ? 'nd' : day === 3 || day === 23 ? 'rd' : 'th';
        const period = read(`the ${day}${suffix}`, now).period!;
        const date = period.kind === 'today' ? localToday(now) : period.kind === 'day' ? period.date : '';
        expect(Number(date.slice(8))).toBe(day);
        expect(daysBetween(date, localToday(now))).toBeGreaterThanOrEqual(0);
        expect(daysBetween(date, localToday(now))).toBeLessThan(31);
      }),
      { numRuns: 300 },
    );
  });
});
