import type { DipSampleResult } from './dip-sample.js';

/**
 * A drawn sample as the API and `vcop dip-sample` answer it: each case by crime reference, category, team
 * and OIC, with how far its audit has got. No victim details: the sample is of cases.
 */
export function dipSampleJson(result: Extract<DipSampleResult, { kind: 'sample' }>): Record<string, unknown> {
  return {
    unit: result.unit,
    period: result.period,
    drawOn: result.drawOn,
    samples: result.samples.map((sample) => ({
      team: { id: sample.unit.id, name: sample.unit.name },
      asOf: sample.asOf.toISOString(),
      drawnAt: sample.drawnAt.toISOString(),
      cases: sample.cases.map((c) => ({
        crimeReference: c.caseId,
        category: c.category,
        team: { id: sample.unit.id, name: sample.unit.name },
        oic: c.oic,
        closedBeforeDraw: c.closedAt !== null,
        audit: {
          answered: c.audit.answered,
          submitted: c.audit.submittedAt !== null,
          submittedAt: c.audit.submittedAt?.toISOString() ?? null,
        },
      })),
    })),
  };
}
