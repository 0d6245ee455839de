/**
 * The figures cache (src/service/cached-compliance-queries.ts) beside the full evaluation it stands in for,
 * in the same run on the same store: a unit's figures now and at the end of last month.
 *
 * Honest about "now": the cached runs ask at a new instant each time (one second later than the last), as
 * people asking through the day do; the service's fixed clock would otherwise make every run the same key.
 * Also timed: the first answer after an import committed (the data version moved: the cache evaluates again "now"),
 * and last month end's after it (the import's contact is this month's: last month's answer is kept across it).
 */
import type { AppServices } from '../src/app.js';
import { localDateOf } from '../src/domain/calendar.js';
import { resolvePeriod } from '../src/domain/periods.js';
import type { UnitNode } from '../src/domain/types.js';
import { SqlComplianceQueries } from '../src/store/sql-compliance-queries.js';
import { percentile, timeRuns } from './timing.js';

/** Runs of the full evaluation (seconds each at 500k victims) and of the cached answer. */
const FULL_RUNS = 5;
const CACHED_RUNS = 15;

export type CacheLabel = 'team' | 'command' | 'force';

export interface CacheRow {
  label: CacheLabel;
  nowFullP50: number;
  nowCachedP50: number;
  nowCachedP95: number;
  monthEndFullP50: number;
  monthEndCachedP50: number;
  firstAfterImportMs: number;
  monthEndAfterImportMs: number;
}

export async function benchFiguresCache(
  services: Pick<AppServices, 'db' | 'policy' | 'queries' | 'importNdjson'>,
  units: Record<CacheLabel, UnitNode>,
  now: Date,
): Promise<CacheRow[]> {
  const full = new SqlComplianceQueries(services.db, services.policy);
  const cached = services.queries;
  const [year, month] = localDateOf(now, services.policy.timeZone).split('-').map(Number) as [number, number];
  const lastMonth = month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };
  const monthEnd = resolvePeriod({ kind: 'month', ...lastMonth }, now, services.policy.timeZone).snapshotAt;
  const [victim] = await services.db.query<{ id: string }>('select id from victims order by id limit 1');
  const [person] = await services.db.query<{ id: string }>('select id from people order by id limit 1');
  let tick = 0;
  const later = () => new Date(now.getTime() + ++tick * 1000);
  const rows: CacheRow[] = [];
  for (const label of ['team', 'command', 'force'] as const) {
    const unitId = units[label].id;
    const nowFull = await timeRuns(() => full.figures(unitId, now), FULL_RUNS);
    const nowCached = await timeRuns(() => cached.figures(unitId, later()), CACHED_RUNS);
    const monthEndFull = await timeRuns(() => full.figures(unitId, monthEnd), FULL_RUNS);
    const monthEndCached = await timeRuns(() => cached.figures(unitId, monthEnd), CACHED_RUNS);
    const contact = {
      type: 'contact',
      id: `BENCH-${label}`,
      victimId: victim?.id,
      at: new Date(now.getTime() - 3_600_000).toISOString(),
      kind: 'update',
      method: 'phone',
      byId: person?.id,
    };
    const imported = await services.importNdjson(
      (async function* () {
        yield JSON.stringify(contact);
      })(),
    );
    if (!imported.ok) throw new Error(`the bench's one-contact import failed: ${JSON.stringify(imported.errors)}`);
    const started = performance.now();
    await cached.figures(unitId, later());
    const firstAfterImportMs = performance.now() - started;
    const monthEndStarted = performance.now();
    await cached.figures(unitId, monthEnd);
    const monthEndAfterImportMs = performance.now() - monthEndStarted;
    rows.push({
      label,
      nowFullP50: percentile(nowFull, 50),
      nowCachedP50: percentile(nowCached, 50),
      nowCachedP95: percentile(nowCached, 95),
      monthEndFullP50: percentile(monthEndFull, 50),
      monthEndCachedP50: percentile(monthEndCached, 50),
      firstAfterImportMs,
      monthEndAfterImportMs,
    });
  }
  return rows;
}
