import { addCalendarDays } from '../calendar.js';
import type { PeriodSpec } from '../periods.js';
import type { LocalDate } from '../types.js';

/**
 * What one period phrase resolves to, and the rules that resolve it against today's local date. Pure:
 * "a month, quarter or date without a year is the most recent one that is not after today".
 */

export interface Today {
  year: number;
  month: number;
  day: number;
}

/** A phrase about time that figures cannot answer, and why, in words the asker can act on. */
export interface Unanswerable {
  said: string;
  reason: string;
}

/** context: the words say when something else happens ("the PCC meeting on Monday"): read, but no period. */
export type Found = { period: PeriodSpec } | { trendMonths: number } | { unsupported: Unanswerable } | { context: true };

export const MAX_TREND_MONTHS = 36;

const FUTURE = 'figures are kept for now and the past, so there is nothing to show yet';

export function notYet(said: string): Found {
  return { unsupported: { said, reason: `"${said}" is in the future: ${FUTURE}.` } };
}

export function trend(months: number): Found {
  return months >= 1 && months <= MAX_TREND_MONTHS
    ? { trendMonths: months }
    : { unsupported: { said: `the last ${months} months`, reason: `A trend covers 1 to ${MAX_TREND_MONTHS} months.` } };
}

export function yearOf(text: string | undefined): number | null {
  if (text === undefined) return null;
  return text.length === 2 ? 2000 + Number(text) : Number(text);
}

export function month(monthNumber: number, year: number | null, today: Today): Found {
  if (monthNumber < 1 || monthNumber > 12) {
    return { unsupported: { said: `month ${monthNumber}`, reason: `There is no month ${monthNumber}: months run 1 to 12.` } };
  }
  const resolvedYear = year ?? (monthNumber <= today.month ? today.year : today.year - 1);
  return { period: { kind: 'month', year: resolvedYear, month: monthNumber } };
}

/**
 * "June to August": from the first day of the first month to the last of the second (today, when that month is
 * this one). The second month is the most recent not after today, the first the most recent not after it.
 */
export function monthRange(fromMonth: number, toMonth: number, year: number | null, today: Today): Found {
  const toYear = year ?? (toMonth <= today.month ? today.year : today.year - 1);
  const fromYear = fromMonth <= toMonth ? toYear : toYear - 1;
  const lastDay = new Date(Date.UTC(toYear, toMonth, 0)).getUTCDate();
  const to = toYear === today.year && toMonth === today.month ? todayOf(today) : localDate(toYear, toMonth, lastDay);
  return range(localDate(fromYear, fromMonth, 1), to, today);
}

export function quarter(quarterNumber: number, year: number | null, today: Today): Found {
  const firstMonth = (quarterNumber - 1) * 3 + 1;
  const resolvedYear = year ?? (firstMonth <= today.month ? today.year : today.year - 1);
  return { period: { kind: 'quarter', year: resolvedYear, quarter: quarterNumber as 1 | 2 | 3 | 4 } };
}

export function currentPeriod(unit: string, today: Today): Found {
  switch (unit) {
    case 'week':
      return { period: { kind: 'week', offset: 0 } };
    case 'quarter':
      return quarter(Math.ceil(today.month / 3), today.year, today);
    case 'year':
      return { period: { kind: 'year', year: today.year } };
    default:
      return { period: { kind: 'month', year: today.year, month: today.month } };
  }
}

/** A calendar date said without a year is the most recent one not after today. */
function dateOf(day: number, monthNumber: number, year: number | null, today: Today): LocalDate | Found {
  const todayDate = todayOf(today);
  const resolvedYear = year ?? (localDate(today.year, monthNumber, day) <= todayDate ? today.year : today.year - 1);
  if (!isCalendarDate(resolvedYear, monthNumber, day)) {
    return {
      unsupported: { said: `${day}/${monthNumber}/${resolvedYear}`, reason: `${day}/${monthNumber}/${resolvedYear} is not a date.` },
    };
  }
  const date = localDate(resolvedYear, monthNumber, day);
  return date > todayDate ? notYet(date) : date;
}

export function dayPeriod(date: LocalDate, today: Today): Found {
  return { period: date === todayOf(today) ? { kind: 'today' } : { kind: 'day', date } };
}

/** "The 1st": that day of this month, or of last month when it is still to come. */
export function dayOfMonth(day: number, today: Today): DateReading {
  if (day <= today.day) return calendarDate(day, today.month, today.year, today);
  const previous = today.month === 1 ? { year: today.year - 1, month: 12 } : { year: today.year, month: today.month - 1 };
  return calendarDate(day, previous.month, previous.year, today);
}

/**
 * A weekday: "on Tuesday" is the most recent Tuesday, today included; "last Tuesday" and "Tuesday just
 * gone" the most recent before today.
 */
export function weekday(weekdayIndex: number, before: boolean, today: Today): LocalDate {
  const todayDate = todayOf(today);
  const todayWeekday = (new Date(`${todayDate}T12:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
  const back = (todayWeekday - weekdayIndex + 7) % 7;
  return addCalendarDays(todayDate, -(back === 0 && before ? 7 : back));
}

/** "From 1 Nov to 15 Nov": the change between the start of the first day and the end of the last. */
export function range(from: LocalDate, to: LocalDate, today: Today): Found {
  if (to < from) return { unsupported: { said: `${from} to ${to}`, reason: `The period ends (${to}) before it starts (${from}).` } };
  if (to > todayOf(today)) return notYet(to);
  return { period: { kind: 'range', from, to } };
}

/** A date phrase read by period-patterns.ts: a local date, or why it is not one. */
export type DateReading = { date: LocalDate } | { unsupported: Unanswerable };

export function calendarDate(day: number, monthNumber: number, year: number | null, today: Today): DateReading {
  const date = dateOf(day, monthNumber, year, today);
  return typeof date === 'string' ? { date } : (date as { unsupported: Unanswerable });
}

export function todayOf(today: Today): LocalDate {
  return localDate(today.year, today.month, today.day);
}

function localDate(year: number, monthNumber: number, day: number): LocalDate {
  return `${String(year).padStart(4, '0')}-${String(monthNumber).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function isCalendarDate(year: number, monthNumber: number, day: number): boolean {
  if (monthNumber < 1 || monthNumber > 12 || day < 1) return false;
  const check = new Date(Date.UTC(year, monthNumber - 1, day));
  return check.getUTCMonth() === monthNumber - 1 && check.getUTCDate() === day;
}
