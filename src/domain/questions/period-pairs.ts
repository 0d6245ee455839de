import { addCalendarDays } from '../calendar.js';
import type { PeriodSpec } from '../periods.js';
import type { LocalDate } from '../types.js';

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
