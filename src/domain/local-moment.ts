import type { LocalDate } from './types.js';

/** A wall-clock reading in the force's time zone: the local date and the time of day as `HH:MM`. */
export interface LocalMoment {
  date: LocalDate;
  time: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** What a wall clock in `timeZone` shows at `instant`. */
export function localMomentOf(instant: Date, timeZone: string): LocalMoment {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/**
 * The local date whose send is due at `now` for a subscription at `localTime` (`HH:MM`), or null when
 * today's time has not come yet.
 *
 * Comparing wall-clock readings (not instants) is what makes DST right without special cases: 07:00
 * is 07:00 on both change days; a time inside the spring-forward gap (01:30 on the last Sunday of
 * March) is passed as soon as the clock jumps to 02:00, so it still fires that day; a time repeated
 * in the autumn (01:30 twice) is due from its first occurrence, and the ledger keeps it to one send.
 * A time already passed today stays due until the day ends, which is the catch-up after a restart.
 */
export function dueLocalDate(now: Date, timeZone: string, localTime: string): LocalDate | null {
  const moment = localMomentOf(now, timeZone);
  return isDueAt(localTime, moment) ? moment.date : null;
}

/** Zero-padded `HH:MM` strings order like the times they name; the store's SQL uses the same test. */
export function isDueAt(localTime: string, moment: LocalMoment): boolean {
  return localTime <= moment.time;
}

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

export function isLocalTime(value: string): boolean {
  return HH_MM.test(value);
}
