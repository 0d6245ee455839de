import { addCalendarDays, localDateOf } from '../calendar.js';
import type { PeriodSpec } from '../periods.js';
import { COUNT, MONTH, MONTH_NUMBERS, NUMBER_WORDS, ORDINAL, QUARTER_WORDS, WEEKDAYS } from './period-vocabulary.js';

/**
 * The period a question names ("last month", "October", "Q3", "since 1 Sept", "last 6 months"),
 * read from normalised text. A month, quarter or date without a year is the most recent one that is
 * not after today. Periods the service cannot answer ("yesterday", "next month", a single past day)
 * are reported as unsupported so the question is declined instead of answered for the wrong time.
 */

export interface PeriodReading {
  /** The first period named, or null when the question names none. */
  period: PeriodSpec | null;
  /** "over the last 6 months": a trend over that many month-ends. */
  trendMonths: number | null;
  /** The words of a period that cannot be answered, e.g. "yesterday". */
  unsupported: string | null;
  /** How many period phrases the question holds: two means one is compared with the other. */
  periodsNamed: number;
  /** The text with every period phrase blanked, so its numbers are not read as units or thresholds. */
  rest: string;
}

interface Today {
  year: number;
  month: number;
  day: number;
}

type Found = { period: PeriodSpec } | { trendMonths: number } | { unsupported: string };

interface PeriodPattern {
  pattern: RegExp;
  read(match: RegExpMatchArray & { index: number }, today: Today): Found | null;
}

export const MAX_TREND_MONTHS = 36;

