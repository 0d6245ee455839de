import type { ApiDeps } from '../api-deps.js';
import type { Route } from '../../http/route.js';
import { healthRoute, readinessRoute } from './health.js';
import { postRecordsRoute } from './post-records.js';
import { listUnitsRoute, unitBreakdownRoute, unitComplianceRoute, unitDigestRoute } from './unit-figures.js';

/** The compliance service's HTTP API. */
export function apiRoutes(deps: ApiDeps): Route[] {
  return [
    healthRoute(deps),
    readinessRoute(deps),
    postRecordsRoute(deps),
    listUnitsRoute(deps),
    unitComplianceRoute(deps),
    unitBreakdownRoute(deps),
    unitDigestRoute(deps),
  ];
}
