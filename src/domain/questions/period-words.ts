import { localDateOf } from '../calendar.js';
import type { PeriodSpec } from '../periods.js';
import { MAX_TREND_MONTHS, type Today, type Unanswerable } from './period-found.js';
import { PATTERNS, type Quarters } from './period-patterns.js';

export { MAX_TREND_MONTHS } from './period-found.js';

/**
 * The period a question names ("last month", "October", "Q3", "yesterday", "since 1 Sept", "from 1 Nov
 * to 15 Nov", "last 6 months"), read from normalised text. A month, quarter or date without a year is
 * the most recent one that is not after today. Periods figures cannot answer ("tomorrow", "next month",
 * a date still to come) are reported with the reason, so the question is declined rather than answered
 * for the wrong time.
 */

export interface PeriodReading {
  /** The first period named, or null when the question names none. */
  period: PeriodSpec | null;
  /** "over the last 6 months": a trend over that many month-ends. */
  trendMonths: number | null;
  /** A period that cannot be answered, e.g. "next week", and why. */
  unsupported: Unanswerable | null;
  /** How many period phrases the question holds: two means one is compared with the other. */
  periodsNamed: number;
  /** Every period named, in the order said, with the words that said it. */
  periods: { period: PeriodSpec; said: string }[];
  /** The text with every period phrase blanked, so its numbers are not read as units or thresholds. */
  rest: string;
}

export function readPeriod(text: string, now: Date, timeZone: string, quarters: Quarters = 'calendar'): PeriodReading {
  const today = todayIn(now, timeZone);
  let rest = text;
  let first: { at: number; period: PeriodSpec } | null = null;
  let trendMonths: number | null = null;
  let unsupported: Unanswerable | null = null;
  const named: { at: number; period: PeriodSpec; said: string }[] = [];
  for (const { pattern, read } of PATTERNS) {
    for (const match of [...rest.matchAll(pattern)]) {
      const found = read(match, today, quarters);
      if (found === null) continue;
      if ('context' in found) {
        // When something else happens: read, and no period of the figures.
      } else if ('unsupported' in found) unsupported ??= found.unsupported;
      else if ('trendMonths' in found) trendMonths ??= found.trendMonths;
      else {
        named.push({ at: match.index, period: found.period, said: match[0].trim() });
        if (first === null || match.index < first.at) first = { at: match.index, period: found.period };
      }
      // Blank, not delete: positions stay comparable for "the first period named".
      rest = rest.slice(0, match.index) + ' '.repeat(match[0].length) + rest.slice(match.index + match[0].length);
    }
  }
  const periods = named.sort((a, b) => a.at - b.at).map(({ period, said }) => ({ period, said }));
  return {
    period: first?.period ?? null,
    trendMonths,
    unsupported,
    periodsNamed: periods.length,
    periods,
    rest: rest.replace(/\s+/g, ' ').trim(),
  };
}

/**
 * A trend over a period that ended before this month ("June to August", "Q3", "2025"), or of `months` months to
 * a month before this one ("the 12 months to October"): its months, through its last. Null for any other
 * period, whose trend runs through the current month (monthsCovered).
 */
export function endedTrendSpan(
  period: PeriodSpec,
  now: Date,
  timeZone: string,
  trendMonths: number | null = null,
): { months: number; through: { year: number; month: number } } | null {
  const { year, month } = todayIn(now, timeZone);
  if (trendMonths !== null) {
    if (period.kind !== 'month' || period.year * 12 + period.month >= year * 12 + month) return null;
    return { months: trendMonths, through: { year: period.year, month: period.month } };
  }
  const span =
    period.kind === 'range'
      ? { from: monthOf(period.from), to: monthOf(period.to) }
      : period.kind === 'quarter'
        ? { from: { year: period.year, month: period.quarter * 3 - 2 }, to: { year: period.year, month: period.quarter * 3 } }
        : period.kind === 'year'
          ? { from: { year: period.year, month: 1 }, to: { year: period.year, month: 12 } }
          : null;
  if (span === null || span.to.year * 12 + span.to.month >= year * 12 + month) return null;
  const months = (span.to.year - span.from.year) * 12 + (span.to.month - span.from.month) + 1;
  return months >= 1 && months <= MAX_TREND_MONTHS ? { months, through: span.to } : null;
}

function monthOf(date: string): { year: number; month: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)) };
}

/** How many month-ends a trend "since June" or "this year" covers: through the current month. */
export function monthsCovered(period: PeriodSpec, now: Date, timeZone: string): number | null {
  const { year, month } = todayIn(now, timeZone);
  const from =
    period.kind === 'month'
      ? { year: period.year, month: period.month }
      : period.kind === 'since' || period.kind === 'range'
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

function todayIn(now: Date, timeZone: string): Today {
  const [year, month, day] = localDateOf(now, timeZone).split('-').map(Number) as [number, number, number];
  return { year, month, day };
}
