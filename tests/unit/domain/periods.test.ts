import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDateOf } from '../../../src/domain/calendar.js';
import { monthEnds, parseMonthParam, resolvePeriod } from '../../../src/domain/periods.js';

const LONDON = 'Europe/London';
const NOW = new Date('2026-11-20T10:00:00Z'); // a Friday, GMT
const iso = (date: Date | null) => date?.toISOString() ?? null;

describe('parseMonthParam', () => {
  it('reads YYYY-MM', () => {
    expect(parseMonthParam('2026-10')).toEqual({ year: 2026, month: 10 });
    expect(parseMonthParam('2025-01')).toEqual({ year: 2025, month: 1 });
  });

  it.each(['2026-13', '2026-00', '2026-1', '26-10', ' 2026-10', '2026-10-01', 'October', ''])('refuses %j', (value) => {
    expect(parseMonthParam(value)).toBeNull();
  });
});

describe('resolvePeriod: months', () => {
  it('ends October 2026 at the last instant before 1 November, after the clocks went back', () => {
    const october = resolvePeriod({ kind: 'month', year: 2026, month: 10 }, NOW, LONDON);
    expect(october).toMatchObject({ label: 'October 2026', ended: true, previousLabel: 'September 2026' });
    expect(iso(october.start)).toBe('2026-09-30T23:00:00.000Z'); // 1 Oct 00:00 BST
    expect(iso(october.end)).toBe('2026-11-01T00:00:00.000Z'); // 1 Nov 00:00 GMT
    expect(iso(october.snapshotAt)).toBe('2026-10-31T23:59:59.999Z');
    expect(iso(october.previousSnapshotAt)).toBe('2026-09-30T22:59:59.999Z');
  });

  it('ends March 2026 on BST, after the clocks went forward', () => {
    const march = resolvePeriod({ kind: 'month', year: 2026, month: 3 }, NOW, LONDON);
    expect(iso(march.start)).toBe('2026-03-01T00:00:00.000Z');
    expect(iso(march.snapshotAt)).toBe('2026-03-31T22:59:59.999Z');
    expect(iso(march.previousSnapshotAt)).toBe('2026-02-28T23:59:59.999Z');
  });

  it('answers the running month at now, beside the end of the month before', () => {
    const november = resolvePeriod({ kind: 'month', year: 2026, month: 11 }, NOW, LONDON);
    expect(november).toMatchObject({ label: 'November 2026', ended: false, previousLabel: 'October 2026' });
    expect(november.snapshotAt).toEqual(NOW);
    expect(iso(november.previousSnapshotAt)).toBe('2026-10-31T23:59:59.999Z');
  });

  it('compares January with December of the year before', () => {
    const january = resolvePeriod({ kind: 'month', year: 2026, month: 1 }, NOW, LONDON);
    expect(january.previousLabel).toBe('December 2025');
    expect(iso(january.previousSnapshotAt)).toBe('2025-12-31T23:59:59.999Z');
  });

  it('answers a month that has not started at now, not at its end', () => {
    const december = resolvePeriod({ kind: 'month', year: 2026, month: 12 }, NOW, LONDON);
    expect(december.ended).toBe(false);
    expect(december.snapshotAt).toEqual(NOW);
  });

  it('puts every month-end of 2018-2030 on the last local day, one instant before the 1st', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2018, max: 2030 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const period = resolvePeriod({ kind: 'month', year, month }, new Date('2031-01-01T00:00:00Z'), LONDON);
        const nextFirst = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
        expect(localDateOf(new Date(period.snapshotAt.getTime() + 1), LONDON)).toBe(nextFirst);
        expect(localDateOf(period.snapshotAt, LONDON)).not.toBe(nextFirst);
        expect(localDateOf(period.start!, LONDON)).toBe(`${year}-${String(month).padStart(2, '0')}-01`);
      }),
    );
  });

  it('uses the force time zone it is given', () => {
    const october = resolvePeriod({ kind: 'month', year: 2026, month: 10 }, NOW, 'America/New_York');
    expect(iso(october.snapshotAt)).toBe('2026-11-01T03:59:59.999Z'); // midnight EDT
  });

  it('explains bad input', () => {
    expect(() => resolvePeriod({ kind: 'month', year: 2026, month: 13 }, NOW, LONDON)).toThrow(/month must be 1-12/);
    expect(() => resolvePeriod({ kind: 'month', year: 2026, month: 10 }, NOW, 'Europe/Londres')).toThrow(/IANA/);
  });
});

