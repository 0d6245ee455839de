import { addCalendarDays } from '../calendar.js';
import {
  calendarDate,
  currentPeriod,
  dayPeriod,
  type Found,
  month,
  monthRange,
  notYet,
  quarter,
  range,
  type Today,
  todayOf,
  trend,
  yearOf,
} from './period-found.js';
import { CONTEXT_PATTERNS } from './period-context.js';
import { readDate } from './period-dates.js';
import { COUNT, MONTH, MONTH_NUMBERS, NUMBER_WORDS, ORDINAL, QUARTER_WORDS, WEEKDAY_WORD } from './period-vocabulary.js';

/**
 * The period phrases a question may hold, in the order they are tried: each match is blanked before
 * the next pattern runs, so "from 1 Nov to 15 Nov" is one range, not two days and a month. Every rule
 * is documented beside it and pinned in tests/unit/domain/questions/period-words.test.ts.
 */

export interface PeriodPattern {
  pattern: RegExp;
  read(match: RegExpMatchArray & { index: number }, today: Today, quarters: Quarters): Found | null;
}

/** "Mid October" is read from the 15th. */
const MID_MONTH_DAY = 15;

/** What a bare "Q1" means: policy `quarters`. */
export type Quarters = 'calendar' | 'financial';

const MONTH_WORD = MONTH.replace('(', '(?:');
/** One day, said any way people say it; read by `readDate`. */
const DATE = [
  'yesterday',
  'today',
  `(?:last |this (?:past )?)?${WEEKDAY_WORD}(?: just gone| gone)?`,
  `(?:the )?\\d{1,2}(?:st|nd|rd|th)?(?: of)? ${MONTH_WORD}(?: \\d{4})?`,
  `${MONTH_WORD} \\d{1,2}(?:st|nd|rd|th)?(?: \\d{4})?`,
  '\\d{1,2}/\\d{1,2}(?:/(?:\\d{4}|\\d{2}))?',
  '\\d{4}-\\d{2}-\\d{2}',
  'the \\d{1,2}(?:st|nd|rd|th)',
].join('|');
/** "To the end of October": the last day of a month, as the end of a range. */
const END_OF_MONTH = `(?:the )?(?:end|close) of ${MONTH_WORD}(?: \\d{4})?`;
/** "End of day", "close of play", "EOD": the end of the day said beside it, or of today. */
const END_OF_DAY = '(?:(?:at |by |as of )?(?:the )?(?:end|close) of (?:the )?(?:day|play|business)|eod|cob)';

