import type { Request } from 'restify';
import { quoted } from '../../domain/quoted-value.js';
import { promiseFiguresAt, promiseFiguresForPeriod } from '../../service/promise-figures.js';
import { UnknownUnitError } from '../../domain/unknown-ids.js';
import type { ApiDeps } from '../api-deps.js';
import { HttpError } from '../../http/http-error.js';
import { evaluationFromQuery } from '../instant-params.js';
import type { Route } from '../../http/route.js';

/**
 * `GET /v1/units/{id}/compliance?at=ISO | ?period=YYYY-MM`: the unit's figures, with `obligations` (per duty
 * `{compliant, total, rate}` over the victims it applies to, product.md) and `promises: {kept, missed, open}`
 * (acknowledgements with a planned date, by state at that instant; GREY ones in none). A period answers the
 * snapshot at its end (or now if it has not ended) plus the previous period's figures, obligations and
 * promises included, for comparison.
 */
export function unitComplianceRoute(deps: ApiDeps): Route {
  return {
    method: 'get',
    path: '/v1/units/:unitId/compliance',
    protected: true,
    async handle(req, res) {
      const { at, period } = evaluationFromQuery(req.query ?? {}, deps.clock.now(), deps.policy.timeZone);
      const unitId = unitIdOf(req);
      const { figures, obligations } = await withUnit(unitId, () => deps.queries.figuresWithObligations(unitId, at));
      const target = { kind: 'unit', unitId } as const;
      if (!period) {
        res.send(200, { ...figures, obligations, promises: (await promiseFiguresAt(deps.queries, target, at)).promises });
        return;
      }
      const [previous, promises] = await Promise.all([
        deps.queries.figuresWithObligations(unitId, period.previousSnapshotAt),
        promiseFiguresForPeriod(deps.queries, target, period),
      ]);
      const { unit: _unit, ...previousFigures } = previous.figures;
      res.send(200, {
        ...figures,
        obligations,
        promises: promises.promises,
        period: { label: period.label, ended: period.ended },
        previous: {
          label: period.previousLabel,
          ...previousFigures,
          obligations: previous.obligations,
          promises: promises.previous.promises,
        },
      });
    },
  };
}

/** `GET /v1/units/{id}/breakdown?at=`: the same figures per child unit, and per officer for a team. */
export function unitBreakdownRoute(deps: ApiDeps): Route {
  return {
    method: 'get',
    path: '/v1/units/:unitId/breakdown',
    protected: true,
    async handle(req, res) {
      const { at } = evaluationFromQuery(req.query ?? {}, deps.clock.now(), deps.policy.timeZone);
      const unitId = unitIdOf(req);
      res.send(200, await withUnit(unitId, () => deps.queries.breakdown(unitId, at)));
    },
  };
}

/** `GET /v1/units/{id}/digest?at=`: what the unit's supervisor is asked to act on. */
export function unitDigestRoute(deps: ApiDeps): Route {
  return {
    method: 'get',
    path: '/v1/units/:unitId/digest',
    protected: true,
    async handle(req, res) {
      const { at } = evaluationFromQuery(req.query ?? {}, deps.clock.now(), deps.policy.timeZone);
      const unitId = unitIdOf(req);
      res.send(200, await withUnit(unitId, () => deps.queries.digest(unitId, at)));
    },
  };
}

/** The path's unit id. No unit id holds a NUL (imports refuse it, and the store cannot hold it). */
export function unitIdOf(req: Request): string {
  const unitId = String(req.params.unitId);
  if (unitId.includes('\u0000')) {
    throw new HttpError(
      400,
      'bad_unit_id',
      'The unit id contains the NUL character (%00), which no unit id has. GET /v1/units lists them.',
    );
  }
  return unitId;
}

async function withUnit<T>(unitId: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof UnknownUnitError) {
      throw new HttpError(404, 'unknown_unit', `No unit with id ${quoted(unitId)}. GET /v1/units lists them.`);
    }
    throw error;
  }
}

/** `GET /v1/units`: the unit tree, so callers can find ids. */
export function listUnitsRoute(deps: ApiDeps): Route {
  return {
    method: 'get',
    path: '/v1/units',
    protected: true,
    async handle(_req, res) {
      res.send(200, { units: await deps.queries.listUnits() });
    },
  };
}
