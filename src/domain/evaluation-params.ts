import { parseIsoInstant } from './instant.js';
import { FIRST_PERIOD_YEAR, parseMonthParam, resolvePeriod, type ResolvedPeriod } from './periods.js';
import { quoted } from './quoted-value.js';

/** The instant a figure is evaluated at: given, the end of a month, or now. */
export type Evaluation = { at: Date; period: ResolvedPeriod | null };

/** What was wrong, naming the parameter so that each edge can say it its own way (`?at=`, `--at`). */
export type EvaluationProblem = { param: 'at' | 'period' | 'both'; problem: string };

export type EvaluationReading = ({ ok: true } & Evaluation) | ({ ok: false } & EvaluationProblem);

/**
 * `at` (ISO 8601 with an offset) or `period` (`YYYY-MM`), never both; neither means now. The API's
 * `?at=`/`?period=` and the CLI's `--at`/`--period` read through this one function.
 */
export function readEvaluation(
  input: { at?: string | undefined; period?: string | undefined },
  now: Date,
  timeZone: string,
): EvaluationReading {
  if (input.at !== undefined && input.period !== undefined)
    return { ok: false, param: 'both', problem: 'give either a time or a period, not both' };
  if (input.period !== undefined) {
    const month = parseMonthParam(input.period);
    if (!month) {
      return {
        ok: false,
        param: 'period',
        problem: `${quoted(input.period)} is not a month from ${FIRST_PERIOD_YEAR}-01 to 9999-12: use YYYY-MM, e.g. 2026-10`,
      };
    }
    const resolved = resolvePeriod({ kind: 'month', year: month.year, month: month.month }, now, timeZone);
    return { ok: true, at: resolved.snapshotAt, period: resolved };
  }
  if (input.at === undefined) return { ok: true, at: now, period: null };
  const instant = readInstant(input.at);
  return instant.ok ? { ok: true, at: instant.instant, period: null } : { ok: false, param: 'at', problem: instant.problem };
}

/** One instant, as the records, VCOP_NOW and `?at=` read it; the problem quotes the value. */
export function readInstant(value: string): { ok: true; instant: Date } | { ok: false; problem: string } {
  const parsed = parseIsoInstant(value);
  return parsed.ok ? parsed : { ok: false, problem: `${quoted(value)} ${parsed.problem}` };
}