const PATTERNS: PeriodPattern[] = [
  {
    pattern: /\b(yesterday|tomorrow|next (?:week|month|quarter|year)|(?:last |past |this )?fortnight|(?:last|past) \d+ (?:days|weeks))\b/g,
    read: (m) => ({ unsupported: m[1]! }),
  },
  {
    pattern: new RegExp(`\\b(?:(?:over|in|for|during|across) )?(?:the )?(?:last|past|previous) ${COUNT} months?\\b`, 'g'),
    read: (m) => trend(countOf(m[1]!)),
  },
  { pattern: new RegExp(`\\b${COUNT}[- ]months? trend\\b`, 'g'), read: (m) => trend(countOf(m[1]!)) },
  { pattern: /\b(?:(?:over|in|during|across) the (?:last|past) year|(?:the )?past year)\b/g, read: () => trend(12) },
  {
    pattern: /\b(?:since|from) (?:the )?(?:start|beginning) of (?:the |this )?(week|month|quarter|year)\b/g,
    read: (m, today) => currentPeriod(m[1]!, today),
  },
  {
    pattern: new RegExp(`\\b(?:since|from) (?:the )?${ORDINAL}(?: of)? ${MONTH}(?: (\\d{4}))?\\b`, 'g'),
    read: (m, today) => sinceDay(Number(m[1]), MONTH_NUMBERS[m[2]!]!, yearOf(m[3]), today),
  },
  {
    pattern: new RegExp(`\\b(?:since|from) ${MONTH} ${ORDINAL}(?: (\\d{4}))?\\b`, 'g'),
    read: (m, today) => sinceDay(Number(m[2]), MONTH_NUMBERS[m[1]!]!, yearOf(m[3]), today),
  },
  {
    // UK order: day first.
    pattern: /\b(?:since|from) (\d{1,2})\/(\d{1,2})(?:\/(\d{4}|\d{2}))?\b/g,
    read: (m, today) => sinceDay(Number(m[1]), Number(m[2]), yearOf(m[3]), today),
  },
  {
    pattern: /\b(?:since|from) (\d{4})-(\d{2})-(\d{2})\b/g,
    read: (m, today) => sinceDay(Number(m[3]), Number(m[2]), Number(m[1]), today),
  },
  {
    pattern: new RegExp(`\\bsince (?:the )?(?:(?:start|beginning) of )?${MONTH}(?: (\\d{4}))?\\b`, 'g'),
    read: (m, today) => sinceDay(1, MONTH_NUMBERS[m[1]!]!, yearOf(m[2]), today),
  },
  {
    pattern: new RegExp(`\\bsince (?:last )?(${WEEKDAYS.join('|')})\\b`, 'g'),
    read: (m, today) => sinceWeekday(WEEKDAYS.indexOf(m[1]!), today),
  },
  {
    pattern: new RegExp(`\\b(?:on |at )?(?:the )?(?:(?<!team )${ORDINAL}(?: of)? ${MONTH}|${MONTH} ${ORDINAL})(?: \\d{4})?\\b`, 'g'),
    read: (m) => ({ unsupported: m[0].trim() }),
  },
  {
    pattern: /\bq([1-4])(?: (\d{4}))?\b/g,
    read: (m, today) => quarter(Number(m[1]), yearOf(m[2]), today),
  },
  {
    pattern: /\b(?:the )?(first|second|third|fourth|1st|2nd|3rd|4th) quarter(?: of)?(?: (\d{4}))?\b/g,
    read: (m, today) => quarter(QUARTER_WORDS[m[1]!]!, yearOf(m[2]), today),
  },
  { pattern: /\bquarter ([1-4])(?: (\d{4}))?\b/g, read: (m, today) => quarter(Number(m[1]), yearOf(m[2]), today) },
  { pattern: /\b(?:this|current|the current) quarter\b/g, read: (_m, today) => currentPeriod('quarter', today) },
  {
    pattern: /\b(?:last|previous|past) quarter\b/g,
    read: (_m, today) => {
      const current = Math.ceil(today.month / 3);
      return current === 1 ? quarter(4, today.year - 1, today) : quarter(current - 1, today.year, today);
    },
  },
  {
    // "may" and "mar" are words too ("may I see ..."): only a month after a preposition or before a year.
    pattern: new RegExp(`\\b(?:(in|for|during|of|over|at end of|end of|by) )?${MONTH}(?: (\\d{4}))?\\b`, 'g'),
    read: (m, today) => {
      const name = m[2]!;
      if ((name === 'may' || name === 'mar') && m[1] === undefined && m[3] === undefined) return null;
      return month(MONTH_NUMBERS[name]!, yearOf(m[3]), today);
    },
  },
  { pattern: /\b(\d{4})-(\d{2})\b(?!-\d)/g, read: (m, today) => month(Number(m[2]), Number(m[1]), today) },
  { pattern: /\b(\d{1,2})\/(\d{4})\b/g, read: (m, today) => month(Number(m[1]), Number(m[2]), today) },
  {
    pattern: /\b(?:(?:so far )?this|current|the current) month(?: so far| to date)?\b|\bmonth to date\b/g,
    read: (_m, today) => currentPeriod('month', today),
  },
  {
    pattern: /\b(?:last|previous|past) month\b|\bthe month before\b/g,
    read: (_m, today) => ({
      period:
        today.month === 1
          ? { kind: 'month', year: today.year - 1, month: 12 }
          : { kind: 'month', year: today.year, month: today.month - 1 },
    }),
  },
  {
    pattern: /\b(?:(?:so far )?this|current|the current) week(?: so far| to date)?\b|\bweek to date\b/g,
    read: () => ({ period: { kind: 'week', offset: 0 } }),
  },
  { pattern: /\b(?:last|previous|past) week\b/g, read: () => ({ period: { kind: 'week', offset: -1 } }) },
  { pattern: /\b(?:so far )?today(?: so far)?\b/g, read: () => ({ period: { kind: 'today' } }) },
  {
    pattern: /\b(?:(?:so far )?this|current|the current) year(?: so far| to date)?\b|\byear to date\b/g,
    read: (_m, today) => currentPeriod('year', today),
  },
  { pattern: /\b(?:last|previous) year\b/g, read: (_m, today) => ({ period: { kind: 'year', year: today.year - 1 } }) },
  { pattern: /\b(?:(?:in|for|during) )?(20\d{2})\b/g, read: (m) => ({ period: { kind: 'year', year: Number(m[1]) } }) },
  {
    pattern: /\b(?:right now|now|currently|at the moment|at present|as it stands|as things stand|latest|at this moment)\b/g,
    read: () => ({ period: { kind: 'now' } }),
  },
];

