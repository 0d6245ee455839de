import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { readEvaluation } from './evaluation-params.js';
import { FIRST_PERIOD_YEAR, parseMonthParam, resolvePeriod, type ResolvedPeriod } from './periods.js';
import { quoted } from './quoted-value.js';

/**
 * The month of a performance report (`?period=YYYY-MM`, `--period`), read exactly as the figures API reads
 * its `?period=` (evaluation-params.ts, periods.ts): the snapshot at the end of the month, or now while it
 * runs, beside the end of the previous month. A report is of a month that has started: one still to come
 * has no figures of its own, so it is refused rather than answered at now.
 */

/** How many month-ends the report's trend shows, the report's month last. */
export const TREND_MONTHS = 12;

export interface ReportPeriod extends ResolvedPeriod {
  /** `YYYY-MM`, as asked. */
  param: string;
  /** The last TREND_MONTHS month-ends up to the report's month, oldest first, each as the figures API answers it. */
  trend: TrendMonth[];
}

/** "October 2026" (or "December 2026 so far"), "Oct 26" for a chart's axis, and the instant it is answered at. */
export interface TrendMonth {
  label: string;
  short: string;
  at: Date;
}

export type ReportPeriodReading = { ok: true; period: ReportPeriod } | { ok: false; problem: string };

export function readReportPeriod(value: string | undefined, now: Date, timeZone: string): ReportPeriodReading {
  if (value === undefined) return { ok: false, problem: 'is missing: give the month as YYYY-MM, e.g. 2026-10' };
  const reading = readEvaluation({ period: value }, now, timeZone);
  if (!reading.ok) return { ok: false, problem: reading.problem };
  const period = reading.period as ResolvedPeriod;
  const month = parseMonthParam(value) as { year: number; month: number };
  if ((period.start as Date).getTime() > now.getTime()) {
    const current = format(new TZDate(now.getTime(), timeZone), 'yyyy-MM');
    return {
      ok: false,
      problem: `${quoted(value)} has not started yet, so it has no figures: give this month (${current}) or an earlier one`,
    };
  }
  return { ok: true, period: { ...period, param: value, trend: trendMonths(month, now, timeZone) } };
}

function trendMonths(last: { year: number; month: number }, now: Date, timeZone: string): TrendMonth[] {
  const points: TrendMonth[] = [];
  for (let back = TREND_MONTHS - 1; back >= 0; back -= 1) {
    const index = last.year * 12 + (last.month - 1) - back;
    const year = Math.floor(index / 12);
    if (year < FIRST_PERIOD_YEAR) continue;
    const month = resolvePeriod({ kind: 'month', year, month: (index % 12) + 1 }, now, timeZone);
    const short = format(new TZDate((month.start as Date).getTime(), timeZone), 'MMM yy');
    points.push({ label: month.ended ? month.label : `${month.label} so far`, short, at: month.snapshotAt });
  }
  return points;
}
