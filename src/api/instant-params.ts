import { isValid, parseISO } from 'date-fns';
import { parseMonthParam, resolvePeriod, type ResolvedPeriod } from '../domain/periods.js';
import { HttpError } from './http-error.js';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

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
      throw new HttpError(400, 'bad_period', `period '${period}' is not a month: use YYYY-MM, e.g. 2026-10.`);
    }
    const resolved = resolvePeriod({ kind: 'month', year: month.year, month: month.month }, now, timeZone);
    return { at: resolved.snapshotAt, period: resolved };
  }
  return { at: at === undefined ? now : parseInstant(at), period: null };
}

export function parseInstant(value: string): Date {
  // parseISO, unlike Date, refuses impossible dates such as 30 February.
  const instant = ISO_INSTANT.test(value) ? parseISO(value) : null;
  if (!instant || !isValid(instant)) {
    throw new HttpError(
      400,
      'bad_instant',
      `at '${value}' is not an ISO 8601 instant with an offset: use e.g. 2026-11-20T07:00:00Z or 2026-07-01T08:00:00+01:00.`,
    );
  }
  return instant;
}

function single(query: Record<string, unknown>, key: string): string | undefined {
  const value = query[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new HttpError(400, 'bad_request', `Give ?${key}= once.`);
  return value;
}
