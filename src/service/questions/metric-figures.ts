import { isDutyMetric, type Metric } from '../../domain/questions/index.js';
import type { UnitFigures } from '../../domain/types.js';
import type { ComplianceQueries } from '../compliance-queries.js';
import type { WithDuties } from './figure-lines.js';

/** What the answers read unit figures through. */
export type MetricQueries = Pick<ComplianceQueries, 'figuresForUnits' | 'figuresWithObligationsForUnits'>;

/**
 * Units' figures at one instant, in one pass, for the metric asked about: the Code's later duties come
 * with the per-duty obligations of the same evaluation (the figures contract's `obligations`).
 */
export async function unitFiguresFor(
  queries: MetricQueries,
  unitIds: readonly string[],
  at: Date,
  metric: Metric,
): Promise<WithDuties<UnitFigures>[]> {
  if (!isDutyMetric(metric)) return queries.figuresForUnits(unitIds, at);
  const read = await queries.figuresWithObligationsForUnits(unitIds, at);
  return read.map(({ figures, obligations }) => ({ ...figures, obligations }));
}
