import type { ResolvedPeriod } from '../domain/periods.js';
import type { PromiseCounts } from '../domain/types.js';
import type { ComplianceQueries } from './compliance-queries.js';

/**
 * Promise figures (issue 17): acknowledgements with a planned date, by state at an instant (kept, missed,
 * open; GREY ones in none), for the figures API, the CLI and answers to questions such as "how many
 * promises did my team miss this month?". A period is answered as the compliance figures are
 * (compliance-rules.md, "Period figures"): the snapshot at its end, or now while it runs, beside the same
 * figure at the end of the previous period. The caller has already decided that the asker may see the
 * target (scope-checks.ts for a question, the API token for the API).
 */

/** A unit's subtree, or an officer's cases (inside one unit's subtree only, as someone else sees them). */
export type PromiseTarget = { kind: 'unit'; unitId: string } | { kind: 'officer'; officerId: string; withinUnitId?: string };

export type PromiseQueries = Pick<ComplianceQueries, 'promiseCounts' | 'officerPromiseCounts'>;

export interface PromiseFigures {
  /** The instant the promises were graded at. */
  at: Date;
  promises: PromiseCounts;
}

export interface PeriodPromiseFigures extends PromiseFigures {
  /** The same at the end of the previous period of the same length. */
  previous: PromiseFigures;
}

/** The target's promises by state at `at`. Throws UnknownUnitError / UnknownPersonError for an id not in the store. */
export async function promiseFiguresAt(queries: PromiseQueries, target: PromiseTarget, at: Date): Promise<PromiseFigures> {
  const promises =
    target.kind === 'unit'
      ? await queries.promiseCounts(target.unitId, at)
      : await queries.officerPromiseCounts(target.officerId, at, target.withinUnitId);
  return { at, promises };
}

/** The target's promises for a period (periods.ts resolvePeriod): at its snapshot, and at the previous one. */
export async function promiseFiguresForPeriod(
  queries: PromiseQueries,
  target: PromiseTarget,
  period: Pick<ResolvedPeriod, 'snapshotAt' | 'previousSnapshotAt'>,
): Promise<PeriodPromiseFigures> {
  const [current, previous] = await Promise.all([
    promiseFiguresAt(queries, target, period.snapshotAt),
    promiseFiguresAt(queries, target, period.previousSnapshotAt),
  ]);
  return { ...current, previous };
}
