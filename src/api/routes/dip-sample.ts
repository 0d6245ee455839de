import { dayText } from '../../domain/wording.js';
import { parseMonthParam } from '../../domain/periods.js';
import { quoted } from '../../domain/quoted-value.js';
import { dipAuditFigures } from '../../service/dip-audit-figures.js';
import { dipSampleJson } from '../../service/dip-sample-json.js';
import { currentDipPeriod, dipSampleOf, type DipSampleDeps, type DipSampleResult } from '../../service/dip-sample.js';
import { HttpError } from '../../http/http-error.js';
import type { Route } from '../../http/route.js';

/**
 * `GET /v1/units/{id}/dip-sample?period=YYYY-MM` (issue 16): the month's dip sample of the unit, each case
 * by crime reference, category, team and OIC, with how far its audit has got. A command's sample is its
 * teams' samples. Without `period`, the current month once its draw day has come, else the month before.
 * No victim details: the sample is of cases.
 */
export function dipSampleRoute(deps: DipSampleDeps): Route {
  return {
    method: 'get',
    path: '/v1/units/:unitId/dip-sample',
    protected: true,
    async handle(req, res) {
      const unitId = String(req.params.unitId);
      const period = periodOf((req.query ?? {}) as Record<string, unknown>) ?? currentDipPeriod(deps);
      const result = await dipSampleOf(deps, unitId, period);
      if (result.kind !== 'sample') throw sampleProblem(result, unitId, period);
      res.send(200, dipSampleJson(result));
    },
  };
}

/**
 * `GET /v1/units/{id}/dip-audits?period=YYYY-MM`: the audit figures of the month's sample (submitted audits
 * only): % Code compliant, % good service and each question, beside the records' fully-compliant figure
 * for the same cases, and the cases the records called compliant and the reviewer did not.
 */
export function dipAuditFiguresRoute(deps: DipSampleDeps): Route {
  return {
    method: 'get',
    path: '/v1/units/:unitId/dip-audits',
    protected: true,
    async handle(req, res) {
      const unitId = String(req.params.unitId);
      const period = periodOf((req.query ?? {}) as Record<string, unknown>) ?? currentDipPeriod(deps);
      const result = await dipAuditFigures(deps, unitId, period);
      if (result.kind !== 'figures') throw sampleProblem(result, unitId, period);
      res.send(200, result.figures);
    },
  };
}

function sampleProblem(result: Exclude<DipSampleResult, { kind: 'sample' }>, unitId: string, period: string): HttpError {
  switch (result.kind) {
    case 'unknown_unit':
      return new HttpError(404, 'unknown_unit', `No unit with id ${quoted(unitId)}. GET /v1/units lists them.`);
    case 'not_drawn_yet':
      return new HttpError(
        409,
        'not_drawn_yet',
        `The ${period} sample is drawn on ${dayText(result.drawOn)} ${result.drawOn.slice(0, 4)}: ask again from then, ` +
          'or give an earlier ?period=.',
        { drawOn: result.drawOn },
      );
    case 'below_level':
      return new HttpError(
        422,
        'below_sample_level',
        `Dip samples are drawn per ${result.level}` +
          (result.sampledUnit ? `: ask for ${quoted(result.sampledUnit.id)} (${result.sampledUnit.name}).` : '.'),
      );
  }
}

function periodOf(query: Record<string, unknown>): string | undefined {
  const value = query.period;
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new HttpError(400, 'bad_request', 'Give ?period= once.');
  if (!parseMonthParam(value))
    throw new HttpError(400, 'bad_period', `period must be a month YYYY-MM, e.g. 2026-11 (got ${quoted(value)}).`);
  return value;
}
