import type { DipUnitLevel } from '../domain/dip-policy.js';
import type { LocalDate, Ratio, UnitRef } from '../domain/types.js';
import { dipAuditsOver } from './dip-audit-period.js';
import type { DipSampleDeps } from './dip-sample.js';

/**
 * The performance report's dip-sample section (issue 16, part 3): the month's audits of the unit, the same
 * figures as `GET /v1/units/{id}/dip-audits` for that month, counts only (the report holds no case: the
 * box-ticked cases are counted, never listed; their crime references are in the API and in chat).
 */
export type ReportDipAudits =
  | {
      state: 'drawn';
      period: string;
      /** Cases drawn, audits submitted, and drawn not submitted. */
      sampled: number;
      submitted: number;
      outstanding: number;
      /** The reviewers' answers over the submitted audits (null when the policy asks no such question). */
      codeCompliant: Ratio | null;
      goodService: Ratio | null;
      /** The records' fully-compliant figure over the same submitted cases. */
      dataFullyCompliant: Ratio;
      /** Submitted cases the records called fully compliant and the reviewer said were not Code compliant. */
      boxTicked: number;
    }
  /** The month's draw day has not come yet. */
  | { state: 'not_drawn_yet'; period: string; drawOn: LocalDate }
  /** The unit sits below the level samples are drawn at: its sample is part of `sampledUnit`'s. */
  | { state: 'below_level'; period: string; level: DipUnitLevel; sampledUnit: UnitRef | null };

export async function reportDipAudits(deps: DipSampleDeps, unitId: string, period: string): Promise<ReportDipAudits> {
  const result = await dipAuditsOver(deps, unitId, [period]);
  switch (result.kind) {
    case 'unknown_unit':
      throw new Error(`the report's unit ${unitId} has no dip sample: it is not in the unit tree`);
    case 'below_level':
      return { state: 'below_level', period, level: result.level, sampledUnit: result.sampledUnit };
    case 'not_drawn_yet':
      return { state: 'not_drawn_yet', period, drawOn: result.drawOn };
    case 'figures': {
      const f = result.figures;
      return {
        state: 'drawn',
        period,
        sampled: f.sampled,
        submitted: f.submitted,
        outstanding: f.outstanding,
        codeCompliant: f.codeCompliant,
        goodService: f.goodService,
        dataFullyCompliant: f.dataFullyCompliant,
        boxTicked: f.dataSaidCompliantReviewerSaidNot.length,
      };
    }
  }
}
