import { ragFor } from '../../domain/figures.js';
import type { Policy } from '../../domain/policy.js';
import type { ObligationFigures } from '../../domain/obligations.js';
import type { ObligationId } from '../../domain/policy.js';
import type { DutyMetric, Metric } from '../../domain/questions/index.js';
import type { Ratio, UnitFigures } from '../../domain/types.js';
import type { OfficerFigures } from '../compliance-queries.js';
import type { FigureLine } from './answer-types.js';

/** Unit and officer figures read as lines for the metric asked about, with their RAG against the target. */

/** The obligation each later-duty metric reads. */
export const DUTY_OF_METRIC: Record<DutyMetric, ObligationId> = {
  referral: 'referral',
  written_acknowledgement: 'writtenAcknowledgement',
  decision_updates: 'decisionUpdates',
};

/** What a line's RAG is judged against. */
export type RagPolicy = Pick<Policy, 'targetRate' | 'amberMargin'>;

export function lineOf(figures: WithDuties<UnitFigures | OfficerFigures>, metric: Metric, policy: RagPolicy): FigureLine {
  return 'officer' in figures ? officerLine(figures, metric, policy) : unitLine(figures, metric, policy);
}

export function unitLine(figures: WithDuties<UnitFigures>, metric: Metric, policy: RagPolicy): FigureLine {
  const ratio = ratioOf(figures, metric);
  return {
    label: figures.unit.name,
    unitId: figures.unit.id,
    officerId: null,
    ...ratio,
    inBreach: ratio.total - ratio.compliant,
    rag: ragFor(ratio.rate, policy),
  };
}

export function officerLine(figures: OfficerFigures, metric: Metric, policy: RagPolicy): FigureLine {
  const ratio = ratioOf(figures, metric);
  return {
    label: figures.officer.name,
    unitId: null,
    officerId: figures.officer.id,
    ...ratio,
    inBreach: ratio.total - ratio.compliant,
    rag: ragFor(ratio.rate, policy),
  };
}

/** Percentage points, one decimal; null when either side had no live victims. */
export function changeOf(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null) return null;
  // Rates have one decimal: work in tenths so 87.5 - 85.4 is 2.1, not 2.0999999999999943.
  return (Math.round(current * 10) - Math.round(previous * 10)) / 10;
}

/**
 * Figures as the answers read them: for the Code's later duties (referral, written acknowledgement, key
 * decisions) with the per-duty `obligations` of the same evaluation (metric-figures.ts reads them so).
 */
export type WithDuties<F> = F & { obligations?: ObligationFigures };

function ratioOf(
  figures: WithDuties<Pick<UnitFigures, 'compliant' | 'total' | 'rate' | 'needsAssessment' | 'updates'>>,
  metric: Metric,
): Ratio {
  switch (metric) {
    case 'referral':
    case 'written_acknowledgement':
    case 'decision_updates':
      if (!figures.obligations) throw new Error(`figures for ${metric} were read without their obligations (see metric-figures.ts)`);
      return figures.obligations[DUTY_OF_METRIC[metric]];
    case 'needs_assessment':
      return figures.needsAssessment;
    case 'updates':
      return figures.updates;
    case 'overall':
      return { compliant: figures.compliant, total: figures.total, rate: figures.rate };
  }
}
