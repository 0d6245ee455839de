/**
 * The one reading of an ISO 8601 instant, shared by the records (records-format.md: "ISO 8601 with an
 * offset"), `VCOP_NOW` and the API's `?at=` / `?since=`: what one accepts, all accept.
 *
 * Accepted: `YYYY-MM-DDTHH:MM[:SS[.fraction]]` then `Z` or an extended offset `±HH:MM`. The basic offset
 * `+0100` is refused everywhere (ISO 8601 does not mix an extended date with a basic offset, and RFC 3339
 * has no such form), with a message saying to write `+01:00`. The store (PostgreSQL timestamptz) must be
 * able to hold it: offsets up to ±15:59, and a UTC year from 0001 to 9999.
 */

export const ISO_INSTANT_EXAMPLES = '2026-10-01T09:12:00+01:00 or 2026-10-01T08:12:00Z';
/** What a basic offset (`+0100`) is told. */
const COLON = `must write its offset with a colon, e.g. +01:00 rather than +0100 (ISO 8601 with an offset, e.g. ${ISO_INSTANT_EXAMPLES})`;

/** Why a value is not an instant, worded to follow the thing it is about ("field 'at' ...", "VCOP_NOW: ..."). */
export type InstantParse = { ok: true; instant: Date } | { ok: false; problem: string };

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):(\d{2}))$/;
const BASIC_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?[+-]\d{4}$/;

const MINUTE_MS = 60_000;
const MAX_OFFSET_MINUTES = 15 * 60 + 59;

export function parseIsoInstant(value: string): InstantParse {
  const match = SHAPE.exec(value);
  if (!match) {
    if (BASIC_OFFSET.test(value)) {
      return {
        ok: false,
        problem: COLON,
      };
    }
    return { ok: false, problem: `must be an ISO 8601 date and time with an offset, e.g. ${ISO_INSTANT_EXAMPLES}` };
  }
  const [year, month, day, hour, minute] = match.slice(1, 6).map(Number) as [number, number, number, number, number];
  const second = Number(match[6] ?? '0');
  const millisecond = Number((match[7] ?? '0').padEnd(3, '0').slice(0, 3));
  const lastDayOfMonth = month >= 1 && month <= 12 ? daysInMonth(year, month) : 0;
  if (year < 1 || day < 1 || day > lastDayOfMonth || hour > 23 || minute > 59 || second > 59) {
    return {
      ok: false,
      problem: 'is not a real date and time: check the day exists in that month, hours run 00-23, minutes and seconds 00-59',
    };
  }
  let offsetMinutes = 0;
  if (match[8] !== 'Z') {
    const hours = Number(match[10]);
    const minutes = Number(match[11]);
    if (minutes > 59 || hours * 60 + minutes > MAX_OFFSET_MINUTES) {
      return {
        ok: false,
        problem:
          `has the offset ${match[8]}, which is out of range: offsets run from -15:59 to +15:59 (real ones ` +
          `from -12:00 to +14:00), e.g. +01:00 or Z`,
      };
    }
    offsetMinutes = (match[9] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  const local = new Date(0);
  local.setUTCFullYear(year, month - 1, day);
  local.setUTCHours(hour, minute, second, millisecond);
  const instant = new Date(local.getTime() - offsetMinutes * MINUTE_MS);
  const utcYear = instant.getUTCFullYear();
  if (utcYear < 1 || utcYear > 9999) {
    return { ok: false, problem: 'falls outside the years 0001 to 9999 (in UTC), which is all the store can hold: check the year' };
  }
  return { ok: true, instant };
}

/** True for a real calendar instant written as ISO 8601 with an offset that the store can hold. */
export function isIsoInstant(value: string): boolean {
  return parseIsoInstant(value).ok;
}

function daysInMonth(year: number, month: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
}