export const PATTERNS: PeriodPattern[] = [
  ...CONTEXT_PATTERNS,
  {
    pattern: /\b(tomorrow|next (?:week|month|quarter|year|monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b/g,
    read: (m) => notYet(m[1]!),
  },
  {
    pattern: new RegExp(`\\b(?:(?:over|in|for|during|across) )?(?:the )?(?:last|past|previous) ${COUNT} months?\\b`, 'g'),
    read: (m) => trend(countOf(m[1]!)),
  },
  { pattern: new RegExp(`\\b${COUNT}[- ]months? trend\\b`, 'g'), read: (m) => trend(countOf(m[1]!)) },
  { pattern: new RegExp(`\\b(?:over|across) (?:the )?${COUNT} months\\b`, 'g'), read: (m) => trend(countOf(m[1]!)) },
  { pattern: /\b(?:(?:over|in|during|across) the (?:last |past )?year|(?:the )?past year)\b/g, read: () => trend(12) },
  {
    // "last 7 days", "past 2 weeks", "the last fortnight": the change since that many days ago.
    pattern: new RegExp(`\\b(?:(?:over|in|for|during) )?(?:the )?(?:last|past|previous) (?:${COUNT} (days?|weeks?)|(fortnight))\\b`, 'g'),
    read: (m, today) => {
      const days = m[3] !== undefined ? 14 : countOf(m[1]!) * (m[2]!.startsWith('week') ? 7 : 1);
      return { period: { kind: 'since', from: addCalendarDays(todayOf(today), -(days - 1)) } };
    },
  },
  {
    pattern: /\b(?:since|from) (?:the )?(?:start|beginning) of (?:the |this )?(week|month|quarter|year)\b/g,
    read: (m, today) => currentPeriod(m[1]!, today),
  },
  {
    // "The week ending 8 Nov": the seven days to that day.
    pattern: new RegExp(`\\b(?:the )?week ending (?:on )?(${DATE})\\b`, 'g'),
    read: (m, today) => {
      const to = readDate(m[1]!, today);
      if (to === null || 'unsupported' in to) return to;
      return range(addCalendarDays(to.date, -6), to.date, today);
    },
  },
  {
    // "from 1 to 15 Nov", "between the 1st and 15th of November": two days of one month, said once.
    pattern: new RegExp(
      `\\b(?:(?:from|between) )?(?:the )?${ORDINAL} (?:to|until|till|and|through|-) (?:the )?${ORDINAL}(?: of)? ${MONTH}(?: (\\d{4}))?\\b`,
      'g',
    ),
    read: (m, today) => {
      const monthNumber = MONTH_NUMBERS[m[3]!]!;
      const from = calendarDate(Number(m[1]), monthNumber, yearOf(m[4]), today);
      const to = calendarDate(Number(m[2]), monthNumber, yearOf(m[4]), today);
      if ('unsupported' in from) return from;
      if ('unsupported' in to) return to;
      return range(from.date, to.date, today);
    },
  },
  {
    pattern: new RegExp(`\\b(?:from|between) (${DATE}) (?:to|until|till|and|through|-) (${DATE}|${END_OF_MONTH})\\b`, 'g'),
    read: (m, today) => {
      const from = readDate(m[1]!, today);
      const to = readDate(m[2]!, today);
      if (from === null || to === null) return null;
      if ('unsupported' in from) return from;
      if ('unsupported' in to) return to;
      return range(from.date, to.date, today);
    },
  },
  {
    // "1/10 to 15/10", "1/10 - 31/10": two days said one after the other, without "from".
    pattern: new RegExp(`\\b(${DATE}) (?:to|until|till|-) (${DATE})\\b`, 'g'),
    read: (m, today) => {
      const from = readDate(m[1]!, today);
      const to = readDate(m[2]!, today);
      if (from === null || to === null) return null;
      if ('unsupported' in from) return from;
      if ('unsupported' in to) return to;
      return range(from.date, to.date, today);
    },
  },
  {
    pattern: new RegExp(`\\b(?:since|from) (?:the )?(?:(?:start|beginning) of )?(${DATE})\\b`, 'g'),
    read: (m, today) => {
      const from = readDate(m[1]!, today);
      if (from === null || 'unsupported' in from) return from;
      return { period: { kind: 'since', from: from.date } };
    },
  },
  {
    pattern: new RegExp(`\\bsince (?:the )?(?:(?:start|beginning) of )?${MONTH}(?: (\\d{4}))?\\b`, 'g'),
    read: (m, today) => sinceMonth(MONTH_NUMBERS[m[1]!]!, yearOf(m[2]), today),
  },
  {
    // "since mid October": from the 15th.
    pattern: new RegExp(`\\bsince (?:the )?(?:mid|middle of) ${MONTH}(?: (\\d{4}))?\\b`, 'g'),
    read: (m, today) => {
      const from = calendarDate(MID_MONTH_DAY, MONTH_NUMBERS[m[1]!]!, yearOf(m[2]), today);
      return 'unsupported' in from ? from : { period: { kind: 'since', from: from.date } };
    },
  },
  {
    // The police financial year, April to March: "Q1 2026/27", "2026/27 Q1", "Q3 FY26/27".
    pattern: /\b(?:q([1-4]) (?:fy ?)?(\d{4})\/(\d{2})|(\d{4})\/(\d{2}) q([1-4]))\b/g,
    read: (m, today) => financialQuarter(Number(m[1] ?? m[6]), Number(m[2] ?? m[4]), Number(m[3] ?? m[5]), today),
  },
  {
    pattern: /\bq([1-4])(?: (\d{4}))?(?: so far| to date)?\b/g,
    read: (m, today, quarters) =>
      quarters === 'financial' && m[2] === undefined
        ? financialQuarter(Number(m[1]), null, null, today)
        : quarter(Number(m[1]), yearOf(m[2]), today),
  },
  {
    pattern: /\b(?:the )?(first|second|third|fourth|1st|2nd|3rd|4th) quarter(?: of)?(?: (\d{4}))?\b/g,
    read: (m, today) => quarter(QUARTER_WORDS[m[1]!]!, yearOf(m[2]), today),
  },
  { pattern: /\bquarter ([1-4])(?: (\d{4}))?\b/g, read: (m, today) => quarter(Number(m[1]), yearOf(m[2]), today) },
  {
    pattern: /\b(?:(?:so far )?this|current|the current) quarter(?: so far| to date)?\b|\bquarter to date\b/g,
    read: (_m, today) => currentPeriod('quarter', today),
  },
  {
    pattern: /\b(?:last|previous|past) quarter\b/g,
    read: (_m, today) => {
      const current = Math.ceil(today.month / 3);
      return current === 1 ? quarter(4, today.year - 1, today) : quarter(current - 1, today.year, today);
    },
  },
  {
    // One day: "yesterday", "on Tuesday", "3 Nov", "1/10", "the 1st", each with or without "end of day".
    pattern: new RegExp(`\\b(?:${END_OF_DAY} )?(?:on |at |for |as at |as of )?(?!(?<=team )\\d)(${DATE})(?: ${END_OF_DAY})?\\b`, 'g'),
    read: (m, today) => {
      const day = readDate(m[1]!, today);
      if (day === null || 'unsupported' in day) return day;
      return dayPeriod(day.date, today);
    },
  },
  { pattern: new RegExp(`\\b${END_OF_DAY}\\b`, 'g'), read: (_m, today) => dayPeriod(todayOf(today), today) },
  {
    // "June to August", "from Jun - Aug 2026", "between June and August": the months whole, first day to last.
    pattern: new RegExp(
      `\\b(?:(?:from|between) )?${MONTH} (?:to|until|till|through|thru|-)(?: the end of)? ${MONTH}(?: (\\d{4}))?\\b` +
        `|\\bbetween ${MONTH} and ${MONTH}(?: (\\d{4}))?\\b`,
      'g',
    ),
    read: (m, today) => {
      const [from, to, year] = m[1] === undefined ? [m[4]!, m[5]!, m[6]] : [m[1], m[2]!, m[3]];
      return monthRange(MONTH_NUMBERS[from]!, MONTH_NUMBERS[to]!, yearOf(year), today);
    },
  },
  {
    // "Last November": the latest November before this month (in November, a year ago).
    pattern: new RegExp(`\\blast ${MONTH}\\b`, 'g'),
    read: (m, today) => {
      const number = MONTH_NUMBERS[m[1]!]!;
      return month(number, number >= today.month ? today.year - 1 : today.year, today);
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
    // "At the end of last month": a month's figure is the one at its end.
    pattern: /\b(?:(?:at )?(?:the )?end of )?(?:last|previous|past) months?\b|\bthe month before\b/g,
    read: (_m, today) => ({
      period:
        today.month === 1
          ? { kind: 'month', year: today.year - 1, month: 12 }
          : { kind: 'month', year: today.year, month: today.month - 1 },
    }),
  },
  {
    pattern: /\b(?:(?:so far )?this|current|the current) weeks?(?: so far| to date)?\b|\bweek (?:to date|so far)\b/g,
    read: () => ({ period: { kind: 'week', offset: 0 } }),
  },
  // "last weeks figures": a possessive typed without its apostrophe.
  { pattern: /\b(?:last|previous|past) weeks?\b/g, read: () => ({ period: { kind: 'week', offset: -1 } }) },
  {
    pattern: /\b(?:(?:so far )?this|current|the current) year(?: so far| to date)?\b|\byear to date\b/g,
    read: (_m, today) => currentPeriod('year', today),
  },
  { pattern: /\b(?:last|previous) year\b/g, read: (_m, today) => ({ period: { kind: 'year', year: today.year - 1 } }) },
  { pattern: /\b(?:(?:in|for|during) )?(20\d{2})\b/g, read: (m) => ({ period: { kind: 'year', year: Number(m[1]) } }) },
  {
    pattern: new RegExp(
      String.raw`\b(?:right now|now|currently|at the moment|at present|as it stands|as things stand|latest|at this moment)\b` +
        String.raw`|\bup to date(?= (?:figures|picture|position))`,
      'g',
    ),
    read: () => ({ period: { kind: 'now' } }),
  },
];

/**
 * Financial quarter n of the year starting April `startYear` is a calendar quarter: Q1 April-June (calendar
 * Q2), Q2 July-September, Q3 October-December, Q4 January-March of the next year. Without a year: the most
 * recent such quarter that has begun.
 */
function financialQuarter(n: number, startYear: number | null, endYearShort: number | null, today: Today): Found {
  if (startYear !== null && endYearShort !== null && (startYear + 1) % 100 !== endYearShort) {
    return {
      unsupported: {
        said: `${startYear}/${endYearShort}`,
        reason: `${startYear}/${endYearShort} is not a financial year: use e.g. 2026/27.`,
      },
    };
  }
  const calendarQuarter = n === 4 ? 1 : n + 1;
  if (startYear !== null) return quarter(calendarQuarter, n === 4 ? startYear + 1 : startYear, today);
  return quarter(calendarQuarter, null, today);
}

function sinceMonth(monthNumber: number, year: number | null, today: Today): Found {
  const found = month(monthNumber, year, today);
  if (!('period' in found) || found.period.kind !== 'month') return found;
  const from = `${found.period.year}-${String(found.period.month).padStart(2, '0')}-01`;
  return from > todayOf(today) ? notYet(from) : { period: { kind: 'since', from } };
}

function countOf(word: string): number {
  return /^\d+$/.test(word) ? Number(word) : NUMBER_WORDS[word]!;
}
