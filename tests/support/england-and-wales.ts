import { readFileSync } from 'node:fs';
import { parseBankHolidays, WorkingCalendar } from '../../src/domain/calendar.js';

/** The bundled gov.uk-shaped file, read the way a force would ship it. */
export const bundledBankHolidays: unknown = JSON.parse(
  readFileSync(new URL('../../src/config/bank-holidays.json', import.meta.url), 'utf8'),
);

export const englandAndWales = new WorkingCalendar(parseBankHolidays(bundledBankHolidays));

const DAY_MS = 86_400_000;

/** Day numbers (days since 1970-01-01) let fast-check draw dates without going through the code under test. */
export function dayNumber(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

export function dateOfDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** An independent oracle for the local date: Intl, not @date-fns/tz. */
export function intlLocalDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}