export function readPeriod(text: string, now: Date, timeZone: string): PeriodReading {
  const today = todayIn(now, timeZone);
  let rest = text;
  let first: { at: number; period: PeriodSpec } | null = null;
  let trendMonths: number | null = null;
  let unsupported: string | null = null;
  let periodsNamed = 0;
  for (const { pattern, read } of PATTERNS) {
    for (const match of [...rest.matchAll(pattern)]) {
      const found = read(match, today);
      if (found === null) continue;
      if ('unsupported' in found) unsupported ??= found.unsupported;
      else if ('trendMonths' in found) trendMonths ??= found.trendMonths;
      else {
        periodsNamed += 1;
        if (first === null || match.index < first.at) first = { at: match.index, period: found.period };
      }
      // Blank, not delete: positions stay comparable for "the first period named".
      rest = rest.slice(0, match.index) + ' '.repeat(match[0].length) + rest.slice(match.index + match[0].length);
    }
  }
  return { period: first?.period ?? null, trendMonths, unsupported, periodsNamed, rest: rest.replace(/\s+/g, ' ').trim() };
}

/** How many month-ends a trend "since June" or "this year" covers: through the current month. */
export function monthsCovered(period: PeriodSpec, now: Date, timeZone: string): number | null {
  const { year, month } = todayIn(now, timeZone);
  const from =
    period.kind === 'month'
      ? { year: period.year, month: period.month }
      : period.kind === 'since'
        ? { year: Number(period.from.slice(0, 4)), month: Number(period.from.slice(5, 7)) }
        : period.kind === 'year' && period.year === year
          ? { year, month: 1 }
          : period.kind === 'quarter'
            ? { year: period.year, month: (period.quarter - 1) * 3 + 1 }
            : null;
  if (from === null) return null;
  const count = (year - from.year) * 12 + (month - from.month) + 1;
  return count >= 1 && count <= MAX_TREND_MONTHS ? count : null;
}

function countOf(word: string): number {
  return /^\d+$/.test(word) ? Number(word) : NUMBER_WORDS[word]!;
}

function trend(months: number): Found {
  return months >= 1 && months <= MAX_TREND_MONTHS ? { trendMonths: months } : { unsupported: `the last ${months} months` };
}

function yearOf(text: string | undefined): number | null {
  if (text === undefined) return null;
  return text.length === 2 ? 2000 + Number(text) : Number(text);
}

function month(monthNumber: number, year: number | null, today: Today): Found {
  if (monthNumber < 1 || monthNumber > 12) return { unsupported: `month ${monthNumber}` };
  const resolvedYear = year ?? (monthNumber <= today.month ? today.year : today.year - 1);
  return { period: { kind: 'month', year: resolvedYear, month: monthNumber } };
}

function quarter(quarterNumber: number, year: number | null, today: Today): Found {
  const firstMonth = (quarterNumber - 1) * 3 + 1;
  const resolvedYear = year ?? (firstMonth <= today.month ? today.year : today.year - 1);
  return { period: { kind: 'quarter', year: resolvedYear, quarter: quarterNumber as 1 | 2 | 3 | 4 } };
}

function currentPeriod(unit: string, today: Today): Found {
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

function sinceDay(day: number, monthNumber: number, year: number | null, today: Today): Found {
  const todayDate = localDate(today.year, today.month, today.day);
  const resolvedYear = year ?? (localDate(today.year, monthNumber, day) <= todayDate ? today.year : today.year - 1);
  if (!isCalendarDate(resolvedYear, monthNumber, day))
    return { unsupported: `${day}/${monthNumber}/${resolvedYear}: there is no such date` };
  const from = localDate(resolvedYear, monthNumber, day);
  if (from > todayDate) return { unsupported: `since ${from}, which is after today` };
  return { period: { kind: 'since', from } };
}

function sinceWeekday(weekday: number, today: Today): Found {
  const todayDate = localDate(today.year, today.month, today.day);
  const todayWeekday = (new Date(`${todayDate}T12:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
  return { period: { kind: 'since', from: addCalendarDays(todayDate, -((todayWeekday - weekday + 7) % 7)) } };
}

function todayIn(now: Date, timeZone: string): Today {
  const [year, month, day] = localDateOf(now, timeZone).split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

function localDate(year: number, monthNumber: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(monthNumber).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function isCalendarDate(year: number, monthNumber: number, day: number): boolean {
  if (monthNumber < 1 || monthNumber > 12 || day < 1) return false;
  const check = new Date(Date.UTC(year, monthNumber - 1, day));
  return check.getUTCMonth() === monthNumber - 1 && check.getUTCDate() === day;
}
