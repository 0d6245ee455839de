import { isDueAt, isLocalTime, type LocalMoment } from './local-moment.js';
import type { LocalDate } from './types.js';

/**
 * Shifts: on which days a subscription's digest comes, the quiet hours when nothing is posted, and
 * whether its person is away. Everything compares wall-clock readings in the force's time zone (never
 * instants), which keeps the rules right across the clock changes (see local-moment.ts).
 */

/** ISO weekday numbers, Monday 1 to Sunday 7, as a bit set: bit (n - 1) for weekday n. 127 = every day. */
export type WeekdaySet = number;

export const EVERY_DAY: WeekdaySet = 127;
export const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

export interface QuietHours {
  /** `HH:MM`: nothing is posted from this time ... */
  from: string;
  /** ... until this one (exclusive). A window with `until` before `from` runs over midnight. */
  until: string;
}

export interface ShiftSettings {
  localTime: string;
  days: WeekdaySet;
  quiet: QuietHours | null;
}

/** The ISO weekday (Monday 1 ... Sunday 7) of a local date. */
export function weekdayOf(date: LocalDate): number {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

export function hasWeekday(days: WeekdaySet, weekday: number): boolean {
  return (days & (1 << (weekday - 1))) !== 0;
}

/** Whether `time` (`HH:MM`) lies in the quiet window: from its start, up to (not including) its end. */
export function isQuietAt(quiet: QuietHours | null, time: string): boolean {
  if (!quiet || quiet.from === quiet.until) return false;
  return quiet.from < quiet.until ? quiet.from <= time && time < quiet.until : time >= quiet.from || time < quiet.until;
}

/**
 * Whether the day's digest may be posted at `moment`: a day it comes on, its time passed, and not in
 * quiet hours. A digest whose time falls in quiet hours therefore waits until the window ends that day;
 * a catch-up after a restart or a retry waits too. One falling in the part of an overnight window that
 * ends only the next day (23:00 in 22:00-06:00) is not posted that day at all: the window never ends
 * on the same day.
 */
export function isDueInShift(settings: ShiftSettings, moment: LocalMoment): boolean {
  return (
    hasWeekday(settings.days, weekdayOf(moment.date)) && isDueAt(settings.localTime, moment) && !isQuietAt(settings.quiet, moment.time)
  );
}

/** Away through `awayUntil` inclusive: back (their own digests again) the day after. */
export function isAwayOn(awayUntil: LocalDate | null, date: LocalDate): boolean {
  return awayUntil !== null && date <= awayUntil;
}

const DAY_WORDS: Record<string, number> = {
  mon: 1,
  monday: 1,
  tue: 2,
  tues: 2,
  tuesday: 2,
  wed: 3,
  wednesday: 3,
  thu: 4,
  thur: 4,
  thurs: 4,
  thursday: 4,
  fri: 5,
  friday: 5,
  sat: 6,
  saturday: 6,
  sun: 7,
  sunday: 7,
};

/**
 * "mon-fri", "mon,wed,fri", "tue thu", "weekdays", "weekends", "every day", "sat-mon" (a range over the
 * weekend) -> a weekday set; null when a word is not a day.
 */
export function readWeekdays(given: string): WeekdaySet | null {
  const text = given
    .toLowerCase()
    .replace(/\s*(?:-|–|to)\s*/g, '-')
    .trim();
  if (text === 'every day' || text === 'everyday' || text === 'daily' || text === 'all') return EVERY_DAY;
  if (text === 'weekdays') return 0b0011111;
  if (text === 'weekends') return 0b1100000;
  let days = 0;
  for (const part of text.split(/[\s,]+|\band\b/).filter((word) => word.length > 0)) {
    const [first, last, ...rest] = part.split('-');
    const start = DAY_WORDS[first ?? ''];
    const end = last === undefined ? start : DAY_WORDS[last];
    if (start === undefined || end === undefined || rest.length > 0) return null;
    for (let day = start; ; day = (day % 7) + 1) {
      days |= 1 << (day - 1);
      if (day === end) break;
    }
  }
  return days === 0 ? null : days;
}

/** "every day", "Mon-Fri", "Mon, Wed, Fri", "Sat-Mon". */
export function weekdaysText(days: WeekdaySet): string {
  if (days === EVERY_DAY) return 'every day';
  const on = [1, 2, 3, 4, 5, 6, 7].filter((day) => hasWeekday(days, day));
  const start = on.find((day) => !hasWeekday(days, day === 1 ? 7 : day - 1));
  const runs = start !== undefined && on.every((_, i) => hasWeekday(days, ((start - 1 + i) % 7) + 1));
  if (runs && start !== undefined && on.length > 2) return `${WEEKDAY_NAMES[start - 1]}-${WEEKDAY_NAMES[(start - 1 + on.length - 1) % 7]}`;
  return on.map((day) => WEEKDAY_NAMES[day - 1]).join(', ');
}

export function quietHoursOf(from: string | null, until: string | null): QuietHours | null {
  return from !== null && until !== null && isLocalTime(from) && isLocalTime(until) && from !== until ? { from, until } : null;
}

const MONTH_WORDS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * "30 Nov", "Mon 30 Nov", "30 November 2026", "30/11", "30/11/2026", "2026-11-30", "tomorrow" -> the
 * date, the next one on or after `today` when no year is given; null when it is not a date (or not a real one).
 */
export function readAwayUntil(given: string, today: LocalDate): LocalDate | null {
  const text = given.toLowerCase().replace(/,/g, ' ').replace(/\s+/g, ' ').trim();
  if (text === 'today') return today;
  if (text === 'tomorrow') return addDays(today, 1);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (iso) return realDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const numeric = /^(\d{1,2})\/(\d{1,2})(?:\/(\d{4}))?$/.exec(text);
  const named = /^(?:[a-z]{3,9} )?(\d{1,2})(?:st|nd|rd|th)? ([a-z]{3,9})(?: (\d{4}))?$/.exec(text);
  const month = numeric ? Number(numeric[2]) : named ? MONTH_WORDS.indexOf((named[2] ?? '').slice(0, 3)) + 1 : 0;
  const match = numeric ?? named;
  if (!match || month < 1) return null;
  const day = Number(match[1]);
  if (match[3] !== undefined) return realDate(Number(match[3]), month, day);
  const year = Number(today.slice(0, 4));
  const thisYear = realDate(year, month, day);
  return thisYear !== null && thisYear >= today ? thisYear : realDate(year + 1, month, day);
}

function realDate(year: number, month: number, day: number): LocalDate | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

function addDays(date: LocalDate, days: number): LocalDate {
  const at = new Date(`${date}T12:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}
