import { TZDate } from '@date-fns/tz';
import type { LocalDate } from './types.js';

/**
 * Local dates in the force's time zone and working days. Deadlines are calendar dates, so after an
 * instant is turned into its local date (the only step that needs the time zone) all arithmetic is
 * on plain dates and DST can never move a deadline.
 */

const DAY_MS = 86_400_000;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a `YYYY-MM-DD`; throws on anything that is not a real calendar date. */
function dayNumberOf(date: LocalDate): number {
  if (!isLocalDate(date)) throw new RangeError(`'${date}' is not a calendar date: expected YYYY-MM-DD, e.g. 2026-10-01`);
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** Whether `value` is a real calendar date written `YYYY-MM-DD` (2026-02-30 is not). */
export function isLocalDate(value: string): boolean {
  const match = LOCAL_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  return check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day;
}

function localDateOfDayNumber(dayNumber: number): LocalDate {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** The date a wall clock in `timeZone` shows at `instant`. */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  const local = new TZDate(instant.getTime(), timeZone);
  if (Number.isNaN(local.getTime())) {
    throw new RangeError(`cannot take the local date of ${String(instant)} in time zone '${timeZone}': check both are valid`);
  }
  return `${pad(local.getFullYear(), 4)}-${pad(local.getMonth() + 1, 2)}-${pad(local.getDate(), 2)}`;
}

export function addCalendarDays(date: LocalDate, days: number): LocalDate {
  if (!Number.isInteger(days)) throw new RangeError(`days must be a whole number (got ${days})`);
  return localDateOfDayNumber(dayNumberOf(date) + days);
}

/** `to - from` in whole days: positive when `to` is later. */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return dayNumberOf(to) - dayNumberOf(from);
}

/**
 * The first instant of `date` in `timeZone`: local midnight, or the end of the DST gap in zones whose
 * clocks jump forward at midnight (the day then starts at 01:00).
 */
export function startOfLocalDay(date: LocalDate, timeZone: string): Date {
  const utcMidnight = new Date(dayNumberOf(date) * DAY_MS);
  const start = new TZDate(utcMidnight.getUTCFullYear(), utcMidnight.getUTCMonth(), utcMidnight.getUTCDate(), timeZone);
  if (Number.isNaN(start.getTime())) throw new RangeError(`'${timeZone}' is not a time zone: use an IANA name, e.g. Europe/London`);
  return new Date(start.getTime());
}

function isWeekend(dayNumber: number): boolean {
  const weekday = new Date(dayNumber * DAY_MS).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** The years a bank-holiday list speaks for; outside them only weekends are known to be non-working. */
export interface CalendarCoverage {
  firstYear: number;
  lastYear: number;
}

export interface WorkingDays {
  isWorkingDay(date: LocalDate): boolean;
  /** The n-th working day after `date` (`date` itself need not be a working day); `date` when n is 0. */
  addWorkingDays(date: LocalDate, n: number): LocalDate;
  readonly coverage: { firstYear: number; lastYear: number };
}

/**
 * Working days: not Saturday, not Sunday, not a bank holiday. Bank holidays are known only for the
 * years of the data file (`coverage`); for a date outside them only weekends are excluded, so a
 * deadline there may land on an unlisted bank holiday. The service logs a warning when "now" leaves
 * the coverage, and the fix is a newer file (gov.uk publishes about two years ahead).
 */
export class WorkingCalendar implements WorkingDays {
  readonly coverage: CalendarCoverage;
  private readonly bankHolidays: ReadonlySet<number>;

  constructor(bankHolidays: { dates: Iterable<LocalDate>; coverage: CalendarCoverage }) {
    const { firstYear, lastYear } = bankHolidays.coverage;
    if (!Number.isInteger(firstYear) || !Number.isInteger(lastYear) || firstYear > lastYear) {
      throw new RangeError(`bank-holiday coverage must be whole years in order (got ${firstYear}..${lastYear})`);
    }
    this.coverage = Object.freeze({ firstYear, lastYear });
    this.bankHolidays = new Set(Array.from(bankHolidays.dates, dayNumberOf));
  }

  isWorkingDay(date: LocalDate): boolean {
    return this.isWorkingDayNumber(dayNumberOf(date));
  }

  addWorkingDays(date: LocalDate, n: number): LocalDate {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days to add must be a whole number, 0 or more (got ${n})`);
    let dayNumber = dayNumberOf(date);
    // Counting day by day is cheap: deadlines are a few working days, and every week has five.
    for (let remaining = n; remaining > 0; ) {
      dayNumber += 1;
      if (this.isWorkingDayNumber(dayNumber)) remaining -= 1;
    }
    return localDateOfDayNumber(dayNumber);
  }

  private isWorkingDayNumber(dayNumber: number): boolean {
    return !isWeekend(dayNumber) && !this.bankHolidays.has(dayNumber);
  }
}

/** Error messages point into the file (`england-and-wales.events[3].date`) so it can be fixed. */
export function parseBankHolidays(json: unknown, division = 'england-and-wales'): { dates: LocalDate[]; coverage: CalendarCoverage } {
  const shape =
    `gov.uk's bank-holidays.json shape: {"${division}": {"division": "${division}", "events": [{"title": ` +
    `"...", "date": "YYYY-MM-DD", ...}]}}`;
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new Error(`the bank-holiday data must be a JSON object in ${shape}`);
  }
  const section = (json as Record<string, unknown>)[division];
  if (section === undefined) {
    const present =
      Object.keys(json)
        .map((key) => `'${key}'`)
        .join(', ') || 'none';
    throw new Error(`there is no '${division}' division (divisions present: ${present}); use ${shape}`);
  }
  if (typeof section !== 'object' || section === null || !Array.isArray((section as { events?: unknown }).events)) {
    throw new Error(`'${division}' must be an object with an "events" array, as in ${shape}`);
  }
  const events = (section as { events: unknown[] }).events;
  if (events.length === 0) throw new Error(`${division}.events is empty: list at least one bank holiday`);

  const problems: string[] = [];
  const dayNumbers = new Set<number>();
  events.forEach((event, index) => {
    const where = `${division}.events[${index}]`;
    const date = typeof event === 'object' && event !== null ? (event as { date?: unknown }).date : undefined;
    if (typeof date !== 'string') {
      problems.push(`${where}.date: is missing; each event needs "date": "YYYY-MM-DD"`);
      return;
    }
    try {
      dayNumbers.add(dayNumberOf(date));
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      problems.push(`${where}.date: ${error.message}`);
    }
  });
  if (problems.length > 0)
    throw new Error(`the bank-holiday data has ${problems.length} bad date(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);

  const dates = [...dayNumbers].sort((a, b) => a - b).map(localDateOfDayNumber);
  const firstYear = Number(dates[0]!.slice(0, 4));
  const lastYear = Number(dates[dates.length - 1]!.slice(0, 4));
  return { dates, coverage: { firstYear, lastYear } };
}
