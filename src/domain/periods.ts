import { TZDate } from '@date-fns/tz';
import { addDays, addMonths, addWeeks, addYears, differenceInCalendarDays, format, startOfDay, startOfMonth, startOfWeek } from 'date-fns';
import type { LocalDate } from './types.js';

/**
 * Reporting periods ("October", "Q3", "this week", "since 1 Sept") turned into snapshot instants
 * (compliance-rules.md, "Period figures"): a period is answered by the snapshot at its end, or at
 * now while it runs, beside the same figure at the end of the previous period of the same length.
 * Boundaries are local midnights in the force's time zone, built with TZDate so DST never moves them.
 */

export type PeriodSpec =
  | { kind: 'now' }
  | { kind: 'today' }
  /** offset 0 = this week, -1 = last week; weeks start on Monday (UK). */
  | { kind: 'week'; offset: number }
  /** month 1-12 */
  | { kind: 'month'; year: number; month: number }
  | { kind: 'quarter'; year: number; quarter: 1 | 2 | 3 | 4 }
  | { kind: 'year'; year: number }
  | { kind: 'since'; from: LocalDate }
  /** One past local day ("yesterday", "on Tuesday", "3 Nov"), answered at its end. */
  | { kind: 'day'; date: LocalDate }
  /** "From 1 Nov to 15 Nov": the end of the last day, beside the start of the first. */
  | { kind: 'range'; from: LocalDate; to: LocalDate };

export interface ResolvedPeriod {
  label: string;
  /** First instant of the period (a local midnight); null for "now". */
  start: Date | null;
  /** Exclusive end: the local midnight that starts the next period; null for "now" and "since". */
  end: Date | null;
  /** True once the whole period lies before now. */
  ended: boolean;
  /** End of the period (last instant before the next period's local midnight), or now if not ended. */
  snapshotAt: Date;
  /** The same figure at the end of the previous period of the same length. */
  previousSnapshotAt: Date;
  previousLabel: string;
}

const MONTH_PARAM = /^(\d{4})-(\d{2})$/;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Reporting months start in 1900: before it, time zones ran on local mean time (offsets in seconds) and
 * years under 100 are read as 19xx by the Date arithmetic periods are built on, so an earlier month
 * would be answered for the wrong instant. No force reports on the nineteenth century.
 */
export const FIRST_PERIOD_YEAR = 1900;

/** `YYYY-MM` (the API's `?period=`, from 1900-01 to 9999-12) -> year and month, or null when it is not a real month. */
export function parseMonthParam(value: string): { year: number; month: number } | null {
  const match = MONTH_PARAM.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  return year >= FIRST_PERIOD_YEAR && month >= 1 && month <= 12 ? { year, month } : null;
}

export function resolvePeriod(spec: PeriodSpec, now: Date, timeZone: string): ResolvedPeriod {
  const localNow = localInstant(now, timeZone);
  switch (spec.kind) {
    case 'now': {
      // "Now" has no length; forces publish monthly, so it is set beside the last month-end.
      const monthStart = startOfMonth(localNow);
      return {
        label: 'now',
        start: null,
        end: null,
        ended: false,
        snapshotAt: new Date(now.getTime()),
        previousSnapshotAt: lastInstantBefore(monthStart),
        previousLabel: `end of ${format(addMonths(monthStart, -1), 'MMMM yyyy')}`,
      };
    }
    case 'today': {
      const start = startOfDay(localNow);
      return window(now, start, addDays(start, 1), dayLabel(start), dayLabel(addDays(start, -1)));
    }
    case 'week': {
      if (!Number.isInteger(spec.offset)) throw new RangeError(`week offset must be a whole number (got ${spec.offset})`);
      const start = addWeeks(startOfWeek<TZDate, TZDate>(localNow, { weekStartsOn: 1 }), spec.offset);
      return window(now, start, addWeeks(start, 1), weekLabel(start, spec.offset), weekLabel(addWeeks(start, -1), spec.offset - 1));
    }
    case 'month': {
      if (!Number.isInteger(spec.month) || spec.month < 1 || spec.month > 12) {
        throw new RangeError(`month must be 1-12 (got ${spec.month})`);
      }
      const start = localMidnight(spec.year, spec.month - 1, 1, timeZone);
      return window(now, start, addMonths(start, 1), format(start, 'MMMM yyyy'), format(addMonths(start, -1), 'MMMM yyyy'));
    }
    case 'quarter': {
      if (![1, 2, 3, 4].includes(spec.quarter)) throw new RangeError(`quarter must be 1-4 (got ${spec.quarter})`);
      const start = localMidnight(spec.year, (spec.quarter - 1) * 3, 1, timeZone);
      const previous = spec.quarter === 1 ? `Q4 ${spec.year - 1}` : `Q${spec.quarter - 1} ${spec.year}`;
      return window(now, start, addMonths(start, 3), `Q${spec.quarter} ${spec.year}`, previous);
    }
    case 'year': {
      const start = localMidnight(spec.year, 0, 1, timeZone);
      return window(now, start, addYears(start, 1), String(spec.year), String(spec.year - 1));
    }
    case 'since':
      return since(spec.from, now, localNow, timeZone);
    case 'day': {
      const start = localDay(spec.date, timeZone, 'day');
      return window(now, start, addDays(start, 1), dayLabel(start), dayLabel(addDays(start, -1)));
    }
    case 'range': {
      const start = localDay(spec.from, timeZone, 'range');
      const next = addDays(localDay(spec.to, timeZone, 'range'), 1);
      if (next.getTime() <= start.getTime()) throw new RangeError(`a range ends on or after its start (got ${spec.from} to ${spec.to})`);
      return { ...window(now, start, next, `${dayLabel(start)} to ${dayLabel(addDays(next, -1))}`, `start of ${dayLabel(start)}`) };
    }
  }
}

