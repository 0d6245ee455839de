import { parseIsoInstant } from '../domain/instant.js';
import { FIRST_PERIOD_YEAR, parseMonthParam, resolvePeriod, type ResolvedPeriod } from '../domain/periods.js';
import { HttpError } from './http-error.js';
import { quoted } from '../domain/quoted-value.js';

export type Evaluation = { at: Date; period: ResolvedPeriod | null };

/** `?at=ISO` or `?period=YYYY-MM` (mutually exclusive); neither means now. */
export function evaluationFromQuery(
  query: Record<string, unknown>,
  now: Date,
  timeZone: string,
): Evaluation {
  const at = single(query, 'at');
  const period = single(query, 'period');
  if (at !== undefined && period !== undefined) {
    throw new HttpError(400, 'bad_request', 'Give either ?at= or ?period=, not both.');
  }
  if (period !== undefined) {
    const month = parseMonthParam(period);
    if (!month) {
      throw new HttpError(400, 'bad_period', `period ${quoted(period)} is not a month from ${FIRST_PERIOD_YEAR}-01 to 9999-12: use YYYY-MM, e.g. 2026-10.`);
    }
    const resolved = resolvePeriod({ kind: 'month', year: month.year, month: month.month }, now, timeZone);
    return { at: resolved.snapshotAt, period: resolved };
  }
  return { at: at === undefined ? now : parseInstant(at), period: null };
}

/** `?at=` and `?since=`: the same reading as the records' timestamps and VCOP_NOW (src/domain/instant.ts). */
export function parseInstant(value: string, name = 'at'): Date {
  const parsed = parseIsoInstant(value);
  if (!parsed.ok) {
    throw new HttpError(400, 'bad_instant', `${name} ${quoted(value)} ${parsed.problem}.`);
  }
  return parsed.instant;
}

function single(query: Record<string, unknown>, key: string): string | undefined {
  const value = query[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new HttpError(400, 'bad_request', `Give ?${key}= once.`);
  return value;
}