describe('resolvePeriod: quarters and years', () => {
  it('ends Q1 at the end of March and compares with Q4 of the year before', () => {
    const q1 = resolvePeriod({ kind: 'quarter', year: 2026, quarter: 1 }, NOW, LONDON);
    expect(q1).toMatchObject({ label: 'Q1 2026', previousLabel: 'Q4 2025', ended: true });
    expect(iso(q1.snapshotAt)).toBe('2026-03-31T22:59:59.999Z');
    expect(iso(q1.previousSnapshotAt)).toBe('2025-12-31T23:59:59.999Z');
  });

  it('ends Q3 at the end of September (BST)', () => {
    const q3 = resolvePeriod({ kind: 'quarter', year: 2026, quarter: 3 }, NOW, LONDON);
    expect(q3).toMatchObject({ label: 'Q3 2026', previousLabel: 'Q2 2026' });
    expect(iso(q3.start)).toBe('2026-06-30T23:00:00.000Z');
    expect(iso(q3.snapshotAt)).toBe('2026-09-30T22:59:59.999Z');
  });

  it('answers the running quarter and year at now', () => {
    const q4 = resolvePeriod({ kind: 'quarter', year: 2026, quarter: 4 }, NOW, LONDON);
    expect(q4.snapshotAt).toEqual(NOW);
    expect(iso(q4.previousSnapshotAt)).toBe('2026-09-30T22:59:59.999Z');
    const year = resolvePeriod({ kind: 'year', year: 2026 }, NOW, LONDON);
    expect(year).toMatchObject({ label: '2026', previousLabel: '2025', ended: false });
    expect(year.snapshotAt).toEqual(NOW);
    expect(iso(year.previousSnapshotAt)).toBe('2025-12-31T23:59:59.999Z');
  });

  it('ends a past year on 31 December at midnight GMT', () => {
    expect(iso(resolvePeriod({ kind: 'year', year: 2025 }, NOW, LONDON).snapshotAt)).toBe('2025-12-31T23:59:59.999Z');
  });
});