/**
 * Trend points: the last `count` month-ends, oldest first, the current month answered at now
 * (it has not ended yet).
 */
export function monthEnds(
  count: number,
  now: Date,
  timeZone: string,
  through?: { year: number; month: number },
): { label: string; at: Date }[] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`a trend needs a whole number of months, 1 or more (got ${count})`);
  const currentMonthStart = startOfMonth(localInstant(now, timeZone));
  // "June to August": the ends of the months through August, every one of them ended.
  const lastStart = through === undefined ? null : new TZDate(through.year, through.month - 1, 1, timeZone);
  if (lastStart !== null && lastStart.getTime() < currentMonthStart.getTime()) {
    return Array.from({ length: count }, (_, i) => {
      const monthStart = addMonths(lastStart, i - count + 1);
      return { label: format(monthStart, 'MMMM yyyy'), at: lastInstantBefore(addMonths(monthStart, 1)) };
    });
  }
  const points: { label: string; at: Date }[] = [];
  for (let monthsBack = count - 1; monthsBack >= 1; monthsBack -= 1) {
    const monthStart = addMonths(currentMonthStart, -monthsBack);
    points.push({ label: format(monthStart, 'MMMM yyyy'), at: lastInstantBefore(addMonths(monthStart, 1)) });
  }
  points.push({ label: `${format(currentMonthStart, 'MMMM yyyy')} so far`, at: new Date(now.getTime()) });
  return points;
}

/** A period [start, next) seen from now: periods are contiguous, so the previous one ends just before start. */
function window(now: Date, start: TZDate, next: TZDate, label: string, previousLabel: string): ResolvedPeriod {
  const ended = now.getTime() >= next.getTime();
  return {
    label,
    start: new Date(start.getTime()),
    end: new Date(next.getTime()),
    ended,
    // A period that has not started yet has no figures of its own either: it is answered at now.
    snapshotAt: ended ? lastInstantBefore(next) : new Date(now.getTime()),
    previousSnapshotAt: lastInstantBefore(start),
    previousLabel,
  };
}

/** "Since 1 Sept": runs until now; the previous period of the same length is the one that ends at its start. */
function since(from: LocalDate, now: Date, localNow: TZDate, timeZone: string): ResolvedPeriod {
  const start = localDay(from, timeZone, 'since');
  const days = Math.max(1, differenceInCalendarDays(localNow, start) + 1);
  return {
    label: `since ${dayLabel(start)}`,
    start: new Date(start.getTime()),
    end: null,
    ended: false,
    snapshotAt: new Date(now.getTime()),
    previousSnapshotAt: lastInstantBefore(start),
    previousLabel: `the ${days} ${days === 1 ? 'day' : 'days'} to ${dayLabel(addDays(start, -1))}`,
  };
}

/** The local midnight that starts a calendar date, or a RangeError naming the period kind. */
function localDay(date: LocalDate, timeZone: string, kind: string): TZDate {
  const match = LOCAL_DATE.exec(date);
  const start = match ? localMidnight(Number(match[1]), Number(match[2]) - 1, Number(match[3]), timeZone) : null;
  if (!match || !start || format(start, 'yyyy-MM-dd') !== date) {
    throw new RangeError(`'${kind}' needs a calendar date YYYY-MM-DD, e.g. 2026-09-01 (got '${date}')`);
  }
  return start;
}

function localInstant(instant: Date, timeZone: string): TZDate {
  const local = new TZDate(instant.getTime(), timeZone);
  if (Number.isNaN(local.getTime())) {
    throw new RangeError(
      `cannot place ${String(instant)} in time zone '${timeZone}': use a valid instant and an IANA zone, e.g. Europe/London`,
    );
  }
  return local;
}

function localMidnight(year: number, monthIndex: number, day: number, timeZone: string): TZDate {
  if (!Number.isInteger(year) || year < 1 || year > 9999) throw new RangeError(`year must be a whole number 1-9999 (got ${year})`);
  const midnight = new TZDate(year, monthIndex, day, timeZone);
  if (Number.isNaN(midnight.getTime())) throw new RangeError(`'${timeZone}' is not a time zone: use an IANA name, e.g. Europe/London`);
  return midnight;
}

function lastInstantBefore(instant: Date): Date {
  return new Date(instant.getTime() - 1);
}

function dayLabel(day: TZDate): string {
  return format(day, 'd MMM yyyy');
}

function weekLabel(monday: TZDate, offset: number): string {
  if (offset === 0) return 'this week';
  if (offset === -1) return 'last week';
  return `week of ${dayLabel(monday)}`;
}
