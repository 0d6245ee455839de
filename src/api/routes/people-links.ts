import type { Route } from '../../http/route.js';
import { peopleLinksReport, type PeopleLinksReportDeps } from '../../service/people-links-report.js';

/**
 * `GET /v1/people/links`: people in the records with no Teams link yet, Teams users who could not be
 * matched (ids only, with the reason), and who does not receive digests and why (src/service/people-links-report.ts).
 */
export function peopleLinksRoute(deps: PeopleLinksReportDeps): Route {
  return {
    method: 'get',
    path: '/v1/people/links',
    protected: true,
    async handle(_req, res) {
      res.send(200, await peopleLinksReport(deps));
    },
  };
}
