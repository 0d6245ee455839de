import { readEvaluation, readInstant, type Evaluation } from '../domain/evaluation-params.js';
import { HttpError } from '../http/http-error.js';

export type { Evaluation };

/** `?at=ISO` or `?period=YYYY-MM` (mutually exclusive); neither means now. */
export function evaluationFromQuery(query: Record<string, unknown>, now: Date, timeZone: string): Evaluation {
  const reading = readEvaluation({ at: single(query, 'at'), period: single(query, 'period') }, now, timeZone);
  if (reading.ok) return { at: reading.at, period: reading.period };
  switch (reading.param) {
    case 'both':
      throw new HttpError(400, 'bad_request', 'Give either ?at= or ?period=, not both.');
    case 'period':
      throw new HttpError(400, 'bad_period', `period ${reading.problem}.`);
    case 'at':
      throw new HttpError(400, 'bad_instant', `at ${reading.problem}.`);
  }
}

/** `?at=` and `?since=`: the same reading as the records' timestamps and VCOP_NOW (src/domain/instant.ts). */
export function parseInstant(value: string, name = 'at'): Date {
  const parsed = readInstant(value);
  if (!parsed.ok) throw new HttpError(400, 'bad_instant', `${name} ${parsed.problem}.`);
  return parsed.instant;
}

function single(query: Record<string, unknown>, key: string): string | undefined {
  const value = query[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new HttpError(400, 'bad_request', `Give ?${key}= once.`);
  return value;
}
