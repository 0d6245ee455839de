import type { WorkingDays } from '../domain/calendar.js';
import type { Db } from './db.js';

/** Shared with nothing else: replicas starting together rebuild one after the other. */
const CALENDAR_LOCK_KEY = 7_310_043;
const DAY_MS = 86_400_000;

/**
 * Rewrites `working_calendar` for 1 Jan `fromYear` .. 31 Dec `toYear` from the domain calendar, so the
 * set-based evaluation adds working days with one indexed join instead of a loop. A few thousand rows.
 * A calendar that is already the one stored is left untouched: every process rebuilds it at start, and a
 * rewrite would move the data version (migration 210) and empty every replica's kept figures for nothing.
 */
export async function rebuildWorkingCalendar(
  db: Db,
  workingDays: Pick<WorkingDays, 'isWorkingDay'>,
  fromYear: number,
  toYear: number,
): Promise<void> {
  if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || fromYear > toYear) {
    throw new Error(`working calendar years must be whole and in order (got ${fromYear}..${toYear})`);
  }
  const dates: string[] = [];
  const working: boolean[] = [];
  const indexes: number[] = [];
  let index = 0;
  const end = Date.UTC(toYear, 11, 31);
  for (let day = Date.UTC(fromYear, 0, 1); day <= end; day += DAY_MS) {
    const date = new Date(day).toISOString().slice(0, 10);
    const isWorking = workingDays.isWorkingDay(date);
    if (isWorking) index += 1;
    dates.push(date);
    working.push(isWorking);
    indexes.push(index);
  }
  await db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [CALENDAR_LOCK_KEY]);
    const [same] = await tx.query<{ same: boolean }>(
      `select (select count(*) from working_calendar) = $4::int
          and not exists (select * from unnest($1::date[], $2::boolean[], $3::int[]) as n (date, is_working, working_day_index)
                          except select date, is_working, working_day_index from working_calendar) as same`,
      [dates, working, indexes, dates.length],
    );
    if (same?.same) return;
    await tx.exec('delete from working_calendar');
    await tx.query(
      `insert into working_calendar (date, is_working, working_day_index)
       select * from unnest($1::date[], $2::boolean[], $3::int[])`,
      [dates, working, indexes],
    );
  });
}
