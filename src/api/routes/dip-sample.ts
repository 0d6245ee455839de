import { dayText } from '../../domain/wording.js';
import { parseMonthParam } from '../../domain/periods.js';
import { quoted } from '../../domain/quoted-value.js';
import { dipSampleJson } from '../../service/dip-sample-json.js';
import { currentDipPeriod, dipSampleOf, type DipSampleDeps } from '../../service/dip-sample.js';
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
      switch (result.kind) {
        case 'unknown_unit':
          throw new HttpError(404, 'unknown_unit', `No unit with id ${quoted(unitId)}. GET /v1/units lists them.`);
        case 'not_drawn_yet':
          throw new HttpError(
            409,
            'not_drawn_yet',
            `The ${period} sample is drawn on ${dayText(result.drawOn)} ${result.drawOn.slice(0, 4)}: ask again from then, ` +
              'or give an earlier ?period=.',
            { drawOn: result.drawOn },
          );
        case 'below_level':
          throw new HttpError(
            422,
            'below_sample_level',
            `Dip samples are drawn per ${result.level}` +
              (result.sampledUnit ? `: ask for ${quoted(result.sampledUnit.id)} (${result.sampledUnit.name}).` : '.'),
          );
        case 'sample':
          res.send(200, dipSampleJson(result));
      }
    },
  };
}

function periodOf(query: Record<string, unknown>): string | undefined {
  const value = query.period;
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new HttpError(400, 'bad_request', 'Give ?period= once.');
  if (!parseMonthParam(value))
    throw new HttpError(400, 'bad_period', `period must be a month YYYY-MM, e.g. 2026-11 (got ${quoted(value)}).`);
  return value;
}