describe('resolvePeriod: weeks, today, now, since', () => {
  it('starts this week on Monday and ends last week on Sunday night', () => {
    const thisWeek = resolvePeriod({ kind: 'week', offset: 0 }, NOW, LONDON);
    expect(thisWeek).toMatchObject({ label: 'this week', previousLabel: 'last week', ended: false });
    expect(iso(thisWeek.start)).toBe('2026-11-16T00:00:00.000Z');
    expect(thisWeek.snapshotAt).toEqual(NOW);
    const lastWeek = resolvePeriod({ kind: 'week', offset: -1 }, NOW, LONDON);
    expect(lastWeek).toMatchObject({ label: 'last week', previousLabel: 'week of 2 Nov 2026', ended: true });
    expect(iso(lastWeek.snapshotAt)).toBe('2026-11-15T23:59:59.999Z');
    expect(iso(lastWeek.previousSnapshotAt)).toBe('2026-11-08T23:59:59.999Z');
  });

  it('keeps a week across the October clock change to local midnights', () => {
    const lastWeek = resolvePeriod({ kind: 'week', offset: -1 }, new Date('2026-10-28T12:00:00Z'), LONDON);
    expect(iso(lastWeek.start)).toBe('2026-10-18T23:00:00.000Z'); // Mon 19 Oct 00:00 BST
    expect(iso(lastWeek.snapshotAt)).toBe('2026-10-25T23:59:59.999Z'); // Sun 25 Oct 23:59:59.999 GMT
  });

  it('runs a week across the new year', () => {
    const week = resolvePeriod({ kind: 'week', offset: 0 }, new Date('2027-01-01T09:00:00Z'), LONDON);
    expect(iso(week.start)).toBe('2026-12-28T00:00:00.000Z');
  });

  it('takes today from the local date, not the UTC one', () => {
    const lateEvening = new Date('2026-07-01T23:30:00Z'); // 00:30 BST on 2 July
    const today = resolvePeriod({ kind: 'today' }, lateEvening, LONDON);
    expect(today).toMatchObject({ label: '2 Jul 2026', previousLabel: '1 Jul 2026' });
    expect(iso(today.start)).toBe('2026-07-01T23:00:00.000Z');
    expect(iso(today.previousSnapshotAt)).toBe('2026-07-01T22:59:59.999Z');
  });

  it('answers now beside the last month-end', () => {
    const current = resolvePeriod({ kind: 'now' }, NOW, LONDON);
    expect(current).toMatchObject({ label: 'now', start: null, end: null, ended: false, previousLabel: 'end of October 2026' });
    expect(current.snapshotAt).toEqual(NOW);
    expect(iso(current.previousSnapshotAt)).toBe('2026-10-31T23:59:59.999Z');
  });

  it('answers "since 1 Sept" at now, beside the end of the same length before', () => {
    const since = resolvePeriod({ kind: 'since', from: '2026-09-01' }, NOW, LONDON);
    expect(since).toMatchObject({ label: 'since 1 Sep 2026', end: null, ended: false, previousLabel: 'the 81 days to 31 Aug 2026' });
    expect(iso(since.start)).toBe('2026-08-31T23:00:00.000Z');
    expect(since.snapshotAt).toEqual(NOW);
    expect(iso(since.previousSnapshotAt)).toBe('2026-08-31T22:59:59.999Z');
  });

  it('refuses a since date that is not a calendar date', () => {
    expect(() => resolvePeriod({ kind: 'since', from: '2026-02-30' }, NOW, LONDON)).toThrow(/calendar date/);
    expect(() => resolvePeriod({ kind: 'since', from: '1 Sept' }, NOW, LONDON)).toThrow(/YYYY-MM-DD/);
  });
});

describe('monthEnds', () => {
  it('gives the last month-ends oldest first, the running month at now', () => {
    const ends = monthEnds(3, NOW, LONDON);
    expect(ends.map((e) => e.label)).toEqual(['September 2026', 'October 2026', 'November 2026 so far']);
    expect(ends.map((e) => iso(e.at))).toEqual(['2026-09-30T22:59:59.999Z', '2026-10-31T23:59:59.999Z', NOW.toISOString()]);
  });

  it('crosses a year boundary', () => {
    const ends = monthEnds(13, NOW, LONDON);
    expect(ends).toHaveLength(13);
    expect(ends[0]).toEqual({ label: 'November 2025', at: new Date('2025-11-30T23:59:59.999Z') });
    expect(ends[1]!.label).toBe('December 2025');
  });

  it('ends at a month before this one when asked ("June to August"), every month-end ended, across the clock change', () => {
    const ends = monthEnds(3, NOW, LONDON, { year: 2026, month: 8 });
    expect(ends.map((e) => e.label)).toEqual(['June 2026', 'July 2026', 'August 2026']);
    expect(ends.map((e) => iso(e.at))).toEqual(['2026-06-30T22:59:59.999Z', '2026-07-31T22:59:59.999Z', '2026-08-31T22:59:59.999Z']);
    const winter = monthEnds(3, NOW, LONDON, { year: 2026, month: 3 });
    expect(winter.map((e) => iso(e.at))).toEqual(['2026-01-31T23:59:59.999Z', '2026-02-28T23:59:59.999Z', '2026-03-31T22:59:59.999Z']);
  });

  it('runs to now when the month asked about is this one', () => {
    expect(monthEnds(2, NOW, LONDON, { year: 2026, month: 11 })).toEqual(monthEnds(2, NOW, LONDON));
  });

  it('is only now for one month, and refuses none', () => {
    expect(monthEnds(1, NOW, LONDON)).toEqual([{ label: 'November 2026 so far', at: NOW }]);
    expect(() => monthEnds(0, NOW, LONDON)).toThrow(/1 or more/);
  });
});
