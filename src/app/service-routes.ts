import { dipAuditFiguresRoute, dipSampleRoute } from '../api/routes/dip-sample.js';
import { peopleLinksRoute } from '../api/routes/people-links.js';
import { unitReportRoute } from '../api/routes/unit-report.js';
import type { Route } from '../http/route.js';
import type { ServiceContext } from '../service/service-context.js';
import { PeopleLinksStore } from '../store/people-links-store.js';

/**
 * The /v1 routes built over the services themselves (not the figures' ApiDeps): people links, the dip sample and
 * its audit figures, and the performance report (its dip-sample section reads the store).
 */
export function serviceRoutes(services: ServiceContext): Route[] {
  return [
    peopleLinksRoute({ store: new PeopleLinksStore(services.db), clock: services.clock }),
    dipSampleRoute(services),
    dipAuditFiguresRoute(services),
    unitReportRoute(services),
  ];
}
