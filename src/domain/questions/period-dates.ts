import { addCalendarDays } from '../calendar.js';
import { calendarDate, type DateReading, dayOfMonth, type Today, todayOf, weekday, yearOf } from './period-found.js';
import { MONTH, MONTH_NUMBERS, ORDINAL, WEEKDAY_SHORT, WEEKDAY_WORD, WEEKDAYS } from './period-vocabulary.js';

/** One of DATE's phrases -> a local date (a date without a year is the most recent one not after today). */
export function readDate(phrase: string, today: Today): DateReading | null {
  if (phrase === 'today') return { date: todayOf(today) };
  const endOfMonth = new RegExp(`^(?:the )?(?:end|close) of ${MONTH}(?: (\\d{4}))?$`).exec(phrase);
  if (endOfMonth) {
    const first = calendarDate(1, MONTH_NUMBERS[endOfMonth[1]!]!, yearOf(endOfMonth[2]), today);
    if ('unsupported' in first) return first;
    const [year, monthNumber] = first.date.split('-').map(Number) as [number, number];
    return { date: `${first.date.slice(0, 8)}${String(new Date(Date.UTC(year, monthNumber, 0)).getUTCDate()).padStart(2, '0')}` };
  }
  if (phrase === 'yesterday') return { date: addCalendarDays(todayOf(today), -1) };
  const day = new RegExp(`^(last |this (?:past )?)?${WEEKDAY_WORD.replace('(?:', '(')}( just gone| gone)?$`).exec(phrase);
  if (day) {
    const index = WEEKDAY_SHORT[day[2]!] ?? WEEKDAYS.indexOf(day[2]!);
    return { date: weekday(index, day[1] !== undefined || day[3] !== undefined, today) };
  }
  const dayMonth = new RegExp(`^(?:the )?${ORDINAL}(?: of)? ${MONTH}(?: (\\d{4}))?$`).exec(phrase);
  if (dayMonth) return calendarDate(Number(dayMonth[1]), MONTH_NUMBERS[dayMonth[2]!]!, yearOf(dayMonth[3]), today);
  const monthDay = new RegExp(`^${MONTH} ${ORDINAL}(?: (\\d{4}))?$`).exec(phrase);
  if (monthDay) return calendarDate(Number(monthDay[2]), MONTH_NUMBERS[monthDay[1]!]!, yearOf(monthDay[3]), today);
  // UK order: day first.
  const slashed = /^(\d{1,2})\/(\d{1,2})(?:\/(\d{4}|\d{2}))?$/.exec(phrase);
  if (slashed) return calendarDate(Number(slashed[1]), Number(slashed[2]), yearOf(slashed[3]), today);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(phrase);
  if (iso) return calendarDate(Number(iso[3]), Number(iso[2]), Number(iso[1]), today);
  const ordinal = /^the (\d{1,2})(?:st|nd|rd|th)$/.exec(phrase);
  if (ordinal) return dayOfMonth(Number(ordinal[1]), today);
  return null;
}
