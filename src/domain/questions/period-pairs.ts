import { addCalendarDays, localDateOf } from '../calendar.js';
import type { PeriodSpec } from '../periods.js';
import type { LocalDate } from '../types.js';
import type { PeriodReading } from './period-words.js';
import type { Understanding } from './types.js';

/**
 * Two periods named in one question ("better in October than September", "this quarter vs last",
 * "October vs November so far"). Every figure answer sets its period beside the one just before it, so
 * two periods next to each other are answered as the later one, whichever was said first. Two periods
 * apart ("June vs October") cannot be one answer: the question is declined with the reason, never
 * answered for the first period beside a period nobody asked about.
 */

export type PeriodPair =
  | { kind: 'adjacent'; later: PeriodSpec }
  | { kind: 'apart' }
  /** Not two periods of a length that has a previous one ("since 1 Sept" beside "October"). */
  | { kind: 'other' };

export function pairOf(first: PeriodSpec, second: PeriodSpec, today: LocalDate): PeriodPair {
  // "The end of last month vs now": an answer for now is set beside the end of last month.
  const [year, month] = today.split('-').map(Number) as [number, number];
  const lastMonth = (spec: PeriodSpec) =>
    spec.kind === 'month' && (month === 1 ? spec.year === year - 1 && spec.month === 12 : spec.year === year && spec.month === month - 1);
  if ((first.kind === 'now' && lastMonth(second)) || (second.kind === 'now' && lastMonth(first)))
    return { kind: 'adjacent', later: { kind: 'now' } };
  const before = (spec: PeriodSpec) => previousOf(spec, today);
  const firstBefore = before(first);
  const secondBefore = before(second);
  if (firstBefore === null || secondBefore === null) return { kind: 'other' };
  if (sameLength(first, second, today)) {
    if (same(firstBefore, second, today)) return { kind: 'adjacent', later: first };
    if (same(secondBefore, first, today)) return { kind: 'adjacent', later: second };
  }
  return { kind: 'apart' };
}

/** The period of the same length just before: null for now, "since" and ranges, which have none said. */
function previousOf(spec: PeriodSpec, today: LocalDate): PeriodSpec | null {
  switch (spec.kind) {
    case 'month':
      return spec.month === 1
        ? { kind: 'month', year: spec.year - 1, month: 12 }
        : { kind: 'month', year: spec.year, month: spec.month - 1 };
    case 'quarter':
      return spec.quarter === 1
        ? { kind: 'quarter', year: spec.year - 1, quarter: 4 }
        : { kind: 'quarter', year: spec.year, quarter: (spec.quarter - 1) as 1 | 2 | 3 };
    case 'year':
      return { kind: 'year', year: spec.year - 1 };
    case 'week':
      return { kind: 'week', offset: spec.offset - 1 };
    case 'day':
      return { kind: 'day', date: addCalendarDays(spec.date, -1) };
    case 'today':
      return { kind: 'day', date: addCalendarDays(today, -1) };
    case 'now':
    case 'since':
    case 'range':
      return null;
  }
}

/** Lengths compared with "today" read as the day it is. */
function sameLength(a: PeriodSpec, b: PeriodSpec, today: LocalDate): boolean {
  return asDay(a, today).kind === asDay(b, today).kind;
}

function same(a: PeriodSpec, b: PeriodSpec, today: LocalDate): boolean {
  return JSON.stringify(asDay(a, today)) === JSON.stringify(asDay(b, today));
}

function asDay(spec: PeriodSpec, today: LocalDate): PeriodSpec {
  return spec.kind === 'today' ? { kind: 'day', date: today } : spec;
}

/** Said between two periods next to each other: "better in October than September", "November so far". */
const PAIR_WORDS = /\b(?:better|worse|higher|lower)(?: or (?:better|worse|higher|lower))?\b|\bthan\b|\bso far\b|\bagainst\b/g;

/**
 * Two periods next to each other are read as the later (its answer carries the one before, period-pairs.ts);
 * two apart are declined with the reason, never answered for the first beside a period nobody asked about.
 */
export function periodPair(
  reading: PeriodReading,
  now: Date,
  timeZone: string,
): { kind: 'one'; reading: PeriodReading } | { kind: 'apart'; declined: Understanding } {
  const [first, second] = reading.periods;
  if (reading.periods.length !== 2 || first === undefined || second === undefined || reading.trendMonths !== null) {
    return { kind: 'one', reading };
  }
  const pair = pairOf(first.period, second.period, localDateOf(now, timeZone));
  if (pair.kind === 'adjacent')
    return { kind: 'one', reading: { ...reading, period: pair.later, rest: reading.rest.replace(PAIR_WORDS, ' ') } };
  if (pair.kind === 'other') return { kind: 'one', reading };
  const reason =
    `"${first.said}" and "${second.said}" are not next to each other: a figure is answered beside the period just before it ` +
    '(October beside September, this quarter beside the last), so ask for each in turn.';
  return { kind: 'apart', declined: { kind: 'cannot_answer', said: `${first.said} … ${second.said}`, reason, hint: PAIR_HINT } };
}
const PAIR_HINT = 'Ask for one period at a time, e.g. "June" and then "October", or for the trend, e.g. "trend since June".';
